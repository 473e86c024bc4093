"""A real batch job on the Slurm test cluster calls its owner's notification URL with the two
lines `/hpc notify` gives, at its start and its end; both DMs arrive through the local Slack
peer, with what Slurm's accounting says about the job (looked up with the slurm-cli provider).

The test cluster's clock runs SLURM_TEST_CLOCK_BEHIND seconds behind this machine's (see
scripts/slurm-test-cluster.sh), so the bot is given the same clock, as a site's bot and cluster
share one time: "elapsed" of a running job is the bot's now minus the start Slurm recorded.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fakeslack import ALICE, FakeSlack, Message
from fakeslack.services import FakeServices
from usage_testing import run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
from botharness import Bot, start_notify_bot  # noqa: E402

pytestmark = pytest.mark.slurm
CODE = re.compile(r"```(.*?)```", re.S)


@pytest.fixture
def notify_bot(two_projects: dict[str, str], tmp_path: Path) -> Iterator[tuple[FakeSlack, Bot]]:
    today = datetime.now(UTC).date()
    config = tmp_path / "usage.yaml"
    config.write_text(
        "machines:\n"
        f"  lumi: {{provider: slurm-cli, env: {{SLURM_CONF: {two_projects['SLURM_CONF']}}}}}\n"
        "projects:\n"
        f"  alpha: {{machine: lumi, account: project_alpha, start: {today - timedelta(days=1)}, "
        f"end: {today + timedelta(days=30)}}}\n"
    )
    behind = timedelta(seconds=int(two_projects.get("SLURM_TEST_CLOCK_BEHIND", "0")))
    with FakeSlack() as slack:
        for bot, _ in start_notify_bot(slack, "http", FakeServices(), tmp_path, config):
            assert bot.app.deps.notify is not None
            bot.app.deps.notify.clock = lambda: datetime.now(UTC) - behind  # the cluster's time
            yield slack, bot


def dms(slack: FakeSlack) -> list[Message]:
    return [m for m in slack.messages() if m.channel.startswith("D") and m.bot_id]


def test_a_batch_jobs_start_and_end_arrive_as_dms(
    notify_bot: tuple[FakeSlack, Bot], tmp_path: Path
) -> None:
    slack, bot = notify_bot
    answer = (slack.slash_command("/hpc", "notify").ack_payload or {}).get("text", "")
    two_lines = CODE.findall(answer)[1]
    script = tmp_path / "train.sbatch"
    script.write_text(
        "#!/bin/bash\n"
        "#SBATCH -A project_alpha -p small-g --gres=gpu:mi250:2 -J nightly-train -o /dev/null\n"
        f"{two_lines}\n"
        "sleep 15\n"  # longer than slurmdbd takes to record the start here (a few seconds)
    )

    job_id = run("sbatch", "--parsable", str(script)).split(";")[0].strip()
    slack.wait_for(lambda: len(dms(slack)) == 2, timeout=120)

    start, end = (m.text for m in dms(slack))
    assert re.fullmatch(
        rf":arrow_forward: Job {job_id} \*nightly-train\* on lumi started: RUNNING, "
        r"elapsed 0:00:[01]\d\.",
        start,
    ), start
    assert re.fullmatch(
        rf":white_check_mark: Job {job_id} \*nightly-train\* on lumi ended: COMPLETED after "
        r"0:00:1\d, exit code 0, 0\.00\d GPU-hours\.",
        end,
    ), end
    assert {m.channel for m in dms(slack)} == {slack.ws.dm_channel(ALICE).id}
