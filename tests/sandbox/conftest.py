"""Fixtures for the sandbox page: headless Debian Chromium (selenium + chromedriver) and a
sandbox with fake services on a free port.

Without chromium the browser tests are skipped with the reason, unless CI is set: then they
fail, so CI can't go green without them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fakeslack.services import FakeServices

from bot.config import ServerSettings, Settings, StorageSettings
from bot.sandbox import Sandbox

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "sandbox"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,900",
)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _browser_missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the Python package selenium is not installed (pip install selenium)"
    if not CHROMIUM or not CHROMEDRIVER:
        return (
            "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
        )
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session, with a fresh profile directory."""
    missing = _browser_missing()
    if missing:
        if _in_ci():
            pytest.fail(f"CI is set but the browser tests can't run: {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="hpcbot-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROME_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def services() -> FakeServices:
    return FakeServices()


@pytest.fixture
def sandbox(services: FakeServices, tmp_path: Path) -> Iterator[Sandbox]:
    with Sandbox(
        Settings(storage=StorageSettings(data_dir=tmp_path), server=ServerSettings(port=0)),
        services.services(),
    ) as running:
        yield running


@pytest.fixture
def shot(browser: Any, request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """`shot("answer")` saves artifacts/sandbox/<test name>-answer.png."""

    def save(label: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{request.node.name}-{label}.png"
        browser.save_screenshot(str(path))
        return path

    return save
