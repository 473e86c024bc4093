"""The bundled catalogue and fit data, loaded once per test session, and a fixed "now"."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import knowledge
from knowledge.catalog.catalog import load_catalog
from knowledge.fit import FitData, FitResult, build_request, load_fit_data, run_fit

DATA = Path(knowledge.__file__).parent / "data"
# 30 Nov 2026, 14:00 in Brussels: the 30 Nov Large Scale cut-off (10:00) has just passed.
NOW = datetime(2026, 11, 30, 14, 0, tzinfo=ZoneInfo("Europe/Brussels"))


@cache
def fit_data() -> FitData:
    return load_fit_data(DATA, load_catalog(DATA))


def fit(**inputs: object) -> FitResult:
    return run_fit(fit_data(), build_request(fit_data(), **inputs), NOW)  # type: ignore[arg-type]
