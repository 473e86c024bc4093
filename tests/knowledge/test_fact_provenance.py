"""Provenance of the curated facts: official sources for confirmed facts, sources that the
research sheets list, and as-of dates that are real check dates.

The tests against `shared/research/eurohpc-facts.md` (and `eurohpc-sites.md`) run when the
sheets are there; outside CI they skip with a line saying where to put them, in CI they fail.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from paths import CORPUS, SHARED
from pydantic import BaseModel

import knowledge
from knowledge.catalog.catalog import Catalog, load_catalog
from knowledge.catalog.models import Sourced, is_primary_source
from knowledge.errors import CatalogError

DATA = Path(knowledge.__file__).parent / "data"
RESEARCH = SHARED / "research"
FACTS_SHEET = RESEARCH / "eurohpc-facts.md"
SITES_SHEET = RESEARCH / "eurohpc-sites.md"
LUMI_GUIDE = CORPUS / "lumi-userguide"
SHEET_COMPILED = date(2026, 11, 27)  # "Compiled 2026-11-27" at the top of eurohpc-facts.md
LUMI_DOCS = "https://docs.lumi-supercomputer.eu"
AI_GUIDE = "https://github.com/Lumi-supercomputer/LUMI-AI-Guide"

_URL = re.compile(r"https?://[^\s|<>`]+")
_TAG = re.compile(r"\[([PCS])\]")
_SITES_KEY = re.compile(r"\b([A-Z]\d+) $")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA)


@pytest.fixture(scope="module")
def facts(catalog: Catalog) -> list[tuple[str, Sourced]]:
    """Every fact group as (where it is, the group), e.g. ('machines[lumi].overview', ...)."""
    roots: list[tuple[str, Any]] = [
        ("machines", catalog.machines),
        ("calls", catalog.calls),
        ("ai_factories", catalog.ai_factories),
        ("waves", catalog.waves),
        ("antennas", catalog.antennas),
        ("overview", catalog.factories_overview),
    ]
    return [item for path, value in roots for item in _walk(value, path)]


@pytest.fixture(scope="module")
def sheet_tags() -> dict[str, set[str]]:
    """Tags per URL in the research sheets: P, C, S (facts sheet), site, site-3rd (sites sheet)."""
    tags = _facts_sheet_tags(_shared_text(FACTS_SHEET))
    for url, found in _sites_sheet_tags(_shared_text(SITES_SHEET)).items():
        tags.setdefault(url, set()).update(found)
    return tags


# --- the official-domain rule ---------------------------------------------------------------


def test_every_confirmed_fact_cites_an_official_domain(facts: list[tuple[str, Sourced]]) -> None:
    assert [where for where, f in facts if f.confirmed and not is_primary_source(f.source)] == []


@pytest.mark.parametrize(
    "url",
    [
        "https://www.eurohpc-ju.europa.eu/large-scale-access-ai-factories_en",
        "https://docs.lumi-supercomputer.eu/hardware/lumig/",
        "https://github.com/Lumi-supercomputer/LUMI-AI-Guide/tree/main/04-data-storage",
    ],
)
def test_official_domains_cover_subdomains_and_path_prefixes(url: str) -> None:
    assert is_primary_source(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.heise.de/news/MareNostrum-5.html",
        "https://notlumi-supercomputer.eu/hardware/",
        "https://lumi-supercomputer.eu.example.org/hardware/",
        "https://github.com/someone/LUMI-AI-Guide",
        "https://github.com/Lumi-supercomputer-fork/LUMI-AI-Guide",
    ],
)
def test_lookalike_and_secondary_domains_are_not_official(url: str) -> None:
    assert not is_primary_source(url)


MACHINE = """\
machines:
  - id: alpha
    name: Alpha
    site: Test site
    country: Nowhere
    tier: petascale
    overview:
      text: A machine used only by tests.
      source: {source}
      as_of: 2026-01-01
      confirmed: true
    status:
      state: operational
      source: https://docs.lumi-supercomputer.eu/
      as_of: 2026-01-01
      confirmed: true
