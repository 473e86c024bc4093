"""`hpcbot --help` answers at once: the command line imports what a command needs only when that
command runs (bench/cli_startup_bench.py measures the time; this checks the cause)."""

from __future__ import annotations

import subprocess
import sys

# Each costs from a tenth of a second (Slack, SQLAlchemy) to seconds (Chroma, torch) to import.
HEAVY = [
    "bm25s",
    "chromadb",
    "langchain_core",
    "langchain_text_splitters",
    "matplotlib",
    "numpy",
    "pydantic_settings",
    "sentence_transformers",
    "slack_bolt",
    "sqlalchemy",
    "torch",
    "transformers",
]
REPORT = "import sys; print(sorted({m.split('.')[0] for m in sys.modules} & set(sys.argv[1:])))"


def heavy_modules_after(code: str) -> str:
    """The heavy libraries loaded once `code` has run in a fresh interpreter."""
    script = f"{code}\n{REPORT}"
    out = subprocess.run(
        [sys.executable, "-c", script, *HEAVY], capture_output=True, text=True, check=True
    )
    return out.stdout.splitlines()[-1]


def test_importing_the_command_line_loads_no_heavy_library() -> None:
    assert heavy_modules_after("import bot.cli") == "[]"


def test_help_loads_no_heavy_library() -> None:
    show_help = "from bot.cli import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n    pass"

    assert heavy_modules_after(show_help) == "[]"
