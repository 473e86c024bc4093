"""Prometheus metrics for one running bot, served at `GET /metrics`.

Each `Metrics` has its own registry (two apps in one process, as in tests, don't share
counters). What is measured:

    hpcbot_requests_total{kind, name}              Slack requests: events, commands, actions
    hpcbot_answer_seconds                          time to answer a question (histogram)
    hpcbot_answers_total{outcome}                  answered / abstained / error
    hpcbot_feedback_total{helpful}                 helpful / not helpful clicks
    hpcbot_queue_errors_total{machine, error}      queue provider failures by machine
    hpcbot_job_notifications_total{outcome}        calls to /notify: accepted, forged, revoked,
                                                   replayed, malformed
    hpcbot_ingest_runs_total{outcome}              ingest runs recorded in the state database
    hpcbot_ingest_last_success_age_seconds         how old the index content is
    hpcbot_ready                                   1 when every readiness check passes

The ingest and readiness figures are read at scrape time, so every replica reports the same
runs (they live in the shared state database) and a scrape never sees a stale value.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from bot.ingest_runs import IngestSummary
from bot.services import Services
from knowledge import Answer
from knowledge.queue import QueueAuthError, QueueUnavailable

log = logging.getLogger(__name__)

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
FEEDBACK_ACTIONS = {"feedback_helpful": "true", "feedback_not_helpful": "false"}
# Answers take ~20-100 ms warm; seconds mean a cold model or a slow Chroma server.
ANSWER_BUCKETS = (0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "hpcbot_requests",
            "Slack requests received, by kind and event type, command or action",
            ["kind", "name"],
            registry=self.registry,
        )
        self.answer_seconds = Histogram(
            "hpcbot_answer_seconds",
            "Time to answer one question",
            buckets=ANSWER_BUCKETS,
            registry=self.registry,
        )
        self.answers = Counter(
            "hpcbot_answers",
            "Questions asked, by outcome (answered, abstained, error)",
            ["outcome"],
            registry=self.registry,
        )
        self.feedback = Counter(
            "hpcbot_feedback",
            "Feedback clicks on answers",
            ["helpful"],
            registry=self.registry,
        )
        self.queue_errors = Counter(
            "hpcbot_queue_errors",
            "Queue status requests that failed at the provider, by machine",
            ["machine", "error"],
            registry=self.registry,
        )

        self.job_notifications = Counter(
            "hpcbot_job_notifications",
            "Calls to the job notification URL, by outcome",
            ["outcome"],
            registry=self.registry,
        )

    def count_job_notification(self, outcome: str) -> None:
        self.job_notifications.labels(outcome).inc()

    def add_collector(self, collector: Collector) -> None:
        self.registry.register(collector)

    def render(self) -> bytes:
        return generate_latest(self.registry)

    # -- Slack requests ------------------------------------------------------------------
    def count_request(self, body: dict[str, Any]) -> None:
        kind, name = request_kind(body)
        self.requests.labels(kind, name).inc()
        if kind == "action":
            for action in body.get("actions") or []:
                helpful = FEEDBACK_ACTIONS.get(str(action.get("action_id", "")))
                if helpful is not None:
                    self.feedback.labels(helpful).inc()

    # -- services --------------------------------------------------------------------------
    def instrument(self, services: Services) -> Services:
        """The same services, timing answers and counting abstentions and queue failures."""
        ask, queue = services.ask, services.queue

        def timed_ask(question: str, context: str | None = None, /) -> Answer:
            started = time.perf_counter()
            try:
                answer = ask(question, context)
            except Exception:
                self.answers.labels("error").inc()
                raise
            seconds = time.perf_counter() - started
            self.answer_seconds.observe(seconds)
            outcome = "abstained" if answer.abstained else "answered"
            self.answers.labels(outcome).inc()
            log.info(
                "answered",
                extra={"latency_ms": round(seconds * 1000, 1), "outcome": outcome},
            )
            return answer

        def counted_queue(machine: str, partition: str | None, /) -> Any:
            try:
                return queue(machine, partition)
            except (QueueUnavailable, QueueAuthError) as exc:
                # The machine's canonical name, never what was typed: every spelling of
                # "lumi" would otherwise be a new time series.
                label = (exc.machine or "unknown").lower()[:32]
                self.queue_errors.labels(label, type(exc).__name__).inc()
                raise

        return dataclasses.replace(services, ask=timed_ask, queue=counted_queue)


def request_kind(body: dict[str, Any]) -> tuple[str, str]:
    """("event", "app_mention"), ("command", "/queue"), ("action", "block_actions"), ..."""
    if body.get("type") == "event_callback":
        return "event", str((body.get("event") or {}).get("type", "unknown"))[:40]
    if body.get("command"):
        return "command", str(body["command"])[:40]
    if body.get("type") in ("block_actions", "view_submission", "view_closed", "shortcut"):
        return "action", str(body["type"])
    return "other", str(body.get("type", "unknown"))[:40]


class IngestRunsCollector(Collector):
    """Ingest runs and the age of the last successful one, read from the state database."""

    def __init__(self, summary: Callable[[], IngestSummary]) -> None:
        self._summary = summary

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily]:
        try:
            summary = self._summary()
        except Exception as exc:  # a scrape must not fail because the database blinked
            log.warning("could not read ingest runs for /metrics: %s", exc)
            return
        total = CounterMetricFamily(
            "hpcbot_ingest_runs", "Ingest runs recorded in the state database", labels=["outcome"]
        )
        total.add_metric(["ok"], summary.ok)
        total.add_metric(["failed"], summary.failed)
        yield total
        if summary.last_ok is not None:
            age = GaugeMetricFamily(
                "hpcbot_ingest_last_success_age_seconds",
                "Seconds since the last successful ingest run finished",
            )
            age.add_metric([], (datetime.now(UTC) - summary.last_ok).total_seconds())
            yield age


class ReadyCollector(Collector):
    def __init__(self, ready: Callable[[], bool]) -> None:
        self._ready = ready

    def collect(self) -> Iterator[GaugeMetricFamily]:
        gauge = GaugeMetricFamily("hpcbot_ready", "1 when every readiness check passes")
        gauge.add_metric([], 1.0 if self._ready() else 0.0)
        yield gauge
