"""Benchmark `/usage` against the local Slurm test cluster with accounting, and the chart.

    env_out=$(scripts/slurm-test-cluster.sh start) && eval "$env_out"     # as root
    .venv/bin/python bench/usage_bench.py [--runs 30] [--account project_alpha]

Measures, in-process (as the Slack app and the CLI call it), per provider: a cold report (cache
cleared, the accounting queries and the report itself; connection and API version known) and a
cached one; and the burn-down chart's rendering. Targets: cold <= 300 ms, cached <= 5 ms,
chart <= 300 ms (p95).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from knowledge import CatalogSource
from knowledge.usage import (
    CliUsageProvider,
    UsageService,
    billing_rules,
    parse_usage_config,
    write_snapshot,
)
from knowledge.usage.chart import burn_down_png

TARGET_COLD_MS, TARGET_CACHED_MS, TARGET_CHART_MS = 300.0, 5.0, 300.0
KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge" / "data"


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--account", default="project_alpha")
    args = parser.parse_args()
    if "SLURMRESTD_URL" not in os.environ:
        raise SystemExit('start the cluster first: eval "$(scripts/slurm-test-cluster.sh start)"')
    start = datetime.now(UTC).date() - timedelta(days=30)
    since = datetime.combine(start, datetime.min.time(), tzinfo=UTC)
    cli = {"provider": "slurm-cli"}
    provider = CliUsageProvider(parse_usage_config({"machines": {"x": cli}}).machines["x"])  # type: ignore[arg-type]
    snapshot = Path(tempfile.mkdtemp()) / "usage.json"
    snapshot.write_text(write_snapshot(provider.snapshot([args.account], since, 30)))
    machines = {
        "slurmrestd": {
            "provider": "slurmrestd",
            "url": os.environ["SLURMRESTD_URL"],
            "user": os.environ["SLURM_USER_NAME"],
            "token_env": "SLURMRESTD_JWT",
        },
        "slurm-cli": cli,
        "snapshot": {"provider": "snapshot", "path": str(snapshot)},
    }
    config = parse_usage_config(
        {
            "machines": machines,
            "projects": {
                name: {"machine": name, "account": args.account, "start": start,
                       "end": start + timedelta(days=90)}
                for name in machines
            },
        }
    )  # fmt: skip
    service = UsageService(
        config, rules=billing_rules(CatalogSource(KNOWLEDGE)), cache_seconds=3600
    )
    print(f"{'provider':<12} {'cold p50':>9} {'cold p95':>9} {'hit p50':>8} {'hit p95':>8}  (ms)")
    ok = True
    report = None
    for name in machines:
        service.report(name, fresh=True)  # warm: API version discovery, keep-alive connection
        colds, hits = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            report = service.report(name, fresh=True)
            colds.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            service.report(name)
            hits.append((time.perf_counter() - started) * 1000)
        (c50, c95), (h50, h95) = percentiles(colds), percentiles(hits)
        ok &= c95 <= TARGET_COLD_MS and h95 <= TARGET_CACHED_MS
        print(f"{name:<12} {c50:9.1f} {c95:9.1f} {h50:8.3f} {h95:8.3f}")
    assert report is not None
    burn_down_png(report)  # the first chart pays for importing matplotlib
    charts = []
    for _ in range(args.runs):
        started = time.perf_counter()
        burn_down_png(report)
        charts.append((time.perf_counter() - started) * 1000)
    p50, p95 = percentiles(charts)
    ok &= p95 <= TARGET_CHART_MS
    print(f"{'chart':<12} {p50:9.1f} {p95:9.1f}")
    print(
        f"targets: cold p95 <= {TARGET_COLD_MS:.0f} ms, cached p95 <= {TARGET_CACHED_MS:.0f} ms, "
        f"chart p95 <= {TARGET_CHART_MS:.0f} ms: {'met' if ok else 'NOT met'}"
    )
    service.close()
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
