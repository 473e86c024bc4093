"""Two `hpcbot serve` processes against one Chroma server and one PostgreSQL, as in production.

The index is built by the real `hpcbot ingest` against the Chroma server; both replicas load it
from there. The Slack peer delivers every event to both replicas at the same moment (through a
fan-out proxy): deduplication through the shared database must let exactly one of them answer.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import fresh_chroma_database, fresh_postgres_database
from fakeslack import FakeSlack
from opsharness import REPO, Replica, SlackProxy, env_for, free_port, get
from prometheus_client.parser import text_string_to_metric_families

pytestmark = [pytest.mark.postgres, pytest.mark.chroma_server, pytest.mark.slow]

QUESTIONS = [
    "When is the next AI Factories cut-off?",
    "How much memory does a LUMI-G node have?",
    "Which GPUs does LEONARDO have?",
    "What is the best recipe for lasagne?",
]


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[str, str]]:
    with fresh_postgres_database() as state_url, fresh_chroma_database() as chroma_url:
        yield state_url, chroma_url


@pytest.fixture(scope="module")
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture(scope="module")
def replicas(
    servers: tuple[str, str], slack: FakeSlack, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[Replica]]:
    state_url, chroma_url = servers
    work = tmp_path_factory.mktemp("replicas")
    ingest_env = env_for(slack, 0, work / "ingest", state_url=state_url, chroma_url=chroma_url)
    built = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "ingest", "--json"],
        env=ingest_env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    started = []
    try:
        for name in ("a", "b"):
            env = env_for(
                slack, free_port(), work / name, state_url=state_url, chroma_url=chroma_url
            )
            started.append(Replica.start(env, work / f"{name}.log"))
        for replica in started:
            replica.wait_ready()
        yield started
    finally:
        for replica in started:
            replica.stop()


def test_both_replicas_are_ready_on_the_shared_servers(replicas: list[Replica]) -> None:
    for replica in replicas:
        assert replica.wait_ready() == {
            "ready": True,
            "checks": {"state_db": "ok", "index": "ok", "slack": "ok"},
        }


def test_every_event_is_answered_once_when_delivered_to_both(
    slack: FakeSlack, replicas: list[Replica]
) -> None:
    with SlackProxy([r.events_url for r in replicas], fan_out=True) as proxy:
        slack.deliver_over_http(proxy.url)
        asked = [slack.mention(q) for q in QUESTIONS]
        for question in asked:
            slack.wait_for_message(thread_ts=question.ts, timeout=60)
        slack.wait_for(lambda: all(d.latency is not None for d in slack.deliveries()), 30)

    for question in asked:
        in_thread = [m for m in slack.bot_messages() if m.thread_ts == question.ts]
        assert len(in_thread) == 1, [m.text for m in in_thread]
    events = {  # people's events: Bolt drops the echoes of the bot's own posts before dedup
        d.payload["event_id"]
        for d in slack.deliveries("events_api")
        if not d.payload["event"].get("bot_id")
    }
    repeats = [
        line
        for replica in replicas
        for line in replica.log_lines()
        if line["msg"].startswith("ignored a repeat of event")
    ]
    # Each event reached both replicas; exactly one of them claimed it.
    assert len(repeats) == len(events)
    answered = sum(_metric(r, "hpcbot_answers_total") for r in replicas)
    assert answered == len(QUESTIONS)


def test_metrics_show_the_shared_ingest_run_on_every_replica(replicas: list[Replica]) -> None:
    for replica in replicas:
        assert _metric(replica, "hpcbot_ingest_runs_total", outcome="ok") == 1
        assert 0 <= _metric(replica, "hpcbot_ingest_last_success_age_seconds") < 3600


def test_logs_are_json_with_event_ids_and_no_message_text(replicas: list[Replica]) -> None:
    lines = [line for r in replicas for line in r.log_lines()]
    answered = [line for line in lines if line["msg"] == "answered"]
    assert answered and all(line["event_id"].startswith("Ev") for line in answered)
    text = "\n".join(r.log_path.read_text() for r in replicas)
    assert not any(q in text for q in QUESTIONS)
    assert "xoxb-" not in text.replace("xoxb-[redacted]", "")


def _metric(replica: Replica, name: str, **labels: str) -> float:
    """Sum of the samples called `name` (with these labels) in the replica's /metrics."""
    status, body = get(f"{replica.url}/metrics")
    assert status == 200
    return sum(
        sample.value
        for family in text_string_to_metric_families(body)
        for sample in family.samples
        if sample.name == name and labels.items() <= sample.labels.items()
    )


def test_a_replica_that_cannot_reach_the_database_stops_with_the_reason(
    slack: FakeSlack, servers: tuple[str, str], tmp_path: Path
) -> None:
    _, chroma_url = servers
    dead = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/nothing?connect_timeout=2"
    env = env_for(slack, free_port(), tmp_path, state_url=dead, chroma_url=chroma_url)
    with Replica.start(env, tmp_path / "dead.log") as replica:
        replica.process.wait(60)
    assert replica.process.returncode != 0
    assert "state database" in replica.log_path.read_text().lower()
