#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of blind evaluation set G (bench/blind-g/set-g.yaml).
#
#   bench/blind-g/fetch-corpus.sh [DEST]
#   bench/blind-g/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-g.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/doc/code-saturne/install.pdf), the six gzipped documents are gunzipped next
# to their .gz, the tree is pruned to the chosen documents, and the hand-written pages in
# bench/blind-g/news/ are copied to DEST/news/. The result is checked file by file against
# bench/blind-g/corpus.sha256, so DEST holds exactly the corpus the questions were written
# against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set G's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm", main). None of them is used by set A, B, C, D, E
# or F. libopenblas-dev, munge and rdma-core are architecture-specific packages (the host's
# architecture is downloaded); the documents kept from them are architecture-independent.
# code-saturne-doc is large (about 140 MB) although only its 21-page installation guide is
# kept.
PACKAGES=(
  "code-saturne-doc=6.0.2-2"
  "quantum-espresso-data=6.7-2"
  "python-ipyparallel-doc=7.1.0-5"
  "python-sklearn-doc=1.2.1+dfsg-1"
  "python-xarray-doc=2023.01.0-1.1"
  "libopenblas-dev=0.3.21+ds-4"
  "munge=0.5.15-2+deb12u1"
  "rdma-core=44.0-2"
)

# Shipped gzipped; the plain file is written next to the .gz and kept instead of it.
GUNZIP=(
  "usr/share/doc/libopenblas-dev/README.md.gz"
  "usr/share/doc/libopenblas-dev/USAGE.md.gz"
  "usr/share/doc/munge/QUICKSTART.gz"
  "usr/share/doc/munge/README.gz"
  "usr/share/doc/rdma-core/udev.md.gz"
  "usr/share/doc/rdma-core/tag_matching.md.gz"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
Q=usr/share/doc/quantum-espresso/html
I=usr/share/doc/python-ipyparallel-doc/html
S=usr/share/doc/python-sklearn-doc/html/computing
X=usr/share/doc/python-xarray-doc/html
KEEP=(
  "usr/share/doc/code-saturne/install.pdf"
  "$Q/node2.html"
  "$Q/node5.html"
  "$Q/node7.html"
  "$Q/node8.html"
  "$Q/node9.html"
  "$Q/node1[0-9].html"
  "$Q/node2[01].html"
  "$I/tutorial/intro.html"
  "$I/tutorial/process.html"
  "$I/tutorial/direct.html"
  "$I/tutorial/task.html"
  "$I/tutorial/asyncresult.html"
  "$I/reference/launchers.html"
  "$I/reference/mpi.html"
  "$I/reference/security.html"
  "$I/reference/db.html"
  "$I/reference/details.html"
  "$S/parallelism.html"
  "$S/computational_performance.html"
  "$S/scaling_strategies.html"
  "$X/user-guide/dask.html"
  "$X/user-guide/io.html"
  "$X/getting-started-guide/installing.html"
  "$X/getting-started-guide/faq.html"
  "usr/share/doc/libopenblas-dev/README.md"
  "usr/share/doc/libopenblas-dev/USAGE.md"
  "usr/share/doc/munge/QUICKSTART"
  "usr/share/doc/munge/README"
  "usr/share/doc/rdma-core/README.md"
  "usr/share/doc/rdma-core/rxe.md"
  "usr/share/doc/rdma-core/udev.md"
  "usr/share/doc/rdma-core/tag_matching.md"
)
# Nothing kept is dropped again.
DROP=()

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "blind corpus G" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-g" "$@"
