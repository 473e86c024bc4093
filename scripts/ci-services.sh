#!/usr/bin/env bash
# Start the real services the test suite needs, and export their settings.
# Sourced by .ci/run (so the exports reach `make test`); safe to run again on a warm machine.

_hpcbot_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Slurm 22.05 with slurmrestd (JWT), four emulated GPU nodes, LUMI-style partitions.
export SLURM_TEST_DIR=${SLURM_TEST_DIR:-/tmp/slurm-test}
"$_hpcbot_repo/scripts/ci-slurm.sh" "$SLURM_TEST_DIR/env.sh"
# shellcheck disable=SC1091
. "$SLURM_TEST_DIR/env.sh"
