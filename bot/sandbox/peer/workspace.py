"""The fake workspace: default users and channels, ts issuing, message store, journals."""

from __future__ import annotations

import itertools
import secrets
from typing import Any

from .clock import Clock
from .files import StoredFile
from .state import BOT_USER, ApiCall, Channel, Delivery, Hook, Message
from .views import OpenView, Trigger

ALICE, BOB = "U0ALICE", "U0BOB"


class Workspace:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.users = {BOT_USER: "hpcbot", ALICE: "alice", BOB: "bob"}
        # Workspace roles, as users.info reports them; nobody has one unless a test says so.
        self.admins: set[str] = set()
        self.owners: set[str] = set()
        # Each person's locale, as users.info reports it with include_locale; Slack's default
        # (en-US) unless a test says otherwise.
        self.locales: dict[str, str] = {}
        self.channels: dict[str, Channel] = {}
        self.messages: list[Message] = []
        self.calls: list[ApiCall] = []
        self.deliveries: list[Delivery] = []
        self.hooks: dict[str, Hook] = {}
        self.tickets: set[str] = set()
        self.triggers: dict[str, Trigger] = {}
        self.views: dict[str, OpenView] = {}
        self.files: dict[str, StoredFile] = {}  # files.getUploadURLExternal and after
        self._last_ts: dict[str, int] = {}
        self._ids = itertools.count(1)
        self.add_channel("C0GENERAL", "general", {BOT_USER, ALICE, BOB})
        self.add_channel("C0RANDOM", "random", {ALICE, BOB})  # the bot was never invited
        self.add_channel("G0PRIVATE", "private-ai", {BOT_USER, ALICE}, is_private=True)
        self.add_channel("D0ALICE", "alice", {BOT_USER, ALICE}, is_im=True)
        self.add_channel("D0BOB", "bob", {BOT_USER, BOB}, is_im=True)

    def add_channel(
        self,
        id: str,
        name: str,
        members: set[str],
        *,
        is_im: bool = False,
        is_private: bool = False,
    ) -> Channel:
        channel = Channel(id, name, set(members), is_im=is_im, is_private=is_private)
        self.channels[id] = channel
        return channel

    def dm_channel(self, user: str) -> Channel:
        for channel in self.channels.values():
            if channel.is_im and channel.members == {BOT_USER, user}:
                return channel
        return self.add_channel(
            f"D0{user[2:]}", self.users.get(user, user), {BOT_USER, user}, is_im=True
        )

    def next_id(self) -> int:
        return next(self._ids)

    def next_ts(self, channel: str) -> str:
        """Strictly increasing `"<seconds>.<6 digits>"` per channel, tied to the clock."""
        micros = max(int(self.clock.now() * 1_000_000), self._last_ts.get(channel, 0) + 1)
        self._last_ts[channel] = micros
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def find(self, channel: str, ts: str, *, ephemeral: bool = False) -> Message | None:
        for msg in self.messages:
            if msg.channel == channel and msg.ts == ts and msg.is_ephemeral == ephemeral:
                return None if msg.deleted else msg
        return None

    def add(self, msg: Message) -> Message:
        self.messages.append(msg)
        return msg

    def visible(self, channel: str | None = None) -> list[Message]:
        return [
            m
            for m in self.messages
            if not m.deleted and not m.is_ephemeral and (channel is None or m.channel == channel)
        ]

    def issue_trigger(self, user: str) -> str:
        """A trigger id like Slack's ("<n>.<n>.<hex>"), valid once for 3 seconds."""
        # Unguessable like Slack's: a page on this machine must not be able to open views.
        trigger_id = f"{self.next_id()}.{int(self.clock.now())}.{secrets.token_hex(16)}"
        self.triggers[trigger_id] = Trigger(trigger_id, user, self.clock.now())
        return trigger_id

    def open_views(self, user: str | None = None) -> list[OpenView]:
        return [v for v in self.views.values() if not v.closed and (user is None or v.user == user)]

    def journal(
        self,
        method: str,
        args: dict[str, Any],
        headers: dict[str, str],
        status: int,
        response: dict[str, Any],
    ) -> None:
        self.calls.append(ApiCall(method, args, headers, status, response, self.clock.now()))
