"""Fake hpcbot services with the real interfaces (`bot.services.Services`): fixed answers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime

from bot.services import Services
from knowledge.errors import UnknownName
from knowledge.models import Answer, Citation
from knowledge.queue.model import GpuSummary, JobCounts, NodeCounts, PartitionStatus, QueueStatus

LUMI_DOCS = Citation(
    "LUMI-G hardware",
    "https://docs.lumi-supercomputer.eu/hardware/lumig/",
    "GPU nodes",
    date(2025, 1, 10),
)
EUROHPC_ACCESS = Citation(
    "EuroHPC AI Factories access",
    "https://eurohpc-ju.europa.eu/access",
    "",
    date(2025, 3, 1),
    confirmed=False,
)
GPU_ANSWER = Answer(
    question="what GPUs does LUMI have?",
    text="LUMI-G nodes have **4 AMD MI250X** GPUs each. See [the LUMI docs](https://docs.lumi-supercomputer.eu/).",
    abstained=False,
    confidence=0.86,
    citations=(LUMI_DOCS, EUROHPC_ACCESS),
)
MACHINES = {"lumi": "LUMI", "leonardo": "LEONARDO", "marenostrum5": "MareNostrum 5"}


def answer_for(question: str, text: str | None = None, **changes: object) -> Answer:
    base = {
        "question": question,
        "text": text or GPU_ANSWER.text,
        "abstained": False,
        "confidence": 0.86,
        "citations": GPU_ANSWER.citations,
    }
    base.update(changes)
    return Answer(**base)  # type: ignore[arg-type]


# The fakes' "now": before the bundled catalogue's last AI Factories Large Scale cut-off, so
# /hpc fit names one whatever day the tests run.
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


class FakeServices:
    """Records every call; `answer` decides what `ask` returns (raise to test error paths)."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str | None]] = []
        self.lock = threading.Lock()
        self.answer: Callable[[str, str | None], Answer] = lambda q, c: answer_for(q)
        self.closed = False

    def ask(self, question: str, context: str | None = None, /) -> Answer:
        with self.lock:
            self.asked.append((question, context))
        return self.answer(question, context)

    @staticmethod
    def _machine(name: str) -> str:
        key = name.lower().replace(" ", "").replace("-", "")
        if key not in MACHINES:
            close = [v for k, v in MACHINES.items() if k[:3] == key[:3]]
            raise UnknownName("machine", name, close)
        return MACHINES[key]

    def specs(self, machine: str, /) -> str:
        name = self._machine(machine)
        return f"**{name}**\n• GPU nodes: 2978 × 4 AMD MI250X\n• Docs: https://docs.example/{name}"

    def deadlines(self, call: str | None, /) -> str:
        if call and call.lower() not in ("ai factories", "ai-factories"):
            raise UnknownName("call", call, ["AI Factories"])
        return "• **AI Factories Large Scale**: 2026-12-05 (Fri) 10:00 CET"

    def queue(self, machine: str, partition: str | None, /) -> QueueStatus:
        name = self._machine(machine)
        parts = [
            PartitionStatus(
                name="standard-g",
                nodes=NodeCounts(idle=12, allocated=2000, total=2012),
                gpus=GpuSummary(type="mi250", free=96, total=16096),
                jobs=JobCounts(running=812, pending=95),
            ),
            PartitionStatus(name="small-g", jobs=JobCounts(running=40, pending=3)),
        ]
        status = QueueStatus(
            machine=name,
            source="fake",
            as_of=datetime(2026, 11, 27, 9, 0, tzinfo=UTC),
            partitions=parts,
        )
        return status.only(partition) if partition else status

    def machines(self) -> list[str]:
        return sorted(MACHINES.values())

    def close(self) -> None:
        self.closed = True

    def services(self) -> Services:
        return Services(
            ask=self.ask,
            specs=self.specs,
            deadlines=self.deadlines,
            queue=self.queue,
            machines=self.machines,
            close=self.close,
            clock=lambda: NOW,
        )
