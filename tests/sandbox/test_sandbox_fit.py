"""/hpc fit in the sandbox page, in a real browser: the modal opens, refuses bad input under its
field, answers privately, and "Remind us" subscribes the channel."""

from __future__ import annotations

from typing import Any

from fakeslack.services import NOW
from sandboxpage import By, Select, Shot, find, open_page, send, wait

from bot.sandbox import Sandbox


def fill(browser: Any, block_id: str, value: str) -> None:
    field = browser.find_element(By.CSS_SELECTOR, f"#modal [data-block-id='{block_id}']")
    if field.tag_name == "select":
        Select(field).select_by_value(value)
    else:
        field.clear()
        field.send_keys(value)


def test_fit_modal_from_command_to_answer_and_reminder(
    browser: Any, sandbox: Sandbox, shot: Shot
) -> None:
    # The answer names the next cut-off in the bundled catalogue: ask on a fixed day, not today.
    sandbox.peer.clock.advance(NOW.timestamp() - sandbox.peer.clock.now())
    open_page(browser, sandbox)
    send(browser, "/hpc fit")
    modal = find(browser, "#modal:not([hidden]) .modal-card", "Which call fits?")
    labels = [e.text for e in modal.find_elements(By.CSS_SELECTOR, ".bk-input label")]
    assert labels[:2] == ["Organisation", "Country where it is established"]
    shot("modal")

    # Slack's client itself refuses an empty required field; nothing reaches the bot.
    modal.find_element(By.CSS_SELECTOR, ".modal-submit").click()
    find(browser, "#modal .bk-input.has-error", "Please complete this required field.")
    assert sandbox.peer.deliveries("interactive") == []

    fill(browser, "org", "startup")
    fill(browser, "country", "Atlantis")
    fill(browser, "params", "7B")
    fill(browser, "tokens", "1T")
    fill(browser, "machine", "lumi")
    browser.find_element(By.CSS_SELECTOR, "#modal .modal-submit").click()
    error = find(browser, "#modal .bk-input.has-error", "is not a country we know")
    assert error.get_attribute("data-block") == "country"
    # what was typed is still there under the app's error
    params = browser.find_element(By.CSS_SELECTOR, "#modal [data-block-id='params']")
    assert params.get_attribute("value") == "7B"
    shot("modal-error")

    fill(browser, "country", "DE")
    browser.find_element(By.CSS_SELECTOR, "#modal .modal-submit").click()
    wait(browser).until(lambda d: d.find_element(By.ID, "modal").get_attribute("hidden"))
    answer = find(browser, "#messages .message.ephemeral", "Which call fits", 20)
    assert "Only visible to you" in answer.text
    assert "Apply to AI Factories Large Scale by" in answer.text
    assert "87,032 GPU-hours" in answer.text
    buttons = [b.text for b in answer.find_elements(By.CSS_SELECTOR, "button.bk-button")]
    assert buttons == ["Share in channel", "Remind us: AI Factories Large Scale cut-offs"]
    shot("answer")

    answer.find_element(By.CSS_SELECTOR, "button[data-action-id='fit_remind']").click()
    made = find(browser, "#messages .message.from-bot:not(.ephemeral)", "Subscribed", 20)
    assert "cut-off reminders for AI Factories Large Scale" in made.text
    shot("reminder")


def test_cancel_closes_the_modal(browser: Any, sandbox: Sandbox) -> None:
    open_page(browser, sandbox)
    send(browser, "/hpc fit")
    find(browser, "#modal:not([hidden]) .modal-card").find_element(
        By.CSS_SELECTOR, ".modal-close"
    ).click()
    wait(browser).until(lambda d: d.find_element(By.ID, "modal").get_attribute("hidden"))
    assert sandbox.peer.open_views() == []
