#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of blind evaluation set E (bench/blind-e/set-e.yaml).
#
#   bench/blind-e/fetch-corpus.sh [DEST]
#   bench/blind-e/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-e.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/doc/hpcc/www/tuning.html), the three gzipped documents are gunzipped next
# to their .gz, the tree is pruned to the chosen documents, and the hand-written pages in
# bench/blind-e/news/ are copied to DEST/news/. The result is checked file by file against
# bench/blind-e/corpus.sha256, so DEST holds exactly the corpus the questions were written
# against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set E's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm", main). None of them is used by set A, B, C or D.
# hpcc, numdiff and libelpa-dev are architecture-specific packages (the host's architecture
# is downloaded); the documents kept from them are architecture-independent.
PACKAGES=(
  "numba-doc=0.56.4+dfsg-2"
  "openmpi-common=4.1.4-3"
  "hpcc=1.5.0-3"
  "libelpa-dev=2022.11.001-2+deb12u1"
  "numdiff=5.9.0-1+b1"
)

# Shipped gzipped; the plain file is written next to the .gz and kept instead of it.
GUNZIP=(
  "usr/share/doc/openmpi-common/README.gz"
  "usr/share/doc/libelpa-dev/USERS_GUIDE.md.gz"
  "usr/share/doc/numdiff/numdiff.pdf.gz"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
N=usr/share/doc/numba-doc/html
H=usr/share/doc/hpcc
KEEP=(
  "$N/user/threading-layer.html"
  "$N/user/parallel.html"
  "$N/user/performance-tips.html"
  "$N/user/installing.html"
  "$N/reference/envvars.html"
  "$N/cuda/memory.html"
  "$N/cuda/device-management.html"
  "usr/share/doc/openmpi-common/README"
  "$H/README.html"
  "$H/www/tuning.html"
  "$H/www/faqs.html"
  "$H/www/algorithm.html"
  "$H/www/scalability.html"
  "$H/examples/_hpccinf.txt"
  "usr/share/doc/libelpa-dev/USERS_GUIDE.md"
  "usr/share/doc/numdiff/numdiff.pdf"
)
# Nothing kept is dropped again.
DROP=()

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "blind corpus E" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-e" "$@"
