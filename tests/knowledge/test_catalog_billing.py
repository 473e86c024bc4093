"""What a job is billed, worked out from a machine's GPU accounting and the job a question
describes; no sum when the question does not say enough."""

from __future__ import annotations

import pytest

from knowledge.catalog.billing import job_bill
from knowledge.catalog.models import GpuAccounting

LUMI = GpuAccounting(unit="GPU-hours", per_gpu_hour=0.5, per_node_hour={"standard-g": 4})


@pytest.mark.parametrize(
    ("question", "billed"),
    [
        ("one full standard-g node for 10 hours, how many gpu-hours is that?", 40),
        ("how many GPU-hours do 2 nodes on standard-g for 3 days cost?", 576),
        # A GCD-hour is half a GPU-hour; Slurm counts each GCD as a GPU.
        ("how many gpu-hours for one GCD on small-g for 10 hours?", 5),
        ("how many gpu hours is 8 gpus on dev-g for 90 minutes", 6),
        # Only one partition bills whole nodes: asked about GPUs, a node is one of those.
        ("a gpu node for 12h, how many GPU-hours?", 48),
        ("how many gpu-hours is one standard-g node for half a day", 48),
        ("1,000 standard-g nodes for 10 hours, how many gpu-hours", 40000),
        ("how many gpu-hours: 3 gcds on dev-g for half an hour", 0.75),
    ],
)
def test_a_job_named_in_full_is_billed_by_the_rule(question: str, billed: float) -> None:
    bill = job_bill(LUMI, question)
    assert bill is not None
    assert bill.billed == billed


@pytest.mark.parametrize(
    "question",
    [
        # How billing works, not a sum.
        "how are gpu hours billed on lumi",
        "how many GPU hours are left?",
        # No time, or two.
        "how many gpu-hours is one standard-g node?",
        "one node for 2 hours then 3 hours, how many gpu-hours?",
        # CPU time is billed by other rules; a node of unknown kind may be a CPU node.
        "how many core-hours for 2 standard nodes for 10 hours",
        "a node for a day, how much is that",
        # Whole nodes on a partition billed by the GCD: the GCDs per node are not on record.
        "4 nodes on small-g for 2 h, how many gpu-hours",
        # ... nor GPUs on one that bills whole nodes, nor half a node.
        "4 gpus on standard-g for 10 hours, how many gpu-hours",
        "half a standard-g node for 2 hours, how many gpu-hours",
        # Numbers written otherwise than this reads them.
        "1 000 nodes on standard-g for 10 hours, how many gpu hours",
        "12,5 hours on 2 standard-g nodes, how many gpu-hours",
        # More than one job, or a job's memory, which bills more than its GCDs.
        "100 jobs of 2 gpus for 1 hour on small-g, how many gpu-hours",
        "1 gcd with 128 GB on small-g for 10 hours, how many gpu hours",
    ],
)
def test_no_sum_is_worked_out_from_what_the_question_leaves_open(question: str) -> None:
    assert job_bill(LUMI, question) is None


def test_the_sum_is_written_with_how_it_was_worked_out() -> None:
    bill = job_bill(LUMI, "how many gpu-hours for one GCD on small-g for 10 hours?")
    assert bill is not None
    assert bill.text() == (
        "**A job of 1 GCD on small-g for 10 h is billed 5 GPU-hours** "
        "(1 × 10 h × 0.5 GPU-hours per GCD-hour)."
    )


def test_a_gpu_billed_as_a_part_of_a_node_is_billed_in_node_hours() -> None:
    karolina = GpuAccounting(unit="node-hours", per_gpu_hour=0.125)
    bill = job_bill(karolina, "a job on 2 gpus for 10 hours, how many node-hours is that?")
    assert bill is not None
    assert bill.text() == (
        "**A job of 2 GPUs for 10 h is billed 2.5 node-hours** "
        "(2 × 10 h × 0.125 node-hours per GPU-hour)."
    )


def test_one_unit_billed_is_written_in_the_singular() -> None:
    bill = job_bill(LUMI, "how many gpu-hours is 2 gcds on small-g for one hour")
    assert bill is not None
    assert bill.text().startswith("**A job of 2 GCDs on small-g for 1 h is billed 1 GPU-hour**")
