#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of blind evaluation set C (bench/blind-c/set-c.yaml).
#
#   bench/blind-c/fetch-corpus.sh [DEST]
#   bench/blind-c/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-c.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/doc/netCDF/html/parallel_io.html), pruned to the chosen documents, the
# gzipped PETSc and SLEPc manuals are gunzipped, and the hand-written pages in
# bench/blind-c/news/ are copied to DEST/news/. The result is checked file by file against
# bench/blind-c/corpus.sha256, so DEST holds exactly the corpus the questions were written
# against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set C's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm", main). None of them is used by set A or set B.
PACKAGES=(
  "netcdf-doc=1:4.9.0-3"
  "snakemake-doc=7.21.0-1"
  "petsc3.18-doc=3.18.5+dfsg1-1"
  "slepc3.18-doc=3.18.2+dfsg1-2"
)

# Shipped gzipped; the corpus holds the plain PDF next to where the .gz was.
GUNZIP=(
  "usr/share/doc/petsc3.18-doc/docs/docs/manual/manual.pdf.gz"
  "usr/share/doc/slepc3.18-doc/docs/slepc.pdf.gz"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
KEEP=(
  "usr/share/doc/netCDF/html/*.html"
  "usr/share/doc/snakemake/html/*.html"
  "usr/share/doc/snakemake/html/[a-z]*/*.html"
  "usr/share/doc/petsc3.18-doc/docs/docs/manual/manual.pdf"
  "usr/share/doc/slepc3.18-doc/docs/slepc.pdf"
)
# Kept paths that are dropped again (shell globs): doxygen's per-source-file pages and
# syntax-highlighted source listings, directory and symbol indexes, and Sphinx's search
# and index pages, none of which is documentation prose.
DROP=(
  "usr/share/doc/netCDF/html/*_8c*.html"
  "usr/share/doc/netCDF/html/*_8h*.html"
  "usr/share/doc/netCDF/html/*_8dox.html"
  "usr/share/doc/netCDF/html/dir_*.html"
  "usr/share/doc/netCDF/html/globals*.html"
  "usr/share/doc/netCDF/html/functions*.html"
  "usr/share/doc/netCDF/html/files.html"
  "usr/share/doc/netCDF/html/annotated.html"
  "usr/share/doc/netCDF/html/classes.html"
  "usr/share/doc/netCDF/html/graph_legend.html"
  "usr/share/doc/netCDF/html/pages.html"
  "usr/share/doc/netCDF/html/modules.html"
  "usr/share/doc/netCDF/html/deprecated.html"
  "usr/share/doc/snakemake/html/search.html"
  "usr/share/doc/snakemake/html/genindex.html"
)

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "blind corpus C" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-c" "$@"
