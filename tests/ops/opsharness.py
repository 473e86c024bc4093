"""Run `hpcbot serve` replicas as real processes, and put a load balancer in front of them.

    with Replica.start(env_for(slack, port, data_dir, state_url=..., chroma_url=...)) as bot:
        ...
    with SlackProxy([a.events_url, b.events_url], fan_out=True) as proxy:
        slack.deliver_over_http(proxy.url)    # every delivery reaches both replicas at once

`fan_out=True` is the worst case for deduplication (Slack retrying to a second replica while
the first still works on the event); `fan_out=False` is a round-robin load balancer.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from fakeslack import FakeSlack

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def env_for(
    slack: FakeSlack,
    port: int,
    data_dir: Path,
    *,
    state_url: str,
    chroma_url: str | None = None,
    **extra: str,
) -> dict[str, str]:
    """The environment of one replica in HTTP mode, talking to `slack`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "HPCBOT_"))}
    env.update(
        SLACK_BOT_TOKEN=slack.bot_token,
        SLACK_SIGNING_SECRET=slack.signing_secret,
        SLACK_API_URL=slack.api_url,
        HPCBOT_PORT=str(port),
        HPCBOT_DATA_DIR=str(data_dir),
        HPCBOT_STATE_URL=state_url,
        HPCBOT_LOG_FORMAT="json",
        HF_HUB_OFFLINE="1",
        **extra,
    )
    if chroma_url:
        env["HPCBOT_CHROMA_URL"] = chroma_url
    return env


def get(url: str, timeout: float = 5.0) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@dataclass
class Replica:
    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def events_url(self) -> str:
        return f"{self.url}/slack/events"

    @classmethod
    def start(cls, env: dict[str, str], log_path: Path) -> Replica:
        log = log_path.open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "bot"], env=env, cwd=REPO, stdout=log, stderr=log
        )
        return cls(process, int(env["HPCBOT_PORT"]), log_path)

    def wait_ready(self, timeout: float = 180.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"replica exited: {self.log_path.read_text()[-3000:]}")
            try:
                status, body = get(f"{self.url}/ready")
                if status == 200:
                    return dict(json.loads(body))
                last = body
            except OSError as exc:
                last = str(exc)
            time.sleep(0.25)
        raise AssertionError(f"replica not ready after {timeout} s: {last}")

    def log_lines(self) -> list[dict[str, Any]]:
        lines = []
        for raw in self.log_path.read_text().splitlines():
            if raw.startswith("{"):
                lines.append(json.loads(raw))
        return lines

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def __enter__(self) -> Replica:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class SlackProxy:
    """A load balancer between the Slack peer and the replicas (own thread and event loop)."""

    def __init__(self, targets: list[str], *, fan_out: bool) -> None:
        self.targets = targets
        self.fan_out = fan_out
        self.port = 0
        self._next = itertools.cycle(range(len(targets)))
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    async def _forward(self, target: str, body: bytes, headers: dict[str, str]) -> web.Response:
        assert self._session is not None
        async with self._session.post(target, data=body, headers=headers) as resp:
            return web.Response(
                status=resp.status,
                body=await resp.read(),
                content_type=resp.content_type,
            )

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = {
            k: v for k, v in request.headers.items() if k.lower().startswith(("x-slack", "content"))
        }
        if self.fan_out:
            responses = await asyncio.gather(
                *(self._forward(t, body, headers) for t in self.targets)
            )
            return responses[0]
        return await self._forward(self.targets[next(self._next)], body, headers)

    async def _start(self) -> None:
        self._session = aiohttp.ClientSession()
        app = web.Application()
        app.router.add_post("/slack/events", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def _stop(self) -> None:
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def __enter__(self) -> SlackProxy:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
