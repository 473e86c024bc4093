"""Benchmark `hpcbot queue` against the local Slurm test cluster.

    env_out=$(scripts/slurm-test-cluster.sh start) && eval "$env_out"     # as root
    .venv/bin/python bench/queue_bench.py [--runs 50]

Measures, in-process (as the Slack app and the CLI call it): a warm cache miss (connection and
API version already known, the fetch itself) and a cache hit, per provider. Targets: miss
<= 300 ms, hit <= 5 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from knowledge.queue import QueueService, parse_queue_config
from knowledge.queue.config import SlurmCliSource
from knowledge.queue.providers import SlurmCliProvider

TARGET_MISS_MS, TARGET_HIT_MS = 300.0, 5.0


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    if "SLURMRESTD_URL" not in os.environ:
        raise SystemExit('start the cluster first: eval "$(scripts/slurm-test-cluster.sh start)"')
    snapshot = Path(tempfile.mkdtemp()) / "snapshot.json"
    snapshot.write_text(SlurmCliProvider(SlurmCliSource(provider="slurm-cli")).fetch(10).dumps())
    config = parse_queue_config(
        {
            "slurmrestd": {
                "provider": "slurmrestd",
                "url": os.environ["SLURMRESTD_URL"],
                "user": os.environ["SLURM_USER_NAME"],
                "token_env": "SLURMRESTD_JWT",
            },
            "slurm-cli": {"provider": "slurm-cli"},
            "snapshot": {"provider": "snapshot", "path": str(snapshot)},
        }
    )
    service = QueueService(config, cache_seconds=3600)
    print(f"{'provider':<12} {'miss p50':>9} {'miss p95':>9} {'hit p50':>8} {'hit p95':>8}  (ms)")
    ok = True
    for machine in config.machines:
        service.status(machine)  # warm: API version discovery, keep-alive connection
        misses, hits = [], []
        for _ in range(args.runs):
            service.clear_cache()
            started = time.perf_counter()
            service.status(machine)
            misses.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            service.status(machine, None)
            hits.append((time.perf_counter() - started) * 1000)
        (m50, m95), (h50, h95) = percentiles(misses), percentiles(hits)
        ok &= m95 <= TARGET_MISS_MS and h95 <= TARGET_HIT_MS
        print(f"{machine:<12} {m50:9.1f} {m95:9.1f} {h50:8.3f} {h95:8.3f}")
    service.close()
    print(
        "targets met"
        if ok
        else f"TARGETS MISSED (miss <= {TARGET_MISS_MS} ms, hit <= {TARGET_HIT_MS} ms)"
    )


if __name__ == "__main__":
    main()
