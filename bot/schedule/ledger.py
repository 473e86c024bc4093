"""The delivery ledger: who posts which occurrence, decided by the database.

    claim        INSERT (subscription, occurrence) as `claimed` with a lease; a unique-key
                 violation means another process has it
    renew        before every send attempt: still mine? (UPDATE ... WHERE owner = me)
    mark_sent    after Slack accepted the post
    take_over    a claim whose lease ran out (its process died) passes to exactly one other
                 process (UPDATE ... WHERE lease_until < now); that one checks Slack before
                 re-sending
    release      a send failed for now: expire the lease so the next sweep retries it

Every state change is one short transaction, valid on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from bot.schedule.models import DeliveryRow
from bot.schedule.occurrences import Occurrence
from bot.state import insert_new

MAX_ATTEMPTS = 6  # claims (first + take-overs) before an occurrence is given up as failed


@dataclass(frozen=True)
class Claim:
    subscription_id: int
    occurrence: str
    channel_id: str
    due_at: datetime
    cutoff_at: datetime | None
    claimed_at: datetime
    attempts: int

    @property
    def delivery_key(self) -> str:
        return f"{self.subscription_id}/{self.occurrence}"


@dataclass(frozen=True)
class Record:
    subscription_id: int
    occurrence: str
    state: str
    due_at: datetime
    finished_at: datetime | None
    message_ts: str | None
    note: str
    attempts: int
    owner: str


class Ledger:
    def __init__(self, engine: Engine, owner: str, lease: timedelta) -> None:
        self.owner, self.lease = owner, lease
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def known(self, subscription_ids: Iterable[int], since: datetime) -> set[tuple[int, str]]:
        """Keys already in the ledger (any state) for occurrences due after `since`."""
        query = select(DeliveryRow.subscription_id, DeliveryRow.occurrence).where(
            DeliveryRow.subscription_id.in_(list(subscription_ids)), DeliveryRow.due_at >= since
        )
        with self._sessions() as session:
            return {(s, o) for s, o in session.execute(query).tuples()}

    def has_note(self, subscription_id: int, prefix: str, note: str) -> bool:
        """Whether an occurrence starting with `prefix` was recorded with `note` (e.g. a
        cut-off change already announced for another reminder of the same cut-off)."""
        query = select(DeliveryRow.occurrence).where(
            DeliveryRow.subscription_id == subscription_id,
            DeliveryRow.occurrence.startswith(prefix, autoescape=True),
            DeliveryRow.note == note,
            DeliveryRow.state.in_(("sent", "claimed")),
        )
        with self._sessions() as session:
            return session.execute(query.limit(1)).first() is not None

    def claim(self, occ: Occurrence, now: datetime) -> bool:
        """True if this process now owns `occ` and must post it."""
        return self._insert(occ, now, "claimed", "")

    def record(self, occ: Occurrence, now: datetime, state: str, note: str) -> bool:
        """Record a decision not to post (`skipped`); False if the key was already there."""
        return self._insert(occ, now, state, note)

    def _insert(self, occ: Occurrence, now: datetime, state: str, note: str) -> bool:
        claimed = state == "claimed"
        row = DeliveryRow(
            subscription_id=occ.subscription.id,
            occurrence=occ.occurrence,
            channel_id=occ.subscription.channel_id,
            due_at=occ.due_at,
            cutoff_at=occ.cutoff.at if occ.cutoff is not None else None,
            state=state,
            owner=self.owner,
            lease_until=now + self.lease if claimed else None,
            attempts=1,
            claimed_at=now,
            finished_at=None if claimed else now,
            note=note,
        )
        return insert_new(self._sessions, row)

    def renew(self, key: tuple[int, str], now: datetime) -> bool:
        """Extend my lease; False if the claim is no longer mine (then don't send)."""
        return self._update_mine(key, {"lease_until": now + self.lease})

    def mark_sent(self, key: tuple[int, str], now: datetime, ts: str, note: str = "") -> bool:
        values = {"state": "sent", "message_ts": ts, "finished_at": now, "lease_until": None}
        return self._update_mine(key, {**values, "note": note})

    def finish(self, key: tuple[int, str], now: datetime, state: str, note: str) -> bool:
        values = {"state": state, "finished_at": now, "lease_until": None, "note": note}
        return self._update_mine(key, values)

    def release(self, key: tuple[int, str], now: datetime, note: str) -> bool:
        """Give the claim back for a later retry (the lease ends now)."""
        return self._update_mine(key, {"lease_until": now, "note": note})

    def expired_claims(self, now: datetime, limit: int = 200) -> list[Claim]:
        query = (
            select(DeliveryRow)
            .where(DeliveryRow.state == "claimed", DeliveryRow.lease_until < now)
            .order_by(DeliveryRow.due_at)
            .limit(limit)
        )
        with self._sessions() as session:
            return [_claim(r) for r in session.scalars(query)]

    def take_over(self, claim: Claim, now: datetime) -> bool:
        """Atomically become the owner of an expired claim; only one process can win."""
        statement = (
            update(DeliveryRow)
            .where(
                DeliveryRow.subscription_id == claim.subscription_id,
                DeliveryRow.occurrence == claim.occurrence,
                DeliveryRow.state == "claimed",
                DeliveryRow.lease_until < now,
                DeliveryRow.attempts == claim.attempts,
            )
            .values(owner=self.owner, lease_until=now + self.lease, attempts=claim.attempts + 1)
        )
        with self._sessions.begin() as session:
            return session.execute(statement).rowcount == 1  # type: ignore[attr-defined,no-any-return]

    def _update_mine(self, key: tuple[int, str], values: dict[str, object]) -> bool:
        """Change my claim; False when it is no longer a claim of mine."""
        statement = update(DeliveryRow).where(
            DeliveryRow.subscription_id == key[0],
            DeliveryRow.occurrence == key[1],
            DeliveryRow.state == "claimed",
            DeliveryRow.owner == self.owner,
        )
        with self._sessions.begin() as session:
            return session.execute(statement.values(**values)).rowcount == 1  # type: ignore[attr-defined,no-any-return]

    def records(self, subscription_id: int | None = None) -> list[Record]:
        query = select(DeliveryRow).order_by(DeliveryRow.due_at, DeliveryRow.occurrence)
        if subscription_id is not None:
            query = query.where(DeliveryRow.subscription_id == subscription_id)
        with self._sessions() as session:
            return [
                Record(
                    r.subscription_id,
                    r.occurrence,
                    r.state,
                    r.due_at,
                    r.finished_at,
                    r.message_ts,
                    r.note,
                    r.attempts,
                    r.owner,
                )
                for r in session.scalars(query)
            ]


def _claim(row: DeliveryRow) -> Claim:
    return Claim(
        row.subscription_id,
        row.occurrence,
        row.channel_id,
        row.due_at,
        row.cutoff_at,
        row.claimed_at,
        row.attempts,
    )
