"""Building the usage desk from `Settings` (None when no project is configured)."""

from __future__ import annotations

from collections.abc import Callable

from bot.config import Settings
from bot.state import StateStore
from bot.usage.desk import UsageDesk
from bot.usage.links import ProjectLinks
from knowledge import Catalog, CatalogSource
from knowledge.usage import UsageService, billing_rules, load_usage_config


def usage_service(
    settings: Settings, catalog: Callable[[], Catalog] | None = None
) -> UsageService | None:
    config = load_usage_config(settings.usage_config_path)
    if not config.projects:
        return None
    return UsageService(
        config,
        rules=billing_rules(catalog or CatalogSource(settings.knowledge.knowledge_dir)),
        cache_seconds=settings.usage.cache_seconds,
        timeout_seconds=max(settings.queue.timeout_seconds, 10.0),
    )


def usage_desk(
    settings: Settings,
    store: StateStore,
    catalog: Callable[[], Catalog] | None = None,
    service: UsageService | None = None,
) -> UsageDesk | None:
    """The desk over `service`, or over the usage config's projects (None: there are none)."""
    service = service or usage_service(settings, catalog)
    if service is None:
        return None
    from knowledge.usage import burn_down_png

    return UsageDesk(service, ProjectLinks(store.engine), burn_down_png)
