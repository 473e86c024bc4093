"""How long the command line takes to answer before it does any work: `hpcbot --help`.

    .venv/bin/python bench/cli_startup_bench.py [--runs 15] [COMMAND ...]

Each run is a fresh process (the installed `hpcbot` script beside this Python), timed from
start to exit, output discarded; the first run is a warm-up (disk cache) and not counted.
Target: a median under 0.5 s for `hpcbot --help`. What a slow start imports shows with
`python -X importtime -c "import bot.cli"`. A loaded machine moves the figures: compare
medians taken on the same machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 0.5


def run_once(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("args", nargs="*", default=["--help"], help="hpcbot's arguments")
    options = parser.parse_args()
    command = [str(Path(sys.executable).with_name("hpcbot")), *options.args]
    run_once(command)
    times = [run_once(command) for _ in range(options.runs)]
    median = statistics.median(times)
    report = {
        "command": " ".join(["hpcbot", *options.args]),
        "runs": options.runs,
        "median_s": round(median, 3),
        "p95_s": round(percentile(times, 0.95), 3),
        "min_s": round(min(times), 3),
        "target_s": TARGET_SECONDS,
    }
    print(json.dumps(report, indent=1))
    return 0 if median <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
