"""Driving the sandbox page from tests: waits that re-check on every change, typing, sending.

Selenium is imported here only, and the browser tests take what they need of it from here
(`By`, `Keys`, `Select`): without selenium, importing this module skips the test module that
does (fails it with CI=true), and the rest of the suite runs without selenium installed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from external import unavailable

from bot.sandbox import Sandbox

try:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By as By
    from selenium.webdriver.common.keys import Keys as Keys
    from selenium.webdriver.remote.webelement import WebElement
    from selenium.webdriver.support.ui import Select as Select, WebDriverWait
except ImportError as missing:  # the `browser` fixture explains missing chromium the same way
    unavailable(f"browser tests skipped: {missing} (pip install selenium)")

Shot = Callable[[str], Path]  # the `shot` fixture: a screenshot of the page, saved under a label

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "sandbox"


def wait(browser: Any, seconds: float = 15) -> WebDriverWait:  # type: ignore[type-arg]
    return WebDriverWait(browser, seconds, ignored_exceptions=(StaleElementReferenceException,))


def _first(driver: Any, css: str, text: str | None) -> WebElement | None:
    """The first element matching `css` and containing `text`, if the page has one now."""
    for element in driver.find_elements(By.CSS_SELECTOR, css):
        if text is None or text in element.text:
            return cast(WebElement, element)
    return None


def find(browser: Any, css: str, text: str | None = None, seconds: float = 15) -> WebElement:
    """The first element matching `css` (and containing `text`), once it is on the page."""

    found = wait(browser, seconds).until(
        lambda driver: _first(driver, css, text), f"no {css} with {text!r}"
    )
    assert isinstance(found, WebElement)
    return found


def click(browser: Any, css: str, text: str | None = None, seconds: float = 15) -> None:
    """Click the first element matching `css` (and containing `text`), once it is on the page.

    Found and clicked in one step that starts again when the page re-renders it between the
    two (a thread's summary is redrawn when its reply count changes), so no click lands on an
    element that went stale."""

    def press(driver: Any) -> bool:
        element = _first(driver, css, text)
        if element is None:
            return False
        element.click()
        return True

    wait(browser, seconds).until(press, f"no {css} with {text!r} to click")


def lines(browser: Any, css: str, text: str, part: str, seconds: float = 15) -> list[str]:
    """The text lines of the `part` elements inside the first `css` element containing `text`.

    Found and read in one step that starts again when the page re-renders the message (a reply
    arriving in its thread redraws it), so no element is read after it went stale.
    """

    def read(driver: Any) -> list[str] | None:
        element = _first(driver, css, text)
        if element is None:
            return None
        parts = element.find_elements(By.CSS_SELECTOR, part)
        return [line for p in parts for line in p.text.splitlines()]

    found = wait(browser, seconds).until(read, f"no {css} with {text!r}")
    assert isinstance(found, list)
    return found


def open_page(browser: Any, sandbox: Sandbox) -> None:
    browser.get(sandbox.url)
    find(browser, "nav li.active")
    wait(browser).until(lambda d: "connected" in d.find_element(By.ID, "connection-text").text)


def type_into(browser: Any, text: str, box: str = "composer-input") -> WebElement:
    field = cast(WebElement, browser.find_element(By.ID, box))
    field.click()
    field.send_keys(text)
    return field


def send(browser: Any, text: str, box: str = "composer-input") -> None:
    type_into(browser, text, box).send_keys(Keys.ENTER)


def ask_in_channel(browser: Any, question: str) -> WebElement:
    """Mention hpcbot, wait for the answer's thread, open it; returns the thread pane."""
    send(browser, f"@hpcbot {question}")
    find(browser, "#messages .message", question)
    click(browser, "#messages .thread-summary", "1 reply")
    pane = find(browser, "#thread:not([hidden])")
    find(browser, "#thread-messages .message.from-bot", "Sources")
    return pane
