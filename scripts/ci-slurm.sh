#!/bin/sh
# Start the Slurm 22.05 test cluster for CI and write its environment to a file.
#
#   scripts/ci-slurm.sh [ENV_FILE]        # default: $SLURM_TEST_DIR/env.sh (/tmp/slurm-test)
#   . "$ENV_FILE"                          # then run: CI=true pytest -m slurm ...
#
# Needs root (the cluster script creates users and starts daemons) and, on a fresh machine,
# the Debian mirror (about 6 s of apt). Fails loudly: CI must not pass by skipping Slurm tests.
set -eu
SLURM_SCRIPTS=${HPCBOT_SLURM_SCRIPTS:-$(cd "$(dirname "$0")/../.." && pwd)/shared/slurm}
ENV_FILE=${1:-${SLURM_TEST_DIR:-/tmp/slurm-test}/env.sh}

if [ "$(id -u)" -ne 0 ]; then
    echo "ci-slurm.sh: must run as root (start-slurm.sh creates users and starts daemons)" >&2
    exit 1
fi
# Capture first, then check: `eval "$(...)"` would swallow a failure (README "Use from CI").
if ! env_out=$("$SLURM_SCRIPTS/start-slurm.sh"); then
    echo "ci-slurm.sh: start-slurm.sh failed; logs in ${SLURM_TEST_DIR:-/tmp/slurm-test}/log" >&2
    exit 1
fi
mkdir -p "$(dirname "$ENV_FILE")"
printf '%s\n' "$env_out" > "$ENV_FILE"
echo "ci-slurm.sh: Slurm $(printf '%s\n' "$env_out" | sed -n 's/^export SLURM_VERSION=//p') up; env in $ENV_FILE" >&2
