"""`UsageDesk`: what `/usage`, `/hpc link`, the CLI and the alerts share.

A channel sees a project only once a workspace admin linked the two (`ProjectLinks`); the desk
refuses otherwise with `NotLinked`, before any accounting query. Charts are cached with the
report they were drawn from, so a busy channel draws each report once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.errors import UserFacingError
from bot.usage.links import ProjectLinks
from knowledge.usage import UnknownProject, UsageReport, UsageService


class NotLinked(UserFacingError):
    def __init__(self, project: str) -> None:
        self.project = project
        super().__init__(
            f"This channel cannot see the usage of {project}: a workspace admin has to link "
            f"the project here first with `/hpc link {project}`."
        )


@dataclass
class UsageDesk:
    service: UsageService
    links: ProjectLinks
    chart: Callable[[UsageReport], bytes]
    _charts: dict[tuple[str, str], bytes] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def canonical(self, project: str) -> str:
        """The configured spelling of a project name; UnknownProject with the known ones."""
        found = self.service.config.project(project)
        if found is None:
            raise UnknownProject(project, self.service.projects)
        return found.name

    def report_for(self, channel_id: str, project: str) -> UsageReport:
        name = self.canonical(project)
        if not self.links.linked(channel_id, name):
            raise NotLinked(name)
        return self.service.report(name)

    def chart_png(self, report: UsageReport) -> bytes:
        key = (report.project.name, report.as_of.isoformat())
        with self._lock:
            cached = self._charts.get(key)
        if cached is not None:
            return cached
        png = self.chart(report)
        with self._lock:
            self._charts = {k: v for k, v in self._charts.items() if k[0] != key[0]}
            self._charts[key] = png
        return png

    def link(self, channel_id: str, project: str, by: str) -> tuple[str, bool]:
        name = self.canonical(project)
        return name, self.links.link(channel_id, name, by)

    def unlink(self, channel_id: str, project: str) -> tuple[str, bool]:
        name = self.canonical(project)
        return name, self.links.unlink(channel_id, name)

    def close(self) -> None:
        self.service.close()
