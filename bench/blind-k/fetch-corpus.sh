#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of blind evaluation set K (bench/blind-k/set-k.yaml).
#
#   bench/blind-k/fetch-corpus.sh [DEST]
#   bench/blind-k/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-k.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/doc/libxsmm-dev/documentation/libxsmm.pdf), the gzipped documents are
# gunzipped next to their .gz, the tree is pruned to the chosen documents, and the
# hand-written pages in bench/blind-k/news/ are copied to DEST/news/. The result is checked
# file by file against bench/blind-k/corpus.sha256, so DEST holds exactly the corpus the
# questions were written against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set K's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm", main). None of them is used by set A, B, C, D, E,
# F, G, H, I or J. libxsmm-dev, ninja-build and pigz are architecture-specific packages
# (the host's architecture is downloaded); the documents kept from them are
# architecture-independent. docker-doc (about 1.9 MB, mostly API specifications) and
# libxsmm-dev (about 2.4 MB, mostly headers and PDFs) are the largest downloads although
# only a small part of them is kept.
PACKAGES=(
  "libtbb-doc=2021.8.0-2+deb12u1"
  "docker-doc=20.10.24+dfsg1-1+deb12u1"
  "libxsmm-dev=1.17-2"
  "libatlas-doc=3.10.3-13"
  "ninja-build=1.11.1-2~deb12u1"
  "pigz=2.6-1"
)

# Shipped gzipped; the plain file is written next to the .gz and kept instead of it.
D=usr/share/doc/docker-doc/reference
X=usr/share/doc/libxsmm-dev/documentation
A=usr/share/doc/libatlas-base-dev
GUNZIP=(
  "$D/run.md.gz"
  "$D/builder.md.gz"
  "$D/commandline/run.md.gz"
  "$D/commandline/dockerd.md.gz"
  "$D/commandline/cli.md.gz"
  "$D/commandline/system_prune.md.gz"
  "$X/libxsmm.pdf.gz"
  "$X/libxsmm_samples.md.gz"
  "$X/tensorflow.md.gz"
  "$A/atlas_install.pdf.gz"
  "$A/atlas_contrib.pdf.gz"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
T=usr/share/doc/libtbb-dev/html
U=$T/tbb_userguide
KEEP=(
  "$U/Automatic_Chunking.html"
  "$U/Controlling_Chunking.html"
  "$U/Partitioner_Summary.html"
  "$U/Bandwidth_and_Cache_Affinity.html"
  "$U/parallel_for.html"
  "$U/Memory_Allocation.html"
  "$U/Which_Dynamic_Libraries_to_Use.html"
  "$U/Allocator_Configuration.html"
  "$U/Automically_Replacing_malloc.html"
  "$U/Linux_C_Dynamic_Memory_Interface_Replacement.html"
  "$U/Scalable_Memory_Allocator.html"
  "$U/Debug_Versus_Release_Libraries.html"
  "$U/Initializing_and_Terminating_the_Library.html"
  "$U/work_isolation.html"
  "$U/Guiding_Task_Scheduler_Execution.html"
  "$U/How_Task_Scheduler_Works.html"
  "$U/Timing.html"
  "$U/Mutex_Flavors.html"
  "$U/appendix_A.html"
  "$U/appendix_B.html"
  "$U/Migration_Guide/Task_Scheduler_Init.html"
  "$U/Migration_Guide/Mixing_Two_Runtimes.html"
  "$T/reference/info_namespace.html"
  "usr/share/doc/libtbb-dev/README.md"
  "$D/run.md"
  "$D/builder.md"
  "$D/commandline/run.md"
  "$D/commandline/dockerd.md"
  "$D/commandline/cli.md"
  "$D/commandline/system_prune.md"
  "$X/libxsmm.pdf"
  "$X/libxsmm_samples.md"
  "$X/tensorflow.md"
  "$A/atlas_install.pdf"
  "$A/atlas_contrib.pdf"
  "$A/TroubleShoot.txt"
  "$A/LibReadme.txt"
  "$A/README"
  "usr/share/doc/ninja-build/manual.html"
  "usr/share/doc/pigz/README"
  "usr/share/doc/pigz/README.Debian"
)
DROP=()

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "blind corpus K" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-k" "$@"
