"""The live queue service as configured by the settings (shared by Slack, the CLI, the scheduler)."""

from __future__ import annotations

from collections.abc import Callable

from bot.config import Settings
from knowledge import Catalog, CatalogSource, KnowledgeError
from knowledge.queue import QueueService, load_queue_config


def build_service(settings: Settings, catalog: Callable[[], Catalog] | None = None) -> QueueService:
    """The queue service; pass the live `catalog` to resolve machine aliases with it."""
    path = settings.queue_config_path
    return QueueService(
        load_queue_config(path),
        cache_seconds=settings.queue.cache_seconds,
        timeout_seconds=settings.queue.timeout_seconds,
        resolve_machine=_catalog_resolver(settings, catalog),
        state_dir=settings.storage.data_dir / "queue",
        tz=settings.tz,
        config_path=path,
    )


def _catalog_resolver(
    settings: Settings, catalog: Callable[[], Catalog] | None
) -> Callable[[str], str] | None:
    """Canonical machine names ("lumi-g" -> "LUMI") from the curated catalog, if it loads.

    The queue still works for machines the catalog lacks (e.g. a test cluster): the service
    falls back to the config keys when the resolver raises UnknownName.
    """
    if catalog is None:
        try:
            catalog = CatalogSource(settings.knowledge.knowledge_dir)
        except (OSError, KnowledgeError):
            return None
    known = catalog

    def resolve(name: str) -> str:
        return known().machine(name).name

    return resolve
