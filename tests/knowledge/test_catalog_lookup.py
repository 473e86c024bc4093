"""Name resolution: aliases, punctuation-insensitive matching and did-you-mean."""

from __future__ import annotations

from pathlib import Path

import pytest

import knowledge
from knowledge.catalog.catalog import Catalog, load_catalog
from knowledge.catalog.mentions import NameTable
from knowledge.errors import UnknownName

DATA = Path(knowledge.__file__).parent / "data"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("lumi-g", "LUMI"),
        ("LUMI_C", "LUMI"),
        ("leonardo", "LEONARDO"),
        ("Leonardo Booster", "LEONARDO"),
        ("marenostrum", "MareNostrum 5"),
        ("mn5", "MareNostrum 5"),
        ("MN-5", "MareNostrum 5"),
        ("jupiter booster", "JUPITER"),
        ("  Karolina ", "Karolina"),
    ],
)
def test_machine_resolves_names_and_aliases(catalog: Catalog, name: str, expected: str) -> None:
    assert catalog.machine(name).name == expected


def test_unknown_machine_suggests_close_names(catalog: Catalog) -> None:
    with pytest.raises(UnknownName) as info:
        catalog.machine("leonard")
    assert info.value.kind == "machine"
    assert info.value.suggestions == ["LEONARDO"]
    assert str(info.value) == "Unknown machine 'leonard'. Did you mean LEONARDO?"


def test_unknown_machine_without_close_names_has_no_suggestion(catalog: Catalog) -> None:
    with pytest.raises(UnknownName) as info:
        catalog.machine("Frontier")
    assert info.value.suggestions == []


def test_a_machine_name_is_the_catalogues_even_when_others_are_served(catalog: Catalog) -> None:
    assert catalog.machine_name("lumi-g", also=["testcluster"]) == "LUMI"


def test_a_machine_only_served_elsewhere_keeps_the_name_it_is_served_under(
    catalog: Catalog,
) -> None:
    assert catalog.machine_name("TEST-cluster", also=["testcluster"]) == "testcluster"


def test_an_unknown_machine_name_suggests_from_the_catalogue_and_the_served_machines(
    catalog: Catalog,
) -> None:
    with pytest.raises(UnknownName) as info:
        catalog.machine_name("leonard", also=["leonardtest"])
    assert info.value.suggestions == ["LEONARDO", "leonardtest"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("large scale", "large-scale"),
        ("AI4S", "ai-for-science"),
        ("fast lane", "fast-lane"),
        ("FFplus", "ffplus-innovation-studies"),
    ],
)
def test_call_resolves_names_and_aliases(catalog: Catalog, name: str, expected: str) -> None:
    assert catalog.call(name).id == expected


def test_unknown_call_suggests_close_names(catalog: Catalog) -> None:
    with pytest.raises(UnknownName) as info:
        catalog.call("playgrond")
    assert info.value.suggestions == ["AI Factories Playground"]


def test_partition_resolves_qualified_name(catalog: Catalog) -> None:
    found = catalog.partition("LEONARDO Booster")
    assert found is not None
    machine, part = found
    assert (machine.id, part.id) == ("leonardo", "leonardo-booster")
    assert part.gpu is not None and (part.gpu.count, part.gpu.memory_gb) == (4, 64)


def test_slurm_partition_limits_are_recorded(catalog: Catalog) -> None:
    standard_g = catalog.machine("lumi").slurm_partition("standard-g")
    assert standard_g is not None
    assert (standard_g.max_walltime, standard_g.max_nodes) == ("2 days", 1024)


@pytest.mark.parametrize("name", ["KarolAIna", "MeluXina-AI"])
def test_new_ai_factory_systems_do_not_resolve_to_older_machines(
    catalog: Catalog, name: str
) -> None:
    # KarolAIna (CZAI) and MeluXina-AI are new systems, not Karolina or MeluXina.
    with pytest.raises(UnknownName):
        catalog.machine(name)


def test_public_administration_access_is_not_an_extreme_scale_alias(catalog: Catalog) -> None:
    # Regular Access has a Public Administration track too, so the name picks no single call.
    with pytest.raises(UnknownName):
        catalog.call("Public Administration Access")


@pytest.mark.parametrize(
    ("text", "machines"),
    [
        ("Hardware partition: LUMI-G; purpose: small GPU jobs", {"lumi"}),
        ("Compare Leonardo Booster with MN5 ACC", {"leonardo", "marenostrum5"}),
        ("Discoverer+ opens in 2026", {"discoverer"}),
        # A machine's name inside a word names nothing.
        ("Illuminate the www_lumi_modules directory", set()),
    ],
)
def test_a_text_names_machines_by_their_names_as_written(
    catalog: Catalog, text: str, machines: set[str]
) -> None:
    assert NameTable(catalog).machines_in(text) == machines
