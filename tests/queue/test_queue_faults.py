"""When the site misbehaves: refused connections, wrong tokens, servers that never answer."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.queue import QueueAuthError, QueueService, QueueUnavailable, parse_queue_config


def rest_config(url: str, **extra: object) -> dict[str, object]:
    return {
        "lumi": {
            "provider": "slurmrestd",
            "url": url,
            "user": "slurmtest",
            "token_env": "SLURMRESTD_JWT",
            **extra,
        }
    }


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A real TCP server that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on, like a stopped slurmrestd."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port: int = probe.getsockname()[1]
    probe.close()
    return port


def test_site_that_never_answers_times_out_within_the_configured_time(
    silent_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLURMRESTD_JWT", "token")
    service = QueueService(
        parse_queue_config(rest_config(f"http://127.0.0.1:{silent_port}")), timeout_seconds=0.5
    )
    started = time.monotonic()
    with pytest.raises(QueueUnavailable) as caught:
        service.status("lumi")
    assert time.monotonic() - started < 1.5
    assert str(caught.value).startswith("LUMI status unavailable (no answer within 0.5 s).")


def test_stopped_slurmrestd_is_reported_as_unreachable(
    closed_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLURMRESTD_JWT", "token")
    service = QueueService(parse_queue_config(rest_config(f"http://127.0.0.1:{closed_port}")))
    with pytest.raises(
        QueueUnavailable, match=r"cannot connect to slurmrestd at http://127\.0\.0\.1"
    ):
        service.status("lumi")


def test_missing_token_variable_is_an_auth_error_naming_the_variable(
    closed_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SLURMRESTD_JWT", raising=False)
    service = QueueService(parse_queue_config(rest_config(f"http://127.0.0.1:{closed_port}")))
    with pytest.raises(QueueAuthError, match="SLURMRESTD_JWT .* is not set"):
        service.status("lumi")


def test_slurm_cli_that_hangs_is_killed_at_the_timeout(tmp_path: object) -> None:
    config = parse_queue_config(
        {"lumi": {"provider": "slurm-cli", "command_prefix": ["sh", "-c", "sleep 30", "--"]}}
    )
    started = time.monotonic()
    with pytest.raises(QueueUnavailable, match=r"\(no answer within 0\.5 s\)") as caught:
        QueueService(config, timeout_seconds=0.5).status("lumi")
    assert time.monotonic() - started < 1.5
    # Which of the four commands ran out of time first varies; the prefix is the same.
    assert (caught.value.detail or "").startswith("from `sh -c sleep 30 -- ")


def test_slurm_cli_missing_tools_say_what_to_install() -> None:
    config = parse_queue_config(
        {"lumi": {"provider": "slurm-cli", "command_prefix": ["/nonexistent/ssh"]}}
    )
    with pytest.raises(QueueUnavailable, match="is not installed here"):
        QueueService(config).status("lumi")


@pytest.mark.slurm
def test_wrong_token_is_an_auth_error_that_does_not_echo_it(
    slurm_cluster: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = slurm_cluster["SLURMRESTD_JWT"][:-6] + "AAAAAA"
    monkeypatch.setenv("SLURMRESTD_JWT", wrong)
    service = QueueService(parse_queue_config(rest_config(slurm_cluster["SLURMRESTD_URL"])))
    with pytest.raises(QueueAuthError) as caught:
        service.status("lumi")
    message = str(caught.value)
    assert message.startswith(
        f"LUMI: slurmrestd at {slurm_cluster['SLURMRESTD_URL']} rejected hpcbot's credentials"
    )
    assert "scontrol token" in message and "$SLURMRESTD_JWT" in message
    assert wrong not in message and wrong[:20] not in message


@pytest.mark.slurm
def test_site_going_down_after_a_good_answer_gives_the_last_known_status(
    slurm_cluster: dict[str, str], closed_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLURMRESTD_JWT", slurm_cluster["SLURMRESTD_JWT"])
    from datetime import UTC, datetime, timedelta

    now = [datetime.now(UTC)]
    config = parse_queue_config(rest_config(slurm_cluster["SLURMRESTD_URL"]))
    service = QueueService(config, clock=lambda: now[0], cache_seconds=60)
    good = service.status("lumi")
    # Same service, the site now unreachable: point the provider at a dead port.
    service._providers["lumi"]._client.base_url = f"http://127.0.0.1:{closed_port}"  # type: ignore[attr-defined]
    now[0] += timedelta(seconds=61)
    with pytest.raises(QueueUnavailable) as caught:
        service.status("lumi")
    assert f"last known status from {good.as_of:%H:%M} UTC" in str(caught.value)
    assert caught.value.last_known is good


# --------------------------------------------------------------------------- what users see
FAKE_SSH = """#!/bin/sh
echo 'Load key "/home/svc/.ssh/id_hpcbot": bad permissions' >&2
echo 'svc-hpcbot@lumi-login.example: Permission denied (publickey).' >&2
exit 255
"""


@pytest.fixture
def failing_ssh(tmp_path: Path) -> dict[str, object]:
    """A slurm-cli source whose `ssh` fails the way a bad key does (exit 255, stderr)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    ssh = bin_dir / "ssh"
    ssh.write_text(FAKE_SSH)
    ssh.chmod(0o755)
    return {
        "lumi": {
            "provider": "slurm-cli",
            "command_prefix": ["ssh", "-i", "/home/svc/.ssh/id_hpcbot", "lumi-login.example"],
            "env": {"PATH": f"{bin_dir}:/usr/bin:/bin"},
        }
    }


def test_ssh_errors_stay_in_the_detail_not_in_the_message(
    failing_ssh: dict[str, object], caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(QueueUnavailable) as caught:
        QueueService(parse_queue_config(failing_ssh)).status("lumi")
    assert str(caught.value) == (
        "LUMI status unavailable (ssh to the cluster failed). No earlier status is cached; "
        "try again in a few minutes or check the site's status page."
    )
    assert caught.value.detail is not None
    assert 'Load key "/home/svc/.ssh/id_hpcbot": bad permissions' in caught.value.detail
    assert "id_hpcbot" in caplog.text  # the operator's log has it


def test_credentials_in_the_slurmrestd_url_are_not_shown(
    closed_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLURMRESTD_JWT", "token")
    url = f"http://svc:s3cret@127.0.0.1:{closed_port}/prefix"
    with pytest.raises(QueueUnavailable) as caught:
        QueueService(parse_queue_config(rest_config(url))).status("lumi")
    assert f"(cannot connect to slurmrestd at http://127.0.0.1:{closed_port})" in str(caught.value)
    assert "s3cret" not in str(caught.value)
