"""What scheduled posts need to know, re-read at send time: calls, cut-offs, machines, queues.

`CatalogKnowledge` adapts the curated catalog (a `CatalogSource`, reloaded when its files
change, so a corrected cut-off is seen without a restart) and the live queue service. Tests pass any object with the
same methods (`ScheduleKnowledge`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from knowledge import Call, Catalog, Cutoff, call_cutoffs, normalize_name
from knowledge.queue import QueueStatus


@dataclass(frozen=True)
class CallInfo:
    id: str
    name: str
    dated: bool  # False: applications are taken continuously, there is nothing to remind


@dataclass(frozen=True)
class CallNames:
    """Every name and alias of every call, keyed the way the catalogue compares names.

    Built once per catalogue, so matching the words of `/hpc subscribe` costs a dictionary
    lookup per word span instead of a catalogue lookup (with fuzzy suggestions) per span.
    """

    by_key: Mapping[str, CallInfo]
    max_words: int  # the most words any name has as written
    key: Callable[[str], str]

    @classmethod
    def build(cls, names: Mapping[str, CallInfo], key: Callable[[str], str]) -> CallNames:
        by_key: dict[str, CallInfo] = {}
        for name, info in names.items():
            by_key.setdefault(key(name), info)
        longest = max((len(name.split()) for name in names), default=1)
        return cls(by_key, longest, key)

    def get(self, words: str) -> CallInfo | None:
        return self.by_key.get(self.key(words))


class ScheduleKnowledge(Protocol):
    def call_names(self) -> CallNames:
        """Every call name and alias, to match words against without a lookup each."""
        ...

    def resolve_call(self, name: str) -> CallInfo:
        """The call called `name`; raises UnknownName with suggestions."""
        ...

    def dated_calls(self) -> list[CallInfo]: ...

    def cutoffs(self, call_id: str) -> list[Cutoff]:
        """Every cut-off on record for the call (past ones too); [] for an unknown call."""
        ...

    def resolve_machine(self, name: str) -> str:
        """The machine's display name; raises UnknownName with suggestions."""
        ...

    def queue(self, machine: str) -> QueueStatus: ...


class CatalogKnowledge:
    def __init__(
        self,
        catalog: Callable[[], Catalog],
        queue: Callable[[str, str | None], QueueStatus],
        machines: Callable[[], list[str]] = list,
    ) -> None:
        self._catalog, self._queue, self._machines = catalog, queue, machines
        self._names: tuple[Catalog, CallNames] | None = None

    def call_names(self) -> CallNames:
        catalog = self._catalog()
        cached = self._names
        if cached is None or cached[0] is not catalog:  # first use, or the files changed
            names = {name: _info(call) for name, call in catalog.call_names().items()}
            cached = self._names = (catalog, CallNames.build(names, normalize_name))
        return cached[1]

    def resolve_call(self, name: str) -> CallInfo:
        return _info(self._catalog().call(name))

    def dated_calls(self) -> list[CallInfo]:
        return [
            CallInfo(c.id, c.name, True) for c in self._catalog().calls if c.cutoffs.rule == "dated"
        ]

    def cutoffs(self, call_id: str) -> list[Cutoff]:
        for call in self._catalog().calls:
            if call.id == call_id:
                return call_cutoffs(call)
        return []

    def resolve_machine(self, name: str) -> str:
        # The queue may serve machines the catalogue lacks (a test cluster, a new system).
        return self._catalog().machine_name(name, also=self._machines())

    def queue(self, machine: str) -> QueueStatus:
        return self._queue(machine, None)


def _info(call: Call) -> CallInfo:
    return CallInfo(call.id, call.name, call.cutoffs.rule == "dated")
