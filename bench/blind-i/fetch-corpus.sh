#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of blind evaluation set I (bench/blind-i/set-i.yaml).
#
#   bench/blind-i/fetch-corpus.sh [DEST]
#   bench/blind-i/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-i.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/doc/libsuitesparse-dev/CHOLMOD_UserGuide.pdf), the gzipped documents are
# gunzipped next to their .gz, the tree is pruned to the chosen documents, and the
# hand-written pages in bench/blind-i/news/ are copied to DEST/news/. The result is checked
# file by file against bench/blind-i/corpus.sha256, so DEST holds exactly the corpus the
# questions were written against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set I's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm", main). None of them is used by set A, B, C, D, E,
# F, G or H. libptscotch-dev, iperf3, libpmix-dev and clinfo are architecture-specific
# packages (the host's architecture is downloaded); the documents kept from them are
# architecture-independent. python-tables-doc (about 4.8 MB) and libsuitesparse-doc (about
# 2.7 MB) are the largest downloads although only part of them is kept.
PACKAGES=(
  "python-tables-doc=3.7.0-5"
  "python-fsspec-doc=2022.11.0-1"
  "libsuitesparse-doc=1:5.12.0+dfsg-2"
  "libptscotch-dev=7.0.3-2"
  "iperf3=3.12-1+deb12u2"
  "libpmix-dev=4.2.2-1+deb12u1"
  "clinfo=3.0.23.01.25-1"
)

# Shipped gzipped; the plain file is written next to the .gz and kept instead of it.
GUNZIP=(
  "usr/share/doc/python-tables-doc/README.rst.gz"
  "usr/share/doc/libsuitesparse-dev/SuiteSparse_README.md.gz"
  "usr/share/doc/libptscotch-dev/ptscotch_user7.0.pdf.gz"
  "usr/share/doc/libptscotch-dev/INSTALL.txt.gz"
  "usr/share/doc/iperf3/README.md.gz"
  "usr/share/doc/libpmix-dev/README.gz"
  "usr/share/doc/clinfo/README.md.gz"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
T=usr/share/doc/python-tables-doc/html
F=usr/share/doc/python-fsspec-doc/html
S=usr/share/doc/libsuitesparse-dev
KEEP=(
  "$T/usersguide/*.html"
  "$T/usersguide/libref/*.html"
  "$T/cookbook/*.html"
  "$T/FAQ.html"
  "$T/MIGRATING_TO_3.x.html"
  "usr/share/doc/python-tables-doc/README.rst"
  "$F/index.html"
  "$F/intro.html"
  "$F/usage.html"
  "$F/features.html"
  "$F/async.html"
  "$F/developer.html"
  "$F/api.html"
  "$S/CHOLMOD_UserGuide.pdf"
  "$S/KLU_UserGuide.pdf"
  "$S/UMFPACK_QuickStart.pdf"
  "$S/CHOLMOD_README.txt"
  "$S/SPQR_README.txt"
  "$S/SuiteSparse_README.md"
  "usr/share/doc/libptscotch-dev/ptscotch_user7.0.pdf"
  "usr/share/doc/libptscotch-dev/INSTALL.txt"
  "usr/share/doc/iperf3/README.md"
  "usr/share/doc/libpmix-dev/README"
  "usr/share/doc/libpmix-dev/README.md"
  "usr/share/doc/clinfo/README.md"
)
# Table-of-contents pages of the PyTables guide: navigation only, no text of their own.
DROP=(
  "$T/usersguide/index.html"
  "$T/usersguide/usersguide.html"
  "$T/usersguide/libref.html"
  "$T/usersguide/bibliography.html"
  "$T/cookbook/index.html"
)

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "blind corpus I" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-i" "$@"
