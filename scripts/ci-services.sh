#!/usr/bin/env bash
# Start the real services the test suite needs, and export their settings.
# Sourced by .ci/run (so the exports reach `make test`); safe to run again on a warm machine.

_hpcbot_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Slurm 22.05 with slurmrestd (JWT), four emulated GPU nodes, LUMI-style partitions, accounting;
# slurmctld and slurmd run 3 h behind the real clock so that sreport sees the tests' jobs.
export SLURM_TEST_DIR=${SLURM_TEST_DIR:-/tmp/slurm-test}
"$_hpcbot_repo/scripts/ci-slurm.sh" "$SLURM_TEST_DIR/env.sh"
# shellcheck disable=SC1091
. "$SLURM_TEST_DIR/env.sh"

# PostgreSQL (state database) and a Chroma server (vector index), for the scale-out tests.
"$_hpcbot_repo/scripts/ci-postgres.sh" /tmp/hpcbot-pg/env.sh
# shellcheck disable=SC1091
. /tmp/hpcbot-pg/env.sh
"$_hpcbot_repo/scripts/ci-chroma.sh" /tmp/hpcbot-chroma/env.sh
# shellcheck disable=SC1091
. /tmp/hpcbot-chroma/env.sh

# Debian's Chromium and ChromeDriver for the sandbox's browser tests (headless, no sandbox).
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
