#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of blind evaluation set J (bench/blind-j/set-j.yaml).
#
#   bench/blind-j/fetch-corpus.sh [DEST]
#   bench/blind-j/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-j.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/doc/lammps/html/PDF/colvars-refman-lammps.pdf), the gzipped documents are
# gunzipped next to their .gz, the tree is pruned to the chosen documents, and the
# hand-written pages in bench/blind-j/news/ are copied to DEST/news/. The result is checked
# file by file against bench/blind-j/corpus.sha256, so DEST holds exactly the corpus the
# questions were written against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set J's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm", main). None of them is used by set A, B, C, D, E,
# F, G, H or I. libblis-dev, ccache, libjemalloc-dev and libcoarrays-dev are
# architecture-specific packages (the host's architecture is downloaded); the documents kept
# from them are architecture-independent. libblis-dev (about 12.4 MB, mostly performance
# graphs) and lammps-doc (about 9.8 MB, mostly PDFs) are the largest downloads although
# only a small part of them is kept.
PACKAGES=(
  "cython-doc=0.29.32-2"
  "libblis-dev=0.9.0-1"
  "ccache=4.8+really4.7.5-1"
  "libjemalloc-dev=5.3.0-1"
  "lammps-doc=20220106.git7586adbb6a+ds1-2"
  "s3cmd=2.3.0-1"
  "libcoarrays-dev=2.10.1-1+b1"
)

# Shipped gzipped; the plain file is written next to the .gz and kept instead of it.
B=usr/share/doc/libblis-dev
L=usr/share/doc/lammps/html/PDF
GUNZIP=(
  "$B/Multithreading.md.gz"
  "$B/FAQ.md.gz"
  "$B/BuildSystem.md.gz"
  "$B/Performance.md.gz"
  "$B/Sandboxes.md.gz"
  "$L/colvars-refman-lammps.pdf.gz"
  "$L/kspace.pdf.gz"
  "usr/share/doc/packages/s3cmd/README.md.gz"
  "usr/share/doc/libcoarrays-dev/README.md.gz"
  "usr/share/doc/libcoarrays-dev/GETTING_STARTED.md.gz"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
C=usr/share/doc/cython-doc/html/src
KEEP=(
  "$C/userguide/parallelism.html"
  "$C/userguide/source_files_and_compilation.html"
  "$C/userguide/numpy_tutorial.html"
  "$C/userguide/memoryviews.html"
  "$C/userguide/debugging.html"
  "$C/userguide/fusedtypes.html"
  "$C/userguide/numpy_pythran.html"
  "$C/userguide/limitations.html"
  "$C/userguide/early_binding_for_speed.html"
  "$C/userguide/buffer.html"
  "$C/userguide/pypy.html"
  "$C/tutorial/profiling_tutorial.html"
  "$C/tutorial/cython_tutorial.html"
  "$C/tutorial/numpy.html"
  "$C/tutorial/memory_allocation.html"
  "$C/tutorial/array.html"
  "$C/tutorial/pure.html"
  "$C/quickstart/install.html"
  "$C/quickstart/build.html"
  "$C/quickstart/cythonize.html"
  "$C/quickstart/overview.html"
  "$C/reference/compilation.html"
  "$B/Multithreading.md"
  "$B/FAQ.md"
  "$B/BuildSystem.md"
  "$B/Performance.md"
  "$B/Sandboxes.md"
  "usr/share/doc/ccache/manual.html"
  "usr/share/doc/ccache/README.md"
  "usr/share/doc/ccache/README.Debian"
  "usr/share/doc/libjemalloc-dev/jemalloc.html"
  "usr/share/doc/libjemalloc-dev/README"
  "$L/colvars-refman-lammps.pdf"
  "$L/kspace.pdf"
  "usr/share/doc/packages/s3cmd/README.md"
  "usr/share/doc/packages/s3cmd/INSTALL.md"
  "usr/share/doc/libcoarrays-dev/README.md"
  "usr/share/doc/libcoarrays-dev/GETTING_STARTED.md"
)
DROP=()

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "blind corpus J" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-j" "$@"
