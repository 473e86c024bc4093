"""HTTP mode only: request signatures, replay window, url_verification, /health, concurrency."""

from __future__ import annotations

import concurrent.futures
import json
import logging
import urllib.request

import httpx
import pytest
from botharness import Bot
from fakeslack import FakeSlack, sign

COMMAND = {
    "command": "/specs",
    "text": "lumi",
    "user_id": "U0ALICE",
    "channel_id": "C0GENERAL",
    "team_id": "T0FAKE",
    "response_url": "http://127.0.0.1:9/never-used",
    "trigger_id": "t",
}


def test_valid_signature_is_accepted(slack: FakeSlack, http_bot: Bot) -> None:
    assert slack.send_signed("slash_commands", {**COMMAND, "text": ""})[0] == 200


def test_forged_signature_is_rejected(slack: FakeSlack, http_bot: Bot) -> None:
    status, body = slack.send_signed("slash_commands", COMMAND, secret="not-the-secret")
    assert status == 401 and json.loads(body) == {"error": "invalid request"}


def test_stale_timestamp_is_rejected(slack: FakeSlack, http_bot: Bot) -> None:
    stale = int(slack.clock.now()) - 301
    assert slack.send_signed("slash_commands", COMMAND, timestamp=stale)[0] == 401


def test_tampered_body_is_rejected(slack: FakeSlack, http_bot: Bot) -> None:
    status, _ = slack.send_signed(
        "slash_commands", COMMAND, tamper=lambda b: b.replace(b"lumi", b"leonardo")
    )
    assert status == 401
    http_bot.idle()
    assert slack.api_calls() == [c for c in slack.api_calls() if c.method == "auth.test"]


def test_url_verification_challenge(slack: FakeSlack, http_bot: Bot) -> None:
    payload = {"token": "t", "challenge": "3eZbrw1aBm2", "type": "url_verification"}
    status, body = slack.send_signed("events_api", payload)
    assert status == 200 and json.loads(body) == {"challenge": "3eZbrw1aBm2"}


def test_retry_header_is_seen_and_event_deduplicated(slack: FakeSlack, http_bot: Bot) -> None:
    question = slack.mention("what GPUs does LUMI have?")
    slack.wait_for_message(thread_ts=question.ts)
    first = next(d for d in slack.deliveries() if d.payload["event"]["type"] == "app_mention")
    assert slack.redeliver(first, retry_num=2).status == 200
    http_bot.idle()
    assert len(http_bot.services.asked) == 1


def test_health(slack: FakeSlack, http_bot: Bot) -> None:
    url = slack._http_target
    assert url is not None
    with urllib.request.urlopen(url.replace("/slack/events", "/health")) as resp:
        assert resp.status == 200 and json.loads(resp.read()) == {"ok": True}


def test_concurrent_slash_commands_are_all_acked_quickly(slack: FakeSlack, http_bot: Bot) -> None:
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        acks = list(pool.map(lambda i: slack.slash_command("/specs", "lumi"), range(20)))
    assert all(a.acked and a.latency is not None and a.latency < 1.0 for a in acks)
    slack.wait_for(lambda: len(slack.ephemerals()) == 20, timeout=10)


def test_a_refused_request_is_logged_as_a_short_summary_without_its_body(
    slack: FakeSlack, http_bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    marker = "xoxb-1234-planted-" + "A" * 900_000  # a large body with a token in it
    status, _ = slack.send_signed("slash_commands", {**COMMAND, "text": marker}, secret="forged")
    assert status == 401
    http_bot.idle()
    messages = [record.getMessage() for record in caplog.records]
    assert not any("planted" in m or "AAAAAAAA" in m for m in messages)
    assert max(len(m) for m in messages) < 500
    [refused] = [m for m in messages if m.startswith("refused a request to /slack/events")]
    assert refused.startswith("refused a request to /slack/events: signature does not match (900")
    assert "bytes of application/x-www-form-urlencoded" in refused


def test_a_signed_body_that_is_not_utf8_is_a_bad_request(slack: FakeSlack, http_bot: Bot) -> None:
    body = b"command=%2Fspecs&text=\xff\xfelumi"
    stamp = str(int(slack.clock.now()))
    url = slack._http_target
    assert url is not None
    response = httpx.post(
        url,
        content=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": sign(slack.signing_secret, stamp, body),
        },
    )
    assert (response.status_code, response.json()) == (400, {"error": "the body is not UTF-8"})


def test_an_oversized_command_form_is_refused_before_bolt_decodes_it(
    slack: FakeSlack, http_bot: Bot
) -> None:
    ack = slack.slash_command("/hpc", "ask " + "?" * 100_000)
    assert (
        (ack.ack_payload or {})
        .get("text", "")
        .startswith("That question is too long; I read questions of up to 2,000 characters.")
    )
    http_bot.idle()
    assert http_bot.services.asked == []
