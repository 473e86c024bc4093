"""QueueService behaviour: caching, single source of truth for errors, last known status."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from queue_testing import V22, FakeClock
from test_queue_summary import rest_bundle

from knowledge.errors import UnknownName
from knowledge.queue import (
    QueueAuthError,
    QueueNotConfigured,
    QueueService,
    QueueUnavailable,
    parse_queue_config,
)
from knowledge.queue.bundle import RawBundle
from knowledge.queue.config import MachineSource
from knowledge.queue.providers import FetchAuthError, FetchError

CONFIG = parse_queue_config(
    {
        "lumi": {
            "provider": "slurmrestd",
            "url": "http://127.0.0.1:1",
            "user": "u",
            "token_env": "T",
            "partitions": ["small-g", "dev-g"],
        }
    }
)


@dataclass
class ScriptedProvider:
    """Answers with the queued results in order (a bundle, or an exception to raise)."""

    results: list[RawBundle | Exception] = field(default_factory=list)
    calls: int = 0
    timeouts: list[float] = field(default_factory=list)
    name: str = "slurmrestd"

    def fetch(self, timeout: float) -> RawBundle:
        self.calls += 1
        self.timeouts.append(timeout)
        result = self.results.pop(0)
        if isinstance(result, Exception):
            raise result
        return result

    def close(self) -> None:
        pass


def service_with(provider: ScriptedProvider, clock: FakeClock, **kwargs: object) -> QueueService:
    def factory(source: MachineSource) -> ScriptedProvider:
        return provider

    return QueueService(CONFIG, clock=clock, provider_factory=factory, **kwargs)  # type: ignore[arg-type]


GOOD = rest_bundle(V22)


def test_status_reports_only_configured_partitions_with_header(clock: FakeClock) -> None:
    status = service_with(ScriptedProvider([GOOD]), clock).status("LUMI")
    assert (status.machine, status.source, status.as_of) == ("LUMI", "slurmrestd", clock.now)
    assert [p.name for p in status.partitions] == ["small-g", "dev-g"]


def test_one_partition_on_request_and_unknown_partition_suggests(clock: FakeClock) -> None:
    service = service_with(ScriptedProvider([GOOD]), clock)
    assert [p.name for p in service.status("lumi", "DEV-G").partitions] == ["dev-g"]
    with pytest.raises(UnknownName, match="Did you mean small-g or dev-g"):
        service.status("lumi", "gpu")


def test_repeated_questions_within_the_cache_window_hit_the_site_once(clock: FakeClock) -> None:
    provider = ScriptedProvider([GOOD, GOOD])
    service = service_with(provider, clock, cache_seconds=60)
    first = service.status("lumi")
    clock.advance(59)
    assert service.status("lumi", "small-g").partitions[0].name == "small-g"
    assert service.status("lumi") is first and provider.calls == 1
    clock.advance(2)
    assert service.status("lumi") is not first and provider.calls == 2


def test_timeout_setting_reaches_the_provider(clock: FakeClock) -> None:
    provider = ScriptedProvider([GOOD])
    service_with(provider, clock, timeout_seconds=2.5).status("lumi")
    assert provider.timeouts == [2.5]


def test_failure_without_history_says_so(clock: FakeClock) -> None:
    service = service_with(ScriptedProvider([FetchError("no answer within 5 s")]), clock)
    with pytest.raises(QueueUnavailable) as caught:
        service.status("lumi")
    assert str(caught.value).startswith(
        "LUMI status unavailable (no answer within 5 s). No earlier"
    )
    assert caught.value.last_known is None


def test_failure_after_success_offers_the_last_known_status(clock: FakeClock) -> None:
    provider = ScriptedProvider([GOOD, FetchError("cannot connect to slurmrestd")])
    service = service_with(provider, clock)
    good = service.status("lumi")
    clock.advance(120)
    with pytest.raises(QueueUnavailable) as caught:
        service.status("lumi")
    assert str(caught.value) == (
        "LUMI status unavailable (cannot connect to slurmrestd), last known status from 21:15 UTC."
    )
    assert caught.value.last_known is good


def test_a_failing_site_is_not_asked_again_for_a_short_while(clock: FakeClock) -> None:
    provider = ScriptedProvider([FetchError("no answer within 5 s"), GOOD])
    service = service_with(provider, clock)
    for _ in range(3):
        with pytest.raises(QueueUnavailable):
            service.status("lumi")
    assert provider.calls == 1
    clock.advance(16)
    assert service.status("lumi").partitions and provider.calls == 2


def test_bad_credentials_are_an_auth_error(clock: FakeClock) -> None:
    service = service_with(ScriptedProvider([FetchAuthError("token rejected (HTTP 401)")]), clock)
    with pytest.raises(QueueAuthError, match=r"^LUMI: token rejected \(HTTP 401\)$"):
        service.status("lumi")


def test_last_known_status_survives_a_restart_via_state_dir(
    clock: FakeClock, tmp_path: Path
) -> None:
    service_with(ScriptedProvider([GOOD]), clock, state_dir=tmp_path).status("lumi")
    clock.advance(3600)
    fresh = service_with(ScriptedProvider([FetchError("ssh failed")]), clock, state_dir=tmp_path)
    with pytest.raises(QueueUnavailable, match="last known status from 21:15") as caught:
        fresh.status("lumi")
    assert caught.value.last_known is not None
    assert [p.name for p in caught.value.last_known.partitions] == ["small-g", "dev-g"]


def test_unconfigured_machine_tells_an_admin_how_to_connect_it(clock: FakeClock) -> None:
    service = QueueService(CONFIG, clock=clock, config_path=Path("/etc/hpcbot/queue.yaml"))
    with pytest.raises(QueueNotConfigured) as caught:
        service.status("leonardo")
    message = str(caught.value)
    assert "No live queue source is configured for LEONARDO" in message
    assert "/etc/hpcbot/queue.yaml" in message and "provider: slurmrestd" in message


def test_machine_aliases_go_through_the_resolver(clock: FakeClock) -> None:
    aliases = {"lumi-g": "LUMI", "lumi": "LUMI"}

    def resolve(name: str) -> str:
        if name.lower() not in aliases:
            raise UnknownName("machine", name, [])
        return aliases[name.lower()]

    provider = ScriptedProvider([GOOD])
    service = service_with(provider, clock, resolve_machine=resolve)
    assert service.status("LUMI-G").machine == "LUMI"
    with pytest.raises(UnknownName):
        service.status("nosuch")
