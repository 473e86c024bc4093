"""The knowledge package's public API: every exported name resolves, and nothing drifts."""

from __future__ import annotations

import knowledge


def test_all_lists_every_public_name_sorted() -> None:
    assert knowledge.__all__ == sorted(knowledge.__all__, key=str.casefold)


def test_every_exported_name_resolves() -> None:
    missing = [name for name in knowledge.__all__ if getattr(knowledge, name, None) is None]

    assert missing == []


def test_unknown_attribute_raises_attribute_error() -> None:
    try:
        knowledge.not_a_thing  # noqa: B018
    except AttributeError as exc:
        assert "not_a_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_no_exported_name_is_also_a_submodule_name() -> None:
    # Importing a submodule sets an attribute of the same name on the package, which would
    # silently replace a lazily exported function of that name.
    import pkgutil

    submodules = {info.name for info in pkgutil.iter_modules(knowledge.__path__)}

    assert submodules.isdisjoint(knowledge.__all__)
