"""What hostile input costs: the longest `/hpc subscribe` hpcbot reads, and a 100 KB question.

    .venv/bin/python bench/input_limits_bench.py [--runs 50]

1. Parsing the longest allowed `/hpc subscribe` text (500 characters, 60 words, 10 call names)
   against the bundled catalogue, in four shapes: long call names, many short ones, an unknown
   name at the end (the one catalogue lookup with suggestions), one 490-character word.
   Target: under 50 ms each.
2. Refusing a 100 KB question: an `/hpc ask` dispatched by the real app until its ack, as a
   Socket Mode request (a parsed payload) and as a signed HTTP request (Bolt decodes the form
   body first: for text that is mostly percent-escapes, that decoding is most of the time).
   Target: under 10 ms. In the running app, HTTP mode refuses a command form larger than a
   2,000-character question can make before Bolt sees it (bot/app.py), so the HTTP figures
   here are the cost that path avoids, an upper bound.
3. Reading a hostile HTML page: a paragraph under 4,000 nested elements, in four shapes (<div>,
   <span>, <blockquote>, <dl><dd>), each about 50 KB. Target: under 1 s each (the reader before
   session 51 took 3 to 4.5 s on some; a walker that searched below every element, 22 s).

Medians and maxima are printed; a loaded machine moves them, so look at the median.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from slack_bolt import BoltRequest

from bot.app import build_app
from bot.config import Settings, SlackSettings, StorageSettings, bundled_knowledge_dir
from bot.sandbox.peer import FakeSlack, sign
from bot.schedule import CatalogKnowledge, SubscribeError, parse_subscribe
from bot.schedule.parse import MAX_SUBSCRIBE_CHARS, MAX_SUBSCRIBE_WORDS
from bot.services import Services
from ingest.parse import parse_html
from knowledge import CatalogSource

TARGET_PARSE_MS, TARGET_REFUSE_MS, TARGET_DEEP_PAGE_MS = 50.0, 10.0, 1000.0
DEEP_PAGE_LEVELS = 4000


def timed(work: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), max(samples)


def subscribe_texts() -> dict[str, str]:
    """The longest texts `/hpc subscribe` accepts, in the shapes that cost the most."""
    longest = "AI for Science and Collaborative EU Projects access"  # 8 words
    texts = {
        "9 long call names": "deadlines "
        + ", ".join([longest] * 5 + ["AI Factories Large Scale"] * 4)
        + " --days 30,7,1",
        "59 unknown words": "deadlines " + " ".join(["lumi-g"] * 59),
        "4 names, then 51 unknown words": "deadlines "
        + " ".join(["large scale"] * 4 + ["extreme"] * 51),
        "one 490-character word": "deadlines " + "y" * 490,
    }
    for label, text in texts.items():
        assert len(text) <= MAX_SUBSCRIBE_CHARS, (label, len(text))
        assert len(text.split()) <= MAX_SUBSCRIBE_WORDS, (label, len(text.split()))
    return texts


def bench_subscribe(runs: int) -> None:
    knowledge = CatalogKnowledge(CatalogSource(bundled_knowledge_dir()), _never)
    knowledge.call_names()  # the catalogue loads once, at start, not per command

    for label, text in subscribe_texts().items():

        def parse(text: str = text) -> None:
            try:
                parse_subscribe(text, knowledge, "Europe/Brussels")
            except SubscribeError:
                pass  # an answer too: the error message with suggestions

        median, worst = timed(parse, runs)
        words = len(text.split())
        print(
            f"parse /hpc subscribe, {label} ({len(text)} chars, {words} words): "
            f"median {median:.2f} ms, max {worst:.2f} ms (target < {TARGET_PARSE_MS:.0f} ms)"
        )


def _never(*args: object) -> Any:
    raise AssertionError("the refusal must come before any model or catalogue work")


def bench_refusal(runs: int) -> None:
    services = Services(ask=_never, specs=_never, deadlines=_never, queue=_never)
    questions = {
        "prose": ("How do I run a PyTorch job on LUMI-G with eight GPUs per node? " * 1600)[
            :100_000
        ],
        "'why? ' repeated (140 KB once form-encoded)": "why? " * 20_000,
    }
    with FakeSlack() as slack, tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(
            slack=SlackSettings(
                bot_token=slack.bot_token,
                signing_secret=slack.signing_secret,
                api_url=slack.api_url,
            ),
            storage=StorageSettings(data_dir=Path(data_dir)),
        )
        app = build_app(settings, services, mode="http")
        for label, question in questions.items():
            fields = {
                "command": "/hpc",
                "text": f"ask {question}",
                "user_id": "U0ALICE",
                "channel_id": "C0GENERAL",
                "response_url": f"{slack.url}/hooks/none",
                "trigger_id": "t1",
            }
            body = urlencode(fields)

            def over_http(body: str = body) -> None:
                stamp = str(int(time.time()))
                headers: dict[str, str | Sequence[str]] = {
                    "content-type": ["application/x-www-form-urlencoded"],
                    "x-slack-signature": [sign(slack.signing_secret, stamp, body.encode())],
                    "x-slack-request-timestamp": [stamp],
                }
                response = app.bolt.dispatch(BoltRequest(body=body, headers=headers))
                assert response.status == 200 and "That question is" in response.body

            def over_socket(fields: dict[str, str] = fields) -> None:
                request = BoltRequest(body=dict(fields), mode="socket_mode")
                assert "That question is" in app.bolt.dispatch(request).body

            for mode, dispatch in (("Socket Mode", over_socket), ("HTTP mode", over_http)):
                median, worst = timed(dispatch, runs)
                print(
                    f"refuse a 100 KB /hpc ask, {label}, {mode} (dispatched to its ack): "
                    f"median {median:.2f} ms, max {worst:.2f} ms (target < {TARGET_REFUSE_MS:.0f} ms)"
                )
        app.close()


def bench_deep_pages(runs: int) -> None:
    shapes = {
        "div": ("<div>", "</div>"),
        "span": ("<span>", "</span>"),
        "blockquote": ("<blockquote>", "</blockquote>"),
        "dl/dd": ("<dl><dd>", "</dd></dl>"),
    }
    for label, (opening, closing) in shapes.items():
        page = (
            "<html><body>"
            + opening * DEEP_PAGE_LEVELS
            + "<p>deep text</p>"
            + closing * DEEP_PAGE_LEVELS
            + "</body></html>"
        )
        median, worst = timed(lambda page=page: parse_html(page), runs)
        print(
            f"read an HTML page {DEEP_PAGE_LEVELS:,} {label} deep ({len(page) // 1000} KB): "
            f"median {median:.1f} ms, max {worst:.1f} ms (target < {TARGET_DEEP_PAGE_MS:.0f} ms)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    bench_subscribe(args.runs)
    bench_refusal(args.runs)
    bench_deep_pages(max(1, args.runs // 10))


if __name__ == "__main__":
    main()
