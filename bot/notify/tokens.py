"""Personal notification URLs: a token id per (user, machine), signed with the server's secret.

    https://hpcbot.example.org/notify?id=<token id>&sig=<HMAC-SHA256(secret, "notify/1:" id ":" user)>

The URL carries no Slack token and no user id: the id names a row here (whose user gets the
DMs), the signature proves the server issued it, and revoking the row ends it. Each
(token, job, event) is accepted once; a repeat is a replay.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from sqlalchemy import String, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, mapped_column, sessionmaker

from bot.schedule.models import UtcDateTime
from bot.state import Base, insert_new

SIGNED = "notify/1"


class NotifyTokenRow(Base):
    __tablename__ = "notify_tokens"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), index=True)
    machine: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class NotifyEventRow(Base):
    """One accepted call: a second one for the same (token, job, event) is a replay."""

    __tablename__ = "notify_events"

    token_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    job_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    event: Mapped[str] = mapped_column(String(8), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Verdict(Enum):
    ACCEPTED = "accepted"
    FORGED = "forged"  # unknown id, or a signature this server did not make
    REVOKED = "revoked"
    REPLAYED = "replayed"


@dataclass(frozen=True)
class Token:
    id: str
    user_id: str
    machine: str
    signature: str


class NotifyTokens:
    def __init__(self, engine: Engine, secret: str) -> None:
        Base.metadata.create_all(
            engine, tables=[Base.metadata.tables[t] for t in ("notify_tokens", "notify_events")]
        )
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._secret = secret.encode()

    def sign(self, token_id: str, user_id: str) -> str:
        message = f"{SIGNED}:{token_id}:{user_id}".encode()
        digest = hmac.new(self._secret, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def issue(self, user_id: str, machine: str) -> tuple[Token, bool]:
        """The user's live token for `machine`, or a new one; (token, created)."""
        query = select(NotifyTokenRow).where(
            NotifyTokenRow.user_id == user_id,
            NotifyTokenRow.machine == machine,
            NotifyTokenRow.revoked_at.is_(None),
        )
        with self._sessions.begin() as session:
            row = session.scalars(query.limit(1)).first()
            created = row is None
            if row is None:
                row = NotifyTokenRow(
                    id=secrets.token_hex(12),
                    user_id=user_id,
                    machine=machine,
                    created_at=datetime.now(UTC),
                )
                session.add(row)
            return Token(row.id, user_id, machine, self.sign(row.id, user_id)), created

    def revoke(self, user_id: str) -> int:
        """Revoke every live token of the user; how many there were."""
        statement = (
            update(NotifyTokenRow)
            .where(NotifyTokenRow.user_id == user_id, NotifyTokenRow.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        )
        with self._sessions.begin() as session:
            return int(session.execute(statement).rowcount)  # type: ignore[attr-defined]

    def check(
        self, token_id: str, signature: str, job_id: str, event: str
    ) -> tuple[Verdict, Token | None]:
        """Verify a call and record it (so that its repeat is a replay)."""
        with self._sessions() as session:
            row = session.get(NotifyTokenRow, token_id)
        if row is None:
            return Verdict.FORGED, None
        expected = self.sign(row.id, row.user_id)
        if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
            return Verdict.FORGED, None
        token = Token(row.id, row.user_id, row.machine, expected)
        if row.revoked_at is not None:
            return Verdict.REVOKED, token
        event_row = NotifyEventRow(
            token_id=token_id, job_id=job_id, event=event, received_at=datetime.now(UTC)
        )
        if not insert_new(self._sessions, event_row):
            return Verdict.REPLAYED, token
        return Verdict.ACCEPTED, token
