"""Loading `sizing.yaml` and `routes.yaml` against a catalogue, with file:line errors.

    data = load_fit_data(knowledge_dir, catalog)
    data.task("lora")                 # -> Task (by id or alias)
    data.country("Germany")           # -> Country("DE", "Germany", "member-state")

Everything the files name (machines, partitions, calls, organisation types, country classes,
purposes) must exist, so a renamed call or partition fails at load time with the line to fix.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from knowledge.catalog.catalog import Catalog, _Document, _read, _validate
from knowledge.catalog.chat_text import partition_label
from knowledge.catalog.models import Call, Machine, Partition, Sourced, normalize_name
from knowledge.errors import FitInputError, UnknownName
from knowledge.fit.models import (
    Accelerator,
    CountryClass,
    Named,
    Route,
    RoutesFile,
    SizedPartition,
    SizingFile,
    Task,
)

SIZING_FILE = "sizing.yaml"
ROUTES_FILE = "routes.yaml"
# Kosovo: the EU lists it as associated; ISO 3166-1 has not assigned it a code.
_UNASSIGNED = frozenset({"XK"})
_N = TypeVar("_N", Named, Task)


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    kind: CountryClass


@dataclass(frozen=True)
class Hardware:
    """A GPU partition as the sizing sees it: catalogue facts joined with sizing.yaml."""

    machine: Machine
    partition: Partition
    accelerator: Accelerator
    gpus_per_node: int
    memory_gb: float
    memory_source: Sourced
    sized: SizedPartition

    @property
    def label(self) -> str:
        return partition_label(self.machine, self.partition)


@dataclass(frozen=True)
class FitData:
    catalog: Catalog
    sizing: SizingFile
    routes_file: RoutesFile
    hardware: tuple[Hardware, ...]
    # Lookup tables: every id, name and alias, keyed by `normalize_name`.
    _tasks: dict[str, Task] = field(default_factory=dict)
    _orgs: dict[str, Named] = field(default_factory=dict)
    _purposes: dict[str, Named] = field(default_factory=dict)
    _countries: dict[str, Country] = field(default_factory=dict)

    @property
    def routes(self) -> list[Route]:
        return self.routes_file.routes

    @property
    def tasks(self) -> list[Task]:
        return self.sizing.tasks

    @property
    def org_types(self) -> list[Named]:
        return self.routes_file.org_types

    @property
    def purposes(self) -> list[Named]:
        return self.routes_file.purposes

    @cached_property
    def vocabulary(self) -> dict[str, dict[str, str]]:
        """Written name -> id, per kind of thing a question can name (for finding them in text)."""
        return {
            "task": {n: t.id for t in self.tasks for n in (t.name, *t.aliases)},
            "org": {n: o.id for o in self.org_types for n in (o.name, *o.aliases)},
            "purpose": {n: p.id for p in self.purposes for n in (p.name, *p.aliases)},
            "country": {n: c.code for n, c in self.country_names().items()},
            "machine": {
                n: h.machine.id
                for h in self.hardware
                for n in (h.machine.name, *h.machine.aliases, h.label, *h.partition.aliases)
            },
        }

    def call(self, route: Route) -> Call:
        return self.catalog.call(route.call)

    def task(self, name: str) -> Task:
        return _lookup("task", "task", name, self._tasks, [t.id for t in self.tasks])

    def org(self, name: str) -> Named:
        return _lookup("org", "organisation type", name, self._orgs, [o.id for o in self.org_types])

    def purpose(self, name: str) -> Named:
        return _lookup("purpose", "purpose", name, self._purposes, [p.id for p in self.purposes])

    def country(self, name: str) -> Country:
        key = normalize_name(name)
        if key in self._countries:
            return self._countries[key]
        raise FitInputError(
            "country",
            f"'{name}' is not a country we know: use an ISO 3166 code such as DE, FR or US, or "
            "an EU or associated country's English name.",
        )

    def country_names(self) -> dict[str, Country]:
        """Every written name and alias of a country (codes excluded), for finding them in text."""
        found: dict[str, Country] = {}
        for group in self.routes_file.countries.values():
            for code, name in group.names.items():
                found[name] = self._countries[normalize_name(code)]
            for alias, code in group.aliases.items():
                if len(alias) > 2:  # "UK", "EL": two letters are read as codes, not in text
                    found[alias] = self._countries[normalize_name(code)]
        return found

    def hardware_for(self, machine: str | None) -> list[Hardware]:
        """Every sized partition, or those of one machine or partition (by name or alias)."""
        if machine is None:
            return list(self.hardware)
        found = self.catalog.partition(machine)
        if found is not None:
            picked = [h for h in self.hardware if h.partition.id == found[1].id]
        else:
            try:
                wanted = self.catalog.machine(machine)
            except UnknownName as exc:  # a bad input: say which field
                raise FitInputError("machine", str(exc)) from None
            picked = [h for h in self.hardware if h.machine.id == wanted.id]
        if not picked:
            sized = ", ".join(dict.fromkeys(h.machine.name for h in self.hardware))
            raise FitInputError(
                "machine",
                f"'{machine}' has no GPU partition with sizing data; sized machines: {sized}.",
            )
        return picked


def _lookup(field_name: str, kind: str, name: str, table: dict[str, _N], ids: list[str]) -> _N:
    key = normalize_name(name)
    if key in table:
        return table[key]
    close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
    hint = f" Did you mean {table[close[0]].id}?" if close else ""
    raise FitInputError(field_name, f"Unknown {kind} '{name}'; use one of: {', '.join(ids)}.{hint}")


def load_fit_data(data_dir: Path, catalog: Catalog) -> FitData:
    """Read and check sizing.yaml and routes.yaml from `data_dir` against `catalog`."""
    sizing_doc = _read(data_dir / SIZING_FILE)
    routes_doc = _read(data_dir / ROUTES_FILE)
    sizing = _validate(sizing_doc, SizingFile)
    routes = _validate(routes_doc, RoutesFile)
    hardware = _join_hardware(sizing_doc, sizing, catalog)
    countries = _countries(routes_doc, routes)
    _check_routes(routes_doc, routes, catalog)
    tasks = _names(sizing_doc, "tasks", [(t, [t.id, t.name, *t.aliases]) for t in sizing.tasks])
    orgs = _names(
        routes_doc, "org_types", [(o, [o.id, o.name, *o.aliases]) for o in routes.org_types]
    )
    purposes = _names(
        routes_doc, "purposes", [(p, [p.id, p.name, *p.aliases]) for p in routes.purposes]
    )
    return FitData(catalog, sizing, routes, tuple(hardware), tasks, orgs, purposes, countries)


def _names(doc: _Document, key: str, entries: list[tuple[_N, list[str]]]) -> dict[str, _N]:
    table: dict[str, _N] = {}
    for index, (item, names) in enumerate(entries):
        for name in names:
            first = table.setdefault(normalize_name(name), item)
            if first is not item:
                raise doc.error((key, index), f"'{name}' also names {first.id}")
    return table


def _join_hardware(doc: _Document, sizing: SizingFile, catalog: Catalog) -> list[Hardware]:
    accelerators = {a.id: a for a in sizing.accelerators}
    joined = []
    for index, sized in enumerate(sizing.partitions):
        at = ("partitions", index)
        machine = next((m for m in catalog.machines if m.id == sized.machine), None)
        if machine is None:
            raise doc.error((*at, "machine"), f"unknown machine id '{sized.machine}'")
        part = next((p for p in machine.partitions if p.id == sized.partition), None)
        if part is None:
            raise doc.error(
                (*at, "partition"), f"{machine.name} has no partition '{sized.partition}'"
            )
        if part.gpu is None or part.gpu.count is None:
            raise doc.error((*at, "partition"), f"{part.id} lists no GPU count in machines.yaml")
        accelerator = accelerators.get(sized.accelerator)
        if accelerator is None:
            raise doc.error((*at, "accelerator"), f"unknown accelerator '{sized.accelerator}'")
        if part.gpu.memory_gb is not None and sized.memory is not None:
            raise doc.error(
                (*at, "memory"), f"machines.yaml already gives {part.id}'s GPU memory; drop this"
            )
        if part.gpu.memory_gb is None and sized.memory is None:
            raise doc.error(at, f"{part.id}'s GPU memory is in neither file; add a memory group")
        memory_source: Sourced = sized.memory if sized.memory is not None else part
        memory_gb = sized.memory.gb if sized.memory is not None else float(part.gpu.memory_gb or 0)
        joined.append(
            Hardware(machine, part, accelerator, part.gpu.count, memory_gb, memory_source, sized)
        )
    return joined


def _countries(doc: _Document, routes: RoutesFile) -> dict[str, Country]:
    groups = routes.countries
    if set(groups) != {"member-state", "associated", "other"}:
        raise doc.error(("countries",), "list member-state, associated and other")
    iso = set(groups["other"].codes) | _UNASSIGNED
    kind_of: dict[str, CountryClass] = {}
    for kind in ("member-state", "associated"):
        for i, code in enumerate(groups[kind].codes):
            if code not in iso:
                raise doc.error(("countries", kind, "codes", i), f"'{code}' is not an ISO code")
            if code in kind_of:
                raise doc.error(("countries", kind, "codes", i), f"'{code}' is listed twice")
            kind_of[code] = kind  # type: ignore[assignment]
    table: dict[str, Country] = {}
    for code in sorted(iso):
        kind = kind_of.get(code, "other")
        name = groups[kind].names.get(code, code)
        table[normalize_name(code)] = Country(code, name, kind)
    for kind, group in groups.items():
        for code in group.names:
            if kind_of.get(code, "other") != kind:
                raise doc.error(("countries", kind, "names", code), f"'{code}' is not in {kind}")
            table.setdefault(normalize_name(group.names[code]), table[normalize_name(code)])
        for alias, code in group.aliases.items():
            if normalize_name(code) not in table:
                raise doc.error(("countries", kind, "aliases", alias), f"unknown code '{code}'")
            table.setdefault(normalize_name(alias), table[normalize_name(code)])
    return table


def _check_routes(doc: _Document, routes: RoutesFile, catalog: Catalog) -> None:
    orgs = {o.id for o in routes.org_types}
    purposes = {p.id for p in routes.purposes}
    allowed: dict[str, set[str]] = {
        "org": orgs,
        "country": set(routes.countries),
        "purpose": purposes,
    }
    call_ids = {c.id for c in catalog.calls}
    for ri, route in enumerate(routes.routes):
        if route.call not in call_ids:
            raise doc.error(("routes", ri, "call"), f"unknown call id '{route.call}' (calls.yaml)")
        for ui, rule in enumerate(route.rules):
            at = ("routes", ri, "rules", ui)
            known = allowed.get(rule.kind, set())
            for key, values, pool in (
                ("allow", rule.allow, known),
                ("conditional", rule.conditional, known),
                ("orgs", rule.orgs, orgs),
            ):
                for vi, value in enumerate(values):
                    if value not in pool:
                        raise doc.error((*at, key, vi), f"unknown value '{value}' for {rule.kind}")
