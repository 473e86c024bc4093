"""`FakeSlack`: a local Slack peer on 127.0.0.1 (slack-testing.md §4), what the sandbox connects
hpcbot to. The tests drive a subclass with test-only powers (tests/fakeslack).

    with FakeSlack() as slack:
        app = build_app(settings.override(slack={"api_url": slack.api_url, ...}), services)
        SocketModeHandler(app.bolt, slack.app_token).connect()  # or slack.deliver_over_http(url)
        question = slack.mention("what GPUs does LUMI have?")

The server runs in its own thread and event loop; the methods people's actions go through are
synchronous and block until the app has acknowledged what they sent. `wait_for` waits on a
condition variable that every state change notifies, so nothing sleeps for a fixed time.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import secrets
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import aiohttp
from aiohttp import web

from . import http_delivery, payloads, server, views
from .clock import Clock
from .socketmode import SocketHub
from .state import BOT_ID, BOT_USER, ApiCall, Delivery, Hook, Message
from .workspace import ALICE, Workspace

T = TypeVar("T")
MAX_RETRIES = 3


class FakeSlack:
    def __init__(
        self,
        *,
        signing_secret: str | None = None,
        bot_token: str | None = None,
        app_token: str | None = None,
        ack_timeout: float = 3.0,
        redeliver_unacked: bool = True,
        echo_bot_messages: bool = True,
        port: int = 0,
    ) -> None:
        # New for every peer: anything else on this machine (a web page in the user's browser
        # included) could otherwise read or act as the bot with well-known constants.
        self.signing_secret = signing_secret or secrets.token_hex(16)
        self.bot_token = bot_token or f"xoxb-{secrets.token_hex(16)}"
        self.app_token = app_token or f"xapp-1-{secrets.token_hex(16)}"
        self.ack_timeout = ack_timeout
        self.redeliver_unacked = redeliver_unacked
        self.echo_bot_messages = echo_bot_messages
        self.clock = Clock()
        self.ws = Workspace(self.clock)
        self.lock = threading.RLock()
        self._cond = threading.Condition(self.lock)
        self._ids = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._http_target: str | None = None
        self._background: set[asyncio.Task[Any]] = set()
        self.port = port
        # Called (on any thread, lock held) after every state change: the sandbox page's feed.
        self.listeners: list[Callable[[], None]] = []
        # Called with the aiohttp application before it starts: extra routes (the sandbox page).
        self.extensions: list[Callable[[web.Application], None]] = []
        self.hub: SocketHub = SocketHub(self.ws, self._notify, lambda: self.port)

    # ---------------------------------------------------------------- lifecycle
    def start(self) -> FakeSlack:
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self._start_server())
            except BaseException as exc:  # surfaced to the caller below
                failure.append(exc)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._stop_server())
            loop.close()

        self._thread = threading.Thread(target=run, name="fakeslack", daemon=True)
        self._thread.start()
        if not ready.wait(5) or failure:
            raise RuntimeError(f"FakeSlack failed to start: {failure}")
        return self

    async def _start_server(self) -> None:
        self._session = aiohttp.ClientSession()
        web_app = server.build(self)
        for extend in self.extensions:
            extend(web_app)
        self._runner = web.AppRunner(web_app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        try:
            await site.start()
        except OSError:
            await self._stop_server()
            raise
        self.port = self._runner.addresses[0][1]

    async def _stop_server(self) -> None:
        for task in list(self._background):
            task.cancel()
        await self.hub.drop()
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"  # the trailing slash matters: slack_sdk uses urljoin

    # ---------------------------------------------------------------- plumbing
    def _notify(self) -> None:
        with self._cond:
            self._cond.notify_all()
            self._tell_listeners()

    @contextmanager
    def changed(self) -> Iterator[None]:
        with self._cond:
            yield
            self._cond.notify_all()
            self._tell_listeners()

    def _tell_listeners(self) -> None:
        for listener in self.listeners:
            listener()

    def _run(self, coro: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        assert self._loop is not None, "FakeSlack is not started"
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        return future.result(timeout or self.ack_timeout * (MAX_RETRIES + 2) + 5)

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _event_id(self) -> str:
        return f"Ev{next(self._ids):08d}"

    def _new_hook(self, kind: str, channel: str, user: str, source: Message | None = None) -> str:
        hook_id, secret = f"{next(self._ids)}", secrets.token_urlsafe(18)
        with self.changed():
            self.ws.hooks[hook_id] = Hook(
                hook_id, kind, channel, user, self.clock.now(), source=source, secret=secret
            )
        return f"{self.url}/hooks/{kind}/T0FAKE/{hook_id}/{secret}"

    # ---------------------------------------------------------------- delivery
    def deliver_over_http(self, url: str | None) -> None:
        """Send events, commands and interactions to `url` (signed); None = Socket Mode."""
        self._http_target = url

    @property
    def has_target(self) -> bool:
        return self._http_target is not None or self.hub.connected

    async def _deliver(self, kind: str, payload: dict[str, Any], retry_num: int = 0) -> Delivery:
        transport = "http" if self._http_target else "socket"
        delivery = Delivery(kind, payload, transport, retry_num)
        with self.changed():
            self.ws.deliveries.append(delivery)
        started = time.perf_counter()
        if self._http_target:
            await self._deliver_http(delivery)
        elif not self.hub.connected:
            delivery.error = "no_app_connected"
            return delivery
        else:
            envelope: dict[str, Any] = {
                "envelope_id": f"env-{next(self._ids)}",
                "type": kind,
                "payload": payload,
                # Slack takes a reply in the ack for commands and for view submissions.
                "accepts_response_payload": kind == "slash_commands"
                or payload.get("type") == "view_submission",
            }
            if kind == "events_api":
                envelope["retry_attempt"] = retry_num
                envelope["retry_reason"] = "timeout" if retry_num else ""
            frame = await self.hub.send(envelope, self.ack_timeout)
            delivery.acked = frame is not None
            delivery.ack_payload = (frame or {}).get("payload")
            delivery.error = None if frame is not None else "ack_timeout"
        delivery.latency = time.perf_counter() - started
        self._after_ack(delivery)
        retry = kind == "events_api" and not delivery.acked and self.redeliver_unacked
        if retry and retry_num < MAX_RETRIES:
            return await self._deliver(kind, payload, retry_num + 1)
        return delivery

    async def _deliver_http(self, delivery: Delivery) -> None:
        assert self._session is not None and self._http_target is not None
        body, content_type = http_delivery.encode(delivery.kind, delivery.payload)
        status, text, headers = await http_delivery.post(
            self._session,
            self._http_target,
            body,
            content_type,
            secret=self.signing_secret,
            timestamp=str(int(self.clock.now())),
            retry_num=delivery.retry_num,
            timeout=self.ack_timeout,
        )
        delivery.status, delivery.response_text = status, text
        delivery.acked = 200 <= status < 300
        if not delivery.acked:
            delivery.error = text
            if headers.get("X-Slack-No-Retry") == "1":
                delivery.retry_num = MAX_RETRIES
        if delivery.acked and text.strip().startswith("{"):
            delivery.ack_payload = json.loads(text)
        elif delivery.acked and text.strip():  # Slack shows a plain-text body as the message
            delivery.ack_payload = {"text": text}

    def _after_ack(self, delivery: Delivery) -> None:
        if delivery.payload.get("type") == "view_submission":
            self._view_answered(delivery)
            return
        with self.changed():
            ack = delivery.ack_payload or {}
            if delivery.kind == "slash_commands" and (ack.get("text") or ack.get("blocks")):
                channel, user = delivery.payload["channel_id"], delivery.payload["user_id"]
                in_channel = ack.get("response_type") == "in_channel"
                msg = Message(
                    channel,
                    self.ws.next_ts(channel),
                    str(ack.get("text", "")),
                    BOT_USER,
                    ack.get("blocks"),
                    bot_id=BOT_ID,
                    via="ack",
                    ephemeral_to=None if in_channel else user,
                    response_type="in_channel" if in_channel else "ephemeral",
                )
                self.ws.add(msg)
                hook = self.ws.hooks.get(delivery.payload["response_url"].split("/")[-2])
                if hook is not None:
                    hook.last_posted = msg

    def _view_answered(self, delivery: Delivery) -> None:
        """What the app's ack to a view submission does to the view (module views.py)."""
        with self.changed():
            shown = self.ws.views[delivery.payload["view"]["id"]]
            shown.errors, shown.problem = {}, ""
            if not delivery.acked:
                shown.problem = views.CONNECTION_ERROR
                return
            ack = delivery.ack_payload or {}
            action = ack.get("response_action")
            if action == "errors":
                inputs = {
                    b.get("block_id") for b in shown.view["blocks"] if b.get("type") == "input"
                }
                errors = ack.get("errors") or {}
                if not isinstance(errors, dict) or not set(errors) <= inputs:
                    shown.problem = views.CONNECTION_ERROR  # Slack can't show them: generic error
                    delivery.error = "invalid_errors_block_ids"
                    return
                shown.errors = {str(k): str(v) for k, v in errors.items()}
            elif action in ("update", "push"):
                new_view = ack.get("view")
                problems = views.check_view(new_view)
                if problems or not isinstance(new_view, dict):
                    shown.problem = views.CONNECTION_ERROR
                    delivery.error = "invalid_view: " + "; ".join(problems)
                    return
                if action == "update":
                    shown.view = views.stored_view(new_view, shown.id, shown.root_id, None)
                else:
                    view_id = f"V{self.ws.next_id():08d}"
                    stored = views.stored_view(new_view, view_id, shown.root_id, shown.id)
                    self.ws.views[view_id] = views.OpenView(
                        view_id, shown.user, stored, shown.root_id
                    )
            elif action == "clear":
                for other in self.ws.views.values():
                    if other.root_id == shown.root_id:
                        other.closed = True
            else:  # an empty ack closes the view that was submitted
                shown.closed = True

    def echo(self, msg: Message) -> None:
        """Slack sends the bot's own channel posts back to it as `message` events."""
        if not self.echo_bot_messages or not self.has_target:
            return
        channel = self.ws.channels[msg.channel]
        event = payloads.bot_message_event(msg, channel)
        body = payloads.event_callback(event, self._event_id(), int(self.clock.now()))
        self._spawn(self._deliver("events_api", body))

    def _send_event(self, event: dict[str, Any]) -> Delivery:
        body = payloads.event_callback(event, self._event_id(), int(self.clock.now()))
        return self._run(self._deliver("events_api", body))

    # ---------------------------------------------------------------- people doing things
    def post_as_user(
        self, text: str, channel: str = "C0GENERAL", user: str = ALICE, thread_ts: str | None = None
    ) -> Message:
        """A person posts; Slack sends `message` (and `app_mention` if the bot is mentioned)."""
        with self.changed():
            ch = self.ws.channels[channel]
            if thread_ts is not None and self.ws.find(channel, thread_ts) is None:
                raise ValueError(f"no message {thread_ts} in {channel}")
            msg = self.ws.add(
                Message(
                    channel, self.ws.next_ts(channel), text, user, thread_ts=thread_ts, via="user"
                )
            )
        mentioned = f"<@{BOT_USER}>" in text and not ch.is_im
        events = (
            [payloads.user_message_event(msg, ch, mention=False)] if BOT_USER in ch.members else []
        )
        if mentioned:
            events.append(payloads.user_message_event(msg, ch, mention=True))
        for event in events:
            self._send_event(event)
        return msg

    def mention(
        self, text: str, channel: str = "C0GENERAL", user: str = ALICE, thread_ts: str | None = None
    ) -> Message:
        if f"<@{BOT_USER}>" not in text:
            text = f"<@{BOT_USER}> {text}"
        return self.post_as_user(text, channel, user, thread_ts)

    def dm(self, text: str, user: str = ALICE, thread_ts: str | None = None) -> Message:
        return self.post_as_user(text, self.ws.dm_channel(user).id, user, thread_ts)

    def thread_reply(self, parent: Message, text: str, user: str = ALICE) -> Message:
        return self.post_as_user(text, parent.channel, user, parent.thread_ts or parent.ts)

    def edit(self, msg: Message, new_text: str) -> Delivery:
        with self.changed():
            event = payloads.changed_event(
                msg, new_text, self.ws.channels[msg.channel], self.ws.next_ts(msg.channel)
            )
            msg.text, msg.edited = new_text, True
        return self._send_event(event)

    def delete(self, msg: Message) -> Delivery:
        with self.changed():
            msg.deleted = True
            event = payloads.deleted_event(
                msg, self.ws.channels[msg.channel], self.ws.next_ts(msg.channel)
            )
        return self._send_event(event)

    def other_bot_posts(
        self, text: str, channel: str = "C0GENERAL", *, subtype: str | None = None
    ) -> list[Delivery]:
        """Another app posts (`subtype="bot_message"`: a webhook or legacy bot, no user).

        Slack sends `message`, and `app_mention` too when the text mentions this app: both
        carry the poster's `bot_id`.
        """
        user = None if subtype == "bot_message" else "U0OTHERBOT"
        with self.changed():
            msg = self.ws.add(
                Message(channel, self.ws.next_ts(channel), text, user, bot_id="B0OTHER")
            )
        ch = self.ws.channels[channel]
        events = [payloads.bot_message_event(msg, ch, subtype=subtype)]
        if f"<@{BOT_USER}>" in text and not ch.is_im:
            events.append(payloads.bot_mention_event(msg, subtype=subtype))
        return [self._send_event(event) for event in events]

    def slash_command(
        self, command: str, text: str = "", user: str = ALICE, channel: str = "C0GENERAL"
    ) -> Delivery:
        hook_url = self._new_hook("commands", channel, user)
        with self.changed():
            trigger = self.ws.issue_trigger(user)
        body = payloads.slash_command(
            command, text, self.ws.channels[channel], user, hook_url, trigger
        )
        return self._run(self._deliver("slash_commands", body))

    def click(self, msg: Message, action_id: str, user: str | None = None) -> Delivery:
        user = user or msg.ephemeral_to or ALICE
        matches = [b for b in msg.buttons() if b.get("action_id") == action_id]
        if not matches:
            raise AssertionError(f"no button {action_id!r} in message {msg.ts}: {msg.buttons()}")
        hook_url = self._new_hook("actions", msg.channel, user, source=msg)
        with self.changed():
            trigger = self.ws.issue_trigger(user)
        body = payloads.block_actions(
            msg,
            matches[0],
            self.ws.channels[msg.channel],
            user,
            hook_url,
            trigger,
            f"{self.clock.now():.6f}",
        )
        return self._run(self._deliver("interactive", body))

    def open_views(self, user: str | None = None) -> list[views.OpenView]:
        """The modals people have open now (newest last)."""
        with self.lock:
            return self.ws.open_views(user)

    def submit_view(self, view: views.OpenView, values: dict[str, str | None]) -> Delivery:
        """The person presses the submit button with `values` (block_id -> typed or chosen).

        Raises `views.ViewRefused` where Slack's client would not submit (nothing is sent).
        """
        with self.changed():
            if view.closed:
                raise views.ViewRefused("", "this view is closed")
            state = views.state_values(view.view, values)
            trigger = self.ws.issue_trigger(view.user)
            name = self.ws.users.get(view.user, view.user)
            payload = views.view_submission(view, state, name, trigger)
        return self._run(self._deliver("interactive", payload))

    def close_view(self, view: views.OpenView) -> Delivery | None:
        """The person presses Close: the modal goes; the app hears of it if it asked to."""
        with self.changed():
            for other in self.ws.views.values():
                if other.root_id == view.root_id:
                    other.closed = True
            notify = bool(view.view.get("notify_on_close"))
            payload = views.view_closed(view, self.ws.users.get(view.user, view.user))
        return self._run(self._deliver("interactive", payload)) if notify else None

    def redeliver(self, delivery: Delivery, retry_num: int = 1) -> Delivery:
        """Send the same payload again as a Slack retry (same event_id, higher retry number)."""
        return self._run(self._deliver(delivery.kind, delivery.payload, retry_num))

    def event_payload(self, event: dict[str, Any]) -> dict[str, Any]:
        return payloads.event_callback(event, self._event_id(), int(self.clock.now()))

    # ---------------------------------------------------------------- sockets
    def disconnect_socket(self, reason: str = "refresh_requested") -> None:
        self._run(self.hub.disconnect(reason))

    def drop_sockets(self) -> None:
        self._run(self.hub.drop())

    # ---------------------------------------------------------------- looking
    def wait_for(self, predicate: Callable[[], T | None], timeout: float = 5.0) -> T:
        """Block until `predicate()` is truthy (re-checked on every state change); return it."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                value = predicate()
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"condition not met within {timeout}s")
                self._cond.wait(remaining)

    def messages(self, channel: str | None = None) -> list[Message]:
        """Everything visible in a channel (top level and threads), oldest first."""
        with self.lock:
            return self.ws.visible(channel)

    def bot_messages(self, channel: str | None = None) -> list[Message]:
        """Visible messages posted by the app under test (not by other bots)."""
        return [m for m in self.messages(channel) if m.bot_id == BOT_ID]

    def ephemerals(self, user: str | None = None) -> list[Message]:
        with self.lock:
            return [
                m
                for m in self.ws.messages
                if m.is_ephemeral and not m.deleted and (user is None or m.ephemeral_to == user)
            ]

    def api_calls(self, method: str | None = None) -> list[ApiCall]:
        with self.lock:
            return [c for c in self.ws.calls if method is None or c.method == method]

    def deliveries(self, kind: str | None = None) -> list[Delivery]:
        with self.lock:
            return [d for d in self.ws.deliveries if kind is None or d.kind == kind]
