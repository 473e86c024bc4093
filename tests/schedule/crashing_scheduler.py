"""`hpcbot scheduler` that kills itself at one step of a delivery, as a power cut would.

    python tests/schedule/crashing_scheduler.py after_claim:1    # settings from the environment

Steps (`bot.schedule.runner.Runner`): before_claim, after_claim (claimed, nothing sent),
after_send (Slack has the post, the ledger doesn't); `:N` kills at the Nth time the step is
reached. The restart tests run it, then a normal scheduler, and check every post lands once.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import sys
import threading

from bot.config import Settings
from bot.logs import install
from bot.schedule import scheduled_posts
from bot.schedule.config import ScheduleConfig

STEPS = ("before_claim", "after_claim", "after_send")
log = logging.getLogger("crashing_scheduler")


class KillAt:
    """A `Runner` checkpoint that SIGKILLs this process the Nth time it reaches one step."""

    def __init__(self, spec: str) -> None:
        step, _, nth = spec.partition(":")
        if step not in STEPS:
            raise ValueError(f"unknown step {step!r}; use one of {', '.join(STEPS)}")
        self.step, self.nth, self.seen = step, int(nth or 1), 0
        self._lock = threading.Lock()

    def __call__(self, step: str) -> None:
        if step != self.step:
            return
        with self._lock:
            self.seen += 1
            if self.seen < self.nth:
                return
            log.critical("crash point %s reached: killing process %d", step, os.getpid())
            for handler in logging.getLogger().handlers:
                handler.flush()
            os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    settings = Settings.from_env()
    install(settings.logs.level, settings.logs.format)
    # One post at a time: "killed at the Nth send" then means exactly N posts reached Slack.
    # With parallel senders, others could finish theirs before the Nth reached its checkpoint.
    config = dataclasses.replace(ScheduleConfig.from_settings(settings), workers=1)
    scheduled_posts(settings, checkpoint=KillAt(sys.argv[1]), config=config).start()
    threading.Event().wait()  # until the checkpoint kills it


if __name__ == "__main__":
    main()
