"""Modal listeners (view_submission)."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.views.fit import handle_fit_submission
from bot.views.fit import FIT_CALLBACK

VIEWS = {FIT_CALLBACK: handle_fit_submission}


def register(app: App) -> None:
    for callback_id, handler in VIEWS.items():
        app.view(callback_id)(handler)
