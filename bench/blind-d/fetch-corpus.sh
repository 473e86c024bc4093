#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of blind evaluation set D (bench/blind-d/set-d.yaml).
#
#   bench/blind-d/fetch-corpus.sh [DEST]
#   bench/blind-d/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-d.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/doc/lmod/html/010_user.html), pruned to the chosen documents, and the
# hand-written pages in bench/blind-d/news/ are copied to DEST/news/. The result is checked
# file by file against bench/blind-d/corpus.sha256, so DEST holds exactly the corpus the
# questions were written against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set D's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm", main). None of them is used by set A, B or C.
PACKAGES=(
  "gromacs-data=2022.5-2"
  "lmod-doc=8.6.19-1"
  "python-h5py-doc=3.7.0-8"
  "mrmpi-doc=1.0~20140404-3"
)

# Nothing is shipped gzipped here (so gzip is not needed either).
GUNZIP=()

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
G=usr/share/doc/gromacs/html
KEEP=(
  "$G/index.html"
  "$G/user-guide/*.html"
  "$G/install-guide/index.html"
  "$G/how-to/*.html"
  "$G/onlinehelp/gmx.html"
  "$G/onlinehelp/gmx-mdrun.html"
  "$G/onlinehelp/gmx-grompp.html"
  "$G/onlinehelp/gmx-tune_pme.html"
  "$G/onlinehelp/gmx-nonbonded-benchmark.html"
  "$G/onlinehelp/gmx-convert-tpr.html"
  "$G/onlinehelp/gmx-energy.html"
  "$G/onlinehelp/gmx-trjconv.html"
  "usr/share/doc/lmod/html/*.html"
  "usr/share/doc/python-h5py-doc/html/*.html"
  "usr/share/doc/python-h5py-doc/html/high/*.html"
  "usr/share/doc/mrmpi-doc/Manual.pdf"
)
# Kept paths that are dropped again (shell globs): Sphinx's search and index pages, which
# are not documentation prose.
DROP=(
  "usr/share/doc/lmod/html/search.html"
  "usr/share/doc/lmod/html/genindex.html"
  "usr/share/doc/python-h5py-doc/html/search.html"
  "usr/share/doc/python-h5py-doc/html/genindex.html"
)

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "blind corpus D" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-d" "$@"
