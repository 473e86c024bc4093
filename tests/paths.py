"""Where the read-only shared material lives: `../shared` next to the repository checkout."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HPCBOT_SHARED_DIR", REPO.parent / "shared")).resolve()
CORPUS = SHARED / "corpus"
DEV_QUESTIONS = SHARED / "eval" / "dev-questions.yaml"
SLURM_SCRIPTS = Path(os.environ.get("HPCBOT_SLURM_SCRIPTS", SHARED / "slurm"))
