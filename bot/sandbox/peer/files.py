"""Slack's file upload flow (what `WebClient.files_upload_v2` does), as Slack answers it:

    files.getUploadURLExternal(filename, length)  -> {upload_url, file_id}
    POST <upload_url> with the file's bytes        -> 200 "OK - <length>"
    files.completeUploadExternal(files=[{id, title}], channel_id, initial_comment, thread_ts)
                                                   -> the file shared in the channel as a message

A file shared nowhere (no channel_id) stays private to the uploader, as in Slack. The bytes
are served back at the file's `url_private` (the page shows images from there).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from .state import BOT_ID, BOT_USER, Message

MAX_FILE_BYTES = 1024 * 1024 * 1024  # Slack's limit is 1 GB


@dataclass
class StoredFile:
    id: str
    name: str
    length: int  # declared in files.getUploadURLExternal
    secret: str  # the upload URL's unguessable part
    alt_txt: str = ""
    title: str = ""
    data: bytes | None = None  # None until the bytes arrive
    completed: bool = False

    @property
    def mimetype(self) -> str:
        lower = self.name.lower()
        if lower.endswith(".png"):
            return "image/png"
        if lower.endswith((".jpg", ".jpeg")):
            return "image/jpeg"
        return "application/octet-stream"

    def info(self, base_url: str, channels: list[str]) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "title": self.title or self.name,
            "mimetype": self.mimetype,
            "filetype": self.name.rsplit(".", 1)[-1].lower() if "." in self.name else "binary",
            "size": len(self.data or b""),
            "alt_txt": self.alt_txt,
            "user": BOT_USER,
            "url_private": f"{base_url}/files/{self.id}/{self.name}",
            "channels": channels,
        }


def get_upload_url(
    files: dict[str, StoredFile], args: dict[str, Any], base_url: str, file_id: str
) -> dict[str, Any]:
    name = str(args.get("filename") or "")
    raw_length = str(args.get("length") or "")
    if not name or not raw_length.isdigit():
        return {"ok": False, "error": "invalid_arguments"}
    length = int(raw_length)
    if length > MAX_FILE_BYTES:
        return {"ok": False, "error": "file_too_large"}
    secret = secrets.token_urlsafe(16)
    files[file_id] = StoredFile(file_id, name, length, secret, str(args.get("alt_txt") or ""))
    return {
        "ok": True,
        "upload_url": f"{base_url}/upload/v1/{file_id}/{secret}",
        "file_id": file_id,
    }


def receive(
    files: dict[str, StoredFile], file_id: str, secret: str, body: bytes
) -> tuple[int, str]:
    stored = files.get(file_id)
    if stored is None or not secrets.compare_digest(stored.secret, secret):
        return 404, "not_found"
    if stored.completed:
        return 400, "already_completed"
    stored.data = body
    return 200, f"OK - {len(body)}"


def complete(
    files: dict[str, StoredFile], args: dict[str, Any], base_url: str
) -> tuple[dict[str, Any], list[tuple[str, str | None, list[StoredFile]]]]:
    """The answer, and (channel, thread_ts, files) to share (the caller checks the channel)."""
    raw = args.get("files")
    try:
        entries = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return {"ok": False, "error": "invalid_arguments"}, []
    if not isinstance(entries, list) or not entries:
        return {"ok": False, "error": "invalid_arguments"}, []
    chosen = []
    for entry in entries:
        stored = files.get(str(entry.get("id") if isinstance(entry, dict) else ""))
        if stored is None or stored.completed:
            return {"ok": False, "error": "file_not_found"}, []
        if stored.data is None or len(stored.data) != stored.length:
            # Nothing (or not the declared number of bytes) arrived at the upload URL.
            return {"ok": False, "error": "file_upload_failed"}, []
        stored.title = str(entry.get("title") or stored.name)
        chosen.append(stored)
    channel = args.get("channel_id")
    shares = [(str(channel), args.get("thread_ts"), chosen)] if channel else []
    for stored in chosen:
        stored.completed = True
    infos = [f.info(base_url, [str(channel)] if channel else []) for f in chosen]
    return {"ok": True, "files": infos}, shares


def share_message(
    channel: str, ts: str, text: str, thread_ts: str | None, shared: list[StoredFile], base_url: str
) -> Message:
    msg = Message(channel, ts, text, BOT_USER, None, thread_ts, BOT_ID)
    msg.files = [f.info(base_url, [channel]) for f in shared]
    return msg
