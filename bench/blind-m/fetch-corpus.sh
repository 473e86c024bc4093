#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of blind evaluation set M (bench/blind-m/set-m.yaml).
#
#   bench/blind-m/fetch-corpus.sh [DEST]
#   bench/blind-m/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-m.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/doc/hmmer/Userguide.pdf), the gzipped documents are gunzipped next to
# their .gz, the tree is pruned to the chosen documents, and the hand-written pages in
# bench/blind-m/news/ are copied to DEST/news/. The result is checked file by file against
# bench/blind-m/corpus.sha256, so DEST holds exactly the corpus the questions were written
# against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set M's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm", main). None of them is used by set A, B, C, D, E,
# F, G, H, I, J, K or L. rclone, libbenchmark-dev and libgoogle-perftools-dev are
# architecture-specific packages (the host's architecture is downloaded); the documents kept
# from them are architecture-independent. rclone (about 14.6 MB, mostly the binary) is by
# far the largest download although only its one-page HTML manual is kept.
PACKAGES=(
  "clang-14-doc=1:14.0.6-12"
  "rclone=1.60.1+dfsg-2+b5"
  "libbenchmark-dev=1.7.1-1"
  "libgoogle-perftools-dev=2.10-1"
  "hmmer-doc=3.3.2+dfsg-1"
)

# Shipped gzipped; the plain file is written next to the .gz and kept instead of it.
B=usr/share/doc/libbenchmark-dev
G=usr/share/doc/gperftools
GUNZIP=(
  "$B/README.md.gz"
  "$B/benchmark/user_guide.md.gz"
  "$B/benchmark/tools.md.gz"
  "$B/benchmark/AssemblyTests.md.gz"
  "$G/README.gz"
  "$G/NEWS.gz"
  "usr/share/doc/hmmer/Userguide.pdf.gz"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
C=usr/share/doc/clang-14/html
KEEP=(
  "$C/index.html"
  "$C/UsersManual.html"
  "$C/OpenMPSupport.html"
  "$C/AddressSanitizer.html"
  "$C/ThreadSanitizer.html"
  "$C/MemorySanitizer.html"
  "$C/LeakSanitizer.html"
  "$C/UndefinedBehaviorSanitizer.html"
  "$C/SourceBasedCodeCoverage.html"
  "$C/ThinLTO.html"
  "$C/CrossCompilation.html"
  "$C/ClangOffloadBundler.html"
  "$C/SYCLSupport.html"
  "$C/OpenCLSupport.html"
  "$C/Toolchain.html"
  "$C/FAQ.html"
  "$C/CommandGuide/clang.html"
  "$C/ReleaseNotes.html"
  "usr/share/doc/rclone/MANUAL.html"
  "$B/README.md"
  "$B/benchmark/*.md"
  "$G/README"
  "$G/NEWS"
  "$G/index.html"
  "$G/cpuprofile.html"
  "$G/cpuprofile-fileformat.html"
  "$G/heapprofile.html"
  "$G/heap_checker.html"
  "$G/tcmalloc.html"
  "$G/pprof_remote_servers.html"
  "usr/share/doc/libgoogle-perftools-dev/README.Debian"
  "usr/share/doc/hmmer/Userguide.pdf"
)
DROP=()

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "blind corpus M" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-m" "$@"
