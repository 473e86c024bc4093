"""`NotifyDesk`: `/hpc notify` URLs, the checks a call to one passes, and the DM it causes.

A call is `GET /notify?id=ID&sig=SIG&event=start|end&job=JOBID[&exit=N]`. Forged, revoked and
replayed calls get 401 and are counted (`hpcbot_job_notifications_total{outcome}`); an
accepted one gets 202 at once, and the DM follows from a worker: the job as the machine's
accounting knows it (name, state, elapsed; at the end, exit code and GPU-hours). Accounting
lags the job: at its start slurmdbd may not have the start yet, and at its end the job is still
running when it calls (the call is its last act), so the desk waits up to `settle_seconds` for
accounting to catch up, then reports what it has. When the lookup fails, the DM says so.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from slack_sdk import WebClient

from bot.errors import UserFacingError
from bot.notify.tokens import NotifyTokens, Token, Verdict
from bot.views import notify as views
from knowledge import Clock, utc_now
from knowledge.usage import JobCharge, UsageError, UsageService

log = logging.getLogger(__name__)
EVENTS = ("start", "end")
_JOB = re.compile(r"\d{1,12}(_\d{1,8})?")  # 123456, or an array task 123456_7
_EXIT = re.compile(r"-?\d{1,3}")
UNFINISHED = frozenset({"RUNNING", "PENDING", "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING"})


@dataclass(frozen=True)
class Call:
    """What a checked call asks for: one event of one job, for the token's owner."""

    token: Token
    event: str
    job_id: str
    exit_code: int | None


def _settled(job: JobCharge, event: str) -> bool:
    """Whether accounting has caught up with the event: slurmctld tells slurmdbd a job started
    (until then it shows PENDING, named "allocation") and ended a moment after it happened."""
    if event == "start":
        return job.start is not None and job.state != "PENDING"
    return job.state not in UNFINISHED


class NotifyDesk:
    def __init__(
        self,
        tokens: NotifyTokens,
        usage: UsageService | None,
        public_url: str,
        count: Callable[[str], None],
        *,
        settle_seconds: float = 60.0,
        poll_seconds: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Clock = utc_now,
    ) -> None:
        self.tokens, self.usage, self.count = tokens, usage, count
        self.public_url = public_url.rstrip("/")
        self.settle_seconds, self.poll_seconds, self.sleep = settle_seconds, poll_seconds, sleep
        self.clock = clock  # "now" for a running job's elapsed time (tests: a cluster's clock)

    # ------------------------------------------------------------------ /hpc notify
    def url(self, token: Token) -> str:
        return f"{self.public_url}/notify?id={token.id}&sig={token.signature}"

    def issue(self, user_id: str, machine: str | None) -> tuple[str, str]:
        """(URL, machine) for the user's jobs on `machine` (the only one, when not named)."""
        known = self.usage.machines if self.usage is not None else []
        if machine is None:
            if len(known) != 1:
                listed = ", ".join(sorted(known)) or "none"
                raise UserFacingError(
                    f"Which machine? `/hpc notify MACHINE`; machines with accounting here: {listed}."
                )
            machine = known[0]
        found = next((m for m in known if m.lower() == machine.lower()), None)
        if found is None:
            listed = ", ".join(sorted(known)) or "none"
            raise UserFacingError(
                f"I cannot look jobs up on {machine}; machines with accounting here: {listed}."
            )
        token, _ = self.tokens.issue(user_id, found)
        return self.url(token), found

    def revoke(self, user_id: str) -> int:
        return self.tokens.revoke(user_id)

    # ------------------------------------------------------------------ GET /notify
    def check(self, params: Mapping[str, str]) -> tuple[int, str, Call | None]:
        """(HTTP status, body, the call to act on if accepted). Counts every outcome."""
        token_id, sig = params.get("id", ""), params.get("sig", "")
        event, job_id = params.get("event", ""), params.get("job", "")
        exit_text = params.get("exit")
        if (
            event not in EVENTS
            or not _JOB.fullmatch(job_id)
            or (exit_text is not None and not _EXIT.fullmatch(exit_text))
            or not token_id
            or not sig
        ):
            self.count("malformed")
            return 400, "use ?id=..&sig=..&event=start|end&job=$SLURM_JOB_ID[&exit=$?]\n", None
        verdict, token = self.tokens.check(token_id, sig, job_id, event)
        self.count(verdict.value)
        if verdict is not Verdict.ACCEPTED or token is None:
            log.warning(
                "refused a job notification: %s (token %s, job %s)",
                verdict.value,
                token_id[:6],
                job_id,
            )
            return 401, f"{verdict.value}\n", None
        exit_code = int(exit_text) if exit_text is not None else None
        return 202, "ok\n", Call(token, event, job_id, exit_code)

    # ------------------------------------------------------------------ the DM
    def deliver(self, call: Call, client: WebClient) -> None:
        """Look the job up and DM its owner (conversations.open, chat.postMessage)."""
        text = self.message(call)
        channel = client.conversations_open(users=call.token.user_id)["channel"]["id"]
        client.chat_postMessage(channel=channel, text=text, unfurl_links=False)

    def message(self, call: Call) -> str:
        machine, job_id = call.token.machine, call.job_id
        try:
            job = self._lookup(call)
        except UsageError as exc:
            return views.lookup_failed(call.event, job_id, machine, str(exc), call.exit_code)
        if job is None:
            return views.lookup_failed(
                call.event, job_id, machine, f"{machine}'s accounting has no job {job_id}",
                call.exit_code,
            )  # fmt: skip
        now = self.clock()
        if call.event == "start":
            return views.started(job, machine, now)
        hours, unit = self._billed(job, machine, now)
        return views.ended(job, machine, now, hours, unit, call.exit_code)

    def _lookup(self, call: Call) -> JobCharge | None:
        if self.usage is None:
            raise UsageError("no accounting is configured here (HPCBOT_USAGE_CONFIG)")
        job = self.usage.job(call.token.machine, call.job_id)
        waited = 0.0
        while job is not None and not _settled(job, call.event) and waited < self.settle_seconds:
            self.sleep(self.poll_seconds)
            waited += self.poll_seconds
            job = self.usage.job(call.token.machine, call.job_id)
        return job

    def _billed(self, job: JobCharge, machine: str, now: datetime) -> tuple[float, str]:
        assert self.usage is not None
        rule = self.usage.rules(machine)
        start = job.start or now
        return rule.billed(job, start, job.end or now), rule.unit
