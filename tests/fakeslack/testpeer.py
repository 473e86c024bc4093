"""The Slack peer with what only tests do to it: make Web API calls fail, send forged or
tampered signed requests, wait for a message or a modal and fail the test when it does not come.

`bot.sandbox.peer.FakeSlack` is a faithful Slack for the sandbox; this subclass adds the
failures on top, as an aiohttp middleware installed through the peer's `extensions` hook.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from aiohttp import web
from aiohttp.typedefs import Handler

from bot.sandbox import peer
from bot.sandbox.peer import ALICE, BOT_ID, Message, OpenView, http_delivery
from bot.sandbox.peer.server import parse_args

T = TypeVar("T")


class WaitTimeout(AssertionError):
    """What a test waited for did not happen (an assertion failure, not an error)."""


@dataclass
class Fault:
    """A failure for the next `times` calls of a Web API `method` (or "response_url")."""

    method: str
    status: int = 429
    retry_after: int | None = 1
    error: str | None = None
    delay: float = 0.0
    times: int = 1
    drop_connection: bool = False
    after_success: bool = False  # do the call, then answer with the fault (a lost response)


class FakeSlack(peer.FakeSlack):
    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.faults: list[Fault] = []
        self.extensions.append(lambda app: app.middlewares.append(self._inject_faults))

    # ---------------------------------------------------------------- faults
    def inject_fault(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int | None = 1,
        error: str | None = None,
        delay: float = 0.0,
        times: int = 1,
        drop_connection: bool = False,
        after_success: bool = False,
    ) -> None:
        """Fail the next `times` calls of a Web API method (or "response_url").

        `after_success=True`: the call takes effect but the app gets the error, as when Slack
        posts a message and the response is lost (to test against double posts).
        """
        with self.changed():
            self.faults.append(
                Fault(
                    method, status, retry_after, error, delay, times, drop_connection, after_success
                )
            )

    def _take_fault(self, method: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.method == method and fault.times > 0:
                    fault.times -= 1
                    return fault
        return None

    @web.middleware
    async def _inject_faults(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path.startswith("/hooks/"):
            fault = self._take_fault("response_url")
            if fault is None:
                return await handler(request)
            await asyncio.sleep(fault.delay)
            text = fault.error or "rate_limited"
            return web.Response(status=fault.status, text=text, headers=_retry_after(fault))
        method = request.match_info.get("method")
        fault = self._take_fault(method) if method else None
        if method is None or fault is None:
            return await handler(request)
        if fault.after_success:  # the call lands, its answer is lost
            await handler(request)
        await asyncio.sleep(fault.delay)
        if fault.drop_connection and request.transport is not None:
            request.transport.close()
            return web.Response(status=500)
        error = fault.error or ("ratelimited" if fault.status == 429 else "fatal_error")
        body = {"ok": False, "error": error}
        args = await parse_args(request)
        args.pop("token", None)
        headers = {k: v for k, v in request.headers.items() if k.lower() != "authorization"}
        with self.changed():
            self.ws.journal(method, args, headers, fault.status, body)
        return web.json_response(body, status=fault.status, headers=_retry_after(fault))

    # ---------------------------------------------------------------- forged requests
    def send_signed(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        secret: str | None = None,
        timestamp: int | None = None,
        tamper: Callable[[bytes], bytes] | None = None,
    ) -> tuple[int, str]:
        """One signed HTTP POST to the app, signed with `secret` (default: the real one) at
        `timestamp`, its body changed by `tamper` after signing: forged, stale, edited."""
        assert self._http_target is not None, "call deliver_over_http(url) first"
        body, content_type = http_delivery.encode(kind, payload)
        stamp = str(timestamp if timestamp is not None else int(self.clock.now()))
        signature = http_delivery.sign(secret or self.signing_secret, stamp, body)
        sent = tamper(body) if tamper else body

        async def go() -> tuple[int, str]:
            assert self._session is not None and self._http_target is not None
            status, text, _ = await http_delivery.post(
                self._session,
                self._http_target,
                sent,
                content_type,
                secret="",
                timestamp=stamp,
                signature=signature,
                timeout=self.ack_timeout,
            )
            return status, text

        return self._run(go())

    # ---------------------------------------------------------------- waiting
    def wait_for(self, predicate: Callable[[], T | None], timeout: float = 5.0) -> T:
        try:
            return super().wait_for(predicate, timeout)
        except TimeoutError as exc:
            raise WaitTimeout(str(exc)) from None

    def wait_for_message(
        self,
        match: Callable[[Message], bool] | None = None,
        *,
        channel: str | None = None,
        thread_ts: str | None = None,
        from_bot: bool | None = True,
        ephemeral: bool | None = None,
        timeout: float = 5.0,
    ) -> Message:
        """The first message (deleted ones aside) matching every condition given."""

        def find() -> Message | None:
            for msg in self.ws.messages:
                if msg.deleted:
                    continue
                if channel is not None and msg.channel != channel:
                    continue
                if thread_ts is not None and msg.thread_ts != thread_ts:
                    continue
                if from_bot is not None and (msg.bot_id == BOT_ID) != from_bot:
                    continue
                if ephemeral is not None and msg.is_ephemeral != ephemeral:
                    continue
                if match is None or match(msg):
                    return msg
            return None

        return self.wait_for(find, timeout)

    def wait_for_view(self, user: str = ALICE, timeout: float = 5.0) -> OpenView:
        """The modal `user` has open (the newest), once the app has opened one."""
        return self.wait_for(lambda: next(reversed(self.open_views(user)), None), timeout)


def _retry_after(fault: Fault) -> dict[str, str]:
    return {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}


__all__ = ["FakeSlack", "Fault", "WaitTimeout"]
