"""What a job is billed, worked out from a machine's GPU accounting and the job a question
describes ("one full standard-g node for 10 hours", "4 GCDs on small-g for 2 days").

The rule ("a standard-g node-hour is 4 GPU-hours") is on record; the sum a user asks for is
not, and a wrong multiplication is worse than none. So the sum is given only when the question
names all it needs: how many nodes or GCDs, for how long, and (for nodes billed whole) where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.catalog.models import GpuAccounting

_COUNT_WORDS: dict[str, float] = {
    "half a": 0.5,
    "half an": 0.5,
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "sixteen": 16,
    "twenty": 20,
}
# A number as written: "10", "1,000", "2.5", "one", "half a" (not the "5" of "12,5" or "1 000").
_COUNT = (
    r"(?<![\d,.])(?<!\d\s)(\d{1,3}(?:,\d{3})+(?![,.]?\d)|\d+(?:\.\d+)?(?![,.]?\d)|"
    + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)).replace(" ", r"\s+")
    + r")"
)
# "one full standard-g node", "2 whole nodes", "16 nodes": what is taken, and how many.
_NODES = re.compile(
    _COUNT + r"\s+(?:(?:full|whole|complete|entire|standard-g|lumi-g|gpu)\s+){0,3}nodes?\b", re.I
)
# "4 GCDs", "8 gpus" (Slurm counts each GCD of LUMI-G as a GPU).
_GCDS = re.compile(
    _COUNT
    + r"\s+(?:(?:slurm|amd|mi250x?|nvidia|a100)\s+)?(gcds?|gpus?|a100s?)\b(?![-\s](?:hours?|nodes?)\b)",
    re.I,
)
# "for 10 hours", "10h", "2 days", "90 minutes"; not "GPU-hours" or "node-hours".
_TIME = re.compile(
    r"(?<![\w-])" + _COUNT + r"\s*(hours?|hrs?|h|days?|minutes?|mins?)(?![\w-])", re.I
)
_HOURS_PER = {"h": 1.0, "hr": 1.0, "hour": 1.0, "day": 24.0, "minute": 1 / 60, "min": 1 / 60}
# More than one job, a job's memory or cores: a sum this rule alone does not give ("100 jobs of
# 2 GPUs", "a GCD with 128 GB", which bills more than a GCD-hour).
_OTHER_FACTORS = re.compile(
    r"\bjobs\b|\btimes\b|\beach\b|\bper\s+(?:job|run|day|week)\b|\d\s*(?:[GT]i?B)\b|\bmemory\b",
    re.I,
)
_PARTITION = re.compile(r"\b(standard-g|small-g|dev-g)\b", re.I)
# CPU time is billed in other units, by rules this sum does not know.
_CPU = re.compile(r"\bcpus?\b|\bcores?\b|\bcore-hours?\b|\b(?:standard|small|debug)\b(?!-)", re.I)
_GPU_WORD = re.compile(r"\bgpus?\b|\bgpu-|\bgcds?\b", re.I)
# A question asking how much is billed, not how billing works in general.
_ASKS_SUM = re.compile(
    r"\bhow\s+(?:many|much)\b|\bwhat\s+(?:will|would|does|do)\b[^?]{0,40}\b(?:cost|bill|charge)|"
    r"\b(?:total|in\s+all)\b",
    re.I,
)


@dataclass(frozen=True)
class JobBill:
    """A job as the question describes it, and what it is billed."""

    count: float
    what: str  # "node", "GPU" or "GCD", as the question says
    hours: float
    partition: str  # "" when the rate does not depend on it
    rate: float  # billed units per node-hour or GCD-hour
    unit: str

    @property
    def billed(self) -> float:
        return self.count * self.hours * self.rate

    def text(self) -> str:
        where = f" on {self.partition}" if self.partition else ""
        plural = "s" if self.count != 1 else ""
        unit = self.unit[:-1] if self.billed == 1 and self.unit.endswith("s") else self.unit
        return (
            f"**A job of {_number(self.count)} {self.what}{plural}{where} for "
            f"{_number(self.hours)} h is "
            f"billed {_number(self.billed)} {unit}** ({_number(self.count)} × "
            f"{_number(self.hours)} h × {_number(self.rate)} {self.unit} per {self.what}-hour)."
        )


def job_bill(accounting: GpuAccounting, question: str) -> JobBill | None:
    """What the job the question describes is billed, or None when it does not say enough (or
    asks no sum)."""
    if not _ASKS_SUM.search(question) or _CPU.search(question) or _OTHER_FACTORS.search(question):
        return None
    times = _TIME.findall(question)
    if len(times) != 1:
        return None
    amount, unit = times[0]
    hours = _value(amount) * _HOURS_PER[_singular(unit.lower())]
    named = _PARTITION.search(question)
    partition = named.group(1).lower() if named else ""
    nodes, gcds = _NODES.findall(question), _GCDS.findall(question)
    if len(nodes) + len(gcds) != 1:
        return None
    if gcds:
        # A partition billed by whole nodes bills a GPU count by the nodes it takes.
        if partition in accounting.per_node_hour:
            return None
        count, word = gcds[0]
        what = "GCD" if word.lower().startswith("gcd") else "GPU"
        return JobBill(
            _value(count), what, hours, partition, accounting.per_gpu_hour, accounting.unit
        )
    # Nodes billed whole have a rate of their own; which partition, the question must say,
    # unless only one is billed by the node and it asks about GPUs ("a node for a day" may
    # be a CPU node).
    if not partition and len(accounting.per_node_hour) == 1 and _GPU_WORD.search(question):
        partition = next(iter(accounting.per_node_hour))
    rate = accounting.per_node_hour.get(partition)
    count = _value(nodes[0])
    if rate is None or count != int(count):
        return None
    return JobBill(count, "node", hours, partition, rate, accounting.unit)


def _value(word: str) -> float:
    spoken = " ".join(word.lower().split())
    return float(_COUNT_WORDS[spoken]) if spoken in _COUNT_WORDS else float(word.replace(",", ""))


def _singular(unit: str) -> str:
    unit = unit.rstrip("s")
    return "hr" if unit == "hr" else unit


def _number(value: float) -> str:
    """`value` as people write it: "40", "2.5", "0.125", "1,200"."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.4f}".rstrip("0").rstrip(".")
