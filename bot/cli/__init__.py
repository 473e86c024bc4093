"""The `hpcbot` command line: one module per command group, each exposing `register(app)`."""

from __future__ import annotations

import importlib

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

# Each module registers its commands; keep this list in the order `--help` should show them.
COMMAND_MODULES = (
    "bot.cli.knowledge_cmds",
    "bot.cli.catalog",
    "bot.cli.queue",
    "bot.cli.serve",
    "bot.cli.subscriptions",
    "bot.cli.doctor",
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    app()
