"""Operating a running bot: liveness, readiness, metrics and per-request log context.

    GET /health            200 {"ok": true} while the process serves HTTP (liveness)
    GET /ready             200 when ready, else 503; body: {"ready": bool, "checks": {...}}
    GET /health?ready=1    the same as /ready
    GET /metrics           Prometheus text format (see bot.metrics)

Readiness checks: `state_db` (a query on the state database), `index` (the assistant and its
index are loaded), `slack` (auth.test passed at start; in Socket Mode, the socket is connected).
The same routes are served in HTTP mode next to /slack/events and in Socket Mode on HPCBOT_PORT.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from slack_bolt import BoltResponse
from sqlalchemy import text

from bot.ingest_runs import ingest_summary
from bot.logs import request_id
from bot.metrics import CONTENT_TYPE, IngestRunsCollector, Metrics, ReadyCollector
from bot.services import Services
from bot.state import StateStore

log = logging.getLogger(__name__)

Check = Callable[[], str | None]  # None when fine, else what is wrong
CHECK_TIMEOUT = 5.0


def _always_fine() -> str | None:
    return None


@dataclass
class Ops:
    metrics: Metrics
    checks: dict[str, Check] = field(default_factory=dict)

    @classmethod
    def for_app(cls, store: StateStore, services: Services) -> Ops:
        ops = cls(Metrics())
        ops.checks = {
            "state_db": lambda: _database_problem(store),
            "index": services.readiness,
            "slack": _always_fine,  # build_app passed auth.test; Socket Mode replaces this
        }
        ops.metrics.add_collector(IngestRunsCollector(lambda: ingest_summary(store)))
        ops.metrics.add_collector(ReadyCollector(ops.is_ready))
        return ops

    def readiness(self) -> dict[str, str]:
        """Each check's result: "ok" or what is wrong."""
        results: dict[str, str] = {}
        for name, check in self.checks.items():
            try:
                problem = check()
            except Exception as exc:
                # The message can hold a server URL with its password (a database or Chroma
                # error): /ready shows only the type; the log has the rest, redacted.
                log.warning("readiness check %s failed: %s: %s", name, type(exc).__name__, exc)
                problem = f"{type(exc).__name__} (the log says why)"
            results[name] = "ok" if problem is None else problem
        return results

    def is_ready(self) -> bool:
        return all(result == "ok" for result in self.readiness().values())

    # -- Bolt middleware -----------------------------------------------------------------
    def middleware(self) -> Callable[..., BoltResponse]:
        """Count each request and tag its log records (also after the ack) with its id."""
        metrics = self.metrics

        def observe_request(
            body: dict[str, Any], next_: Callable[[], BoltResponse]
        ) -> BoltResponse:
            metrics.count_request(body)
            rid = body.get("event_id") or body.get("trigger_id") or body.get("envelope_id")
            # Not reset on return: Bolt runs the listener after the middleware loop, in this
            # context. HttpServer gives every request a fresh context, so nothing leaks.
            request_id.set(str(rid) if rid else None)
            return next_()

        return observe_request

    # -- aiohttp routes ------------------------------------------------------------------
    def add_routes(self, web_app: web.Application) -> None:
        web_app.router.add_get("/ready", self._ready)
        web_app.router.add_get("/metrics", self._metrics)

    async def health(self, request: web.Request) -> web.Response:
        """GET /health: liveness, or readiness with ?ready=1."""
        if request.query.get("ready") not in (None, "", "0"):
            return await self._ready(request)
        return web.json_response({"ok": True})

    async def _ready(self, request: web.Request) -> web.Response:
        loop = asyncio.get_running_loop()
        try:
            checks = await asyncio.wait_for(
                loop.run_in_executor(None, self.readiness), CHECK_TIMEOUT
            )
        except TimeoutError:
            checks = {"timeout": f"readiness checks took longer than {CHECK_TIMEOUT:.0f} s"}
        ready = all(result == "ok" for result in checks.values())
        return web.json_response({"ready": ready, "checks": checks}, status=200 if ready else 503)

    async def _metrics(self, request: web.Request) -> web.Response:
        body = await asyncio.get_running_loop().run_in_executor(None, self.metrics.render)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})


def _database_problem(store: StateStore) -> str | None:
    with store.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return None
