"""The curated catalog: load and validate the data files, resolve names, compute cut-offs.

    catalog = load_catalog(settings.knowledge.knowledge_dir)
    catalog.machine("lumi-g")                        # -> the LUMI machine
    catalog.next_cutoff("large scale", now)          # -> Cutoff | None
    catalog.upcoming_cutoffs(now, within_days=30)

Any problem in the data raises `CatalogError` naming the file and line, so whoever edits the
YAML can jump straight to the mistake.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.catalog.cutoffs import Cutoff, call_cutoffs, is_stale, select_upcoming
from knowledge.catalog.models import (
    AIFactoriesFile,
    AIFactory,
    Antennas,
    Call,
    CallsFile,
    Fact,
    Machine,
    MachinesFile,
    Partition,
    Sourced,
    Wave,
    normalize_name,
)
from knowledge.errors import CatalogError, UnknownName

MACHINES_FILE = "machines.yaml"
CALLS_FILE = "calls.yaml"
AI_FACTORIES_FILE = "ai_factories.yaml"

_M = TypeVar("_M", bound=BaseModel)
_Loc = tuple[int | str, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text so pydantic reports bad ones with a location."""


# PyYAML turns 2026-13-45 into a ValueError with no position; keeping timestamps as strings
# lets pydantic parse them and us point at the line.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class _Document:
    path: Path
    node: yaml.Node
    data: Any

    def line(self, loc: _Loc) -> int:
        """1-based line of the deepest YAML node that `loc` (a pydantic error path) reaches."""
        node = self.node
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1

    def error(self, loc: _Loc, message: str) -> CatalogError:
        return CatalogError(f"{self.path}:{self.line(loc)}: {_dotted(loc)}: {message}")


