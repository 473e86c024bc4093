"""The aiohttp application: Web API, Socket Mode link, response_url hooks."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from aiohttp import web

from . import blockkit, files, webapi
from .guard import host_allowed, same_secret
from .state import BOT_ID, BOT_USER, Message

if TYPE_CHECKING:
    from .fake import FakeSlack

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
HOOK_USES = 5
HOOK_LIFETIME = 30 * 60


async def parse_args(request: web.Request) -> dict[str, Any]:
    args: dict[str, Any] = dict(request.query)
    raw = await request.read()
    if raw:
        if request.content_type == "application/json":
            args.update(json.loads(raw))
        else:
            args.update(dict(parse_qsl(raw.decode(), keep_blank_values=True)))
    for key in ("blocks", "attachments"):
        if isinstance(args.get(key), str):
            try:
                args[key] = json.loads(args[key])
            except ValueError:
                args[key] = "<unparseable>"
    return args


def _token(request: web.Request, args: dict[str, Any]) -> str | None:
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        return auth.removeprefix("Bearer ").strip()
    token = args.pop("token", None)
    return str(token) if token else None


def build(fake: FakeSlack) -> web.Application:
    @web.middleware
    async def loopback_hosts_only(request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse any other `Host` (DNS rebinding: a page whose name now means 127.0.0.1)."""
        host = request.headers.get("Host")
        if not host_allowed(host, fake.port, portless_ok=request.path == "/link/"):
            return web.Response(
                status=421,
                text="This local Slack answers only http://127.0.0.1, localhost or [::1] "
                f"on port {fake.port}.",
            )
        return await handler(request)

    app = web.Application(client_max_size=8 * 1024 * 1024, middlewares=[loopback_hosts_only])

    async def api(request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await parse_args(request)
        token = _token(request, args)
        headers = {k: v for k, v in request.headers.items() if k.lower() != "authorization"}
        ctx = webapi.Context(fake.ws, args, fake.url)
        with fake.changed():
            result = _dispatch(fake, method, token, ctx)
            fake.ws.journal(method, args, headers, 200, result)
        for msg in ctx.echoes:
            fake.echo(msg)
        return web.json_response(result)

    async def hook(request: web.Request) -> web.Response:
        return await _hook(fake, request)

    async def upload(request: web.Request) -> web.Response:
        """The upload URL files.getUploadURLExternal handed out: the raw bytes arrive here."""
        body = await request.read()
        with fake.changed():
            status, text = files.receive(
                fake.ws.files, request.match_info["file_id"], request.match_info["secret"], body
            )
            fake.ws.journal(
                "upload", {"file_id": request.match_info["file_id"]}, {}, status,
                {"ok": status == 200, "bytes": len(body)},
            )  # fmt: skip
        return web.Response(status=status, text=text)

    async def download(request: web.Request) -> web.Response:
        """A shared file's url_private (Slack wants the bot token; the page, on loopback, not)."""
        with fake.lock:
            stored = fake.ws.files.get(request.match_info["file_id"])
            if stored is None or not stored.completed or stored.data is None:
                return web.Response(status=404, text="file_not_found")
            return web.Response(body=stored.data, content_type=stored.mimetype)

    app.router.add_post("/upload/v1/{file_id}/{secret}", upload)
    app.router.add_get("/files/{file_id}/{name}", download)
    app.router.add_post("/api/{method}", api)
    app.router.add_get("/api/{method}", api)
    app.router.add_get("/link/", fake.hub.handle)
    app.router.add_post("/hooks/{kind}/{team}/{hook_id}/{secret}", hook)
    return app


def _dispatch(
    fake: FakeSlack, method: str, token: str | None, ctx: webapi.Context
) -> dict[str, Any]:
    if method in webapi.APP_METHODS:
        if token is None:
            return {"ok": False, "error": "not_authed"}
        if token == fake.bot_token:
            return {"ok": False, "error": "not_allowed_token_type"}
        if token != fake.app_token:
            return {"ok": False, "error": "invalid_auth"}
        return webapi.APP_METHODS[method](ctx)
    if method not in webapi.BOT_METHODS:
        return {"ok": False, "error": "unknown_method", "req_method": method}
    if token is None:
        return {"ok": False, "error": "not_authed"}
    if token != fake.bot_token:
        return {"ok": False, "error": "invalid_auth"}
    return webapi.BOT_METHODS[method](ctx)


async def _hook(fake: FakeSlack, request: web.Request) -> web.Response:
    hook_id = request.match_info["hook_id"]
    hook = fake.ws.hooks.get(hook_id)
    if hook is None or not same_secret(request.match_info["secret"], hook.secret):
        return web.Response(status=404, text="no_service")
    raw = await request.read()
    with fake.changed():
        status, text, echo = _use_hook(fake, hook_id, raw)
        fake.ws.journal(
            "response_url",
            {"hook": hook_id, "body": raw.decode()},
            {},
            status,
            {"ok": status == 200, "text": text},
        )
    if echo is not None:
        fake.echo(echo)
    return web.Response(status=status, text=text)


def _use_hook(fake: FakeSlack, hook_id: str, raw: bytes) -> tuple[int, str, Message | None]:
    ws = fake.ws
    hook = ws.hooks.get(hook_id)
    if hook is None:
        return 404, "no_service", None
    if ws.clock.now() - hook.created_at > HOOK_LIFETIME:
        return 404, "expired_url", None
    if hook.uses >= HOOK_USES:
        return 404, "used_url", None
    try:
        body = json.loads(raw)
    except ValueError:
        return 400, "invalid_payload", None
    hook.uses += 1
    target = hook.source if hook.kind == "actions" else hook.last_posted
    if body.get("delete_original"):
        if target is not None:
            target.deleted = True
        if not body.get("text") and not body.get("blocks"):
            return 200, "ok", None
    error, _messages, text, _warnings = blockkit.check_message(body.get("text"), body.get("blocks"))
    if error:
        return 400, error, None
    replace = body.get("replace_original", hook.kind == "actions")
    if replace and target is not None and not target.deleted:
        target.text, target.blocks, target.edited = text, body.get("blocks"), True
        hook.last_posted = target
        return 200, "ok", None
    in_channel = body.get("response_type") == "in_channel"
    msg = Message(
        hook.channel,
        ws.next_ts(hook.channel),
        text,
        BOT_USER,
        body.get("blocks"),
        body.get("thread_ts"),
        BOT_ID,
        ephemeral_to=None if in_channel else hook.user,
        via="response_url",
        response_type="in_channel" if in_channel else "ephemeral",
        hook_id=hook.id,
    )
    ws.add(msg)
    hook.last_posted = msg
    return 200, "ok", msg if in_channel else None
