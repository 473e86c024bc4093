"""Score the assistant on a question set against an index that is already built.

    .venv/bin/python bench/answer_eval.py --data-dir DIR --questions SET.yaml [--details FILE]
                                          [--by-kind] [--calibration KEY=VALUE ...]

Unlike `hpcbot eval`, this never ingests: build the index once (`HPCBOT_DATA_DIR=DIR hpcbot
ingest ...`) and score it many times. `--details` writes every answer as JSON Lines (for the
dev set only: reading the answers of a blind set spends it). `--by-kind` splits the figures into
document questions (`corpus:` sources), fact questions (`facts:`) and questions to decline.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import fields, replace
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import bundled_knowledge_dir  # noqa: E402
from knowledge.assistant import Calibration  # noqa: E402
from knowledge.embed import SentenceTransformerEmbedder  # noqa: E402
from knowledge.evaluation import by_kind, evaluate, load_questions  # noqa: E402
from knowledge.service import open_assistant  # noqa: E402
from knowledge.store import Index  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--details", type=Path)
    parser.add_argument("--by-kind", action="store_true")
    parser.add_argument("--calibration", nargs="*", default=[])
    args = parser.parse_args()
    calibration = Calibration()
    known = {f.name: f.type for f in fields(Calibration)}
    for item in args.calibration:
        key, _, value = item.partition("=")
        calibration = replace(calibration, **{key: type(getattr(calibration, key))(value)})
        assert key in known
    index = Index(args.data_dir / "index", SentenceTransformerEmbedder())
    knowledge = bundled_knowledge_dir()
    assistant = open_assistant(index, knowledge, calibration=calibration)
    assistant.warm_up()
    prefix = knowledge.resolve().as_uri()
    report = evaluate(assistant.ask, load_questions(args.questions), lambda u: u.startswith(prefix))
    out: dict[str, object] = dict(by_kind(report)) if args.by_kind else {"all": report.metrics()}
    print(json.dumps(out, indent=1))
    if args.details:
        with args.details.open("w") as handle:
            for r in report.results:
                handle.write(
                    json.dumps(
                        {
                            "id": r.item.id,
                            "question": r.item.question,
                            "hit1": r.hit_at_1,
                            "hit5": r.hit_at_5,
                            "correct": r.correct,
                            "route": r.answer.route,
                            "confidence": round(r.answer.confidence, 3),
                            "answer": r.answer.text,
                            "sources": [c.url for c in r.answer.citations],
                            "expected": r.item.source,
                        }
                    )
                    + "\n"
                )


if __name__ == "__main__":
    main()
