"""The Socket Mode side: single-use random tickets, hello, envelopes, acks with a deadline,
disconnect. Only non-browser clients, or pages from the peer itself, may connect."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from typing import Any

from aiohttp import WSMsgType, web

from .guard import origin_allowed
from .workspace import Workspace

HELLO = {
    "type": "hello",
    "num_connections": 1,
    "debug_info": {"host": "applink-fake", "build_number": 1, "approximate_connection_time": 18060},
    "connection_info": {"app_id": "A0FAKEAPP"},
}


class SocketHub:
    def __init__(self, ws: Workspace, notify: Callable[[], None], port: Callable[[], int]) -> None:
        self.ws = ws
        self.notify = notify
        self.port = port
        self.connections: list[web.WebSocketResponse] = []
        self.pending: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self.received: list[dict[str, Any]] = []
        self._round_robin = itertools.count()
        self._send_locks: dict[int, asyncio.Lock] = {}
        self._connected = asyncio.Event()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        # A browser page elsewhere could open this socket and read every envelope (the whole
        # conversation); browsers always say where they come from in `Origin`.
        if not origin_allowed(request.headers.get("Origin"), self.port()):
            return web.Response(status=403, text="cross-origin WebSocket refused")
        ticket = request.query.get("ticket", "")
        if ticket not in self.ws.tickets:
            return web.Response(status=401, text="invalid ticket")
        self.ws.tickets.discard(ticket)
        if len(self.connections) >= 10:
            return web.Response(status=429, text="too_many_websockets")
        sock = web.WebSocketResponse(autoping=True)
        await sock.prepare(request)
        self.connections.append(sock)
        self._connected.set()
        self.notify()
        await self.send_frame(sock, {**HELLO, "num_connections": len(self.connections)})
        try:
            async for frame in sock:
                if frame.type != WSMsgType.TEXT:
                    continue
                data = json.loads(frame.data)
                self.received.append(data)
                future = self.pending.get(str(data.get("envelope_id")))
                if future is not None and not future.done():
                    future.set_result(data)
        finally:
            if sock in self.connections:
                self.connections.remove(sock)
            if not self.connections:
                self._connected.clear()
            self.notify()
        return sock

    @property
    def connected(self) -> bool:
        return bool(self.connections)

    async def wait_connected(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self._connected.wait(), timeout)
        except TimeoutError:
            return False
        return True

    async def send(self, envelope: dict[str, Any], ack_timeout: float) -> dict[str, Any] | None:
        """Send to one live connection; the ack frame, or None if none came in time."""
        if not await self.wait_connected(ack_timeout):
            return None
        sock = self.connections[next(self._round_robin) % len(self.connections)]
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.pending[envelope["envelope_id"]] = future
        try:
            await self.send_frame(sock, envelope)
            return await asyncio.wait_for(future, ack_timeout)
        except (TimeoutError, ConnectionError):
            return None
        finally:
            self.pending.pop(envelope["envelope_id"], None)

    async def send_frame(self, sock: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        """One frame at a time per socket: concurrent writers must not interleave."""
        lock = self._send_locks.setdefault(id(sock), asyncio.Lock())
        async with lock:
            await sock.send_str(json.dumps(frame))

    async def disconnect(self, reason: str, grace: float = 2.0) -> None:
        """Ask clients to reconnect; old sockets get no more envelopes and close after `grace`."""
        frame = {"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-fake"}}
        old, self.connections = list(self.connections), []
        self._connected.clear()
        for sock in old:
            await self.send_frame(sock, frame)
        loop = asyncio.get_running_loop()
        for sock in old:
            loop.call_later(grace, _close_soon, sock)

    async def drop(self) -> None:
        """Close every socket without a disconnect frame (a network failure)."""
        for sock in list(self.connections):
            await sock.close()


def _close_soon(sock: web.WebSocketResponse) -> None:
    asyncio.ensure_future(sock.close())
