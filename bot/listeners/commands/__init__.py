"""Slash command listeners: each acks at once and does its work after the ack."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands.deadlines import handle_deadlines_command
from bot.listeners.commands.hpc import handle_hpc_command
from bot.listeners.commands.queue import handle_queue_command
from bot.listeners.commands.specs import handle_specs_command
from bot.listeners.commands.usage import handle_usage_command

COMMANDS = {
    "/hpc": handle_hpc_command,
    "/queue": handle_queue_command,
    "/deadlines": handle_deadlines_command,
    "/specs": handle_specs_command,
    "/usage": handle_usage_command,
}


def register(app: App) -> None:
    for name, handler in COMMANDS.items():
        app.command(name)(handler)
