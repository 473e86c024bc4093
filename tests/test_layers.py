"""The rules between packages (ARCHITECTURE.md): data flows ingest -> knowledge -> bot, and the
packages downstream use knowledge's public API, never its modules."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# knowledge's public API: the package itself and the sub-packages that export their own.
PUBLIC = {"knowledge", "knowledge.fit", "knowledge.queue", "knowledge.usage"}


def _imports(package: str) -> dict[str, set[str]]:
    """Module path -> the absolute module names it imports (also inside functions)."""
    found: dict[str, set[str]] = {}
    for path in sorted((REPO / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
        found[str(path.relative_to(REPO))] = names
    return found


def _offending(package: str, allowed: Callable[[str], bool]) -> dict[str, list[str]]:
    """Module path -> the imports of `package` that break the rule (only offenders listed)."""
    bad = {
        path: sorted(n for n in names if not allowed(n))
        for path, names in _imports(package).items()
    }
    return {path: names for path, names in bad.items() if names}


def _top(name: str) -> str:
    return name.split(".")[0]


def test_knowledge_imports_neither_bot_nor_ingest() -> None:
    assert _offending("knowledge", lambda n: _top(n) not in {"bot", "ingest"}) == {}


def test_ingest_does_not_import_bot() -> None:
    assert _offending("ingest", lambda n: _top(n) != "bot") == {}


def test_bot_uses_only_knowledge_public_api() -> None:
    assert _offending("bot", lambda n: _top(n) != "knowledge" or n in PUBLIC) == {}


def test_ingest_uses_only_knowledge_public_api() -> None:
    assert _offending("ingest", lambda n: _top(n) != "knowledge" or n in PUBLIC) == {}
