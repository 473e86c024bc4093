#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of blind evaluation set B (bench/blind-b/set-b.yaml).
#
#   bench/blind-b/fetch-corpus.sh [DEST]
#   bench/blind-b/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-b.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/doc/libhwloc-dev/html/a00361.html), pruned to the chosen documents, the
# gzipped GNU parallel PDFs are gunzipped, and the hand-written pages in bench/blind-b/news/
# are copied to DEST/news/. The result is checked file by file against
# bench/blind-b/corpus.sha256, so DEST holds exactly the corpus the questions were written
# against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set B's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm", main). None of them is used by set A.
PACKAGES=(
  "libhwloc-doc=2.9.0-1"
  "libfftw3-doc=3.3.10-1"
  "parallel=20221122+ds-2"
)

# Shipped gzipped; the corpus holds the plain PDF next to where the .gz was.
GUNZIP=(
  "usr/share/doc/parallel/parallel.pdf.gz"
  "usr/share/doc/parallel/parallel_tutorial.pdf.gz"
  "usr/share/doc/parallel/parallel_design.pdf.gz"
  "usr/share/doc/parallel/sem.pdf.gz"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
KEEP=(
  "usr/share/doc/libhwloc-dev/html/index.html"
  "usr/share/doc/libhwloc-dev/html/a00*.html"
  "usr/share/doc/libfftw3-dev/html/*.html"
  "usr/share/doc/libfftw3-dev/fftw-faq.html/*.html"
  "usr/share/doc/parallel/parallel.pdf"
  "usr/share/doc/parallel/parallel_tutorial.pdf"
  "usr/share/doc/parallel/parallel_design.pdf"
  "usr/share/doc/parallel/sem.pdf"
)
# Kept paths that are dropped again (shell globs): doxygen's syntax-highlighted copies of
# the C headers, which are source code rather than documentation.
DROP=(
  "usr/share/doc/libhwloc-dev/html/a*_source.html"
)

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "blind corpus B" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-b" "$@"