def _child(node: yaml.Node, part: int | str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if key.value == part:
                # An unknown or duplicated key is best shown at the key itself.
                found: yaml.Node = value if not isinstance(value, yaml.ScalarNode) else key
                return found
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        child: yaml.Node = node.value[part]
        return child
    return None


def _dotted(loc: _Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(top level)"


def _read(path: Path) -> _Document:
    if not path.is_file():
        raise CatalogError(f"{path}: file not found; the knowledge data directory needs it.")
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    loader.name = str(path)
    try:
        node = loader.get_single_node()
        if node is None:
            raise CatalogError(f"{path}:1: the file is empty.")
        _reject_duplicate_keys(path, node)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise CatalogError(f"{path}:{line}: not valid YAML: {exc.problem or exc}") from None
    finally:
        loader.dispose()
    return _Document(path, node, data)


def _reject_duplicate_keys(path: Path, node: yaml.Node) -> None:
    # YAML keeps the last of two equal keys without a word, which would hide a fact.
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    line = key.start_mark.line + 1
                    raise CatalogError(
                        f"{path}:{line}: key '{key.value}' appears twice in this mapping."
                    )
                seen.add(key.value)
            _reject_duplicate_keys(path, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _reject_duplicate_keys(path, item)


def _validate(doc: _Document, model: type[_M]) -> _M:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(part for part in first["loc"] if isinstance(part, int | str))
        # Drop pydantic's internal step names (e.g. "function-before[...]") from the path.
        loc = tuple(p for p in loc if not (isinstance(p, str) and "[" in p))
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise doc.error(loc, _describe(first) + more) from None


def _describe(error: Any) -> str:
    kind = error["type"]
    field = error["loc"][-1] if error["loc"] else ""
    if kind == "extra_forbidden":
        return f"unknown field '{field}' (check the spelling against knowledge/catalog/models.py)"
    if kind == "missing":
        return f"missing required field '{field}'"
    if kind == "string_pattern_mismatch" and field == "source":
        return "source must be an http(s) URL"
    if kind == "value_error":  # our own validators: their message without pydantic's prefix
        return str(error["ctx"]["error"])
    return str(error["msg"])


class Catalog:
    """Validated machines, calls and AI Factories, with name lookup and cut-off queries."""

    def __init__(
        self,
        machines: Sequence[Machine],
        calls: Sequence[Call],
        ai_factories: Sequence[AIFactory],
        waves: Sequence[Wave],
        antennas: Antennas,
        factories_overview: Fact,
        factories_notes: Sequence[Fact] = (),
    ) -> None:
        self.machines = tuple(machines)
        self.calls = tuple(calls)
        self.ai_factories = tuple(ai_factories)
        self.waves = tuple(waves)
        self.antennas = antennas
        self.factories_overview = factories_overview
        self.factories_notes = tuple(factories_notes)
        self._machine_keys = _name_index((m, [m.id, m.name, *m.aliases]) for m in self.machines)
        self._call_keys = _name_index((c, [c.id, c.name, *c.aliases]) for c in self.calls)
        self._factory_keys = _name_index((f, [f.id, f.name, *f.aliases]) for f in self.ai_factories)
        self._partition_keys: dict[str, tuple[Machine, Partition]] = {}
        for machine in self.machines:
            for part in machine.partitions:
                for key in (*part.aliases, f"{machine.name} {part.name}"):
                    self._partition_keys.setdefault(normalize_name(key), (machine, part))

    # --- names ------------------------------------------------------------------------------

    def machine(self, name: str) -> Machine:
        """The machine called `name` or one of its aliases ("lumi-g", "MN5", "leonardo")."""
        return _resolve("machine", name, self._machine_keys, lambda m: m.name)

    def machine_name(self, name: str, also: Iterable[str] = ()) -> str:
        """The display name of the machine called `name`: the catalogue's, else one of `also`
        (machines served without a catalogue entry, such as a test cluster's). Raises
        UnknownName with suggestions from both."""
        try:
            return self.machine(name).name
        except UnknownName as exc:
            extra = {normalize_name(m): m for m in also}
            key = normalize_name(name)
            if key in extra:
                return extra[key]
            close = difflib.get_close_matches(key, list(extra), n=3, cutoff=0.6)
            suggestions = list(dict.fromkeys([*exc.suggestions, *(extra[k] for k in close)]))
            raise UnknownName("machine", name, suggestions[:3]) from None

    def call(self, name: str) -> Call:
        """The call called `name` or one of its aliases ("large scale", "AI4S")."""
        return _resolve("call", name, self._call_keys, lambda c: c.name)

    def ai_factory(self, name: str) -> AIFactory:
        return _resolve("AI Factory", name, self._factory_keys, lambda f: f.name)

    def partition(self, name: str) -> tuple[Machine, Partition] | None:
        """A hardware partition by a qualified name ("LEONARDO Booster", "LUMI-G")."""
        return self._partition_keys.get(normalize_name(name))

    def machine_names(self) -> dict[str, Machine]:
        """Every name and alias (as written in the data) mapped to its machine."""
        return {n: m for m in self.machines for n in (m.id, m.name, *m.aliases)}

    def call_names(self) -> dict[str, Call]:
        return {n: c for c in self.calls for n in (c.id, c.name, *c.aliases)}

    def partition_names(self) -> dict[str, tuple[Machine, Partition]]:
        return {
            n: (m, p)
            for m in self.machines
            for p in m.partitions
            for n in (*p.aliases, f"{m.name} {p.name}")
        }

    # --- cut-offs ---------------------------------------------------------------------------

    def cutoffs(self, call: str | None = None) -> list[Cutoff]:
        """Every dated cut-off on record (past ones too), in date order."""
        calls = [self.call(call)] if call is not None else list(self.calls)
        return sorted((c for item in calls for c in call_cutoffs(item)), key=lambda c: c.closes)

    def upcoming_cutoffs(
        self, now: datetime, within_days: int | None = None, call: str | None = None
    ) -> list[Cutoff]:
        """Cut-offs that have not passed at `now`, soonest first."""
        return select_upcoming(self.cutoffs(call), now, within_days)

    def next_cutoff(self, call: str, now: datetime) -> Cutoff | None:
        """The soonest cut-off of `call` after `now`; None for continuous calls or when none is on record."""
        upcoming = self.upcoming_cutoffs(now, call=call)
        return upcoming[0] if upcoming else None

    def calls_without_future_cutoff(self, now: datetime) -> list[Call]:
        """Dated calls whose every recorded cut-off has passed: their calendar needs checking."""
        return [
            c
            for c in self.calls
            if c.cutoffs.rule == "dated" and not select_upcoming(call_cutoffs(c), now)
        ]

    # --- staleness --------------------------------------------------------------------------

    def all_facts(self) -> list[tuple[str, Sourced]]:
        """(entity name, fact group) for every sourced fact of the catalogue."""
        entities: list[tuple[str, list[Sourced]]] = [
            *((m.name, m.facts()) for m in self.machines),
            *((c.name, c.facts()) for c in self.calls),
            *((f.name, [f, f.system]) for f in self.ai_factories),
            ("AI Factories", [self.factories_overview, *self.factories_notes, *self.waves]),
            ("AI Factory Antennas", [self.antennas.overview, *self.antennas.members]),
        ]
        return [(name, fact) for name, facts in entities for fact in facts]

    def stale_facts(self, now: datetime, stale_after_days: int = 90) -> list[tuple[str, Sourced]]:
        """(entity name, fact group) for every fact last checked too long ago."""
        return [
            (name, fact)
            for name, fact in self.all_facts()
            if is_stale(fact.as_of, now, stale_after_days)
        ]


_T = TypeVar("_T")


def _name_index(entries: Iterable[tuple[_T, list[str]]]) -> dict[str, _T]:
    index: dict[str, _T] = {}
    for item, names in entries:
        for name in names:
            index.setdefault(normalize_name(name), item)
    return index


def _resolve(kind: str, name: str, index: dict[str, _T], display: Any) -> _T:
    key = normalize_name(name)
    if key in index:
        return index[key]
    close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.6)
    close += [k for k in index if len(key) >= 3 and k.startswith(key) and k not in close]
    suggestions = list(dict.fromkeys(str(display(index[k])) for k in close))[:3]
    raise UnknownName(kind, name, suggestions)


def load_catalog(data_dir: Path) -> Catalog:
    """Read and validate machines.yaml, calls.yaml and ai_factories.yaml from `data_dir`."""
    machines_doc = _read(data_dir / MACHINES_FILE)
    calls_doc = _read(data_dir / CALLS_FILE)
    factories_doc = _read(data_dir / AI_FACTORIES_FILE)
    machines = _validate(machines_doc, MachinesFile).machines
    calls = _validate(calls_doc, CallsFile).calls
    factories = _validate(factories_doc, AIFactoriesFile)

    _check_unique(machines_doc, "machines", [(m.id, m.name, m.aliases) for m in machines])
    _check_unique(calls_doc, "calls", [(c.id, c.name, c.aliases) for c in calls])
    _check_unique(
        factories_doc, "ai_factories", [(f.id, f.name, f.aliases) for f in factories.ai_factories]
    )
    _check_unique_partitions(machines_doc, machines)
    _check_references(machines_doc, calls_doc, factories_doc, machines, calls, factories)
    return Catalog(
        machines,
        calls,
        factories.ai_factories,
        factories.waves,
        factories.antennas,
        factories.overview,
        factories.notes,
    )


def _check_unique(doc: _Document, key: str, entries: list[tuple[str, str, list[str]]]) -> None:
    """Ids, names and aliases must each point at one entry, or lookups would be ambiguous."""
    owner: dict[str, int] = {}
    for index, (ident, name, aliases) in enumerate(entries):
        labelled: list[tuple[_Loc, str]] = [
            ((key, index, "id"), ident),
            ((key, index, "name"), name),
        ]
        labelled += [((key, index, "aliases", i), alias) for i, alias in enumerate(aliases)]
        for loc, label in labelled:
            norm = normalize_name(label)
            first = owner.setdefault(norm, index)
            if first != index:
                what = "id" if loc[-1] == "id" else "name or alias"
                raise doc.error(
                    loc, f"duplicate {what} '{label}': already used by {entries[first][0]}"
                )


def _check_unique_partitions(doc: _Document, machines: list[Machine]) -> None:
    owner: dict[str, str] = {}
    for mi, machine in enumerate(machines):
        for pi, part in enumerate(machine.partitions):
            ident_loc: _Loc = ("machines", mi, "partitions", pi, "id")
            if owner.setdefault(f"id:{part.id}", machine.id) != machine.id or part.id in {
                p.id for p in machine.partitions[:pi]
            }:
                raise doc.error(ident_loc, f"duplicate partition id '{part.id}'")
            for ai, alias in enumerate(part.aliases):
                first = owner.setdefault(normalize_name(alias), machine.id)
                if first != machine.id:
                    raise doc.error(
                        ("machines", mi, "partitions", pi, "aliases", ai),
                        f"duplicate partition alias '{alias}': already used by {first}",
                    )


def _check_references(
    machines_doc: _Document,
    calls_doc: _Document,
    factories_doc: _Document,
    machines: list[Machine],
    calls: list[Call],
    factories: AIFactoriesFile,
) -> None:
    machine_ids = {m.id for m in machines}
    factory_ids = {f.id for f in factories.ai_factories}
    for mi, machine in enumerate(machines):
        if machine.ai_factory is not None and machine.ai_factory not in factory_ids:
            raise machines_doc.error(
                ("machines", mi, "ai_factory"),
                f"unknown AI Factory id '{machine.ai_factory}' (see {AI_FACTORIES_FILE})",
            )
    for ci, call in enumerate(calls):
        for ri, ref in enumerate(call.machines):
            if ref not in machine_ids:
                raise calls_doc.error(
                    ("calls", ci, "machines", ri),
                    f"unknown machine id '{ref}' (see {MACHINES_FILE})",
                )
    for fi, factory in enumerate(factories.ai_factories):
        target = factory.system.machine
        if target is not None and target not in machine_ids:
            raise factories_doc.error(
                ("ai_factories", fi, "system", "machine"),
                f"unknown machine id '{target}' (see {MACHINES_FILE})",
            )
    for ai, antenna in enumerate(factories.antennas.members):
        if antenna.linked_factory is not None and antenna.linked_factory not in factory_ids:
            raise factories_doc.error(
                ("antennas", "members", ai, "linked_factory"),
                f"unknown AI Factory id '{antenna.linked_factory}'",
            )
