#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of blind evaluation set F (bench/blind-f/set-f.yaml).
#
#   bench/blind-f/fetch-corpus.sh [DEST]
#   bench/blind-f/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-f.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/doc/valgrind/html/manual-core-adv.html), the four gzipped documents are
# gunzipped next to their .gz, the tree is pruned to the chosen documents, and the
# hand-written pages in bench/blind-f/news/ are copied to DEST/news/. The result is checked
# file by file against bench/blind-f/corpus.sha256, so DEST holds exactly the corpus the
# questions were written against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set F's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm", main). None of them is used by set A, B, C, D or E.
# valgrind, likwid, rocm-smi and environment-modules are architecture-specific packages (the
# host's architecture is downloaded); the documents kept from them are
# architecture-independent.
PACKAGES=(
  "valgrind=1:3.19.0-1"
  "pocl-doc=3.1-3+deb12u1"
  "music-doc=1.1.16-1.1"
  "likwid=5.2.2+dfsg1-1"
  "rocm-smi=5.2.3-2"
  "python-dask-doc=2022.12.1+dfsg-2"
  "python-distributed-doc=2022.12.1+ds.1-3"
  "environment-modules=5.2.0-1"
)

# Shipped gzipped; the plain file is written next to the .gz and kept instead of it.
GUNZIP=(
  "usr/share/doc/music-doc/music-manual.pdf.gz"
  "usr/share/doc/likwid/README.md.gz"
  "usr/share/doc/rocm-smi/README.md.gz"
  "usr/share/doc/environment-modules/MIGRATING.txt.gz"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
V=usr/share/doc/valgrind/html
P=usr/share/doc/pocl-doc/html
D=usr/share/doc/python-dask-doc/html
W=usr/share/doc/python-distributed-doc/html
KEEP=(
  "$V/quick-start.html"
  "$V/manual-core-adv.html"
  "$V/mc-manual.html"
  "$V/ms-manual.html"
  "$P/using.html"
  "$P/cuda.html"
  "$P/debug.html"
  "$P/faq.html"
  "$P/install.html"
  "$P/memory_management.html"
  "usr/share/doc/music-doc/music-manual.pdf"
  "usr/share/doc/likwid/README.md"
  "usr/share/doc/rocm-smi/README.md"
  "$D/deploying-hpc.html"
  "$D/gpu.html"
  "$D/array-chunks.html"
  "$D/best-practices.html"
  "$D/deploying-cli.html"
  "$W/worker-memory.html"
  "$W/resources.html"
  "$W/killed.html"
  "usr/share/doc/environment-modules/MIGRATING.txt"
)
# Nothing kept is dropped again.
DROP=()

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "blind corpus F" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-f" "$@"
