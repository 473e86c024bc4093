"""Block Kit for a queue status: a compact card per machine, one section per partition.

Every name and reason in a status comes from Slurm (partition, reservation and GRES names,
states, pending reasons), which a cluster's users or admins can set to anything, `<!here>`
included; so all of it is escaped before it goes into mrkdwn (plain_text needs no escaping).
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from bot.views.blocks import Block, block_text_size, context, header, section
from bot.views.limits import (
    MAX_BLOCKS,
    MAX_FIELD_TEXT,
    MAX_FIELDS,
    MAX_SECTION_TEXT,
    MAX_TOTAL_BLOCK_TEXT,
)
from bot.views.mrkdwn import escape, truncate
from knowledge.queue import (
    PartitionStatus,
    QueueStatus,
    duration,
    gpu_line,
    jobs_line,
    node_line,
    reservation_line,
    wait_line,
)

# Room kept for the reservations section, the context line and a "more partitions" note.
_RESERVED_BLOCKS = 3
_RESERVED_TEXT = 2000


def build_queue_blocks(
    status: QueueStatus,
    partition: str | None = None,
    *,
    tz: tzinfo = UTC,
    now: datetime | None = None,
) -> list[Block]:
    """Header, one section per partition, upcoming reservations, then source and as-of.

    Times in the context use Slack's `<!date>` token so each reader sees their own zone.
    """
    now = now or datetime.now(UTC)
    partitions = status.partitions
    if partition is not None:
        partitions = [p for p in partitions if p.name.lower() == partition.lower()] or partitions
    title = f"{status.machine} queue" + (f" · {partitions[0].name}" if len(partitions) == 1 else "")
    blocks: list[Block] = [header(title)]
    shown: list[PartitionStatus] = []
    used_text = len(title)
    for p in partitions:
        card = _partition_section(p, tz, now)
        size = block_text_size(card)
        fits_blocks = len(blocks) + 2 <= MAX_BLOCKS - _RESERVED_BLOCKS
        if not fits_blocks or used_text + size > MAX_TOTAL_BLOCK_TEXT - _RESERVED_TEXT:
            break
        if shown:
            blocks.append({"type": "divider"})
        blocks.append(card)
        shown.append(p)
        used_text += size
    if len(partitions) > len(shown):
        hidden = len(partitions) - len(shown)
        blocks.append(context(f"…and {hidden} more partitions; ask for one by name."))
    if status.reservations:
        lines = [f"• {escape(reservation_line(r, tz, now))}" for r in status.reservations[:10]]
        blocks.append(section("*Reservations*\n" + "\n".join(lines)))
    blocks.append(context(_freshness(status, now)))
    return blocks


def _partition_section(p: PartitionStatus, tz: tzinfo, now: datetime) -> Block:
    limit = f"max {duration(p.time_limit_s)}" if p.time_limit_s else "no time limit"
    state = f" · *{escape(p.state)}*" if p.state and p.state != "UP" else ""
    fields = [
        ("Nodes", node_line(p)),
        ("GPUs free", gpu_line(p)),
        ("CPUs free", f"{p.cpus.free} of {p.cpus.total}"),
        ("Jobs", jobs_line(p)),
        ("Wait", wait_line(p, tz, now)),
    ]
    return {
        "type": "section",
        "text": {
            "type": "mrkdwn",
            "text": truncate(f"*{escape(p.name)}* ({limit}){state}", MAX_SECTION_TEXT),
        },
        "fields": [
            {"type": "mrkdwn", "text": truncate(f"*{label}*\n{escape(value)}", MAX_FIELD_TEXT)}
            for label, value in fields
            if value
        ][:MAX_FIELDS],
    }


def _freshness(status: QueueStatus, now: datetime) -> str:
    epoch = int(status.as_of.timestamp())
    fallback = status.as_of.strftime("%Y-%m-%d %H:%M UTC")
    age = duration(max((now - status.as_of).total_seconds(), 0))
    return (
        f"Source: {escape(status.source)} · as of <!date^{epoch}^{{date_short_pretty}} {{time}}|{fallback}>"
        f" ({age} ago)"
    )
