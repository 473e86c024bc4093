"""Loading the bundled data files, and the errors that point at a bad file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import knowledge
from knowledge.catalog.catalog import load_catalog
from knowledge.errors import CatalogError

# Not bot.config.bundled_knowledge_dir(): under pytest `tests/knowledge` shadows the package
# name, so `knowledge.__file__` is None there, while submodules still resolve correctly.
DATA = Path(knowledge.__file__).parent / "data"

MACHINE = """\
  - id: {ident}
    name: {name}
    aliases: [{alias}]
    site: Test site
    country: Nowhere
    tier: petascale
    overview:
      text: A machine used only by tests.
      source: https://example.org/{ident}
      as_of: 2026-01-01
      confirmed: false
    status:
      state: operational
      source: https://example.org/{ident}
      as_of: 2026-01-01
      confirmed: false
"""


def _data_dir(tmp_path: Path, machines_yaml: str) -> Path:
    for name in ("calls.yaml", "ai_factories.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "machines.yaml").write_text(machines_yaml, encoding="utf-8")
    return tmp_path


def _machines(*entries: str) -> str:
    return "machines:\n" + "".join(entries)


def test_bundled_data_loads_every_machine_call_and_factory() -> None:
    catalog = load_catalog(DATA)
    assert [m.id for m in catalog.machines] == [
        "lumi",
        "leonardo",
        "marenostrum5",
        "jupiter",
        "alice-recoque",
        "meluxina",
        "karolina",
        "vega",
        "discoverer",
        "deucalion",
        "daedalus",
        "arrhenius",
    ]
    assert len(catalog.calls) == 12
    assert len(catalog.ai_factories) == 19
    assert len(catalog.antennas.members) == 13
    assert {f.wave for f in catalog.ai_factories} == {1, 2, 3}


def test_secondary_source_facts_are_marked_unconfirmed() -> None:
    catalog = load_catalog(DATA)
    large = catalog.call("large-scale")
    assert large.cutoffs.confirmed is False
    assert large.offer is not None and large.offer.confirmed is False
    assert catalog.machine("leonardo").slurm_partitions[0].confirmed is False


def test_lumi_user_guide_facts_use_public_urls_and_snapshot_date() -> None:
    lumi = load_catalog(DATA).machine("lumi")
    lumi_g = lumi.partition("LUMI-G")
    assert lumi_g is not None
    assert lumi_g.source == "https://docs.lumi-supercomputer.eu/hardware/lumig/"
    assert lumi_g.as_of.isoformat() == "2024-10-15"


def test_czai_system_is_not_linked_to_karolina() -> None:
    czai = load_catalog(DATA).ai_factory("czai")
    assert (czai.system.text, czai.system.machine) == (
        "KarolAIna, a new AI system (not the existing Karolina)",
        None,
    )


def test_mn5_ngt_note_puts_grace_only_in_the_accelerated_partition() -> None:
    ngt = load_catalog(DATA).machine("mn5").partition("MN5 NGT")
    assert ngt is not None
    assert ngt.notes.endswith("only NGT ACC is built around NVIDIA Grace.")


def test_public_administration_track_is_listed_for_regular_and_extreme_scale() -> None:
    catalog = load_catalog(DATA)
    assert "Public Administration (a PI from the public" in catalog.call("regular").summary.text
    notes = [d.note for d in catalog.call("extreme-scale").cutoffs.dates]
    assert all(n.endswith("including a Public Administration Access track") for n in notes)


def test_jupiter_performance_keeps_design_figure_and_top500_lists_apart() -> None:
    jupiter = load_catalog(DATA).machine("jupiter")
    assert [(p.metric, p.value, p.source.split("/")[2]) for p in jupiter.performance] == [
        ("HPL (Booster)", "1 EF FP64", "www.fz-juelich.de"),
        ("TOP500", "4th", "gayaone.com"),
        ("TOP500, November 2025", "over 1 EF", "www.itforbusiness.fr"),
    ]


def test_unknown_field_names_file_and_line(tmp_path: Path) -> None:
    text = _machines(MACHINE.format(ident="alpha", name="Alpha", alias="A1") + "    nodez: 5\n")
    data = _data_dir(tmp_path, text)
    with pytest.raises(
        CatalogError, match=r"machines\.yaml:18: machines\[0\]\.nodez: unknown field 'nodez'"
    ):
        load_catalog(data)


def test_missing_source_names_file_and_line(tmp_path: Path) -> None:
    entry = MACHINE.format(ident="alpha", name="Alpha", alias="A1")
    entry = entry.replace("      source: https://example.org/alpha\n", "", 1)
    data = _data_dir(tmp_path, _machines(entry))
    with pytest.raises(
        CatalogError,
        match=r"machines\.yaml:9: machines\[0\]\.overview\.source: missing required field 'source'",
    ):
        load_catalog(data)


def test_malformed_date_names_file_and_line(tmp_path: Path) -> None:
    entry = MACHINE.format(ident="alpha", name="Alpha", alias="A1").replace(
        "2026-01-01", "2026-13-45", 1
    )
    data = _data_dir(tmp_path, _machines(entry))
    with pytest.raises(CatalogError, match=r"machines\.yaml:11: machines\[0\]\.overview\.as_of: "):
        load_catalog(data)


def test_duplicate_id_names_file_and_line(tmp_path: Path) -> None:
    first = MACHINE.format(ident="alpha", name="Alpha", alias="A1")
    second = MACHINE.format(ident="alpha", name="Beta", alias="B1")
    data = _data_dir(tmp_path, _machines(first, second))
    with pytest.raises(
        CatalogError, match=r"machines\.yaml:18: machines\[1\]\.id: duplicate id 'alpha'"
    ):
        load_catalog(data)


def test_duplicate_alias_across_machines_names_file_and_line(tmp_path: Path) -> None:
    first = MACHINE.format(ident="alpha", name="Alpha", alias="Shared")
    second = MACHINE.format(ident="beta", name="Beta", alias="shared")
    data = _data_dir(tmp_path, _machines(first, second))
    with pytest.raises(
        CatalogError,
        match=r"machines\.yaml:20: machines\[1\]\.aliases\[0\]: duplicate name or alias 'shared': already used by alpha",
    ):
        load_catalog(data)


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    data = _data_dir(tmp_path, "machines:\n  - id: alpha\n    name: [unclosed\n")
    with pytest.raises(CatalogError, match=r"machines\.yaml:4: not valid YAML"):
        load_catalog(data)


def test_unquoted_cutoff_time_is_rejected(tmp_path: Path) -> None:
    data = _data_dir(tmp_path, (DATA / "machines.yaml").read_text(encoding="utf-8"))
    calls = (
        (DATA / "calls.yaml").read_text(encoding="utf-8").replace('time: "10:00"', "time: 10:00", 1)
    )
    (data / "calls.yaml").write_text(calls, encoding="utf-8")
    with pytest.raises(CatalogError, match=r"calls\.yaml:\d+: calls\[2\]\.cutoffs\.time: .*quoted"):
        load_catalog(data)
