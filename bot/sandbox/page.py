"""The sandbox page's HTTP side, served by the peer's own aiohttp server.

    GET  /                    the page (static/index.html, app.css, app.js)
    GET  /sandbox/meta        who "you" are, the channels shown, slash commands from the manifest
    GET  /sandbox/state       messages, reactions, threads, index status, sandbox clock
    GET  /sandbox/events      the same state as Server-Sent Events, pushed on every change
    POST /sandbox/message     {channel, text, thread_ts?}: you post (`@hpcbot` becomes a mention)
    POST /sandbox/command     {channel, command, text}: you run a slash command
    POST /sandbox/click       {channel, ts, ephemeral, action_id}: you click a button
    POST /sandbox/clock       {seconds}: fast-forward the sandbox clock (scheduled posts fire)
    POST /sandbox/view        {view_id, values}: you submit a modal (block_id -> text or option)
    POST /sandbox/view_close  {view_id}: you close a modal

What the page does goes to the bot exactly as Slack would send it: through the peer's
delivery path (Socket Mode envelopes or signed HTTP), as the person "alice".

Any web page the user has open can make the browser send requests to 127.0.0.1. So the POSTs
act only for the page itself: they must be `application/json` (a cross-site form or
`text/plain` post can't be), carry the per-run token that /sandbox/meta gives the page in
`X-Sandbox-Token` (a custom header needs CORS, which is never granted, and another origin
can't read /sandbox/meta), and come from the page's own origin. The peer serves only loopback
`Host` names, so a rebound name can't read the page, its state or its token (`peer.guard`).
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from aiohttp import web

from bot.sandbox.index import BuildStatus
from bot.sandbox.peer import (
    ALICE,
    BOT_ID,
    BOT_USER,
    Delivery,
    FakeSlack,
    Message,
    OpenView,
    ViewRefused,
)
from bot.sandbox.peer.guard import origin_allowed, same_secret

STATIC = Path(__file__).resolve().parent / "static"
MANIFEST = Path(__file__).resolve().parents[1] / "manifest.yaml"
SLACKBOT = "USLACKBOT"
CHANNEL = "C0GENERAL"
_MENTION = re.compile(r"(?<![\w<])@hpcbot\b", re.IGNORECASE)
TOKEN_HEADER = "X-Sandbox-Token"
# What a same-origin fetch() says; "none" is a request the user typed (not from a page).
_OWN_FETCH_SITES = ("same-origin", "none")


def manifest_commands(path: Path = MANIFEST) -> list[dict[str, str]]:
    """The slash commands declared in the Slack app manifest, for the composer's autocomplete."""
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        {
            "command": str(c["command"]),
            "description": str(c.get("description", "")),
            "usage_hint": str(c.get("usage_hint", "")),
        }
        for c in manifest.get("features", {}).get("slash_commands", [])
    ]


