"""`FitDesk`: the fit finder for `/hpc fit`, on the live catalogue (reloaded when it changes)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from knowledge import Catalog, Clock, FitData, FitResult, build_request, load_fit_data, run_fit

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.services import Services

log = logging.getLogger(__name__)


class FitDesk:
    def __init__(
        self,
        catalog: Callable[[], Catalog],
        knowledge_dir: Path,
        tz: tzinfo,
        clock: Clock | None = None,
    ) -> None:
        self._catalog, self._dir, self.tz = catalog, knowledge_dir, tz
        self._clock = clock or (lambda: datetime.now(tz))
        self._lock = threading.Lock()
        self._loaded: tuple[Catalog, FitData] | None = None

    def data(self) -> FitData:
        """The fit data of the current catalogue (re-read when the catalogue was reloaded)."""
        catalog = self._catalog()
        with self._lock:
            if self._loaded is None or self._loaded[0] is not catalog:
                self._loaded = (catalog, load_fit_data(self._dir, catalog))
            return self._loaded[1]

    def run(self, inputs: Mapping[str, str | None]) -> FitResult:
        """Raises FitInputError (its `field` names the input) for anything that can't be used.

        `inputs` maps the modal's fields (org, country, purpose, task, params, tokens,
        machine, gpu_hours, start_within) to what was typed or chosen.
        """
        data = self.data()
        request = build_request(
            data,
            org=inputs.get("org"),
            country=inputs.get("country"),
            purpose=inputs.get("purpose"),
            task=inputs.get("task"),
            params=inputs.get("params"),
            tokens=inputs.get("tokens"),
            machine=inputs.get("machine"),
            gpu_hours=inputs.get("gpu_hours"),
            start_within=inputs.get("start_within"),
        )
        return run_fit(data, request, self._clock())


def fit_desk(settings: Settings, services: Services) -> FitDesk:
    """The desk on the services' live catalogue (or one of its own on the knowledge dir)."""
    from knowledge import CatalogSource

    catalog = services.catalog or CatalogSource(settings.knowledge.knowledge_dir)
    desk = FitDesk(catalog, settings.knowledge.knowledge_dir, settings.tz, services.clock)
    # `/hpc fit` opens its modal before the listener returns (the trigger lives 3 s), so in HTTP
    # mode the ack waits for it: read the fit data (about 0.6 s) now, not on the first command.
    threading.Thread(target=_warm, args=(desk,), name="fit-warm", daemon=True).start()
    return desk


def _warm(desk: FitDesk) -> None:
    try:
        desk.data()
    except Exception:  # the first /hpc fit reads it again and reports the problem to its asker
        log.warning("could not read the fit data ahead of the first /hpc fit", exc_info=True)
