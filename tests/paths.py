"""Where test material lives.

Everything the test suite needs ships in the repository under `FIXTURES`. The one exception is
the optional evaluation set in the shared folder (`../shared` beside the checkout, or
`HPCBOT_SHARED_DIR`): the LUMI corpus and the development questions, which are not ours to
redistribute. Tests that use them go through `external.evaluation_set()`.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
DEFAULT_SHARED = REPO.parent / "shared"
SHARED = Path(os.environ.get("HPCBOT_SHARED_DIR", DEFAULT_SHARED)).resolve()
CORPUS = SHARED / "corpus"
DEV_QUESTIONS = SHARED / "eval" / "dev-questions.yaml"
