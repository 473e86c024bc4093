"""Job notifications through the local Slack peer, in both modes: `/hpc notify` gives a signed,
revocable URL; a call to it DMs the user about the job as the usage snapshot knows it; forged,
replayed and revoked calls get 401 and are counted in /metrics.

The accounting is the usage snapshot of tests/usage (real snapshot provider): job 1 is alice's
"train", 8 GPUs for 48 h, COMPLETED with exit code 0.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from botharness import Bot, start_notify_bot
from fakeslack import ALICE, FakeSlack, Message
from fakeslack.services import FakeServices

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "usage"))
from usage_testing import write_usage_files  # noqa: E402

URL = re.compile(r"```(http://[^`\s]+)```")


@pytest.fixture(params=["socket", "http"])
def notify_bot(
    request: pytest.FixtureRequest, slack: FakeSlack, services: FakeServices, tmp_path: Path
) -> Iterator[tuple[Bot, str]]:
    config = write_usage_files(tmp_path, datetime.now(UTC).date())
    yield from start_notify_bot(slack, request.param, services, tmp_path, config)


def my_url(slack: FakeSlack, user: str = ALICE) -> str:
    ack = slack.slash_command("/hpc", "notify", user=user)
    text = (ack.ack_payload or {}).get("text", "")
    found = URL.search(text)
    assert found is not None, text
    return found.group(1)


def dms(slack: FakeSlack, bot: Bot) -> list[Message]:
    bot.idle()
    return [m for m in slack.messages() if m.channel.startswith("D") and m.bot_id]


def counted(base: str, outcome: str) -> float:
    metrics = httpx.get(f"{base}/metrics").text
    found = re.search(rf'hpcbot_job_notifications_total\{{outcome="{outcome}"\}} (\S+)', metrics)
    return float(found.group(1)) if found else 0.0


def test_the_url_is_personal_signed_and_carries_no_slack_token(
    slack: FakeSlack, notify_bot: tuple[Bot, str]
) -> None:
    _, base = notify_bot

    url = my_url(slack)

    assert re.fullmatch(rf"{base}/notify\?id=[0-9a-f]{{24}}&sig=[A-Za-z0-9_-]{{43}}", url)
    assert "xox" not in url and ALICE not in url
    assert my_url(slack) == url  # asking again shows the same one


def test_the_answer_shows_the_two_lines_for_an_sbatch_script(
    slack: FakeSlack, notify_bot: tuple[Bot, str]
) -> None:
    ack = slack.slash_command("/hpc", "notify")
    text = (ack.ack_payload or {}).get("text", "")
    url = URL.search(text).group(1)  # type: ignore[union-attr]

    assert ack.ack_payload is not None and ack.ack_payload.get("response_type") == "ephemeral"
    assert (
        f'```curl -fsS -m 10 "{url}&event=start&job=$SLURM_JOB_ID" >/dev/null || true\n'
        f'trap \'curl -fsS -m 10 "{url}&event=end&job=$SLURM_JOB_ID&exit=$?" >/dev/null '
        "|| true' EXIT```"
    ) in text


def test_a_start_call_dms_the_job_as_accounting_knows_it(
    slack: FakeSlack, notify_bot: tuple[Bot, str]
) -> None:
    bot, base = notify_bot
    url = my_url(slack)

    response = httpx.get(f"{url}&event=start&job=1")

    assert (response.status_code, response.text) == (202, "ok\n")
    [dm] = dms(slack, bot)
    assert dm.channel == slack.ws.dm_channel(ALICE).id
    assert (
        dm.text
        == ":arrow_forward: Job 1 *train* on lumi started: COMPLETED, elapsed 2 days, 0:00:00."
    )
    assert counted(base, "accepted") == 1


def test_an_end_call_reports_exit_code_and_gpu_hours(
    slack: FakeSlack, notify_bot: tuple[Bot, str]
) -> None:
    bot, _ = notify_bot
    url = my_url(slack)

    assert httpx.get(f"{url}&event=end&job=1&exit=0").status_code == 202

    # 48 h x 8 GCDs on LUMI's small-g = 384 GCD-hours = 192 GPU-hours (the catalogue's rule)
    assert [m.text for m in dms(slack, bot)] == [
        ":white_check_mark: Job 1 *train* on lumi ended: COMPLETED after 2 days, 0:00:00, "
        "exit code 0, 192 GPU-hours."
    ]


def test_a_job_accounting_does_not_know_is_still_reported_saying_so(
    slack: FakeSlack, notify_bot: tuple[Bot, str]
) -> None:
    bot, _ = notify_bot
    url = my_url(slack)

    assert httpx.get(f"{url}&event=end&job=999&exit=3").status_code == 202

    assert [m.text for m in dms(slack, bot)] == [
        ":warning: Job 999 on lumi ended, but I could not look it up: lumi's accounting has no "
        "job 999. Its script reported exit code 3."
    ]


@pytest.mark.parametrize(
    ("part", "forgery"),
    [(r"sig=[^&]+", "sig=" + "A" * 43), (r"id=[0-9a-f]+", "id=" + "0" * 24)],
    ids=["signature", "unknown-token-id"],
)
def test_a_forged_signature_or_token_id_gets_401_and_is_counted_as_forged(
    slack: FakeSlack, notify_bot: tuple[Bot, str], part: str, forgery: str
) -> None:
    bot, base = notify_bot
    forged = re.sub(part, forgery, my_url(slack))

    response = httpx.get(f"{forged}&event=start&job=1")

    assert (response.status_code, response.text) == (401, "forged\n")
    assert counted(base, "forged") == 1
    assert dms(slack, bot) == []


def test_the_same_event_of_the_same_job_twice_is_a_replay(
    slack: FakeSlack, notify_bot: tuple[Bot, str]
) -> None:
    bot, base = notify_bot
    url = my_url(slack)
    assert httpx.get(f"{url}&event=start&job=1").status_code == 202

    replay = httpx.get(f"{url}&event=start&job=1")

    assert (replay.status_code, replay.text) == (401, "replayed\n")
    assert counted(base, "replayed") == 1
    assert len(dms(slack, bot)) == 1


def test_a_revoked_url_gets_401_and_is_counted(
    slack: FakeSlack, notify_bot: tuple[Bot, str]
) -> None:
    bot, base = notify_bot
    url = my_url(slack)

    ack = slack.slash_command("/hpc", "notify revoke")
    response = httpx.get(f"{url}&event=start&job=1")

    assert (
        (ack.ack_payload or {}).get("text", "").startswith(":no_entry: Revoked 1 notification URL;")
    )
    assert (response.status_code, response.text) == (401, "revoked\n")
    assert counted(base, "revoked") == 1
    assert dms(slack, bot) == []
    assert my_url(slack) != url  # a new one after revoking


def test_a_malformed_call_gets_400_and_is_counted(
    slack: FakeSlack, notify_bot: tuple[Bot, str]
) -> None:
    _, base = notify_bot
    url = my_url(slack)

    response = httpx.get(f"{url}&event=start&job=$SLURM_JOB_ID")

    assert response.status_code == 400
    assert counted(base, "malformed") == 1
