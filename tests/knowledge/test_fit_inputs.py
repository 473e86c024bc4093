"""Bad fit inputs are refused with a message naming the field; nothing is guessed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fitdata import DATA, fit_data

from knowledge import CatalogError, FitInputError
from knowledge.catalog.catalog import load_catalog
from knowledge.fit import build_request, load_fit_data

BASE = {"org": "startup", "country": "DE", "params": "7B", "tokens": "1T"}


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"country": "XX"}, "country", "'XX' is not a country we know"),
        ({"country": ""}, "country", "Say where the organisation is established"),
        ({"org": None}, "org", "Say what kind of organisation applies: startup, large-company"),
        ({"org": "pirate"}, "org", "Unknown organisation type 'pirate'"),
        ({"params": "-7B"}, "params", "'-7B' must be positive"),
        ({"params": "1000T"}, "params", "'1000T' is outside what can be sized (1M to 10T)"),
        ({"params": "seven"}, "params", "'seven' is not a model size such as 7B"),
        ({"params": None}, "params", "Give the model size too"),
        ({"tokens": None}, "tokens", "Give the training tokens (such as 1T) or the dataset size"),
        ({"dataset": "80GB"}, "tokens", "not both"),
        ({"epochs": "0"}, "epochs", "'0' must be positive"),
        ({"task": "distill"}, "task", "Unknown task 'distill'; use one of: pretrain, finetune"),
        ({"machine": "deucalion"}, "machine", "'deucalion' has no GPU partition with sizing data"),
        ({"machine": "lumy"}, "machine", "Unknown machine 'lumy'. Did you mean LUMI?"),
        ({"mfu": "2"}, "mfu", "'2' is outside what can be sized"),
        ({"gpu_hours": "lots"}, "gpu_hours", "'lots' is not a number of GPU-hours"),
        ({"purpose": "secret"}, "purpose", "Unknown purpose 'secret'"),
    ],
)
def test_bad_input_names_the_field(
    changes: dict[str, str | None], field: str, message: str
) -> None:
    with pytest.raises(FitInputError) as caught:
        build_request(fit_data(), **{**BASE, **changes})  # type: ignore[arg-type]
    assert caught.value.field == field
    assert message in str(caught.value)


def test_neither_a_workload_nor_gpu_hours_is_refused() -> None:
    with pytest.raises(FitInputError) as caught:
        build_request(fit_data(), org="startup", country="DE")
    assert (caught.value.field, str(caught.value)) == (
        "params",
        "Give the model size and the training tokens (or dataset size), or the GPU-hours you need.",
    )


@pytest.mark.parametrize(
    "written, code, kind",
    [
        ("DE", "DE", "member-state"),
        ("de", "DE", "member-state"),
        ("Germany", "DE", "member-state"),
        ("EL", "GR", "member-state"),
        ("UK", "GB", "associated"),
        ("CH", "CH", "associated"),
        ("US", "US", "other"),
        ("United States", "US", "other"),
    ],
)
def test_countries_by_code_name_or_alias(written: str, code: str, kind: str) -> None:
    country = fit_data().country(written)
    assert (country.code, country.kind) == (code, kind)


def test_a_rule_naming_an_unknown_call_fails_at_load_with_its_line(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path, dirs_exist_ok=True)
    routes = tmp_path / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    routes.write_text(text.replace("  - call: fast-lane", "  - call: fast-lame"), encoding="utf-8")
    line = text.splitlines().index("  - call: fast-lane") + 1
    with pytest.raises(CatalogError) as caught:
        load_fit_data(tmp_path, load_catalog(tmp_path))
    assert str(caught.value) == (
        f"{routes}:{line}: routes[1].call: unknown call id 'fast-lame' (calls.yaml)"
    )


def test_a_purpose_rule_with_conditional_values_fails_at_load(tmp_path: Path) -> None:
    # The route finder reads no condition on a purpose rule; such values would be ignored.
    shutil.copytree(DATA, tmp_path, dirs_exist_ok=True)
    routes = tmp_path / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    routes.write_text(
        text.replace(
            "        allow: [open]\n        orgs:",
            "        allow: [open]\n        conditional: [proprietary]\n"
            "        condition: only for a product\n        orgs:",
        ),
        encoding="utf-8",
    )
    with pytest.raises(CatalogError) as caught:
        load_fit_data(tmp_path, load_catalog(tmp_path))
    assert "a purpose rule has no conditional values: list them in allow" in str(caught.value)
