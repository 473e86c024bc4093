"""Does a question asked in another language get the answer its English wording gets?

    .venv/bin/python bench/language_agreement.py --data-dir DIR [--languages de fr ...]
                                                 [--details FILE]

`bench/language-pairs/LANG.tsv` holds questions users might type, 60 per language, each with a
faithful English translation (question TAB English). No expected answer is needed: a pair
agrees when both wordings take the same route (curated, documents, decline) and cite the same
first source. The figure measures what reading a language loses against English, on questions
nobody wrote expected answers for; it says nothing of whether the English answer is right (the
question sets in `bench/multilingual*/` do).
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
from knowledge.languages import SUPPORTED  # noqa: E402
from knowledge.service import open_assistant  # noqa: E402
from knowledge.store import Index  # noqa: E402

PAIRS = Path(__file__).parent / "language-pairs"


def pairs(language: str) -> list[tuple[str, str]]:
    out = []
    for number, line in enumerate((PAIRS / f"{language}.tsv").read_text("utf-8").splitlines(), 1):
        asked, tab, english = line.partition("\t")
        if not tab or not asked.strip() or not english.strip():
            raise SystemExit(f"{PAIRS / language}.tsv:{number}: want 'question<TAB>English'")
        out.append((asked, english))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument(
        "--languages", nargs="+", default=[code for code in SUPPORTED if code != "en"]
    )
    parser.add_argument("--details", type=Path)
    args = parser.parse_args()
    assistant = open_assistant(
        Index(args.data_dir / "index", SentenceTransformerEmbedder()), bundled_knowledge_dir()
    )
    assistant.warm_up()
    report: dict[str, dict[str, float | int]] = {}
    details = []
    for language in args.languages:
        same_route = same_answer = declined = declined_in_english = 0
        items = pairs(language)
        for asked, english in items:
            theirs, ours = assistant.ask(asked), assistant.ask(english)
            first = theirs.citations[0].url if theirs.citations else ""
            first_english = ours.citations[0].url if ours.citations else ""
            same_route += theirs.route == ours.route
            same_answer += (theirs.route, first) == (ours.route, first_english)
            declined += theirs.abstained
            declined_in_english += ours.abstained
            details.append(
                {
                    "language": language,
                    "question": asked,
                    "english": english,
                    "route": [theirs.route, ours.route],
                    "first_source": [first, first_english],
                }
            )
        report[language] = {
            "pairs": len(items),
            "same_route": round(same_route / len(items), 3),
            "same_route_and_source": round(same_answer / len(items), 3),
            "declined": declined,
            "declined_in_english": declined_in_english,
        }
    print(json.dumps(report, indent=1))
    if args.details:
        with args.details.open("w") as handle:
            for row in details:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
