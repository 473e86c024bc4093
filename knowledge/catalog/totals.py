"""What a whole hardware partition adds up to: its GPUs, CPU cores, GPU memory, node memory
and node-local storage, from its node count and what each node has.

"How much GPU memory does the LEONARDO Booster have in total" wants the product, not two
numbers left to the reader. Each total says the sum it did ("3,456 nodes × 4 × 64 GB") so a
reader can check it, and is "" when the partition's record does not hold what it needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.catalog.models import Partition

# A size as machines.yaml writes memory: "512 GiB", "1 TB", "3.84 TB".
_SIZE = re.compile(r"(?<![\w.,])(?P<n>\d+(?:\.\d+)?)\s?(?P<unit>[GTP]i?B)\b")
_UNITS = ("GB", "TB", "PB")
# Node-local storage rather than memory: "plus 3.84 TB local NVMe".
_LOCAL = re.compile(r"\b(?:local|NVMe|SSDs?|flash|disks?)\b", re.I)
# "256 GiB on 1,888 nodes", "128 nodes with 512 GiB": a size held by some of the nodes.
_ON_NODES = re.compile(r"\bon\s+(?P<n>\d[\d,]*)\s+(?:[\w-]+\s+)?nodes\b", re.I)
_NODES_WITH = re.compile(r"(?<![\w.,])(?P<n>\d[\d,]*)\s+(?:[\w-]+\s+)?nodes\s+with\b", re.I)


def partition_total(part: Partition) -> str:
    """The partition's GPUs in all, when its node count and GPUs per node are on record and
    its text does not give the total itself."""
    gpu_nodes = _gpu_nodes(part)
    if part.gpu is None or not part.gpu.count or gpu_nodes is None:
        return ""
    if re.search(r"\btotal\b", f"{part.gpu.note} {part.notes}", re.I):
        return ""
    nodes, which = gpu_nodes
    total = nodes * part.gpu.count
    return (
        f"In all: {total:,} {part.gpu.model} GPUs ({nodes:,} {which} × {part.gpu.count} per node)."
    )


def core_total(part: Partition) -> str:
    """The partition's CPU cores in all, when its node count and cores per node are on record:
    "how many CPU cores does the DCGP partition have, all nodes together"."""
    cpu = part.cpu
    if cpu is None or not cpu.cores or not part.nodes:
        return ""
    per_node = (cpu.count or 1) * cpu.cores
    return (
        f"In all: {part.nodes * per_node:,} CPU cores ({part.nodes:,} nodes × {per_node} per node)."
    )


def gpu_memory_total(part: Partition) -> str:
    """The memory of all the partition's GPUs: "total GPU memory of the Booster"."""
    gpu = part.gpu
    gpu_nodes = _gpu_nodes(part)
    if gpu is None or not gpu.count or not gpu.memory_gb or gpu_nodes is None:
        return ""
    nodes, which = gpu_nodes
    total = _Size(nodes * gpu.count * gpu.memory_gb, "GB")
    return (
        f"In all: {total.said('GPU memory')} "
        f"({nodes:,} {which} × {gpu.count} GPUs × {gpu.memory_gb} GB)."
    )


def memory_total(part: Partition) -> str:
    """The memory of all the partition's nodes: one size on every node, or the nodes each
    size is on when they differ ("256 GB on 768 nodes; 1 TB on 192 nodes")."""
    return _total_of(part, local=False, what="memory")


def local_storage_total(part: Partition) -> str:
    """The node-local storage of all the partition's nodes ("plus 3.84 TB local NVMe")."""
    return _total_of(part, local=True, what="node-local storage")


def _gpu_nodes(part: Partition) -> tuple[int, str] | None:
    """How many of the partition's nodes hold its GPUs, and what they are called; None when
    its text says something the node count does not cover (a total of its own, or GPUs on
    some nodes without saying which)."""
    if part.gpu is None or not part.nodes:
        return None
    said = f"{part.gpu.note} {part.notes}"
    # "only on the 8 visualisation nodes" counts those.
    only = re.search(r"\bonly\s+on\s+(?:the\s+)?(\d[\d,]*)\s+((?:[\w-]+\s+)?nodes)\b", said, re.I)
    if only is not None:
        return int(only[1].replace(",", "")), only[2]
    # "13,824 GPUs in total" agrees with the nodes: nothing to add, the memory still is.
    stated = re.search(r"\b(\d[\d,]*)\s+GPUs\s+in\s+total\b", said)
    if stated is not None and part.gpu.count:
        agrees = int(stated[1].replace(",", "")) == part.nodes * part.gpu.count
        return (part.nodes, "nodes") if agrees else None
    if re.search(r"\bin total\b|\btotal\b|\b\d[\d,]*\s+(?:\w+\s+)?nodes\b", said, re.I):
        return None
    return part.nodes, "nodes"


@dataclass(frozen=True)
class _Size:
    value: float
    unit: str  # "GB", "TB", "PB", or their binary kin "GiB", ...

    @property
    def binary(self) -> bool:
        return "i" in self.unit

    def in_gb(self) -> float:
        step = 1024.0 if self.binary else 1000.0
        power: int = _UNITS.index(self.unit.replace("i", ""))
        return float(self.value * step**power)

    def said(self, what: str) -> str:
        """ "884,736 GB of GPU memory, about 885 TB": the exact sum, and in the largest unit
        it fills."""
        gb = self.in_gb()
        base = "GiB" if self.binary else "GB"
        exact = f"{gb:,.0f} {base}" if gb == int(gb) else f"{gb:,.2f} {base}"
        exact += f" of {what}"
        step = 1024 if self.binary else 1000
        for power in (2, 1):
            if gb >= step**power:
                big = gb / step**power
                unit = _UNITS[power].replace("B", "iB") if self.binary else _UNITS[power]
                rounded = f"{big:,.0f}" if big >= 100 else f"{big:.3g}"
                return f"{exact}, about {rounded} {unit}"
        return exact


def _total_of(part: Partition, *, local: bool, what: str) -> str:
    if not part.memory or not part.nodes:
        return ""
    terms: list[tuple[int, _Size]] = []
    # "512 GB DDR5, plus 3.84 TB local NVMe": each clause names one thing the nodes have.
    for clause in re.split(r";|,\s*plus\b|\bplus\b", part.memory):
        sizes = list(_SIZE.finditer(clause))
        if len(sizes) != 1 or bool(_LOCAL.search(clause)) != local:
            continue
        size = _Size(float(sizes[0]["n"]), sizes[0]["unit"])
        some = _ON_NODES.search(clause) or _NODES_WITH.search(clause)
        terms.append((int(some["n"].replace(",", "")) if some else 0, size))
    if not terms:
        return ""
    if len(terms) == 1 and terms[0][0] == 0:
        terms = [(part.nodes, terms[0][1])]
    # Sizes on some of the nodes must account for all of them, each once.
    if any(n == 0 for n, _ in terms) or sum(n for n, _ in terms) != part.nodes:
        return ""
    families = {size.binary for _, size in terms}
    if len(families) != 1:
        return ""
    total = _Size(sum(n * size.in_gb() for n, size in terms), "GiB" if families.pop() else "GB")
    shown = " + ".join(f"{n:,} nodes × {_short(size)}" for n, size in terms)
    return f"In all: {total.said(what)} ({shown})."


def _short(size: _Size) -> str:
    value = f"{size.value:g}"
    return f"{value} {size.unit}"
