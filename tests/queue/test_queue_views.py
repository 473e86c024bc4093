"""The Slack card for a queue status: compact, within Slack's limits, honest about freshness."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from queue_testing import V22
from test_queue_summary import rest_bundle

from bot.i18n import words_for
from bot.views.limits import (
    MAX_BLOCKS,
    MAX_FIELD_TEXT,
    MAX_HEADER_TEXT,
    MAX_SECTION_TEXT,
    MAX_TOTAL_BLOCK_TEXT,
)
from bot.views.queue_status import build_queue_blocks
from knowledge.queue.model import GpuSummary, PartitionStatus, QueueStatus, Reservation
from knowledge.queue.summary import summarise

AS_OF = datetime(2026, 11, 27, 21, 30, tzinfo=UTC)
STATUS = summarise(rest_bundle(V22).to_data(), machine="LUMI", source="slurmrestd", as_of=AS_OF)


def texts(blocks: list[dict]) -> str:  # type: ignore[type-arg]
    return json.dumps(blocks)


def test_card_has_header_partitions_reservations_and_freshness() -> None:
    blocks = build_queue_blocks(STATUS, now=AS_OF + timedelta(seconds=42))
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "LUMI queue"}}
    sections = [b for b in blocks if b["type"] == "section" and "fields" in b]
    assert [s["text"]["text"].split("*")[1] for s in sections] == ["standard-g", "small-g", "dev-g"]
    small = {f["text"].split("\n")[0]: f["text"].split("\n")[1] for f in sections[1]["fields"]}
    assert small["*GPUs free*"] == "1 of 32 mi250 free"
    assert small["*Nodes*"] == "0 idle · 1 mixed · 2 allocated · 1 drained of 4"
    assert small["*Jobs*"].startswith("2 running · 4 pending")
    assert "*Reservations*" in texts(blocks) and "maintenance maint-2w" in texts(blocks)
    context = blocks[-1]
    assert context["type"] == "context"
    assert context["elements"][0]["text"] == (
        "Source: slurmrestd · as of <!date^1795815000^{date_short_pretty} {time}"
        "|2026-11-27 21:30 UTC> (42 s ago)"
    )


def test_one_partition_card_names_it_in_the_header() -> None:
    blocks = build_queue_blocks(STATUS, "small-g", now=AS_OF)
    assert blocks[0]["text"]["text"] == "LUMI queue · small-g"
    assert sum(1 for b in blocks if "fields" in b) == 1


def test_huge_clusters_stay_within_slack_limits() -> None:
    template = STATUS.partitions[0]
    many = [template.model_copy(update={"name": f"part-{i:03}-" + "x" * 200}) for i in range(120)]
    big = STATUS.model_copy(update={"machine": "M" * 400, "partitions": many})
    blocks = build_queue_blocks(big, now=AS_OF)
    assert len(blocks) <= MAX_BLOCKS
    assert len(blocks[0]["text"]["text"]) <= MAX_HEADER_TEXT
    for block in blocks:
        if "text" in block and block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION_TEXT
        for field in block.get("fields", []):
            assert len(field["text"]) <= MAX_FIELD_TEXT
        assert len(block.get("fields", [])) <= 10
    assert "more partitions; ask for one by name" in texts(blocks)
    total = sum(len(b.get("text", {}).get("text", "")) for b in blocks) + sum(
        len(f["text"]) for b in blocks for f in b.get("fields", [])
    )
    assert total <= MAX_TOTAL_BLOCK_TEXT


def test_partition_without_gpus_or_jobs_still_renders() -> None:
    bare = QueueStatus(
        machine="X", source="snapshot", as_of=AS_OF, partitions=[PartitionStatus(name="cpu")]
    )
    blocks = build_queue_blocks(bare, now=AS_OF)
    labels = [f["text"].split("\n")[0] for f in blocks[1]["fields"]]
    assert labels == ["*Nodes*", "*CPUs free*", "*Jobs*"]


def test_names_and_reasons_from_slurm_are_escaped() -> None:
    """Anyone who can name a reservation (or a job's hold reason) must not ping a channel."""
    hostile = QueueStatus(
        machine="LUMI",
        source="snapshot <https://evil.example|official>",
        as_of=AS_OF,
        partitions=[
            PartitionStatus(
                name="<!here> gpu",
                state="<!channel>",
                gpus=GpuSummary(type="<@U0ALICE>", free=1, total=8),
                pending_reasons={"<!everyone> hold": 3},
            )
        ],
        reservations=[Reservation(name="<!here> maintenance", flags=["MAINT"])],
    )
    blocks = build_queue_blocks(hostile, now=AS_OF)
    section = blocks[1]
    assert section["text"]["text"] == "*&lt;!here&gt; gpu* (no time limit) · *&lt;!channel&gt;*"
    fields = [f["text"] for f in section["fields"]]
    assert "*GPUs free*\n1 of 8 &lt;@U0ALICE&gt; free" in fields
    assert "*Jobs*\n0 running · 0 pending (&lt;!everyone&gt; hold 3)" in fields
    assert "• maintenance &lt;!here&gt; maintenance" in blocks[2]["text"]["text"]
    assert blocks[-1]["elements"][0]["text"].startswith(
        "Source: snapshot &lt;https://evil.example|official&gt; · as of <!date^"
    )
    assert blocks[0]["text"] == {"type": "plain_text", "text": "LUMI queue · <!here> gpu"}
    mrkdwn = texts(blocks[1:]).replace("<!date^", "")  # the header is plain text
    assert "<!" not in mrkdwn and "<@" not in mrkdwn and "<http" not in mrkdwn


def test_card_in_french_keeps_slurms_names() -> None:
    blocks = build_queue_blocks(STATUS, now=AS_OF + timedelta(days=3), words=words_for("fr"))
    assert blocks[0]["text"]["text"] == "File d'attente de LUMI"
    small = [b for b in blocks if b["type"] == "section" and "fields" in b][1]
    fields = {f["text"].split("\n")[0]: f["text"].split("\n")[1] for f in small["fields"]}
    assert fields["*GPU libres*"] == "libres : 1 sur 32 mi250"
    assert fields["*Nœuds*"] == (
        "libres : 0 · partiellement occupés : 1 · occupés : 2 · drainés : 1 sur 4"
    )
    assert fields["*Jobs*"].startswith("en cours : 2 · en attente : 4")
    assert "*Réservations*" in str(blocks) and "maintenance maint-2w" in str(blocks)
    assert blocks[-1]["elements"][0]["text"].startswith("Source : slurmrestd · à jour au <!date^")
    assert "(il y a 3 j)" in blocks[-1]["elements"][0]["text"]  # days in French: jours
