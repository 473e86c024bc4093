"""Button listeners (block_actions)."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.actions.feedback import handle_feedback
from bot.listeners.actions.remind import handle_remind
from bot.listeners.actions.share import handle_share
from bot.views.blocks import HELPFUL_ACTION, NOT_HELPFUL_ACTION, SHARE_ACTION
from bot.views.fit import REMIND_ACTION

ACTIONS = {
    HELPFUL_ACTION: handle_feedback,
    NOT_HELPFUL_ACTION: handle_feedback,
    SHARE_ACTION: handle_share,
    REMIND_ACTION: handle_remind,
}


def register(app: App) -> None:
    for action_id, handler in ACTIONS.items():
        app.action(action_id)(handler)
