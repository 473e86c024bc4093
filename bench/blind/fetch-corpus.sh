#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of the blind evaluation set (bench/blind/set-a.yaml).
#
#   bench/blind/fetch-corpus.sh [DEST]
#   bench/blind/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus.
# Only Debian's package registry is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/doc/slurm-wlm/html/sbatch.html), pruned to the chosen documents, and the
# hand-written pages in bench/blind/news/ are copied to DEST/news/. The result is checked
# file by file against bench/blind/corpus.sha256, so DEST holds exactly the corpus the
# questions were written against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set A's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm"; slurm-wlm-doc comes from bookworm-security).
PACKAGES=(
  "slurm-wlm-doc=22.05.8-4+deb12u3"
  "charliecloud-doc=0.31-1"
  "mpich-doc=4.0.2-3"
  "python-mpi4py-doc=3.1.4-2"
)

# The MPICH guides are shipped gzipped; the corpus holds the plain PDFs next to the .gz.
GUNZIP=(
  "usr/share/doc/mpich/user.pdf.gz"
  "usr/share/doc/mpich/install.pdf.gz"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
KEEP=(
  "usr/share/doc/slurm-wlm/html/*.html"
  "usr/share/doc/charliecloud/html/*.html"
  "usr/share/doc/mpich-doc/html/www1/*.html"
  "usr/share/doc/mpich-doc/html/www3/*.html"
  "usr/share/doc/mpich/user.pdf"
  "usr/share/doc/mpich/install.pdf"
  "usr/share/doc/python-mpi4py-doc/mpi4py.pdf"
)
# Kept paths that are dropped again (shell globs): pages without document text.
DROP=(
  "usr/share/doc/charliecloud/html/search.html"
)

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "the blind corpus" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus" "$@"
