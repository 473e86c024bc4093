"""What the fake workspace remembers: channels, messages, ephemerals, reactions, hooks, journal.

Everything here is plain data guarded by `FakeSlack`'s condition lock; the server thread mutates
it and test threads read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TEAM_ID = "T0FAKE"
APP_ID = "A0FAKEAPP"
BOT_USER = "U0BOT"
BOT_ID = "B0BOT"
VERIFICATION_TOKEN = "fake-verification-token"


@dataclass
class Channel:
    id: str
    name: str
    members: set[str]
    is_im: bool = False
    is_private: bool = False

    @property
    def channel_type(self) -> str:
        if self.is_im:
            return "im"
        return "group" if self.is_private else "channel"

    def info(self, viewer: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "is_channel": not self.is_im and not self.is_private,
            "is_group": self.is_private,
            "is_im": self.is_im,
            "is_private": self.is_private or self.is_im,
            "is_member": viewer in self.members,
        }


@dataclass
class Message:
    """A message as Slack stores it (or, for ephemerals, as one user saw it)."""

    channel: str
    ts: str
    text: str
    user: str | None
    blocks: list[dict[str, Any]] | None = None
    thread_ts: str | None = None
    bot_id: str | None = None
    ephemeral_to: str | None = None
    via: str = "api"  # api | user | response_url | ack
    response_type: str | None = None
    deleted: bool = False
    edited: bool = False
    reactions: dict[str, list[str]] = field(default_factory=dict)
    hook_id: str | None = None
    metadata: dict[str, Any] | None = None  # chat.postMessage `metadata` (event_type, payload)
    files: list[dict[str, Any]] = field(
        default_factory=list
    )  # shared by files.completeUploadExternal

    @property
    def from_bot(self) -> bool:
        return self.bot_id is not None

    @property
    def is_ephemeral(self) -> bool:
        return self.ephemeral_to is not None

    @property
    def all_text(self) -> str:
        """The fallback text plus every text string inside the blocks (for assertions)."""
        parts = [self.text]
        _collect_text(self.blocks or [], parts)
        return "\n".join(p for p in parts if p)

    def buttons(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for block in self.blocks or []:
            for element in block.get("elements", []) if block.get("type") == "actions" else []:
                if element.get("type") == "button":
                    found.append({**element, "block_id": block.get("block_id", "")})
            accessory = block.get("accessory")
            if isinstance(accessory, dict) and accessory.get("type") == "button":
                found.append({**accessory, "block_id": block.get("block_id", "")})
        return found

    def to_api(self, include_metadata: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"type": "message", "ts": self.ts, "text": self.text}
        if include_metadata and self.metadata:
            data["metadata"] = self.metadata
        if self.user:
            data["user"] = self.user
        if self.bot_id:
            data["bot_id"] = self.bot_id
            data["app_id"] = APP_ID
        if self.blocks is not None:
            data["blocks"] = self.blocks
        if self.thread_ts:
            data["thread_ts"] = self.thread_ts
        if self.files:
            data["files"] = self.files
            data["upload"] = True
        if self.reactions:
            data["reactions"] = [
                {"name": name, "users": users, "count": len(users)}
                for name, users in self.reactions.items()
            ]
        return data


def _collect_text(node: Any, out: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                out.append(value)
            else:
                _collect_text(value, out)
    elif isinstance(node, list):
        for item in node:
            _collect_text(item, out)


@dataclass
class ApiCall:
    """One Web API request as the fake received it, and what it answered."""

    method: str
    args: dict[str, Any]
    headers: dict[str, str]
    status: int
    response: dict[str, Any]
    at: float

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response.get("ok"))


@dataclass
class Delivery:
    """One Slack -> app delivery (an envelope, or a signed HTTP POST) and how the app answered."""

    kind: str  # events_api | slash_commands | interactive
    payload: dict[str, Any]
    transport: str  # socket | http
    retry_num: int = 0
    acked: bool = False
    ack_payload: dict[str, Any] | None = None
    status: int | None = None
    response_text: str = ""
    latency: float | None = None
    error: str | None = None


@dataclass
class Hook:
    """A `response_url`: 5 uses within 30 minutes of the invocation."""

    id: str
    kind: str  # commands | actions
    channel: str
    user: str
    created_at: float
    uses: int = 0
    source: Message | None = None  # the message an action came from
    last_posted: Message | None = None
    secret: str = ""  # the URL's last segment; a URL with another one is refused
