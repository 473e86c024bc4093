"""How a hardware partition reads in answers: the totals a question asks for are stated."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import knowledge
from knowledge.catalog.catalog import Catalog, load_catalog
from knowledge.catalog.chat_text import describe_partition
from knowledge.catalog.facts import catalog_facts
from knowledge.catalog.models import Partition
from knowledge.catalog.totals import (
    core_total,
    gpu_memory_total,
    local_storage_total,
    memory_total,
    partition_total,
)

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
    assert "cores per node" not in text


def test_a_gpu_partition_s_gpus_in_all_are_its_nodes_times_their_gpus(catalog: Catalog) -> None:
    karolina = catalog.machine("karolina")
    part = next(p for p in karolina.partitions if p.gpu is not None)
    assert partition_total(part) == ("In all: 576 NVIDIA A100 40 GB GPUs (72 nodes × 8 per node).")


def test_a_partition_without_gpus_has_no_gpu_total(catalog: Catalog) -> None:
    leonardo = catalog.machine("leonardo")
    part = next(p for p in leonardo.partitions if p.id == "leonardo-dcgp")
    assert partition_total(part) == ""


def test_the_gpus_in_all_are_given_only_when_a_total_is_asked(catalog: Catalog) -> None:
    facts = {f.id: f for f in catalog_facts(catalog, DATA)}
    karolina = next(
        f for i, f in facts.items() if i.startswith("karolina/partition/") and "GPU" in f.text
    )
    now = datetime(2026, 11, 27, tzinfo=UTC)
    assert "In all: 576" in karolina.text_at(now, "how many A100s does karolina have in total?")
    assert "In all:" not in karolina.text_at(now, "how many GPUs per node on karolina?")


def test_the_gpu_total_counts_only_the_nodes_said_to_have_them(catalog: Catalog) -> None:
    # LUMI-D: 16 nodes, the A40s "only on the 8 visualisation nodes".
    lumi = catalog.machine("lumi")
    part = next(p for p in lumi.partitions if p.id == "lumi-d")
    assert partition_total(part) == (
        "In all: 64 NVIDIA A40 GPUs (8 visualisation nodes × 8 per node)."
    )


def test_the_gpus_in_all_are_not_given_for_another_thing_counted(catalog: Catalog) -> None:
    facts = {f.id: f for f in catalog_facts(catalog, DATA)}
    now = datetime(2026, 11, 27, tzinfo=UTC)
    lumi_g = facts["lumi/partition/lumi-g"]
    assert "In all:" not in lumi_g.text_at(now, "how many gcds does lumi-g have in total?")
    assert "In all: 11,912" in lumi_g.text_at(now, "how many gpus does lumi-g have in total?")


def test_a_partition_s_cpu_cores_in_all_are_its_nodes_times_their_cores(catalog: Catalog) -> None:
    leonardo = catalog.machine("leonardo")
    part = next(p for p in leonardo.partitions if p.id == "leonardo-dcgp")
    assert core_total(part) == "In all: 172,032 CPU cores (1,536 nodes × 112 per node)."


def test_the_cores_in_all_are_given_only_when_a_total_of_cores_is_asked(catalog: Catalog) -> None:
    facts = {f.id: f for f in catalog_facts(catalog, DATA)}
    now = datetime(2026, 11, 27, tzinfo=UTC)
    dcgp = facts["leonardo/partition/leonardo-dcgp"]
    asked = "how many cpu cores does the dcgp partition have in total, all nodes together?"
    assert dcgp.text_at(now, asked).endswith(
        "In all: 172,032 CPU cores (1,536 nodes × 112 per node)."
    )
    assert "In all:" not in dcgp.text_at(now, "how many cores per node on the dcgp partition?")
    assert "In all:" not in dcgp.text_at(now, "how many nodes does the dcgp partition have?")


def test_a_total_worked_out_makes_the_partition_s_page_further_reading(catalog: Catalog) -> None:
    facts = {f.id: f for f in catalog_facts(catalog, DATA)}
    lumi_g = facts["lumi/partition/lumi-g"]
    assert lumi_g.is_worked_out("how many mi250x cards are in the whole of lumi-g?")
    assert not lumi_g.is_worked_out("how many mi250x cards does a lumi-g node have?")


def test_a_node_s_gpu_memory_is_summed_beside_each_gpu_s(catalog: Catalog) -> None:
    text = _partition_text(catalog, "lumi", "lumi-g")
    assert "4 AMD Instinct MI250X GPUs (128 GB each, 512 GB per node)" in text


def _partition(catalog: Catalog, machine: str, partition: str) -> Partition:
    return next(p for p in catalog.machine(machine).partitions if p.id == partition)


def test_a_partition_s_gpu_memory_in_all_is_nodes_times_gpus_times_their_memory(
    catalog: Catalog,
) -> None:
    # The Booster's text says its 13,824 GPUs itself; their memory it leaves to the reader.
    booster = _partition(catalog, "leonardo", "leonardo-booster")
    assert gpu_memory_total(booster) == (
        "In all: 884,736 GB of GPU memory, about 885 TB (3,456 nodes × 4 GPUs × 64 GB)."
    )


def test_node_memory_in_all_adds_up_the_nodes_of_each_size(catalog: Catalog) -> None:
    vega = _partition(catalog, "vega", "vega-cpu")
    assert memory_total(vega) == (
        "In all: 388,608 GB of memory, about 389 TB (768 nodes × 256 GB + 192 nodes × 1 TB)."
    )
    # Binary units stay binary.
    lumi_c = _partition(catalog, "lumi", "lumi-c")
    assert memory_total(lumi_c) == (
        "In all: 581,632 GiB of memory, about 568 TiB "
        "(1,888 nodes × 256 GiB + 128 nodes × 512 GiB + 32 nodes × 1 TiB)."
    )


def test_node_local_storage_in_all_is_not_memory(catalog: Catalog) -> None:
    dcgp = _partition(catalog, "leonardo", "leonardo-dcgp")
    assert local_storage_total(dcgp) == (
        "In all: 5,898,240 GB of node-local storage, about 5.9 PB (1,536 nodes × 3.84 TB)."
    )
    assert memory_total(dcgp) == (
        "In all: 786,432 GB of memory, about 786 TB (1,536 nodes × 512 GB)."
    )


def test_sizes_on_some_nodes_that_do_not_account_for_all_give_no_total() -> None:
    part = Partition(
        id="x",
        name="X",
        kind="cpu",
        nodes=200,
        memory="256 GB on 100 nodes",
        source="https://example.org/x",
        as_of=date(2026, 1, 1),
        confirmed=False,
    )
    assert memory_total(part) == ""
    assert local_storage_total(part) == ""


def test_the_memory_in_all_is_given_only_when_a_total_of_it_is_asked(catalog: Catalog) -> None:
    facts = {f.id: f for f in catalog_facts(catalog, DATA)}
    now = datetime(2026, 11, 27, tzinfo=UTC)
    dcgp = facts["leonardo/partition/leonardo-dcgp"]
    asked = "leonardo dcgp: if you add up the local nvme of every node, how much is that?"
    assert dcgp.text_at(now, asked).endswith("about 5.9 PB (1,536 nodes × 3.84 TB).")
    assert "of memory" not in dcgp.text_at(now, asked)
    assert "In all:" not in dcgp.text_at(now, "how much local nvme does a dcgp node have?")
