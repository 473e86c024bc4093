"""Scoring answers against a question set (the format of `eval/dev-questions.yaml`).

Each item has `question`, optionally `expect_any` (regexes, one must match the answer),
`source` (`corpus:<path>` — a file whose path must end a cited URL — or `facts:<section>` /
`sites:<section>` — a fact the curated knowledge base must answer, from the facts sheet or the
sites notes) and `abstain: true` for questions to decline.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from knowledge.models import Answer


@dataclass(frozen=True)
class EvalItem:
    id: str
    question: str
    expect_any: tuple[str, ...] = ()
    source: str = ""
    abstain: bool = False


@dataclass(frozen=True)
class ItemResult:
    item: EvalItem
    answer: Answer
    hit_at_1: bool | None
    hit_at_5: bool | None
    correct: bool
    abstention_right: bool


@dataclass
class EvalReport:
    results: list[ItemResult] = field(default_factory=list)

    def _rate(self, values: Sequence[bool | None]) -> float:
        counted = [v for v in values if v is not None]
        return sum(counted) / len(counted) if counted else 0.0

    def metrics(self) -> dict[str, Any]:
        latencies = sorted(r.answer.latency_ms for r in self.results)

        def pct(p: float) -> float:
            if not latencies:
                return 0.0
            return latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))]

        return {
            "questions": len(self.results),
            "hit_at_1": round(self._rate([r.hit_at_1 for r in self.results]), 4),
            "hit_at_5": round(self._rate([r.hit_at_5 for r in self.results]), 4),
            "answer_correctness": round(
                self._rate([r.correct for r in self.results if not r.item.abstain]), 4
            ),
            "abstention_accuracy": round(self._rate([r.abstention_right for r in self.results]), 4),
            "latency_ms": {
                "p50": round(pct(50), 2),
                "p95": round(pct(95), 2),
                "max": round(latencies[-1], 2) if latencies else 0.0,
                "mean": round(statistics.fmean(latencies), 2) if latencies else 0.0,
            },
        }


# The curated facts come from the facts sheet and the sites notes; sets cite either.
_FACT_SOURCES = ("facts:", "sites:")


def kind_of(item: EvalItem) -> str:
    """ "document" (a `corpus:` source), "fact" (`facts:`, `sites:`) or "decline"."""
    if item.abstain:
        return "decline"
    return "fact" if item.source.startswith(_FACT_SOURCES) else "document"


def by_kind(report: EvalReport) -> dict[str, dict[str, Any]]:
    """The report's figures for all questions and for each kind of question."""
    kinds: dict[str, EvalReport] = {}
    for result in report.results:
        kinds.setdefault(kind_of(result.item), EvalReport()).results.append(result)
    return {"all": report.metrics(), **{k: sub.metrics() for k, sub in sorted(kinds.items())}}


def load_questions(path: Path) -> list[EvalItem]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a list of questions")
    return [
        EvalItem(
            id=str(entry.get("id", index)),
            question=str(entry["question"]),
            expect_any=tuple(entry.get("expect_any") or ()),
            source=str(entry.get("source") or ""),
            abstain=bool(entry.get("abstain", False)),
        )
        for index, entry in enumerate(raw)
    ]


def _source_matches(source: str, url: str, route: str, is_knowledge: Callable[[str], bool]) -> bool:
    kind, _, target = source.partition(":")
    if kind == "corpus":
        return url.endswith("/" + target.lstrip("/"))
    if f"{kind}:" in _FACT_SOURCES:
        return route == "catalog" or is_knowledge(url)
    return False


def score(item: EvalItem, answer: Answer, is_knowledge: Callable[[str], bool]) -> ItemResult:
    urls = [c.url for c in answer.citations]
    hit1: bool | None = None
    hit5: bool | None = None
    if item.source and not item.abstain:
        matches = [_source_matches(item.source, url, answer.route, is_knowledge) for url in urls]
        hit1 = bool(matches[:1] and matches[0])
        hit5 = any(matches[:5])
    correct = (
        item.abstain
        and answer.abstained
        or (
            not answer.abstained
            and any(re.search(p, answer.text, re.I | re.S) for p in item.expect_any)
        )
    )
    return ItemResult(
        item=item,
        answer=answer,
        hit_at_1=hit1,
        hit_at_5=hit5,
        correct=bool(correct),
        abstention_right=answer.abstained == item.abstain,
    )


def evaluate(
    ask: Callable[[str], Answer], items: Sequence[EvalItem], is_knowledge: Callable[[str], bool]
) -> EvalReport:
    report = EvalReport()
    for item in items:
        report.results.append(score(item, ask(item.question), is_knowledge))
    return report
