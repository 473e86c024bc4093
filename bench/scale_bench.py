"""Scale-out benchmark: a Chroma server index, PostgreSQL state, two `hpcbot serve` replicas.

    scripts/ci-postgres.sh && scripts/ci-chroma.sh
    . /tmp/hpcbot-pg/env.sh && . /tmp/hpcbot-chroma/env.sh
    .venv/bin/python bench/scale_bench.py [--concurrent 50] [--rounds 2]

1. Ingests ../shared/corpus and the bundled knowledge into the database `hpcbot-bench` of the
   Chroma server (incremental: minutes the first time, seconds after).
2. Warm answer latency of the assistant on that index, every dev question, query cache off
   (target p95 <= 150 ms).
3. Two replicas (real processes, `python -m bot`, HTTP mode) on the Chroma server and a fresh
   PostgreSQL database, behind a round-robin balancer; the local Slack peer posts N questions
   at once as mentions, and each is timed from the post to the answer in its thread
   (target: no errors, p95 <= 2 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "ops")]

from backends import CHROMA_VAR, POSTGRES_VAR, fresh_postgres_database  # noqa: E402
from fakeslack import FakeSlack  # noqa: E402
from opsharness import Replica, SlackProxy, env_for, free_port  # noqa: E402
from paths import CORPUS, DEV_QUESTIONS  # noqa: E402

from bot.config import bundled_knowledge_dir  # noqa: E402
from ingest.bundled import bundled_roots  # noqa: E402
from ingest.pipeline import ingest  # noqa: E402
from ingest.sources import local_documents  # noqa: E402
from knowledge.embed import SentenceTransformerEmbedder  # noqa: E402
from knowledge.evaluation import load_questions  # noqa: E402
from knowledge.service import open_assistant  # noqa: E402
from knowledge.store import Index  # noqa: E402

DATABASE = "hpcbot-bench"


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000

    return (
        f"n={len(ordered):<3} p50={pick(0.5):7.1f} ms  p95={pick(0.95):7.1f} ms  "
        f"max={ordered[-1] * 1000:7.1f} ms  mean={statistics.mean(ordered) * 1000:7.1f} ms"
    )


def need(variable: str) -> str:
    value = os.environ.get(variable)
    if not value:
        sys.exit(f"{variable} is not set: start the servers (see this file's docstring)")
    return value


def bench_index(chroma: str) -> str:
    """The corpus index on the Chroma server; returns its HPCBOT_CHROMA_URL."""
    import chromadb
    from chromadb.config import Settings
    from chromadb.errors import NotFoundError

    host, port = chroma.split("//")[1].rstrip("/").split(":")
    admin = chromadb.AdminClient(
        Settings(
            anonymized_telemetry=False,
            chroma_api_impl="chromadb.api.fastapi.FastAPI",
            chroma_server_host=host,
            chroma_server_http_port=int(port),
        )
    )
    try:
        admin.get_database(DATABASE)
    except NotFoundError:
        admin.create_database(DATABASE)
    return f"{chroma.rstrip('/')}?database={DATABASE}"


def warm_latency(url: str) -> tuple[list[float], int]:
    embedder = SentenceTransformerEmbedder()
    index = Index(url, embedder)
    started = time.perf_counter()
    report = ingest(index, [local_documents(CORPUS), *bundled_roots(bundled_knowledge_dir())])
    print(
        f"ingest into the Chroma server: {report.summary()} ({time.perf_counter() - started:.1f} s)"
    )
    assistant = open_assistant(index, bundled_knowledge_dir())
    assistant.warm_up()
    questions = [item.question for item in load_questions(DEV_QUESTIONS)]
    for question in questions:  # warm: model, BM25, Chroma connections
        assistant.ask(question)
    embedder._cache_size = 0  # every question is embedded again: no cache flattering it
    embedder._cache.clear()
    samples = []
    for question in questions:
        started = time.perf_counter()
        assistant.ask(question)
        samples.append(time.perf_counter() - started)
    return samples, index.count()


def concurrent_answers(
    chroma_url: str, concurrent: int, rounds: int, threads: dict[str, str]
) -> tuple[list[float], int]:
    questions = [item.question for item in load_questions(DEV_QUESTIONS)]
    samples: list[float] = []
    failures = 0
    with (
        fresh_postgres_database() as state_url,
        FakeSlack() as slack,
        tempfile.TemporaryDirectory() as tmp,
    ):
        replicas = []
        try:
            for name in ("a", "b"):
                env = env_for(
                    slack,
                    free_port(),
                    Path(tmp) / name,
                    state_url=state_url,
                    chroma_url=chroma_url,
                    HPCBOT_LOG_LEVEL="WARNING",
                    **threads,
                )
                replicas.append(Replica.start(env, Path(tmp) / f"{name}.log"))
            for replica in replicas:
                replica.wait_ready()
            with SlackProxy([r.events_url for r in replicas], fan_out=False) as proxy:
                slack.deliver_over_http(proxy.url)

                def one(i: int) -> float:
                    started = time.perf_counter()
                    asked = slack.mention(questions[i % len(questions)], user=f"U{i:06d}")
                    reply = slack.wait_for_message(thread_ts=asked.ts, timeout=60)
                    elapsed = time.perf_counter() - started
                    if "something went wrong" in reply.text:
                        raise RuntimeError(f"error answer: {reply.text}")
                    return elapsed

                with ThreadPoolExecutor(concurrent) as pool:
                    list(pool.map(one, range(len(replicas) * 2)))  # warm both replicas
                    for _ in range(rounds):
                        for result in pool.map(one, range(concurrent)):
                            samples.append(result)
                # Let in-flight deliveries (echoes of the bot's posts) finish before stopping.
                slack.wait_for(lambda: all(d.latency is not None for d in slack.deliveries()), 30)
                failures = sum(1 for d in slack.deliveries() if not d.acked)
        finally:
            for replica in replicas:
                replica.stop()
    return samples, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrent", type=int, default=50, help="questions posted at once")
    parser.add_argument("--rounds", type=int, default=2, help="bursts of --concurrent questions")
    parser.add_argument(
        "--torch-threads", type=int, default=0, help="OMP_NUM_THREADS per replica (0: torch's)"
    )
    args = parser.parse_args()
    chroma = need(CHROMA_VAR)
    need(POSTGRES_VAR)
    url = bench_index(chroma)
    samples, chunks = warm_latency(url)
    print(f"warm answer latency, Chroma server ({chunks} chunks): {percentiles(samples)}")
    print("    target p95 <= 150 ms")
    threads = {"OMP_NUM_THREADS": str(args.torch_threads)} if args.torch_threads else {}
    answers, failures = concurrent_answers(url, args.concurrent, args.rounds, threads)
    print(
        f"{args.concurrent} concurrent mentions -> answers, 2 replicas, PostgreSQL: "
        f"{percentiles(answers)}, {failures} failed deliveries"
    )
    print("    target: no errors, p95 <= 2000 ms")


if __name__ == "__main__":
    main()
