#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of blind evaluation set H (bench/blind-h/set-h.yaml).
#
#   bench/blind-h/fetch-corpus.sh [DEST]
#   bench/blind-h/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-h.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/R/doc/manual/R-admin.pdf), the three gzipped documents are gunzipped next
# to their .gz, the tree is pruned to the chosen documents, and the hand-written pages in
# bench/blind-h/news/ are copied to DEST/news/. The result is checked file by file against
# bench/blind-h/corpus.sha256, so DEST holds exactly the corpus the questions were written
# against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set H's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm", main). None of them is used by set A, B, C, D, E,
# F or G. libstarpu-dev, fio, sysbench and pdsh are architecture-specific packages (the
# host's architecture is downloaded); the documents kept from them are
# architecture-independent. r-doc-pdf (about 10 MB) and libeigen3-doc (about 7 MB) are the
# largest downloads although only one PDF and four HTML pages of them are kept.
PACKAGES=(
  "r-doc-pdf=4.2.2.20221110-2"
  "libstarpu-dev=1.3.10+dfsg-2"
  "cmake-doc=3.25.1-1"
  "libeigen3-doc=3.4.0-4"
  "fio=3.33-3"
  "sysbench=1.0.20+ds-5"
  "pdsh=2.34-0.2"
)

# Shipped gzipped; the plain file is written next to the .gz and kept instead of it.
GUNZIP=(
  "usr/share/doc/fio/HOWTO.rst.gz"
  "usr/share/doc/sysbench/README.md.gz"
  "usr/share/doc/pdsh/README.gz"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
S=usr/share/doc/libstarpu-dev/manual/html
C=usr/share/doc/cmake-data/html/module
E=usr/share/doc/libeigen3-dev/html
KEEP=(
  "usr/share/R/doc/manual/R-admin.pdf"
  "usr/share/R/doc/manual/R-FAQ.pdf"
  "$S/BuildingAndInstallingStarPU.html"
  "$S/TasksInStarPU.html"
  "$S/DataManagement.html"
  "$S/Scheduling.html"
  "$S/MPISupport.html"
  "$S/OutOfCore.html"
  "$S/ExecutionConfigurationThroughEnvironmentVariables.html"
  "$S/CompilationConfiguration.html"
  "$S/CheckListWhenPerformanceAreNotThere.html"
  "$S/FrequentlyAskedQuestions.html"
  "$S/OnlinePerformanceTools.html"
  "$S/OfflinePerformanceTools.html"
  "$S/SimGridSupport.html"
  "$S/OpenMPRuntimeSupport.html"
  "$S/ClusteringAMachine.html"
  "$C/FindMPI.html"
  "$C/FindOpenMP.html"
  "$C/FindCUDAToolkit.html"
  "$C/FindBLAS.html"
  "$C/FindLAPACK.html"
  "$C/FindHDF5.html"
  "$E/TopicMultiThreading.html"
  "$E/TopicUsingBlasLapack.html"
  "$E/TopicUsingIntelMKL.html"
  "$E/TopicCUDA.html"
  "$E/TopicPreprocessorDirectives.html"
  "usr/share/doc/fio/HOWTO.rst"
  "usr/share/doc/sysbench/README.md"
  "usr/share/doc/pdsh/README"
  "usr/share/doc/pdsh/README.modules"
)
# Nothing kept is dropped again.
DROP=()

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "blind corpus H" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-h" "$@"