class SandboxPage:
    """Routes for the page, added to the peer's application with `install`."""

    def __init__(
        self,
        peer: FakeSlack,
        *,
        status: Callable[[], BuildStatus | None] = lambda: None,
        fast_forward: Callable[[float], None] | None = None,
    ) -> None:
        self.peer = peer
        self.status = status
        self.fast_forward = fast_forward or peer.clock.advance
        self.dm = peer.ws.dm_channel(ALICE).id
        self.token = secrets.token_urlsafe(32)  # per run; required on every POST
        peer.ws.users.setdefault(SLACKBOT, "Slackbot")
        self.version = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._closing = False
        self._pool = ThreadPoolExecutor(8, thread_name_prefix="sandbox-page")
        self._commands = manifest_commands()
        peer.listeners.append(self.changed)
        peer.extensions.append(self.install)

    # ------------------------------------------------------------------ wiring
    def install(self, app: web.Application) -> None:
        app.on_startup.append(self._startup)
        app.on_shutdown.append(self._shutdown)
        app.router.add_get("/", self._index)
        app.router.add_static("/static/", STATIC)
        app.router.add_get("/sandbox/meta", self._meta)
        app.router.add_get("/sandbox/state", self._state)
        app.router.add_get("/sandbox/events", self._events)
        app.router.add_post("/sandbox/message", self._message)
        app.router.add_post("/sandbox/command", self._command)
        app.router.add_post("/sandbox/click", self._click)
        app.router.add_post("/sandbox/clock", self._clock)
        app.router.add_post("/sandbox/view", self._view_submit)
        app.router.add_post("/sandbox/view_close", self._view_close)

    async def _startup(self, app: web.Application) -> None:
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()

    async def _shutdown(self, app: web.Application) -> None:
        self._closing = True
        self._bump()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def changed(self, *_: object) -> None:
        """Something the page shows changed (any thread): wake the event streams."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._bump)

    def _bump(self) -> None:
        self.version += 1
        if self._changed is not None:
            self._changed.set()
            self._changed = asyncio.Event()

    # ------------------------------------------------------------------ reading
    def snapshot(self) -> dict[str, Any]:
        peer = self.peer
        with peer.lock:
            shown = [
                m
                for m in peer.ws.messages
                if not m.deleted
                and m.channel in (CHANNEL, self.dm)
                and m.ephemeral_to in (None, ALICE)
            ]
            replies: dict[tuple[str, str], list[Message]] = {}
            for m in shown:
                if m.thread_ts and m.thread_ts != m.ts and not m.is_ephemeral:
                    replies.setdefault((m.channel, m.thread_ts), []).append(m)
            messages = [self._message_json(m, replies.get((m.channel, m.ts), [])) for m in shown]
            views = [_view_json(v) for v in peer.ws.open_views(ALICE)]
            now = peer.clock.now()
        status = self.status()
        return {
            "version": self.version,
            "messages": messages,
            "views": views,
            "connected": peer.has_target,
            "status": status.to_dict() if status is not None else None,
            "clock": {
                "now": datetime.fromtimestamp(now, UTC).isoformat(),
                "offset_seconds": round(now - datetime.now(UTC).timestamp()),
            },
        }

    def _message_json(self, m: Message, replies: list[Message]) -> dict[str, Any]:
        users = self.peer.ws.users
        return {
            "channel": m.channel,
            "ts": m.ts,
            "thread_ts": m.thread_ts,
            "user": m.user,
            "user_name": users.get(m.user or "", m.user or "unknown"),
            "is_bot": m.bot_id == BOT_ID,
            "text": m.text,
            "blocks": m.blocks,
            # Shared files, served by the peer on this same origin (images are shown inline).
            "files": [
                {
                    "url": f"/files/{f['id']}/{f['name']}",
                    "title": f["title"],
                    "mimetype": f["mimetype"],
                    "alt": f["alt_txt"],
                }
                for f in m.files
            ],
            "ephemeral": m.is_ephemeral,
            "edited": m.edited,
            "reactions": [
                {"name": name, "count": len(who), "users": who}
                for name, who in m.reactions.items()
                if who
            ],
            "reply_count": len(replies),
            "reply_users": sorted({r.user or "" for r in replies}),
        }

    async def _index(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    async def _meta(self, request: web.Request) -> web.Response:
        users = dict(self.peer.ws.users)
        return web.json_response(
            {
                "me": ALICE,
                "bot_user": BOT_USER,
                "users": users,
                "channels": [
                    {"id": CHANNEL, "name": "general", "kind": "channel"},
                    {"id": self.dm, "name": "hpcbot", "kind": "dm"},
                ],
                "commands": self._commands,
                "token": self.token,
            }
        )

    async def _state(self, request: web.Request) -> web.Response:
        return web.json_response(self.snapshot())

    async def _events(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)
        seen = -1
        while not self._closing:
            if seen == self.version and self._changed is not None:
                try:
                    await asyncio.wait_for(self._changed.wait(), 15)
                except TimeoutError:
                    await response.write(b": keep-alive\n\n")
                    continue
                await asyncio.sleep(0.03)  # one push for a burst of changes
            seen = self.version
            if self._closing:
                break
            body = json.dumps(self.snapshot())
            await response.write(f"data: {body}\n\n".encode())
        return response

    # ------------------------------------------------------------------ doing
    async def _in_thread(self, work: Callable[[], Any]) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._pool, work)

    async def _body(self, request: web.Request) -> dict[str, Any]:
        """The JSON object of a POST from the page itself; anything else is refused."""
        site = request.headers.get("Sec-Fetch-Site")
        if not origin_allowed(request.headers.get("Origin"), self.peer.port) or (
            site is not None and site not in _OWN_FETCH_SITES
        ):
            raise web.HTTPForbidden(text="only the sandbox page itself may do this")
        if not same_secret(request.headers.get(TOKEN_HEADER, ""), self.token):
            raise web.HTTPForbidden(text=f"missing or wrong {TOKEN_HEADER}; reload the page")
        if request.content_type != "application/json":
            raise web.HTTPUnsupportedMediaType(text="send application/json")
        try:
            data = await request.json()
        except ValueError:
            raise web.HTTPBadRequest(text="send a JSON object") from None
        if not isinstance(data, dict):
            raise web.HTTPBadRequest(text="send a JSON object")
        return data

    def _channel(self, data: dict[str, Any]) -> str:
        channel = str(data.get("channel") or CHANNEL)
        if channel not in (CHANNEL, self.dm):
            raise web.HTTPBadRequest(text=f"unknown channel {channel}")
        return channel

    async def _message(self, request: web.Request) -> web.Response:
        data = await self._body(request)
        channel = self._channel(data)
        text = _MENTION.sub(f"<@{BOT_USER}>", str(data.get("text", ""))).strip()
        if not text:
            raise web.HTTPBadRequest(text="empty message")
        thread_ts = str(data["thread_ts"]) if data.get("thread_ts") else None
        msg = await self._in_thread(lambda: self.peer.post_as_user(text, channel, ALICE, thread_ts))
        return web.json_response({"ok": True, "ts": msg.ts})

    async def _command(self, request: web.Request) -> web.Response:
        data = await self._body(request)
        channel = self._channel(data)
        command = "/" + str(data.get("command", "")).strip().lstrip("/")
        known = {c["command"] for c in self._commands}
        if command not in known:
            self._slackbot_says(
                channel, f"`{command}` is not a valid command. Try one of: {', '.join(known)}."
            )
            return web.json_response({"ok": False, "error": "unknown_command"})
        text = str(data.get("text", "")).strip()
        delivery = await self._in_thread(
            lambda: self.peer.slash_command(command, text, ALICE, channel)
        )
        return self._delivered(delivery, channel, f"`{command}` failed")

    async def _click(self, request: web.Request) -> web.Response:
        data = await self._body(request)
        channel = self._channel(data)
        with self.peer.lock:
            msg = self.peer.ws.find(
                channel, str(data.get("ts", "")), ephemeral=bool(data.get("ephemeral"))
            )
        if msg is None:
            raise web.HTTPNotFound(text="no such message")
        action_id = str(data.get("action_id", ""))
        delivery = await self._in_thread(lambda: self.peer.click(msg, action_id, ALICE))
        return self._delivered(delivery, channel, "hpcbot did not respond to the button")

    async def _clock(self, request: web.Request) -> web.Response:
        data = await self._body(request)
        try:
            seconds = float(data.get("seconds", 0))
        except (TypeError, ValueError):
            raise web.HTTPBadRequest(text="seconds must be a number") from None
        if not 0 < seconds <= 366 * 86400:
            raise web.HTTPBadRequest(text="fast-forward between 1 second and a year")
        await self._in_thread(lambda: self.fast_forward(seconds))
        self.changed()
        return web.json_response({"ok": True, "now": self.snapshot()["clock"]})

    def _open_view(self, data: dict[str, Any]) -> OpenView:
        with self.peer.lock:
            found = next(
                (v for v in self.peer.ws.open_views(ALICE) if v.id == str(data.get("view_id"))),
                None,
            )
        if found is None:
            raise web.HTTPNotFound(text="no such open view")
        return found

    async def _view_submit(self, request: web.Request) -> web.Response:
        data = await self._body(request)
        view = self._open_view(data)
        raw = data.get("values")
        if not isinstance(raw, dict):
            raise web.HTTPBadRequest(text="values must be an object of block_id -> value")
        values = {str(k): (None if v is None else str(v)) for k, v in raw.items()}
        try:
            delivery = await self._in_thread(lambda: self.peer.submit_view(view, values))
        except ViewRefused as refused:  # what Slack's client says without sending anything
            return web.json_response(
                {"ok": False, "block_id": refused.block_id, "error": refused.message}
            )
        return web.json_response({"ok": delivery.acked, "error": delivery.error})

    async def _view_close(self, request: web.Request) -> web.Response:
        view = self._open_view(await self._body(request))
        await self._in_thread(lambda: self.peer.close_view(view))
        return web.json_response({"ok": True})

    def _delivered(self, delivery: Delivery, channel: str, what: str) -> web.Response:
        if not delivery.acked:
            reason = delivery.error or "no answer"
            if reason == "no_app_connected":
                reason = "hpcbot is not connected"
            self._slackbot_says(channel, f"{what} with the error “{reason}”.")
        return web.json_response({"ok": delivery.acked, "error": delivery.error})

    def _slackbot_says(self, channel: str, text: str) -> None:
        """What Slack itself shows you when an app fails: an ephemeral note from Slackbot."""
        with self.peer.changed():
            ws = self.peer.ws
            ws.add(Message(channel, ws.next_ts(channel), text, SLACKBOT, ephemeral_to=ALICE))


def _view_json(view: OpenView) -> dict[str, Any]:
    shown = view.view
    return {
        "id": view.id,
        "title": shown.get("title"),
        "submit": shown.get("submit"),
        "close": shown.get("close"),
        "blocks": shown.get("blocks", []),
        "errors": view.errors,
        "problem": view.problem,
    }
