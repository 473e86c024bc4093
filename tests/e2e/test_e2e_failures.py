"""What people in Slack are told when hpcbot's own set-up fails: what failed, never the
details an operator needs (ssh's stderr, a key path, a server URL with its password).
Those go to the log, redacted."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from botharness import Bot
from fakeslack import FakeSlack
from fakeslack.services import FakeServices

from bot.logs import install
from knowledge import Answer, KnowledgeError
from knowledge.queue import QueueService, QueueStatus, parse_queue_config

FAILING_SSH = """#!/bin/sh
echo 'Load key "/home/svc/.ssh/id_hpcbot": bad permissions' >&2
exit 255
"""


class SshQueueServices(FakeServices):
    """Fake answers, but /queue asks a real slurm-cli queue service."""

    def __init__(self, service: QueueService) -> None:
        super().__init__()
        self.service = service

    def queue(self, machine: str, partition: str | None, /) -> QueueStatus:
        return self.service.status(machine, partition)


@pytest.fixture
def services(tmp_path: Path) -> FakeServices:
    """Overrides the e2e `services`: LUMI's queue is behind an ssh that fails on its key."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "ssh").write_text(FAILING_SSH)
    (bin_dir / "ssh").chmod(0o755)
    config = {
        "lumi": {
            "provider": "slurm-cli",
            "command_prefix": "ssh -i /home/svc/.ssh/id_hpcbot svc-hpcbot@lumi-login.example",
            "env": {"PATH": f"{bin_dir}:/usr/bin:/bin"},
        }
    }
    return SshQueueServices(QueueService(parse_queue_config(config)))


def test_a_failing_queue_site_is_named_without_ssh_details(
    slack: FakeSlack, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    slack.slash_command("/queue", "lumi")
    told = slack.wait_for_message(ephemeral=True)
    assert told.text == (
        "LUMI status unavailable (ssh to the cluster failed). No earlier status is cached; "
        "try again in a few minutes or check the site's status page."
    )
    for private in ("id_hpcbot", "/home/svc", "svc-hpcbot", "lumi-login"):
        assert private not in told.all_text
    assert 'Load key "/home/svc/.ssh/id_hpcbot": bad permissions' in caplog.text


@pytest.fixture
def hpcbot_log() -> Iterator[io.StringIO]:
    """The log as `hpcbot serve` writes it (its handler redacts), captured."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    stream = io.StringIO()
    install("INFO", "json", stream)
    yield stream
    root.handlers[:] = handlers
    root.setLevel(level)


def test_an_index_server_failure_is_a_short_note_and_its_password_is_not_logged(
    slack: FakeSlack, bot: Bot, hpcbot_log: io.StringIO
) -> None:
    def unreachable(question: str, context: str | None) -> Answer:
        raise KnowledgeError(
            "Could not open the vector store at http://hpcbot:s3cret@chroma.internal:8000: "
            "connection refused. Check HPCBOT_CHROMA_URL (server reachable?)."
        )

    bot.services.answer = unreachable
    question = slack.mention("what GPUs does LUMI have?")
    told = slack.wait_for_message(ephemeral=True)
    mention = next(d for d in slack.deliveries() if d.payload["event"]["type"] == "app_mention")
    assert told.text == (
        ":warning: I can't answer that right now: part of my set-up isn't working "
        f"(ref `{mention.payload['event_id']}`). The people who run me can find the reason "
        "in the log."
    )
    assert question.ts == mention.payload["event"]["ts"]
    bot.idle()
    logged = hpcbot_log.getvalue()
    assert "http://[redacted]@chroma.internal:8000" in logged and "s3cret" not in logged
