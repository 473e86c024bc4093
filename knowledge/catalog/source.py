"""One live catalogue: reloaded when its files change, the last good version kept on a bad edit.

Everything that reads the curated data (answers, `/deadlines`, `/specs`, reminders, the queue's
machine names) asks the same `CatalogSource`, so a corrected cut-off reaches all of them at once,
without a restart.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from knowledge.catalog.catalog import Catalog, load_catalog
from knowledge.errors import KnowledgeError

log = logging.getLogger(__name__)


class CatalogSource:
    """`load_catalog(directory)`, re-read when a data file changes.

    A broken edit is logged and the previous catalogue stays in use; only the very first load
    raises, because then there is nothing to fall back on.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()
        self._stamp: tuple[tuple[str, int], ...] | None = None
        self._catalog: Catalog | None = None
        self.version = 0
        self()

    def _stamps(self) -> tuple[tuple[str, int], ...]:
        files = [*self.directory.glob("*.yaml"), *self.directory.glob("*.md")]
        return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in files))

    def __call__(self) -> Catalog:
        with self._lock:
            stamp = self._stamps()
            if self._catalog is None or stamp != self._stamp:
                try:
                    self._catalog = load_catalog(self.directory)
                    self.version += 1
                except KnowledgeError as exc:
                    if self._catalog is None:
                        raise
                    log.error("catalogue edit rejected, still using the previous one: %s", exc)
                self._stamp = stamp
            return self._catalog
