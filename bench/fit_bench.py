"""Benchmark a fit computation: raw inputs to the finished answer, as `/hpc fit` runs it.

    .venv/bin/python bench/fit_bench.py [--runs 500]

One computation is `build_request` (parse and check the inputs) + `run_fit` (sizing on every
GPU partition, every route judged and ranked) + `fit_text` (the answer), on fit data loaded
once (as the bot keeps it per catalogue). Requests rotate through tasks, sizes, organisation
types and countries. Target: p95 <= 50 ms. Loading the data files is measured apart: it happens
once per catalogue edit, not per request.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from knowledge import build_request, fit_text, load_catalog, load_fit_data, run_fit

DATA = Path(__file__).resolve().parents[1] / "knowledge" / "data"
TARGET_P95_MS = 50.0
REQUESTS = [
    {"org": "startup", "country": "DE", "params": "7B", "tokens": "1T"},
    {"org": "startup", "country": "FR", "params": "70B", "tokens": "20B", "task": "finetune"},
    {"org": "large-company", "country": "NL", "params": "70B", "tokens": "5B", "task": "lora"},
    {"org": "academic", "country": "US", "gpu_hours": "100k"},
    {"org": "public-body", "country": "Norway", "params": "13B", "dataset": "400GB", "epochs": "2"},
    {
        "org": "startup",
        "country": "IT",
        "params": "7B",
        "tokens": "1T",
        "machine": "leonardo",
        "purpose": "proprietary",
        "start_within": "30",
    },
]


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, max(int(len(ordered) * share) - 1, 0))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()
    started = time.perf_counter()
    data = load_fit_data(DATA, load_catalog(DATA))
    load_ms = (time.perf_counter() - started) * 1000
    now = datetime.now(ZoneInfo("Europe/Brussels"))
    samples: list[float] = []
    for inputs in itertools.islice(itertools.cycle(REQUESTS), args.runs):
        t0 = time.perf_counter()
        result = run_fit(data, build_request(data, **inputs), now)  # type: ignore[arg-type]
        fit_text(result)
        samples.append((time.perf_counter() - t0) * 1000)
    ordered = sorted(samples)
    p95 = percentile(ordered, 0.95)
    print(f"fit data load (once per catalogue): {load_ms:.1f} ms")
    print(
        f"fit computation, {len(samples)} runs: p50 {statistics.median(ordered):.2f} ms, "
        f"p95 {p95:.2f} ms, p99 {percentile(ordered, 0.99):.2f} ms, max {ordered[-1]:.2f} ms "
        f"(target p95 <= {TARGET_P95_MS:.0f} ms)"
    )
    return 0 if p95 <= TARGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