"""


def _data_dir(tmp_path: Path, machines_yaml: str) -> Path:
    for name in ("calls.yaml", "ai_factories.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "machines.yaml").write_text(machines_yaml, encoding="utf-8")
    return tmp_path


def test_loader_rejects_a_confirmed_fact_on_a_secondary_domain(tmp_path: Path) -> None:
    data = _data_dir(tmp_path, MACHINE.format(source="https://www.heise.de/news/alpha.html"))
    with pytest.raises(CatalogError) as info:
        load_catalog(data)
    assert str(info.value) == (
        f"{data / 'machines.yaml'}:11: machines[0].overview.confirmed: confirmed: true, but the "
        "source https://www.heise.de/news/alpha.html is not an official page (www.heise.de is "
        "not in PRIMARY_DOMAINS in knowledge/catalog/models.py). Set confirmed: false, or cite "
        "the official page that states this fact (add its domain to PRIMARY_DOMAINS only if it "
        "is official)."
    )


def test_secondary_source_loads_once_marked_unconfirmed(tmp_path: Path) -> None:
    # The fix the error message suggests: keep the page, set confirmed: false.
    bundled = (DATA / "machines.yaml").read_text(encoding="utf-8")
    official = (
        "      source: https://docs.lumi-supercomputer.eu/hardware/\n"
        "      as_of: 2024-10-15\n"
        "      confirmed: true\n"
    )
    secondary = (
        "      source: https://www.heise.de/news/lumi.html\n"
        "      as_of: 2024-10-15\n"
        "      confirmed: false\n"
    )
    assert bundled.count(official) == 1
    lumi = load_catalog(_data_dir(tmp_path, bundled.replace(official, secondary))).machine("lumi")
    assert (lumi.overview.source, lumi.overview.confirmed) == (
        "https://www.heise.de/news/lumi.html",
        False,
    )


# --- sources against the research sheets ----------------------------------------------------


def test_every_fact_source_is_listed_in_the_research_sheets(
    facts: list[tuple[str, Sourced]], sheet_tags: dict[str, set[str]]
) -> None:
    missing = [(where, f.source) for where, f in facts if not _tags_for(f.source, sheet_tags)]
    assert missing == []


def test_confirmed_facts_were_seen_on_the_page_itself(
    facts: list[tuple[str, Sourced]], sheet_tags: dict[str, set[str]]
) -> None:
    # [P]/[C] in the facts sheet, or a sites-sheet reference not marked [3rd]; not only [S].
    second_hand = [
        (where, f.source)
        for where, f in facts
        if f.confirmed and not _tags_for(f.source, sheet_tags) & {"P", "C", "site"}
    ]
    assert second_hand == []


def test_compile_date_only_on_pages_the_sheet_read_itself(
    facts: list[tuple[str, Sourced]], sheet_tags: dict[str, set[str]]
) -> None:
    # The sheet was compiled on 2026-11-27 from the [P] pages; nothing else was checked that day.
    misdated = [
        (where, f.source)
        for where, f in facts
        if f.as_of == SHEET_COMPILED and "P" not in _tags_for(f.source, sheet_tags)
    ]
    assert misdated == []


def test_faq_sources_are_listed_in_the_research_sheets(sheet_tags: dict[str, set[str]]) -> None:
    missing = [
        (section, url) for section, url, _ in _faq_sources() if not _tags_for(url, sheet_tags)
    ]
    assert missing == []


def test_faq_compile_date_only_on_pages_the_sheet_read_itself(
    sheet_tags: dict[str, set[str]],
) -> None:
    misdated = [
        (section, url)
        for section, url, as_of in _faq_sources()
        if as_of == SHEET_COMPILED and "P" not in _tags_for(url, sheet_tags)
    ]
    assert misdated == []


# --- known check dates ----------------------------------------------------------------------


def test_third_party_cutoff_lists_carry_their_check_date(catalog: Catalog) -> None:
    checked = {
        call: catalog.call(call).cutoffs.as_of
        for call in ("large-scale", "ai-for-science", "extreme-scale")
    }
    assert checked == dict.fromkeys(
        ("large-scale", "ai-for-science", "extreme-scale"), date(2026, 4, 21)
    )


def test_values_from_the_2021_systems_table_carry_2021(facts: list[tuple[str, Sourced]]) -> None:
    from_table = {
        where: f.as_of
        for where, f in facts
        if "2021 third-party systems table" in " ".join(_texts(f))
    }
    assert sorted(from_table) == [
        "machines[discoverer].partitions[discoverer-cpu]",
        "machines[meluxina].partitions[meluxina-cpu]",
        "machines[meluxina].partitions[meluxina-fpga]",
        "machines[meluxina].partitions[meluxina-gpu]",
        "machines[meluxina].partitions[meluxina-largemem]",
        "machines[vega].partitions[vega-cpu]",
        "machines[vega].partitions[vega-gpu]",
    ]
    assert set(from_table.values()) == {date(2021, 1, 1)}


def test_lumi_user_guide_facts_carry_the_snapshot_date(facts: list[tuple[str, Sourced]]) -> None:
    dates = {f.as_of for _, f in facts if f.source.startswith(LUMI_DOCS)}
    assert dates == {date(2024, 10, 15)}


def test_facts_named_in_issue_14_are_unconfirmed(catalog: Catalog) -> None:
    karolina_gpu = catalog.machine("karolina").partition("Karolina GPU")
    ffplus_offer = catalog.call("ffplus-innovation-studies").offer
    openeurollm = [n for n in catalog.machine("lumi").notes if "OpenEuroLLM" in n.text]
    assert karolina_gpu is not None and ffplus_offer is not None and len(openeurollm) == 1
    assert [karolina_gpu.confirmed, ffplus_offer.confirmed, openeurollm[0].confirmed] == [
        False,
        False,
        False,
    ]


# --- helpers --------------------------------------------------------------------------------


def _walk(value: Any, path: str) -> Iterator[tuple[str, Sourced]]:
    if isinstance(value, Sourced):
        yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            key = getattr(item, "id", None) or getattr(item, "country", None) or index
            yield from _walk(item, f"{path}[{key}]")


def _faq_sources() -> list[tuple[str, str, date]]:
    """(section heading, URL, as-of date) for every 'Source: <url> (as of <date>)' in faq.md."""
    found = []
    for section in re.split(r"^## ", (DATA / "faq.md").read_text(encoding="utf-8"), flags=re.M)[1:]:
        heading = section.splitlines()[0]
        for url, day in re.findall(r"Source: (\S+) \(as of (\d{4}-\d{2}-\d{2})\)", section):
            found.append((heading, url, date.fromisoformat(day)))
    assert found, "faq.md has no 'Source: <url> (as of <date>)' lines"
    return found


def _texts(fact: Sourced) -> list[str]:
    return [str(getattr(fact, name, "")) for name in ("text", "notes", "purpose", "detail")]


def _shared_text(path: Path) -> str:
    if path.is_file():
        return path.read_text(encoding="utf-8")
    message = (
        f"{path} is missing: put the shared research notes in {RESEARCH} "
        "(or point HPCBOT_SHARED_DIR at the shared folder) to check data/*.yaml sources"
    )
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


def _normal(url: str) -> str:
    return url.rstrip(".,;:)").rstrip("/")


def _facts_sheet_tags(text: str) -> dict[str, set[str]]:
    """Each URL's tags: the first [P]/[C]/[S] after it on its line, else the last one before it
    (the cut-off table puts the tag first)."""
    tags: dict[str, set[str]] = {}
    for line in text.splitlines():
        for match in _URL.finditer(line):
            after = _TAG.search(line, match.end())
            before = _TAG.findall(line, 0, match.start())
            tag = after.group(1) if after else (before[-1] if before else "untagged")
            tags.setdefault(_normal(match.group()), set()).add(tag)
    return tags


def _sites_sheet_tags(text: str) -> dict[str, set[str]]:
    """'site' for the sites sheet's own references, 'site-3rd' for those it marks [3rd, X]."""
    third_party = set(re.findall(r"\[3rd, ([A-Z]\d+)\]", text))
    tags: dict[str, set[str]] = {}
    for line in text.splitlines():
        for match in _URL.finditer(line):
            key = _SITES_KEY.search(line, 0, match.start())  # "- K1 https://..." reference list
            bracket = re.search(r"\[([^\]]*)\]", line[match.end() :])  # "... https://... [B1]"
            if key:
                third = key.group(1) in third_party
            else:
                third = bracket is not None and "3rd" in bracket.group(1)
            tags.setdefault(_normal(match.group()), set()).add("site-3rd" if third else "site")
        # "- S1 SchedMD/slurm `doc/html/rest_clients.shtml`": a page of Slurm's documentation
        # by its place in the source tree, which slurm.schedmd.com publishes as .html.
        for page in re.findall(r"SchedMD/slurm\s+`doc/html/([\w.-]+)\.shtml`", line):
            tags.setdefault(_normal(f"https://slurm.schedmd.com/{page}.html"), set()).add("site")
    return tags


def _tags_for(url: str, sheet_tags: dict[str, set[str]]) -> set[str]:
    """The sheets' tags for `url`. LUMI user-guide pages count as [C] when the 2024 snapshot
    has the page; LUMI AI Guide chapters as [C] when the sheet names the chapter."""
    if url.startswith(LUMI_DOCS):
        page = url.removeprefix(LUMI_DOCS).strip("/")
        return {"C"} if _in_lumi_guide(page) else set()
    if url.startswith(f"{AI_GUIDE}/tree/main/"):
        chapter = url.removeprefix(f"{AI_GUIDE}/tree/main/").strip("/")
        named = any(chapter in line for line in _shared_text(FACTS_SHEET).splitlines())
        return sheet_tags.get(AI_GUIDE, set()) if named else set()
    return sheet_tags.get(_normal(url), set())


def _in_lumi_guide(page: str) -> bool:
    if not LUMI_GUIDE.is_dir():
        _shared_text(LUMI_GUIDE / "README.md")  # skips or fails with the same explanation
    if not page:
        return (LUMI_GUIDE / "README.md").is_file()
    docs = LUMI_GUIDE / "docs"
    return (docs / f"{page}.md").is_file() or (docs / page / "index.md").is_file()
