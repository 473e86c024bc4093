"""How a hardware partition reads in answers: the totals a question asks for are stated."""

from __future__ import annotations

from pathlib import Path

import pytest

import knowledge
from knowledge.catalog.catalog import Catalog, load_catalog
from knowledge.catalog.chat_text import describe_partition

DATA = Path(knowledge.__file__).parent / "data"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA)


def _partition_text(catalog: Catalog, machine: str, partition: str) -> str:
    found = catalog.machine(machine)
    part = next(p for p in found.partitions if p.id == partition)
    return describe_partition(found, part)


def test_a_node_with_several_cpus_states_its_cores_per_node(catalog: Catalog) -> None:
    text = _partition_text(catalog, "leonardo", "leonardo-dcgp")
    assert "2× Intel Xeon Platinum 8480+ (Sapphire Rapids) CPUs with 56 cores each" in text
    assert "(112 cores per node)" in text


def test_a_node_with_one_cpu_states_its_cores_once(catalog: Catalog) -> None:
    text = _partition_text(catalog, "lumi", "lumi-g")
    assert '1× AMD EPYC 7A53 "Trento" CPU with 64 cores;' in text
    assert "per node)" not in text
