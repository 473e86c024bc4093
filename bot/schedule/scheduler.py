"""APScheduler 3 wiring: when sweeps run. What a sweep posts is decided by the ledger.

Jobs live in a persistent SQLAlchemy job store in the state database (`apscheduler_jobs`):

    hpcbot-sweep          every HPCBOT_SCHEDULE_SWEEP_SECONDS, and once at start (catch-up)
    hpcbot-due-<time>     a date job at each subscription's next due time, carrying the ids
                          of the subscriptions due then, so posts go out on the minute rather
                          than at the next sweep. One job per distinct time, not per
                          subscription: a thousand digests at 09:00 are one row, not a
                          thousand writes to the job store.

Several processes may share the job store (APScheduler 3 has no cross-process locking, so
each may run the same job: apscheduler#160, flask-apscheduler#230). That is harmless here,
because a job only calls `Runner.sweep`, and the ledger lets one process post each occurrence.
`TolerantJobStore` keeps a job another process already removed from crashing the loop.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job
from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from bot.schedule.runner import Runner, SweepResult

log = logging.getLogger(__name__)

SWEEP_JOB = "hpcbot-sweep"
DUE_JOB = "hpcbot-due-"
JOBS_TABLE = "apscheduler_jobs"

# Job functions are stored by reference ("bot.schedule.scheduler:run_sweep"), so they find the
# process's scheduler here rather than in their (pickled) arguments.
_active: ScheduledPosts | None = None
_active_lock = threading.Lock()


def run_sweep() -> None:
    active = _active
    if active is not None and active.begin_job():
        try:
            active.sweep()
        finally:
            active.end_job()


def run_due(subscription_ids: list[int]) -> None:
    active = _active
    if active is not None and active.begin_job():
        try:
            active.run_due(subscription_ids)
        finally:
            active.end_job()


class _NoOverlapWarnings(logging.Filter):
    """A sweep that outlasts the interval is normal under load; APScheduler would warn each time."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances" not in record.getMessage()


def _quiet_apscheduler() -> None:
    # "Running job ...", "Added job ..." at INFO for every sweep would drown the bot's own log.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    scheduler_log = logging.getLogger("apscheduler.scheduler")
    if not any(isinstance(f, _NoOverlapWarnings) for f in scheduler_log.filters):
        scheduler_log.addFilter(_NoOverlapWarnings())


class TolerantJobStore(SQLAlchemyJobStore):  # type: ignore[misc]
    """A job store shared by processes: losing a race to update or remove a job is fine."""

    def update_job(self, job: Job) -> None:
        try:
            super().update_job(job)
        except JobLookupError:
            log.debug("job %s was removed by another process", job.id)

    def remove_job(self, job_id: str) -> None:
        try:
            super().remove_job(job_id)
        except JobLookupError:
            log.debug("job %s was already removed by another process", job_id)


class ScheduledPosts:
    """Runs `runner` from APScheduler until `stop()`; one per process."""

    def __init__(
        self,
        runner: Runner,
        engine: Engine,
        *,
        sweep_seconds: float = 60.0,
        clock_offset: timedelta = timedelta(0),
        workers: int = 8,
    ) -> None:
        self.runner, self.engine = runner, engine
        self.sweep_seconds, self.clock_offset = sweep_seconds, clock_offset
        self.scheduler = BackgroundScheduler(
            jobstores={"default": TolerantJobStore(engine=engine, tablename=JOBS_TABLE)},
            executors={"default": ThreadPoolExecutor(workers)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=UTC,
        )
        self.closers: list[Callable[[], None]] = []  # run by stop(): queue service, engine
        self.last_sweep: SweepResult | None = None
        self._sweeps = 0
        self._swept = threading.Condition()
        # Jobs in flight, and whether we are stopping: APScheduler's shutdown(wait=True) holds
        # its job-store lock while it joins the job threads, so a sweep that then touches the
        # scheduler (get_jobs) would deadlock. stop() drains our jobs before shutting down.
        self._in_flight = threading.Condition()
        self._running_jobs = 0
        self._stopping = False

    def start(self) -> ScheduledPosts:
        global _active
        with _active_lock:
            if _active is not None:
                raise RuntimeError("a scheduler is already running in this process")
            _active = self
        try:
            self._start_scheduler()
        except BaseException:
            with _active_lock:
                _active = None
            raise
        log.info("scheduled posts: sweeping every %gs", self.sweep_seconds)
        return self

    def _start_scheduler(self) -> None:
        _quiet_apscheduler()
        try:
            self.scheduler.start(paused=True)
        except DBAPIError:  # another process created the job table at the same moment
            self.scheduler.start(paused=True)
        self.scheduler.add_job(
            run_sweep,
            "interval",
            seconds=self.sweep_seconds,
            id=SWEEP_JOB,
            replace_existing=True,
            next_run_time=datetime.now(UTC),  # catch up on whatever was missed while down
        )
        self.scheduler.resume()

    def begin_job(self) -> bool:
        """Count a job in; False once stopping (the job then does nothing)."""
        with self._in_flight:
            if self._stopping:
                return False
            self._running_jobs += 1
            return True

    def end_job(self) -> None:
        with self._in_flight:
            self._running_jobs -= 1
            self._in_flight.notify_all()

    def stop(self, drain_seconds: float = 30.0) -> None:
        global _active
        with self._in_flight:
            self._stopping = True
        if self.scheduler.running:
            self.scheduler.pause()
            with self._in_flight:
                self._in_flight.wait_for(lambda: self._running_jobs == 0, drain_seconds)
            self.scheduler.shutdown(wait=True)
        self.runner.close()
        with _active_lock:
            if _active is self:
                _active = None
        for close in self.closers:
            close()

    # ------------------------------------------------------------------ jobs
    def sweep(self) -> SweepResult:
        result = self.runner.sweep()
        if result.sent or result.skipped or result.failed or result.recovered:
            log.info(
                "sweep: %d sent, %d skipped, %d failed, %d recovered, %d taken by others",
                result.sent,
                result.skipped,
                result.failed,
                result.recovered,
                result.taken,
            )
        self._sync_jobs(result.next_due)
        with self._swept:
            self.last_sweep, self._sweeps = result, self._sweeps + 1
            self._swept.notify_all()
        return result

    def run_due(self, subscription_ids: list[int]) -> None:
        """Deliver for the subscriptions due now; the next sweep schedules their next time."""
        self.runner.sweep(subscription_ids)

    def wait_for_sweeps(self, count: int, timeout: float) -> bool:
        """Block until `count` sweeps have finished since start (for tests and `doctor`)."""
        with self._swept:
            return self._swept.wait_for(lambda: self._sweeps >= count, timeout)

    def _sync_jobs(self, next_due: dict[int, datetime]) -> None:
        if self._stopping or not self.scheduler.running:
            return
        groups: dict[datetime, list[int]] = {}
        for sub_id, due in next_due.items():
            groups.setdefault(due, []).append(sub_id)
        wanted = {
            f"{DUE_JOB}{due:%Y%m%dT%H%M%S}": (due, sorted(ids)) for due, ids in groups.items()
        }
        have = {
            j.id: list(j.args[0]) for j in self.scheduler.get_jobs() if j.id.startswith(DUE_JOB)
        }
        for job_id in have.keys() - wanted.keys():
            try:
                self.scheduler.remove_job(job_id)
            except JobLookupError:
                pass
        for job_id, (due, ids) in wanted.items():
            if have.get(job_id) != ids:
                self.scheduler.add_job(
                    run_due,
                    "date",
                    run_date=due - self.clock_offset,
                    args=[ids],
                    id=job_id,
                    replace_existing=True,
                )
