"""Work handed off after an ack waits until the HTTP server has sent that ack, so that in a burst
of slash commands the replies of the first ones do not slow the acks of the last ones."""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fakeslack.services import FakeServices
from slack_sdk import WebClient

from bot.listeners.deps import Deps, hold_work_until_acked, release_held_work
from bot.state import StateStore


@pytest.fixture
def deps(tmp_path: Path) -> Iterator[Deps]:
    store = StateStore.open(f"sqlite:///{tmp_path / 'state.db'}")
    workers = ThreadPoolExecutor(2)
    yield Deps(services=FakeServices().services(), store=store, workers=workers)
    workers.shutdown(wait=True)
    store.close()


def hand_off(deps: Deps, context: contextvars.Context, started: threading.Event) -> None:
    context.run(deps.after_ack, started.set, body={}, client=WebClient(token="xoxb-test"))


def test_work_starts_at_once_outside_a_held_request(deps: Deps) -> None:
    started = threading.Event()
    hand_off(deps, contextvars.Context(), started)
    assert started.wait(5)
    assert deps.wait_idle(5)


def test_work_of_a_held_request_waits_for_its_release(deps: Deps) -> None:
    started = threading.Event()
    request = contextvars.Context()
    request.run(hold_work_until_acked)
    hand_off(deps, request, started)

    assert not started.wait(0.3)
    assert not deps.wait_idle(0)  # counted as pending, so a graceful stop still waits for it

    request.run(release_held_work)
    assert started.wait(5)
    assert deps.wait_idle(5)


def test_releasing_one_request_leaves_another_held(deps: Deps) -> None:
    first, second = threading.Event(), threading.Event()
    requests = [contextvars.Context(), contextvars.Context()]
    for request, started in zip(requests, (first, second), strict=True):
        request.run(hold_work_until_acked)
        hand_off(deps, request, started)

    requests[0].run(release_held_work)

    assert first.wait(5)
    assert not second.wait(0.3)
    requests[1].run(release_held_work)
    assert second.wait(5)
