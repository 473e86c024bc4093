"""What scheduled posts need to know, re-read at send time: calls, cut-offs, machines, queues.

`CatalogKnowledge` adapts the curated catalog (a `CatalogSource`, reloaded when its files
change, so a corrected cut-off is seen without a restart) and the live queue service. Tests pass any object with the
same methods (`ScheduleKnowledge`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from knowledge import Catalog, Cutoff, UnknownName, call_cutoffs
from knowledge.queue import QueueStatus


@dataclass(frozen=True)
class CallInfo:
    id: str
    name: str
    dated: bool  # False: applications are taken continuously, there is nothing to remind


class ScheduleKnowledge(Protocol):
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

    def resolve_call(self, name: str) -> CallInfo:
        call = self._catalog().call(name)
        return CallInfo(call.id, call.name, call.cutoffs.rule == "dated")

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
        try:
            return self._catalog().machine(name).name
        except UnknownName as exc:
            # The queue may serve machines the catalog lacks (a test cluster, a new system).
            known = {m.lower(): m for m in self._machines()}
            if name.lower() in known:
                return known[name.lower()]
            close = difflib.get_close_matches(name.lower(), list(known), n=3, cutoff=0.6)
            suggestions = list(dict.fromkeys([*exc.suggestions, *(known[k] for k in close)]))
            raise UnknownName("machine", name, suggestions[:3]) from None

    def queue(self, machine: str) -> QueueStatus:
        return self._queue(machine, None)
