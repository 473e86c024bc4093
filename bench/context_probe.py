"""How answers hold when a question comes after a sentence of context.

    .venv/bin/python bench/context_probe.py --data-dir DIR SET.yaml [SET.yaml ...] [--json]

Users often say where they stand before they ask ("we've been on LUMI since 2023. ..."). A rule
that reads the whole question for what is asked (a year, "next", a version, a count) may take
such a sentence for the question. For every answerable question of the sets, this asks the
question as written and again after each context sentence below, and counts the answers that
held the expected fact before and not after (lost), and the reverse (gained). Run it on
development sets only: reading a blind set's answers spends it.

Build the index once (`HPCBOT_DATA_DIR=DIR hpcbot ingest ...`), as for `bench/answer_eval.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import bundled_knowledge_dir  # noqa: E402
from knowledge.embed import SentenceTransformerEmbedder  # noqa: E402
from knowledge.evaluation import EvalItem, load_questions, score  # noqa: E402
from knowledge.service import open_assistant  # noqa: E402
from knowledge.store import Index  # noqa: E402

# One sentence per thing a rule might read: a year, what comes next and "when", a version, counts.
CONTEXTS = {
    "year": "We've been running on LUMI since 2023.",
    "next": "Our next training run starts soon, and when it does this has to work.",
    "version": "We're on PyTorch 2.1 with ROCm 5.6.",
    "counts": "We're a team of 5 and have 64 nodes booked for 3 days.",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("sets", type=Path, nargs="+")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    index = Index(args.data_dir / "index", SentenceTransformerEmbedder())
    knowledge = bundled_knowledge_dir()
    assistant = open_assistant(index, knowledge)
    assistant.warm_up()
    items = [
        item
        for path in args.sets
        for item in load_questions(path)
        if not item.abstain and item.expect_any
    ]

    prefix = knowledge.resolve().as_uri()

    def right(question: str, item: EvalItem) -> bool:
        answer = assistant.ask(question)
        return score(item, answer, lambda url: url.startswith(prefix)).correct

    plain = {item.id: right(item.question, item) for item in items}
    report: dict[str, object] = {"questions": len(items), "right": sum(plain.values())}
    for name, context in CONTEXTS.items():
        after = {item.id: right(f"{context} {item.question}", item) for item in items}
        lost = [i for i in plain if plain[i] and not after[i]]
        gained = [i for i in plain if after[i] and not plain[i]]
        report[name] = {"context": context, "lost": lost, "gained": gained}
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print(f"{report['questions']} answerable questions, {report['right']} right as written")
    for name in CONTEXTS:
        entry = report[name]
        assert isinstance(entry, dict)
        shown = ", ".join(entry["lost"][:10])
        print(f"{name:8} lost {len(entry['lost']):3}  gained {len(entry['gained']):3}  {shown}")


if __name__ == "__main__":
    main()
