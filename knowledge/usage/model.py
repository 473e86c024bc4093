"""What an allocation's usage is made of: job charges, the account's limit, the billing rule.

Slurm counts GPU time in TRES seconds of `gres/gpu` (one Slurm GPU for one second). A site may
bill differently; the catalogue's `gpu_accounting` rule (`BillingRule`) converts Slurm's count
into the unit the grant is given in (LUMI: GPU-hours of a full MI250X, two Slurm GPUs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class JobCharge:
    """One job's GPU time on one account, as Slurm's accounting recorded it."""

    job_id: str
    name: str
    user: str
    account: str
    state: str  # COMPLETED, RUNNING, FAILED, ... (base state, upper case)
    start: datetime | None  # None: not started
    end: datetime | None  # None: still running
    gpus: int  # allocated gres/gpu
    nodes: int = 1
    partition: str = ""
    exit_code: int | None = None

    def seconds_between(self, since: datetime, until: datetime) -> float:
        """Seconds this job ran inside [since, until) (a running job runs until `until`)."""
        if self.start is None:
            return 0.0
        begin = max(self.start, since)
        finish = min(self.end or until, until)
        return max(0.0, (finish - begin).total_seconds())

    def elapsed(self, now: datetime) -> timedelta | None:
        if self.start is None:
            return None
        return (self.end or now) - self.start


@dataclass(frozen=True)
class AccountUsage:
    """What a provider read for one account: its GPU-minute limit and its jobs in a window."""

    account: str
    limit_gpu_minutes: float | None  # GrpTRESMins gres/gpu of the account's association
    jobs: tuple[JobCharge, ...]
    taken_at: datetime
    source: str  # slurmrestd | slurm-cli | snapshot


@dataclass(frozen=True)
class BillingRule:
    """How Slurm's GPU seconds become what the site bills (`gpu_accounting` in machines.yaml).

    `per_gpu_hour`: billed units per Slurm-GPU-hour. `per_node_hour`: partitions billed by whole
    nodes, units per node-hour (whatever the job uses). The identity rule bills Slurm-GPU-hours.
    """

    unit: str = "GPU-hours"
    per_gpu_hour: float = 1.0
    per_node_hour: dict[str, float] = field(default_factory=dict)
    source: str = ""
    as_of: date | None = None
    confirmed: bool = True

    def billed(self, job: JobCharge, since: datetime, until: datetime) -> float:
        hours = job.seconds_between(since, until) / 3600
        per_node = self.per_node_hour.get(job.partition)
        if per_node is not None:
            return hours * job.nodes * per_node
        return hours * job.gpus * self.per_gpu_hour

    def granted(self, gpu_minutes: float) -> float:
        """A GrpTRESMins gres/gpu limit (Slurm-GPU-minutes) in billed units."""
        return gpu_minutes / 60 * self.per_gpu_hour


IDENTITY = BillingRule()


@dataclass(frozen=True)
class Project:
    """An allocation hpcbot reports on: a Slurm account on a machine, for a period."""

    name: str  # what people type in /usage
    machine: str
    account: str
    start: datetime
    end: datetime
    granted: float | None = None  # in the billing unit; None: from the association's limit

    @property
    def last_day(self) -> date:
        """The period's last day (`end` is the instant after it)."""
        return (self.end - timedelta(days=1)).date()


@dataclass(frozen=True)
class UserShare:
    user: str
    used: float  # billed units in the period


@dataclass(frozen=True)
class DayPoint:
    day: date
    used: float  # cumulative billed units at the end of that day (UTC)


@dataclass(frozen=True)
class Forecast:
    rate_per_day: float  # the last 7 days' burn
    exhausted_on: datetime | None  # when `left` reaches 0 at that rate (None: never, or no grant)
    days_before_end: int | None  # whole days between exhaustion and the period end, if before it
    unused_at_end: float | None  # units left at the end at that rate (0 if it runs out first)
    unused_pct: float | None  # the same as a share of the grant


@dataclass(frozen=True)
class UsageReport:
    project: Project
    unit: str
    granted: float | None
    used: float
    used_slurm_gpu_seconds: float  # what sreport's gres/gpu TRES seconds say, before billing
    burn_7d: float  # units per day over the last 7 days (or since the start, if later)
    burn_30d: float
    forecast: Forecast | None
    top_users: tuple[UserShare, ...]
    daily: tuple[DayPoint, ...]  # cumulative use per day, period start to today
    as_of: datetime
    source: str
    rule: BillingRule = IDENTITY

    @property
    def left(self) -> float | None:
        return None if self.granted is None else self.granted - self.used

    @property
    def used_pct(self) -> float | None:
        if not self.granted:
            return None
        return self.used / self.granted * 100
