"""Fit the assistant's decision thresholds by cross-validation, and report held-out figures.

    .venv/bin/python bench/calibrate.py --data-dir DIR --questions dev-questions.yaml
                                        --fit KEY [KEY ...] [--folds 4] [--seed 7]
    .venv/bin/python bench/calibrate.py --set DIR1 QUESTIONS1 --set DIR2 QUESTIONS2 ...
                                        --fit KEY [KEY ...]

Several sets, each with the index its documents were ingested into, are pooled into one
question list before the folds are drawn.

The evidence for each question (curated match, retrieval, extracts) is looked up once; the
decision (`Assistant.decide`) is then replayed for every candidate calibration. Each fold's
thresholds are chosen on the other folds and scored on it, so the reported figure was never
fitted on the questions it counts. The thresholds fitted on all questions are printed last:
those are the values to put in `knowledge.assistant.Calibration` (and the CV figure, not the
all-data one, is what to report).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sys
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import bundled_knowledge_dir  # noqa: E402
from knowledge.assistant import Assistant, Calibration, Evidence  # noqa: E402
from knowledge.embed import SentenceTransformerEmbedder  # noqa: E402
from knowledge.evaluation import EvalItem, load_questions, score  # noqa: E402
from knowledge.service import open_assistant  # noqa: E402
from knowledge.store import Index  # noqa: E402

GRID: dict[str, list[Any]] = {
    "curated_threshold": [0.46, 0.5, 0.54, 0.58, 0.62, 0.66, 0.7, 0.74],
    # From 0.22 to 0.66 by 0.04: the fit chose the old floor, 0.30, in four folds of five.
    "quiet_curated_threshold": [round(0.22 + 0.04 * i, 2) for i in range(12)],
    "read_curated_threshold": [0.3, 0.34, 0.38, 0.42, 0.46, 0.5, 0.54, 0.58, 0.62, 0.66],
    "curated_unseen_penalty": [0.0, 0.05],
    "threshold": [0.26, 0.3, 0.34, 0.38, 0.42, 0.46],
    "read_threshold": [0.3, 0.34, 0.38, 0.42, 0.46],
    "unseen_penalty": [0.0, 0.02, 0.04],
    "unseen_share_penalty": [0.0, 0.2, 0.4],
    "unseen_share_limit": [0.5, 0.6, 0.7, 1.01],
    "dense_weight": [0.4, 0.5, 0.6],
    "replace_fact_above": [0.4, 0.5],
    "specific_passage_margin": [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4],
    "extract_weight": [0.0, 0.1, 0.2, 0.3, 0.4],
}


def candidates(keys: list[str]) -> list[Calibration]:
    return [
        replace(Calibration(), **dict(zip(keys, values, strict=True)))
        for values in itertools.product(*(GRID[k] for k in keys))
    ]


Item = tuple[Assistant, EvalItem, Evidence]


def utility(items: list[Item], calibration: Calibration, is_knowledge: object) -> float:
    """Mean of answer correctness (declines included) and hit@1 over the items."""
    total = 0.0
    for assistant, item, evidence in items:
        result = score(item, assistant.decide(evidence, calibration), is_knowledge)  # type: ignore[arg-type]
        hit = 1.0 if result.hit_at_1 is None else float(result.hit_at_1)
        total += (float(result.correct) + hit) / 2
    return total / len(items) if items else 0.0


def best(items: list[Item], is_knowledge: object, keys: list[str]) -> Calibration:
    default = Calibration()
    ranked = sorted(
        candidates(keys),
        key=lambda c: (
            utility(items, c, is_knowledge),
            # Ties go to the values nearest the defaults: no drift without evidence.
            -sum(abs(getattr(c, k) - getattr(default, k)) for k in keys),
        ),
        reverse=True,
    )
    return ranked[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--questions", type=Path)
    parser.add_argument(
        "--set", nargs=2, action="append", default=[], metavar=("DATA_DIR", "QUESTIONS")
    )
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--fit",
        nargs="+",
        choices=list(GRID),
        required=True,
        # Required: every grid at once is millions of candidates, each replayed on every
        # question of every fold.
        help="the thresholds to fit jointly (the others keep their defaults)",
    )
    args = parser.parse_args()
    keys: list[str] = args.fit
    sets = [(Path(d), Path(q)) for d, q in args.set]
    if args.data_dir and args.questions:
        sets.insert(0, (args.data_dir, args.questions))
    if not sets:
        parser.error("give --data-dir and --questions, or --set DATA_DIR QUESTIONS")
    knowledge = bundled_knowledge_dir()
    prefix = knowledge.resolve().as_uri()

    def is_knowledge(url: str) -> bool:
        return url.startswith(prefix)

    embedder = SentenceTransformerEmbedder()
    items: list[Item] = []
    # Which question file each item came from, to report each set's held-out figure too.
    origin: list[str] = []
    # One assistant per index: sets ingested into the same one share it (a warm-up takes
    # seconds, and a pool may hold a hundred question files).
    assistants: dict[Path, Assistant] = {}
    for data_dir, questions in sets:
        if data_dir not in assistants:
            assistants[data_dir] = open_assistant(Index(data_dir / "index", embedder), knowledge)
            assistants[data_dir].warm_up()
        assistant = assistants[data_dir]
        for q in load_questions(questions):
            # As `Assistant.answer` does: a question in another language is read first, and
            # its English search words gathered with the language kept for the decision.
            asked = assistant.read(q.question)
            items.append(
                (
                    assistant,
                    q,
                    assistant.gather(asked.english, language=asked.language, written=asked.text),
                )
            )
            origin.append(str(questions))
    order = list(range(len(items)))
    random.Random(args.seed).shuffle(order)
    folds = [order[i :: args.folds] for i in range(args.folds)]
    report: dict[str, object] = {"folds": []}
    held_out_total = 0.0
    per_set: dict[str, list[float]] = {name: [0.0, 0.0, 0.0] for name in origin}
    for k, fold in enumerate(folds):
        train = [items[i] for i in order if i not in fold]
        test = [items[i] for i in fold]
        chosen = best(train, is_knowledge, keys)
        held_out = utility(test, chosen, is_knowledge)
        held_out_total += held_out * len(test)
        for i in fold:
            totals = per_set[origin[i]]
            totals[0] += utility([items[i]], chosen, is_knowledge)
            totals[1] += utility([items[i]], Calibration(), is_knowledge)
            totals[2] += 1
        report["folds"].append(  # type: ignore[attr-defined]
            {
                "fold": k,
                "questions": len(test),
                "chosen": {key: getattr(chosen, key) for key in keys},
                "held_out_utility": round(held_out, 4),
            }
        )
    report["cross_validated_utility"] = round(held_out_total / len(items), 4)
    report["default_utility_all"] = round(utility(items, Calibration(), is_knowledge), 4)
    if len(per_set) > 1:
        report["by_set"] = {
            name: {
                "questions": int(n),
                "cross_validated_utility": round(held / n, 4),
                "default_utility": round(default / n, 4),
            }
            for name, (held, default, n) in per_set.items()
        }
    fitted = best(items, is_knowledge, keys)
    report["fitted_on_all"] = {key: getattr(fitted, key) for key in keys}
    report["defaults"] = {key: asdict(Calibration())[key] for key in keys}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
