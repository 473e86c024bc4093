"""Contract tests: the fake must behave like Slack as slack_sdk's own clients see it."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.socket_mode import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.webhook import WebhookClient

from fakeslack import ALICE, BOB, BOT_USER, FakeSlack, sign


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def client(slack: FakeSlack) -> WebClient:
    return WebClient(token=slack.bot_token, base_url=slack.api_url)


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def button(text: str, action_id: str = "a", value: str = "v") -> dict[str, Any]:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
        "value": value,
    }


# --------------------------------------------------------------------------- signing
GOLDEN_BODY = (
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&"
    "channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&"
    "command=%2Fwebhook-collect&text=&"
    "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F"
    "96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
)


def test_signature_matches_slack_golden_vector() -> None:
    expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    secret, stamp = "8f742231b10e8888abcd99yyyzzz85a5", "1531420618"
    assert sign(secret, stamp, GOLDEN_BODY.encode()) == expected
    plain = (
        "v0="
        + hmac.new(
            secret.encode(), f"v0:{stamp}:{GOLDEN_BODY}".encode(), hashlib.sha256
        ).hexdigest()
    )
    assert plain == expected
    assert (
        SignatureVerifier(secret).generate_signature(timestamp=stamp, body=GOLDEN_BODY) == expected
    )


# --------------------------------------------------------------------------- Web API
def test_auth_and_unknown_methods(slack: FakeSlack, client: WebClient) -> None:
    assert client.auth_test()["user_id"] == BOT_USER
    with pytest.raises(SlackApiError) as bad:
        WebClient(token="xoxb-wrong", base_url=slack.api_url).auth_test()
    assert bad.value.response["error"] == "invalid_auth"
    with pytest.raises(SlackApiError) as unknown:
        client.api_call("pins.add", json={"channel": "C0GENERAL"})
    assert unknown.value.response["error"] == "unknown_method"
    with pytest.raises(SlackApiError) as wrong_kind:
        WebClient(token=slack.bot_token, base_url=slack.api_url).apps_connections_open(
            app_token=slack.bot_token
        )
    assert wrong_kind.value.response["error"] == "not_allowed_token_type"
    assert [c.method for c in slack.api_calls()] == [
        "auth.test",
        "auth.test",
        "pins.add",
        "apps.connections.open",
    ]


def test_post_thread_update_delete_and_read(slack: FakeSlack, client: WebClient) -> None:
    first = client.chat_postMessage(channel="C0GENERAL", text="hello")
    second = client.chat_postMessage(channel="C0GENERAL", text="again")
    assert isinstance(first["ts"], str) and first["ts"] < second["ts"]
    reply = client.chat_postMessage(channel="C0GENERAL", text="in thread", thread_ts=first["ts"])
    with pytest.raises(SlackApiError, match="thread_not_found"):
        client.chat_postMessage(channel="C0GENERAL", text="x", thread_ts="1.000001")
    with pytest.raises(SlackApiError, match="not_in_channel"):
        client.chat_postMessage(channel="C0RANDOM", text="x")
    with pytest.raises(SlackApiError, match="channel_not_found"):
        client.chat_postMessage(channel="C0NOPE", text="x")
    with pytest.raises(SlackApiError, match="no_text"), pytest.warns(UserWarning):
        client.chat_postMessage(channel="C0GENERAL")

    client.chat_update(channel="C0GENERAL", ts=first["ts"], text="edited")
    with pytest.raises(SlackApiError, match="message_not_found"):
        client.chat_update(channel="C0GENERAL", ts="1.000001", text="x")
    human = slack.post_as_user("a person", channel="C0GENERAL")
    with pytest.raises(SlackApiError, match="cant_update_message"):
        client.chat_update(channel="C0GENERAL", ts=human.ts, text="x")

    client.reactions_add(channel="C0GENERAL", timestamp=human.ts, name="hourglass_flowing_sand")
    with pytest.raises(SlackApiError, match="already_reacted"):
        client.reactions_add(channel="C0GENERAL", timestamp=human.ts, name="hourglass_flowing_sand")
    assert human.reactions == {"hourglass_flowing_sand": [BOT_USER]}
    client.reactions_remove(channel="C0GENERAL", timestamp=human.ts, name="hourglass_flowing_sand")
    with pytest.raises(SlackApiError, match="no_reaction"):
        client.reactions_remove(
            channel="C0GENERAL", timestamp=human.ts, name="hourglass_flowing_sand"
        )

    thread = client.conversations_replies(channel="C0GENERAL", ts=first["ts"])["messages"]
    assert [m["text"] for m in thread] == ["edited", "in thread"]
    history = client.conversations_history(channel="C0GENERAL")["messages"]
    assert [m["text"] for m in history] == ["a person", "again", "edited"]
    assert client.conversations_info(channel="D0ALICE")["channel"]["is_im"] is True

    client.chat_delete(channel="C0GENERAL", ts=reply["ts"])
    assert [m.text for m in slack.messages("C0GENERAL")] == ["edited", "again", "a person"]


def test_ephemeral_needs_the_user_in_the_channel(slack: FakeSlack, client: WebClient) -> None:
    resp = client.chat_postEphemeral(channel="G0PRIVATE", user=ALICE, text="psst")
    assert resp["message_ts"]
    with pytest.raises(SlackApiError, match="user_not_in_channel"):
        client.chat_postEphemeral(channel="G0PRIVATE", user="U0BOB", text="psst")
    assert [m.text for m in slack.ephemerals(ALICE)] == ["psst"]
    assert slack.messages("G0PRIVATE") == []


def test_users_info_reports_workspace_roles(slack: FakeSlack, client: WebClient) -> None:
    member = client.users_info(user=ALICE)["user"]
    assert (member["id"], member["is_admin"], member["is_owner"], member["is_bot"]) == (
        ALICE,
        False,
        False,
        False,
    )
    slack.ws.admins.add(ALICE)
    assert client.users_info(user=ALICE)["user"]["is_admin"] is True
    slack.ws.owners.add(BOB)
    owner = client.users_info(user=BOB)["user"]
    assert (owner["is_admin"], owner["is_owner"]) == (True, True)  # owners are admins too
    assert client.users_info(user=BOT_USER)["user"]["is_bot"] is True
    with pytest.raises(SlackApiError) as missing:
        client.users_info(user="U0NOBODY")
    assert missing.value.response["error"] == "user_not_found"


def test_users_info_reports_the_locale_only_when_asked(slack: FakeSlack, client: WebClient) -> None:
    assert "locale" not in client.users_info(user=ALICE)["user"]
    assert client.users_info(user=ALICE, include_locale=True)["user"]["locale"] == "en-US"
    slack.ws.locales[BOB] = "pl-PL"
    assert client.users_info(user=BOB, include_locale=True)["user"]["locale"] == "pl-PL"


def test_form_encoded_requests_and_string_blocks(slack: FakeSlack, client: WebClient) -> None:
    blocks = json.dumps([section("*hi*")])
    client.api_call("chat.postMessage", data={"channel": "C0GENERAL", "blocks": blocks})
    assert slack.messages("C0GENERAL")[0].blocks == [section("*hi*")]


# --------------------------------------------------------------------------- rate limits
def test_429_without_retry_handler_raises(slack: FakeSlack, client: WebClient) -> None:
    slack.inject_fault("chat.postMessage", status=429, retry_after=1)
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C0GENERAL", text="x")
    assert err.value.response.status_code == 429
    assert err.value.response.headers["Retry-After"] == "1"
    assert err.value.response["error"] == "ratelimited"


def test_429_with_rate_limit_handler_succeeds_on_retry(slack: FakeSlack) -> None:
    slack.inject_fault("chat.postMessage", status=429, retry_after=0)
    client = WebClient(
        token=slack.bot_token,
        base_url=slack.api_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    assert client.chat_postMessage(channel="C0GENERAL", text="x")["ok"]
    assert [c.status for c in slack.api_calls("chat.postMessage")] == [429, 200]
    assert len(slack.messages("C0GENERAL")) == 1


def test_server_errors_can_be_injected(slack: FakeSlack, client: WebClient) -> None:
    slack.inject_fault("chat.update", status=503, retry_after=None, error="service_unavailable")
    with pytest.raises(SlackApiError) as err:
        client.chat_update(channel="C0GENERAL", ts="1.1", text="x")
    assert err.value.response.status_code == 503


# --------------------------------------------------------------------------- limits
@pytest.mark.parametrize(
    "blocks,error",
    [
        ([section("x")] * 51, "invalid_blocks"),
        ([section("x" * 3001)], "invalid_blocks"),
        ([{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}], "invalid_blocks"),
        ([{"type": "actions", "elements": [button("b" * 76)]}], "invalid_blocks"),
        ([{"type": "actions", "elements": [button("ok", value="v" * 2001)]}], "invalid_blocks"),
        ([{"type": "actions", "elements": [button("ok", action_id="a" * 256)]}], "invalid_blocks"),
        (
            [{"type": "actions", "elements": [button("b", f"a{i}") for i in range(26)]}],
            "invalid_blocks",
        ),
        (
            [{"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11}],
            "invalid_blocks",
        ),
        (
            [{"type": "section", "fields": [{"type": "mrkdwn", "text": "f"}] * 11}],
            "invalid_blocks",
        ),
        (
            [{"type": "section", "fields": [{"type": "mrkdwn", "text": "f" * 2001}]}],
            "invalid_blocks",
        ),
        ([{"type": "carousel"}], "invalid_blocks"),
        ([section("x" * 2500)] * 5, "msg_blocks_too_long"),
    ],
)
def test_block_kit_limits_are_rejected(client: WebClient, blocks: Any, error: str) -> None:
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C0GENERAL", text="fallback", blocks=blocks)
    assert err.value.response["error"] == error


def test_limits_at_the_edge_are_accepted(client: WebClient) -> None:
    blocks = [section("x" * 3000), {"type": "actions", "elements": [button("b" * 75)]}]
    blocks += [section("y")] * 48
    assert client.chat_postMessage(channel="C0GENERAL", text="t", blocks=blocks)["ok"]


def test_long_text_is_truncated_with_a_warning(slack: FakeSlack, client: WebClient) -> None:
    resp = client.chat_postMessage(channel="C0GENERAL", text="z" * 40_001)
    assert resp["response_metadata"]["warnings"] == ["message_truncated"]
    assert len(slack.messages("C0GENERAL")[0].text) == 40_000


# --------------------------------------------------------------------------- response_url
def test_response_url_budget_and_types(slack: FakeSlack) -> None:
    slack.deliver_over_http("http://127.0.0.1:9/unused")  # nothing listens; we only need a hook
    url = slack._new_hook("commands", "C0GENERAL", ALICE)
    hook = WebhookClient(url)
    assert hook.send(text="private").body == "ok"
    assert hook.send(text="public", response_type="in_channel").body == "ok"
    assert [m.text for m in slack.ephemerals(ALICE)] == ["private"]
    assert [m.text for m in slack.messages("C0GENERAL")] == ["public"]
    assert hook.send(text="replaced", replace_original=True).status_code == 200
    assert [m.text for m in slack.messages("C0GENERAL")] == ["replaced"]
    for _ in range(2):
        assert hook.send(text="more").status_code == 200
    assert hook.send(text="sixth").status_code >= 400
    late = WebhookClient(slack._new_hook("commands", "C0GENERAL", ALICE))
    slack.clock.advance(31 * 60)
    assert late.send(text="too late").status_code >= 400
    bad = WebhookClient(slack._new_hook("commands", "C0GENERAL", ALICE))
    assert bad.send(text="x", blocks=[section("x" * 3001)]).status_code == 400


def test_a_response_url_needs_its_secret(slack: FakeSlack) -> None:
    url = slack._new_hook("commands", "C0GENERAL", ALICE)
    guessed = url.rsplit("/", 1)[0] + "/s3cr3t" + url.rsplit("/", 2)[1]  # the old pattern
    assert WebhookClient(guessed).send(text="forged", response_type="in_channel").status_code == 404
    assert slack.messages("C0GENERAL") == [] and slack.ephemerals() == []
    assert WebhookClient(url).send(text="real").body == "ok"


# --------------------------------------------------------------------------- who may connect
def test_every_peer_has_its_own_random_credentials() -> None:
    with FakeSlack() as one, FakeSlack() as two:
        for name in ("bot_token", "app_token", "signing_secret"):
            assert getattr(one, name) != getattr(two, name), name
        assert one.bot_token.startswith("xoxb-") and len(one.bot_token) >= 37
        assert one.app_token.startswith("xapp-1-") and len(one.app_token) >= 39
        assert len(one.signing_secret) >= 32


def test_socket_mode_tickets_are_unguessable_and_single_use(slack: FakeSlack) -> None:
    web = WebClient(token=slack.app_token, base_url=slack.api_url)
    urls = [web.apps_connections_open(app_token=slack.app_token)["url"] for _ in range(2)]
    tickets = [parse_qs(urlsplit(u).query)["ticket"][0] for u in urls]
    assert tickets[0] != tickets[1] and all(len(t) >= 32 for t in tickets)
    assert _ws_status(f"{slack.url}/link/?ticket=ticket-1") == 401  # a guess
    assert _ws_status(urls[0]) == 101
    assert _ws_status(urls[0]) == 401  # used once


def test_a_web_page_cannot_open_the_socket(slack: FakeSlack) -> None:
    web = WebClient(token=slack.app_token, base_url=slack.api_url)
    url = web.apps_connections_open(app_token=slack.app_token)["url"]
    assert _ws_status(url, Origin="http://evil.example") == 403
    assert _ws_status(url, Origin=f"http://localhost:{slack.port}") == 101


@pytest.mark.parametrize(
    "host, served",
    [
        ("127.0.0.1:{port}", True),
        ("localhost:{port}", True),
        ("[::1]:{port}", True),
        ("evil.example:{port}", False),  # DNS rebinding: the attacker's name, our address
        ("127.0.0.1:1", False),
        ("127.0.0.1", False),
        ("127.0.0.1.evil.example:{port}", False),
    ],
)
def test_only_loopback_host_names_are_served(slack: FakeSlack, host: str, served: bool) -> None:
    response = httpx.post(
        f"{slack.api_url}auth.test",
        headers={
            "Host": host.format(port=slack.port),
            "Authorization": f"Bearer {slack.bot_token}",
        },
    )
    assert response.status_code == (200 if served else 421)
    assert response.json()["ok"] if served else "answers only" in response.text


def _ws_status(url: str, **headers: str) -> int:
    """The HTTP status a WebSocket handshake to `url` gets (101: connected)."""

    async def handshake() -> int:
        async with aiohttp.ClientSession() as session:
            try:
                async with session.ws_connect(url.replace("http://", "ws://"), headers=headers):
                    return 101
            except aiohttp.WSServerHandshakeError as refused:
                return refused.status

    return asyncio.run(handshake())


# --------------------------------------------------------------------------- Socket Mode
class _Recorder:
    def __init__(self, ack: bool = True) -> None:
        self.requests: list[SocketModeRequest] = []
        self.ack = ack
        self.lock = threading.Lock()

    def __call__(self, client: SocketModeClient, req: SocketModeRequest) -> None:
        with self.lock:
            self.requests.append(req)
        if not self.ack:
            return
        payload = {"text": "got it"} if req.type == "slash_commands" else None
        client.send_socket_mode_response(SocketModeResponse(req.envelope_id, payload=payload))


@pytest.fixture
def socket_client(slack: FakeSlack) -> Iterator[tuple[SocketModeClient, _Recorder]]:
    web = WebClient(base_url=slack.api_url)
    client = SocketModeClient(app_token=slack.app_token, web_client=web, ping_interval=60)
    recorder = _Recorder()
    client.socket_mode_request_listeners.append(recorder)
    client.connect()
    slack.wait_for(lambda: slack.hub.connected)
    yield client, recorder
    try:
        client.close()
    except AttributeError:  # slack-sdk quirk after a forced reconnect (slack-testing.md §3.6)
        pass


def test_socket_mode_round_trip(slack: FakeSlack, socket_client: Any) -> None:
    _client, recorder = socket_client
    assert slack.api_calls("apps.connections.open")[0].ok
    slash = slack.slash_command("/queue", "lumi")
    assert slash.acked and slash.ack_payload == {"text": "got it"}
    assert [m.text for m in slack.ephemerals(ALICE)] == ["got it"]

    question = slack.mention("hello there")
    assert question.text == f"<@{BOT_USER}> hello there"
    kinds = [(r.type, r.payload.get("event", {}).get("type")) for r in recorder.requests]
    assert kinds[1:] == [("events_api", "message"), ("events_api", "app_mention")]
    assert recorder.requests[-1].retry_attempt == 0

    WebClient(token=slack.bot_token, base_url=slack.api_url).chat_postMessage(
        channel="C0GENERAL",
        text="bot says hi",
        blocks=[section("hi"), {"type": "actions", "elements": [button("Press", "press")]}],
    )
    echoed = slack.wait_for(
        lambda: [r for r in recorder.requests if r.payload.get("event", {}).get("bot_id")]
    )
    assert echoed[0].payload["event"]["text"] == "bot says hi"
    clicked = slack.click(slack.bot_messages("C0GENERAL")[0], "press")
    assert clicked.acked and recorder.requests[-1].payload["actions"][0]["action_id"] == "press"


def test_socket_mode_redelivers_unacked_events(slack: FakeSlack, socket_client: Any) -> None:
    _client, recorder = socket_client
    slack.ack_timeout = 0.3
    recorder.ack = False
    slack.post_as_user("nobody acks this")
    attempts = [r.retry_attempt for r in recorder.requests]
    assert attempts == [0, 1, 2, 3]
    assert {r.payload["event_id"] for r in recorder.requests} == {
        recorder.requests[0].payload["event_id"]
    }
    assert [d.acked for d in slack.deliveries("events_api")] == [False] * 4


def test_socket_mode_disconnect_makes_the_client_reconnect(
    slack: FakeSlack, socket_client: Any
) -> None:
    slack.disconnect_socket("refresh_requested")
    slack.wait_for(lambda: len(slack.api_calls("apps.connections.open")) == 2)
    slack.wait_for(lambda: slack.hub.connected)
    assert slack.slash_command("/queue", "lumi").acked


# --------------------------------------------------------------------------- HTTP delivery
class _Capture(BaseHTTPRequestHandler):
    seen: list[tuple[dict[str, str], bytes]] = []
    fail_first = False

    def do_POST(self) -> None:  # noqa: N802 (http.server API)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).seen.append((dict(self.headers), body))
        failing = type(self).fail_first and len(type(self).seen) == 1
        self.send_response(500 if failing else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_http_delivery_is_signed_and_retried(slack: FakeSlack) -> None:
    _Capture.seen, _Capture.fail_first = [], True
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Capture)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        slack.deliver_over_http(f"http://127.0.0.1:{httpd.server_address[1]}/slack/events")
        slack.post_as_user("hello")
        verifier = SignatureVerifier(slack.signing_secret)
        assert len(_Capture.seen) == 2
        for headers, body in _Capture.seen:
            assert verifier.is_valid_request(body, headers)
        assert "X-Slack-Retry-Num" not in _Capture.seen[0][0]
        assert _Capture.seen[1][0]["X-Slack-Retry-Num"] == "1"
        assert json.loads(_Capture.seen[0][1]) == json.loads(_Capture.seen[1][1])
        slack.slash_command("/specs", "lumi")
        form = _Capture.seen[-1][1].decode()
        assert "command=%2Fspecs" in form and "text=lumi" in form
    finally:
        httpd.shutdown()
