#!/usr/bin/env bash
# shellcheck disable=SC2034  # the settings below are read by bench/fetch-corpus-lib.sh
# Build the document corpus of blind evaluation set L (bench/blind-l/set-l.yaml).
#
#   bench/blind-l/fetch-corpus.sh [DEST]
#   bench/blind-l/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-l.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/doc/opensm/doc/OpenSM_UM.pdf), the gzipped documents are gunzipped next to
# their .gz, the tree is pruned to the chosen documents, and the hand-written pages in
# bench/blind-l/news/ are copied to DEST/news/. The result is checked file by file against
# bench/blind-l/corpus.sha256, so DEST holds exactly the corpus the questions were written
# against, and nothing else.
#
# The steps are those of bench/fetch-corpus-lib.sh, shared by the scripts of all blind sets
# so that they fetch, prune and check alike; this script holds only set L's own data.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

# Pinned packages (Debian 12 "bookworm", main). None of them is used by set A, B, C, D, E,
# F, G, H, I, J or K. nco, podman, perftest and netpipe-openmpi are architecture-specific
# packages (the host's architecture is downloaded); the documents kept from them are
# architecture-independent. podman (about 10.7 MB, mostly the binary) is by far the largest
# download although only its Markdown documents and README.Debian are kept.
PACKAGES=(
  "pybind11-doc=2.10.3-1"
  "python-notebook-doc=6.4.12-2.2"
  "nco=5.1.4-1+deb12u1"
  "podman=4.3.1+ds1-8+deb12u1+b3"
  "opensm-doc=3.3.23-2"
  "perftest=4.5+0.17-1"
  "netpipe-openmpi=3.7.2-8+b1"
)

# Shipped gzipped; the plain file is written next to the .gz and kept instead of it.
P=usr/share/doc/podman
O=usr/share/doc/opensm/doc
GUNZIP=(
  "$P/README.md.gz"
  "$P/troubleshooting.md.gz"
  "$P/rootless.md.gz"
  "$P/rootless_tutorial.md.gz"
  "$P/transfer.md.gz"
  "$P/remote_client.md.gz"
  "$P/podman_tutorial.md.gz"
  "$P/RELEASE_NOTES.md.gz"
  "$O/OpenSM_UM.pdf.gz"
  "$O/OpenSM_RN.pdf.gz"
  "$O/QoS_management_in_OpenSM.txt.gz"
  "$O/partition-config.txt.gz"
  "$O/current-routing.txt.gz"
  "$O/performance-manager-HOWTO.txt.gz"
  "$O/opensm_release_notes-3.3.txt.gz"
  "usr/share/doc/perftest/README.gz"
  "usr/share/doc/netpipe-openmpi/README.gz"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
B=usr/share/doc/pybind11-doc/html
J=usr/share/doc/python-notebook-doc/html
KEEP=(
  "$B/index.html"
  "$B/basics.html"
  "$B/classes.html"
  "$B/compiling.html"
  "$B/faq.html"
  "$B/installing.html"
  "$B/limitations.html"
  "$B/benchmark.html"
  "$B/upgrade.html"
  "$B/cmake/index.html"
  "$B/advanced/misc.html"
  "$B/advanced/embedding.html"
  "$B/advanced/functions.html"
  "$B/advanced/exceptions.html"
  "$B/advanced/smart_ptrs.html"
  "$B/advanced/pycpp/numpy.html"
  "$B/advanced/pycpp/object.html"
  "$B/advanced/pycpp/utilities.html"
  "$B/advanced/cast/overview.html"
  "$B/advanced/cast/eigen.html"
  "$B/advanced/cast/stl.html"
  "$J/public_server.html"
  "$J/security.html"
  "$J/config_overview.html"
  "$J/troubleshooting.html"
  "$J/notebook.html"
  "$J/frontend_config.html"
  "$J/ui_components.html"
  "$J/comms.html"
  "$J/extending/contents.html"
  "$J/extending/savehooks.html"
  "usr/share/doc/nco/nco.html"
  "$P/README.md"
  "$P/troubleshooting.md"
  "$P/rootless.md"
  "$P/rootless_tutorial.md"
  "$P/transfer.md"
  "$P/remote_client.md"
  "$P/podman_tutorial.md"
  "$P/RELEASE_NOTES.md"
  "$P/README.Debian"
  "usr/share/doc/opensm/README"
  "$O/OpenSM_UM.pdf"
  "$O/OpenSM_RN.pdf"
  "$O/QoS_management_in_OpenSM.txt"
  "$O/partition-config.txt"
  "$O/current-routing.txt"
  "$O/performance-manager-HOWTO.txt"
  "$O/opensm_release_notes-3.3.txt"
  "$O/qos-config.txt"
  "$O/modular-routing.txt"
  "$O/OpenSM_PKey_Mgr.txt"
  "usr/share/doc/perftest/README"
  "usr/share/doc/netpipe-openmpi/README"
)
DROP=()

# The work itself, given how messages name this corpus and the default DEST.
# shellcheck source-path=SCRIPTDIR/.. source=fetch-corpus-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../fetch-corpus-lib.sh"
fetch_corpus "blind corpus L" "${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-l" "$@"
