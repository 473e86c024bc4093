"""Slack-side latency of hpcbot against the local FakeSlack peer (fake answerer, no model).

    .venv/bin/python bench/slack_bench.py [--rounds 10] [--mentions 100]

1. Slash-command ack latency in HTTP mode, 20 concurrent requests, warm (target p99 <= 50 ms).
   Measured by the fake: signed POST sent -> HTTP response received.
2. Mention -> answer posted in the thread, in Socket Mode and HTTP mode (target p95 <= 300 ms).
   Measured from the user's message to the bot's chat.postMessage reaching the fake.

Beside the latencies it prints the bot process's CPU time per request (user + system, from
/proc, over the measured requests only, the work after the ack included). On a shared 2-core
machine latency percentiles swing with whatever else runs; CPU per request does not, so it is
the figure to compare two versions of the bot by.

The bot runs in its own process (built by `bot.app.build_app` with fake services), as it would
in production: sharing one interpreter (and its GIL) with the fake would measure the fake too.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "e2e")]

from fakeslack import FakeSlack  # noqa: E402
from fakeslack.services import FakeServices  # noqa: E402
from fakeslack.settings import bot_settings  # noqa: E402


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000

    return {"p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99), "max": ordered[-1] * 1000}


def show(name: str, measured: tuple[list[float], float], target: str) -> None:
    samples, cpu = measured
    p = percentiles(samples)
    print(
        f"{name:<44} n={len(samples):<4} p50={p['p50']:6.1f} ms  p95={p['p95']:6.1f} ms  "
        f"p99={p['p99']:6.1f} ms  max={p['max']:6.1f} ms  cpu={cpu * 1000:5.2f} ms/request"
        f"   ({target})"
    )


def run_bot(mode: str, api_url: str, secret: str, data_dir: str, bot: str, app_token: str) -> None:
    """The child process: the real app with fake services; prints its port, serves forever."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.app import build_app
    from bot.http_server import HttpServer

    # Only for its settings shape; never started. The tokens are the parent's peer's (each peer
    # makes its own unguessable ones).
    slack = FakeSlack(signing_secret=secret, bot_token=bot, app_token=app_token)
    settings = bot_settings(slack, Path(data_dir), mode).override(slack={"api_url": api_url})
    app = build_app(settings, FakeServices().services())
    app.freeze_startup_heap()  # as `hpcbot serve` does
    if mode == "socket":
        handler = SocketModeHandler(app.bolt, slack.app_token)
        handler.connect()  # type: ignore[no-untyped-call]
        print("connected", flush=True)
    else:
        server = HttpServer(app, port=0, host="127.0.0.1")
        print(server.start(), flush=True)
    sys.stdin.read()  # until the parent closes our stdin
    if mode == "socket":
        handler.close()  # type: ignore[no-untyped-call]
    else:
        server.stop()
    app.close()


@contextmanager
def bot_process(slack: FakeSlack, mode: str) -> Iterator[int]:
    """Runs the bot in a child process for the duration; yields the child's pid."""
    with tempfile.TemporaryDirectory() as tmp:
        args = [
            *(sys.executable, __file__, "_bot", mode, slack.api_url, slack.signing_secret, tmp),
            *(slack.bot_token, slack.app_token),
        ]
        child = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout is not None
            line = child.stdout.readline().strip()
            if mode == "http":
                slack.deliver_over_http(f"http://127.0.0.1:{int(line)}/slack/events")
            else:
                slack.wait_for(lambda: slack.hub.connected)
            yield child.pid
            # Let in-flight deliveries (echoes of the bot's posts) finish before stopping it.
            slack.wait_for(lambda: all(d.latency is not None for d in slack.deliveries()), 30)
        finally:
            assert child.stdin is not None
            child.stdin.close()
            child.wait(10)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def slash_acks(rounds: int, concurrency: int = 20) -> tuple[list[float], float]:
    """Ack latencies, and the bot's CPU seconds per command."""
    with FakeSlack() as slack, bot_process(slack, "http") as pid:
        with ThreadPoolExecutor(concurrency) as pool:

            def burst() -> list[float]:
                acks = list(
                    pool.map(lambda _: slack.slash_command("/specs", "lumi"), range(concurrency))
                )
                assert all(a.acked for a in acks)
                slack.wait_for(lambda: len(slack.ephemerals()) % concurrency == 0, timeout=30)
                return [a.latency or 0.0 for a in acks]

            for _ in range(3):  # warm-up
                burst()
            samples: list[float] = []
            cpu_before = cpu_seconds(pid)
            for _ in range(rounds):
                samples += burst()
            cpu = cpu_seconds(pid) - cpu_before
        return samples, cpu / len(samples)


def mention_to_answer(mode: str, count: int) -> tuple[list[float], float]:
    """Mention-to-answer latencies, and the bot's CPU seconds per mention."""
    with FakeSlack() as slack, bot_process(slack, mode) as pid:
        samples: list[float] = []
        cpu_before = 0.0
        for i in range(count + 5):
            if i == 5:  # the first few warm up connections and the database
                cpu_before = cpu_seconds(pid)
            started = time.time()
            question = slack.mention(f"what GPUs does LUMI have? ({i})")
            slack.wait_for_message(thread_ts=question.ts)
            posted = next(
                c.at
                for c in slack.api_calls("chat.postMessage")
                if c.args.get("thread_ts") == question.ts
            )
            if i >= 5:
                samples.append(posted - started)
        return samples, (cpu_seconds(pid) - cpu_before) / len(samples)


def main() -> None:
    if sys.argv[1:2] == ["_bot"]:
        run_bot(*sys.argv[2:8])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="bursts of 20 slash commands")
    parser.add_argument("--mentions", type=int, default=100, help="mentions per mode")
    args = parser.parse_args()
    # The harness is Slack's stand-in, not the bot: hide its own start-up heap from the garbage
    # collector, or a full collection here (40-55 ms, every few hundred requests) shows up as
    # the bot's slowest acks.
    gc.collect()
    gc.freeze()
    show("slash ack, HTTP mode, 20 concurrent", slash_acks(args.rounds), "target p99 <= 50 ms")
    for mode in ("socket", "http"):
        show(
            f"mention -> threaded answer, {mode} mode",
            mention_to_answer(mode, args.mentions),
            "target p95 <= 300 ms",
        )


if __name__ == "__main__":
    main()
