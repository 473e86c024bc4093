"""`UsageService`: the one place the CLI, Slack and the scheduler ask for a project's usage.

Usage::

    service = UsageService(load_usage_config(path), rules=billing_rules(catalog))
    report = service.report("alpha")          # cached for `cache_seconds`
    job = service.job("lumi", "123456")       # one job, for notifications

Each project's report is cached so a busy channel (and the scheduler's sweeps) cost one
accounting query per `cache_seconds`; one caller fetches while the others wait for its result.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from knowledge.catalog.catalog import Catalog
from knowledge.clock import Clock, utc_now
from knowledge.errors import UnknownName
from knowledge.queue.providers.base import FetchError
from knowledge.usage.config import UsageConfig
from knowledge.usage.errors import UnknownProject, UsageUnavailable
from knowledge.usage.forecast import build_report
from knowledge.usage.model import IDENTITY, BillingRule, JobCharge, UsageReport
from knowledge.usage.providers import UsageProvider, build_usage_provider

log = logging.getLogger(__name__)
RuleLookup = Callable[[str], BillingRule]


def billing_rules(catalog: Callable[[], Catalog]) -> RuleLookup:
    """The catalogue's `gpu_accounting` rule per machine; Slurm-GPU-hours where it has none."""

    def rule(machine: str) -> BillingRule:
        try:
            found = catalog().machine(machine)
        except UnknownName:
            return IDENTITY
        billing = found.billing
        if billing is None or billing.gpu_accounting is None:
            return IDENTITY
        accounting = billing.gpu_accounting
        return BillingRule(
            unit=accounting.unit,
            per_gpu_hour=accounting.per_gpu_hour,
            per_node_hour=dict(accounting.per_node_hour),
            source=billing.source,
            as_of=billing.as_of,
            confirmed=billing.confirmed,
        )

    return rule


@dataclass
class _Entry:
    report: UsageReport
    fetched_at: datetime


class UsageService:
    def __init__(
        self,
        config: UsageConfig,
        *,
        rules: RuleLookup = lambda machine: IDENTITY,
        cache_seconds: float = 300.0,
        timeout_seconds: float = 10.0,
        clock: Clock = utc_now,
        provider_factory: Callable[..., UsageProvider] = build_usage_provider,
    ) -> None:
        self.config, self.rules = config, rules
        self.cache_seconds, self.timeout_seconds = cache_seconds, timeout_seconds
        self.clock = clock
        self._factory = provider_factory
        self._providers: dict[str, UsageProvider] = {}
        self._cache: dict[str, _Entry] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    @property
    def projects(self) -> list[str]:
        return self.config.project_names

    def close(self) -> None:
        with self._guard:
            for provider in self._providers.values():
                provider.close()
            self._providers.clear()

    def _provider(self, machine: str) -> UsageProvider:
        with self._guard:
            key = machine.lower()
            if key not in self._providers:
                source = self.config.source(machine)
                if source is None:
                    raise UsageUnavailable(machine, f"no accounting source for {machine}")
                self._providers[key] = self._factory(source)
            return self._providers[key]

    def report(self, name: str, *, fresh: bool = False) -> UsageReport:
        project = self.config.project(name)
        if project is None:
            raise UnknownProject(name, self.projects)
        with self._guard:
            lock = self._locks.setdefault(project.name, threading.Lock())
        with lock:
            now = self.clock()
            cached = self._cache.get(project.name)
            if (
                not fresh
                and cached is not None
                and (now - cached.fetched_at).total_seconds() < self.cache_seconds
            ):
                return cached.report
            provider = self._provider(project.machine)
            try:
                usage = provider.fetch(project.account, project.start, self.timeout_seconds)
            except FetchError as exc:
                log.warning("usage of %s unavailable: %s (%s)", project.name, exc, exc.detail)
                raise UsageUnavailable(project.name, str(exc), exc.detail) from None
            report = build_report(usage, project, now, self.rules(project.machine))
            self._cache[project.name] = _Entry(report, now)
            return report

    def job(self, machine: str, job_id: str) -> JobCharge | None:
        """One job from `machine`'s accounting (None: no such job, or no such machine).

        Raises UsageUnavailable when the accounting does not answer."""
        if self.config.source(machine) is None:
            return None
        try:
            return self._provider(machine).job(job_id, self.timeout_seconds)
        except FetchError as exc:
            log.warning("job %s on %s: %s (%s)", job_id, machine, exc, exc.detail)
            raise UsageUnavailable(machine, str(exc), exc.detail) from None

    @property
    def machines(self) -> list[str]:
        return list(self.config.machines)
