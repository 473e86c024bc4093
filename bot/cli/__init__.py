"""The `hpcbot` command line: one module per command group, each exposing `register(app)`.

The command modules import only typer and the standard library at the top; what a command
needs (settings, the index, Slack, the database) is imported in its body, so `hpcbot --help`
and a mistyped command answer at once (bench/cli_startup_bench.py measures it).
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="hpcbot",
    help=(
        "hpcbot: EuroHPC access, machines and queues, answered in Slack or here.\n\n"
        "Examples:\n\n"
        "  hpcbot ingest                 # index the bundled knowledge base\n\n"
        "  hpcbot ask 'Which call fits a start-up that needs 200k GPU hours?'"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _options(
    env_file: Annotated[
        Path | None,
        typer.Option(
            "--env-file",
            help=(
                "Also read settings from this file of KEY=VALUE lines (the environment wins). "
                "Without it (or HPCBOT_ENV_FILE), no .env file is read."
            ),
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    if env_file is not None:
        from bot.config import ENV_FILE_VARIABLE

        # Through the environment, so every Settings.from_env() of this command sees it.
        os.environ[ENV_FILE_VARIABLE] = str(env_file.resolve())


# Each module registers its commands; keep this list in the order `--help` should show them.
COMMAND_MODULES = (
    "bot.cli.knowledge_cmds",
    "bot.cli.catalog",
    "bot.cli.fit",
    "bot.cli.queue",
    "bot.cli.usage",
    "bot.cli.serve",
    "bot.cli.subscriptions",
    "bot.cli.doctor",
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    app()
