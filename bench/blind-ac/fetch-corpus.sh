#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of blind evaluation set AC (bench/blind-ac/set-ac.yaml).
#
#   bench/blind-ac/fetch-corpus.sh [DEST]
#   bench/blind-ac/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-ac.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/lib/R/site-library/glmnet/doc/glmnet.pdf), the gzipped documents are gunzipped
# next to their .gz, the tree is pruned to the chosen documents, and the hand-written pages
# in bench/blind-ac/news/ are copied to DEST/news/. The result is checked file by file
# against bench/blind-ac/corpus.sha256, so DEST holds exactly the corpus the questions were
# written against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set AC's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm", main). None of them is used by an earlier blind
# set. libsvm-dev, libblosc-dev and r-cran-glmnet are architecture-specific packages (the
# host's architecture is downloaded); the documents kept from them are
# architecture-independent. python-pandas-doc (about 11.9 MB) is by far the largest
# download although only three of its HTML pages are kept.
PACKAGES=(
  "python-pandas-doc=1.5.3+dfsg-2"
  "python3-zarr=2.13.6+ds-1"
  "libblosc-dev=1.21.3+ds-1"
  "python3-threadpoolctl=3.1.0-1"
  "libsvm-dev=3.24+ds-6"
  "r-cran-glmnet=4.1-6-1"
  "r-cran-doparallel=1.0.17-1"
)

# Shipped gzipped; the plain file is written next to the .gz and kept instead of it.
Z=usr/share/doc/python3-zarr
BL=usr/share/doc/libblosc-dev
T=usr/share/doc/python3-threadpoolctl
S=usr/share/doc/libsvm-dev
GUNZIP=(
  "$BL/README.md.gz"
  "$BL/README_CHUNK_FORMAT.gz"
  "$T/README.md.gz"
  "$S/README.gz"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
P=usr/share/doc/python-pandas-doc/html/user_guide
KEEP=(
  "$P/io.html"
  "$P/scale.html"
  "$P/enhancingperf.html"
  "$Z/README.md"
  "$Z/html/tutorial.html"
  "$Z/html/spec/v2.html"
  "$Z/html/api/creation.html"
  "$Z/html/api/storage.html"
  "$BL/README.md"
  "$BL/README_THREADED"
  "$BL/README_CHUNK_FORMAT"
  "$T/README.md"
  "$T/multiple_openmp.md"
  "$S/README"
  "$S/FAQ.html"
  "usr/lib/R/site-library/glmnet/doc/glmnet.pdf"
  "usr/lib/R/site-library/doParallel/doc/gettingstartedParallel.pdf"
)
DROP=()

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "blind corpus AC" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-ac" "$@"
