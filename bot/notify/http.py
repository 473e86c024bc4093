"""`GET /notify`: a batch job's call, checked at once (401 for forged, revoked, replayed), the
DM sent afterwards by the app's workers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Executor

from aiohttp import web

from bot.notify.desk import Call, NotifyDesk

ROUTE = "/notify"


def add_routes(
    web_app: web.Application,
    desk: NotifyDesk,
    pool: Executor,
    deliver: Callable[[Call], None],
) -> None:
    """Serve `ROUTE`; `deliver(call)` hands an accepted call to the app's workers."""

    async def notify(request: web.Request) -> web.Response:
        params = {k: request.query.get(k, "") for k in ("id", "sig", "event", "job")}
        if "exit" in request.query:
            params["exit"] = request.query["exit"]
        loop = asyncio.get_running_loop()
        status, body, call = await loop.run_in_executor(pool, desk.check, params)
        if call is not None:
            deliver(call)
        return web.Response(status=status, text=body)

    web_app.router.add_get(ROUTE, notify)
