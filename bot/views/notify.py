"""Job notification DMs and the `/hpc notify` answer (pure functions; mrkdwn text)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.logs import redact
from bot.views.mrkdwn import escape
from knowledge.usage import JobCharge, amount


def duration(span: timedelta | None) -> str:
    """0:00:05, 1:02:03, 2 days, 3:00:00."""
    if span is None:
        return "not started"
    seconds = max(0, int(span.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    text = f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return f"{days} day{'s' if days != 1 else ''}, {text}" if days else text


def _job(job: JobCharge, machine: str) -> str:
    return f"Job {escape(job.job_id)} *{escape(job.name)}* on {escape(machine)}"


def started(job: JobCharge, machine: str, now: datetime) -> str:
    return (
        f":arrow_forward: {_job(job, machine)} started: {job.state}, elapsed "
        f"{duration(job.elapsed(now))}."
    )


def ended(
    job: JobCharge,
    machine: str,
    now: datetime,
    billed: float,
    unit: str,
    reported_exit: int | None,
) -> str:
    exit_code = job.exit_code if job.exit_code is not None else reported_exit
    icon = ":white_check_mark:" if job.state == "COMPLETED" and exit_code == 0 else ":x:"
    if job.end is None:
        icon = ":hourglass:"
    code = f"exit code {exit_code}" if exit_code is not None else "no exit code recorded"
    still = " (accounting has not recorded its end yet)" if job.end is None else ""
    return (
        f"{icon} {_job(job, machine)} ended: {job.state}{still} after "
        f"{duration(job.elapsed(now))}, {code}, {amount(billed)} {unit}."
    )


def lookup_failed(
    event: str, job_id: str, machine: str, reason: str, reported_exit: int | None
) -> str:
    what = "started" if event == "start" else "ended"
    code = f" Its script reported exit code {reported_exit}." if reported_exit is not None else ""
    return (
        f":warning: Job {escape(job_id)} on {escape(machine)} {what}, but I could not look it "
        f"up: {escape(redact(reason))}.{code}"
    )


def notify_url(url: str, machine: str) -> str:
    return (
        f"*Your job notification URL for {escape(machine)}* (personal: anyone with it can send "
        f"you these DMs; `/hpc notify revoke` ends it):\n```{url}```\n"
        "Add these two lines to your sbatch script, after the `#SBATCH` lines:\n"
        f'```curl -fsS -m 10 "{url}&event=start&job=$SLURM_JOB_ID" >/dev/null || true\n'
        f'trap \'curl -fsS -m 10 "{url}&event=end&job=$SLURM_JOB_ID&exit=$?" >/dev/null '
        "|| true' EXIT```\n"
        "You get a DM when the job starts and when it ends, with its state, elapsed time, exit "
        "code and GPU-hours."
    )
