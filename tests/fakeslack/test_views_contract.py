"""The peer's `views.open` as Slack's: a trigger opens one view, within 3 seconds, checked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from fakeslack import ALICE, FakeSlack

MODAL = {
    "type": "modal",
    "callback_id": "demo",
    "title": {"type": "plain_text", "text": "Demo"},
    "submit": {"type": "plain_text", "text": "Send"},
    "blocks": [
        {
            "type": "input",
            "block_id": "name",
            "label": {"type": "plain_text", "text": "Name"},
            "element": {"type": "plain_text_input", "action_id": "value"},
        }
    ],
}


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


def client(slack: FakeSlack) -> WebClient:
    return WebClient(slack.bot_token, base_url=slack.api_url, retry_handlers=[])


def error_of(slack: FakeSlack, trigger_id: str, view: dict[str, object] = MODAL) -> str:
    with pytest.raises(SlackApiError) as failed:
        client(slack).views_open(trigger_id=trigger_id, view=view)
    return str(failed.value.response["error"])


def test_a_trigger_opens_one_view_for_whoever_it_came_from(slack: FakeSlack) -> None:
    trigger = slack.ws.issue_trigger(ALICE)
    opened = client(slack).views_open(trigger_id=trigger, view=MODAL)
    assert opened["view"]["id"].startswith("V") and opened["view"]["callback_id"] == "demo"
    assert opened["view"]["state"] == {"values": {}}
    [shown] = slack.open_views(ALICE)
    assert shown.view["title"]["text"] == "Demo"
    assert error_of(slack, trigger) == "exchanged_trigger_id"


def test_a_trigger_expires_after_three_seconds(slack: FakeSlack) -> None:
    trigger = slack.ws.issue_trigger(ALICE)
    slack.clock.advance(3.1)
    assert error_of(slack, trigger) == "expired_trigger_id"
    assert slack.open_views() == []


def test_an_unknown_trigger_is_invalid(slack: FakeSlack) -> None:
    assert error_of(slack, "12345.67890.deadbeef") == "invalid_trigger_id"


def test_a_title_over_24_characters_is_refused(slack: FakeSlack) -> None:
    view = {**MODAL, "title": {"type": "plain_text", "text": "A title that is far too long"}}
    assert error_of(slack, slack.ws.issue_trigger(ALICE), view) == "invalid_arguments"
