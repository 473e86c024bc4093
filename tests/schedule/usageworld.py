"""Usage alerts in the scheduled-posts world: project alpha's accounting, which a test fills with
jobs, behind the real `UsageService` and `UsageDesk` (links in the world's state database).

alpha: Slurm account project_a on lumi, 1 Nov to 31 Dec 2026, billed in Slurm GPU-hours.
"""

from __future__ import annotations

from datetime import UTC, datetime

from schedworld import World

from bot.usage.desk import UsageDesk
from bot.usage.links import ProjectLinks
from knowledge.queue.providers.base import FetchError
from knowledge.usage import AccountUsage, JobCharge, UsageService, parse_usage_config
from knowledge.usage.chart import burn_down_png

PERIOD_START = datetime(2026, 11, 1, tzinfo=UTC)


def running(gpus: int, since: datetime = PERIOD_START, job_id: str = "1") -> JobCharge:
    """A job charged to alpha that started `since` and is still running."""
    return JobCharge(job_id, "train", "alice", "project_a", "RUNNING", since, None, gpus=gpus)


class Accounting:
    """A `UsageProvider` whose jobs the test sets; `down` makes it fail as a site's would."""

    name = "slurm-cli"

    def __init__(self, world: World) -> None:
        self.world = world
        self.jobs: list[JobCharge] = []
        self.down = False
        self.fetches = 0

    def fetch(self, account: str, since: datetime, timeout: float) -> AccountUsage:
        self.fetches += 1
        if self.down:
            raise FetchError("sacct: slurmdbd is not responding")
        jobs = tuple(j for j in self.jobs if j.account == account)
        return AccountUsage(account, None, jobs, self.world.clock.now(), self.name)

    def job(self, job_id: str, timeout: float) -> JobCharge | None:
        return next((j for j in self.jobs if j.job_id == job_id), None)

    def close(self) -> None:
        pass


def alpha_usage(world: World, granted: float, *, link: str | None = "C0GENERAL") -> Accounting:
    """Offer usage subscriptions in `world` for alpha (granted `granted` GPU-hours), linked to
    the channel `link`; returns its accounting."""
    accounting = Accounting(world)
    config = parse_usage_config(
        {
            "machines": {"lumi": {"provider": "snapshot", "path": "/nonexistent/usage.json"}},
            "projects": {
                "alpha": {
                    "machine": "lumi",
                    "account": "project_a",
                    "start": "2026-11-01",
                    "end": "2026-12-31",
                    "granted": granted,
                }
            },
        }
    )
    service = UsageService(
        config,
        cache_seconds=0,
        clock=world.clock.now,
        provider_factory=lambda source: accounting,
    )
    links = ProjectLinks(world.engine)
    if link is not None:
        links.link(link, "alpha", "U0ADMIN")
    world.attach_usage(UsageDesk(service, links, burn_down_png))
    return accounting
