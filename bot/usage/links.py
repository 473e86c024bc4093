"""Which channel may see which project's usage: a row per link, made by a workspace admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import String, delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, mapped_column, sessionmaker

from bot.schedule.models import UtcDateTime
from bot.state import Base, insert_new


class ProjectLinkRow(Base):
    __tablename__ = "usage_links"

    channel_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    project: Mapped[str] = mapped_column(String(64), primary_key=True)
    linked_by: Mapped[str] = mapped_column(String(64), default="")
    linked_at: Mapped[datetime] = mapped_column(UtcDateTime)


@dataclass(frozen=True)
class ProjectLink:
    channel_id: str
    project: str
    linked_by: str
    linked_at: datetime


class ProjectLinks:
    def __init__(self, engine: Engine) -> None:
        Base.metadata.create_all(engine, tables=[Base.metadata.tables["usage_links"]])
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def link(self, channel_id: str, project: str, by: str) -> bool:
        """True if the link is new (linking twice changes nothing)."""
        row = ProjectLinkRow(
            channel_id=channel_id, project=project, linked_by=by, linked_at=datetime.now(UTC)
        )
        return insert_new(self._sessions, row)

    def unlink(self, channel_id: str, project: str) -> bool:
        statement = delete(ProjectLinkRow).where(
            ProjectLinkRow.channel_id == channel_id, ProjectLinkRow.project == project
        )
        with self._sessions.begin() as session:
            return session.execute(statement).rowcount == 1  # type: ignore[attr-defined,no-any-return]

    def linked(self, channel_id: str, project: str) -> bool:
        query = select(ProjectLinkRow.project).where(
            ProjectLinkRow.channel_id == channel_id, ProjectLinkRow.project == project
        )
        with self._sessions() as session:
            return session.execute(query).first() is not None

    def projects(self, channel_id: str) -> list[str]:
        query = select(ProjectLinkRow.project).where(ProjectLinkRow.channel_id == channel_id)
        with self._sessions() as session:
            return sorted(session.scalars(query))

    def all(self) -> list[ProjectLink]:
        with self._sessions() as session:
            return [
                ProjectLink(r.channel_id, r.project, r.linked_by, r.linked_at)
                for r in session.scalars(
                    select(ProjectLinkRow).order_by(
                        ProjectLinkRow.project, ProjectLinkRow.channel_id
                    )
                )
            ]
