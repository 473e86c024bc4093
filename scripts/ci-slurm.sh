#!/bin/sh
# Start the Slurm test cluster for CI and write its environment to a file.
#
#   scripts/ci-slurm.sh [ENV_FILE]        # default: $SLURM_TEST_DIR/env.sh (/tmp/slurm-test)
#   . "$ENV_FILE"                          # then run: CI=true pytest -m slurm ...
#
# Needs root (scripts/slurm-test-cluster.sh adds users and starts daemons) and, on a fresh
# machine, the Debian mirror (about 30 s of apt for Slurm, slurmdbd, MariaDB and libfaketime).
# The cluster has accounting (slurmdbd, MariaDB in its own directory): about 10 s to start. Fails loudly: CI must not pass by skipping
# Slurm tests. Stop the cluster with `scripts/slurm-test-cluster.sh stop --purge`.
set -eu
CLUSTER=$(cd "$(dirname "$0")" && pwd)/slurm-test-cluster.sh
ENV_FILE=${1:-${SLURM_TEST_DIR:-/tmp/slurm-test}/env.sh}

if [ "$(id -u)" -ne 0 ]; then
    echo "ci-slurm.sh: must run as root (the cluster script adds users and starts daemons)" >&2
    exit 1
fi
# Capture first, then check: `eval "$(...)"` would swallow a failure.
if ! env_out=$("$CLUSTER" start); then
    echo "ci-slurm.sh: slurm-test-cluster.sh start failed; logs in ${SLURM_TEST_DIR:-/tmp/slurm-test}/log" >&2
    exit 1
fi
mkdir -p "$(dirname "$ENV_FILE")"
printf '%s\n' "$env_out" > "$ENV_FILE"
echo "ci-slurm.sh: Slurm $(printf '%s\n' "$env_out" | sed -n 's/^export SLURM_VERSION=//p') up; env in $ENV_FILE" >&2
