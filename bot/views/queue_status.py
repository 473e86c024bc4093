"""Block Kit for a queue status: a compact card per machine, one section per partition.

Every name and reason in a status comes from Slurm (partition, reservation and GRES names,
states, pending reasons), which a cluster's users or admins can set to anything, `<!here>`
included; so all of it is escaped before it goes into mrkdwn (plain_text needs no escaping).

Labels, node and job states, weekdays and the day unit are the bot's words (`words`); Slurm's
own names (partitions, states, pending reasons, GRES types) stay as Slurm says them.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from bot.i18n import ENGLISH, Words
from bot.views.blocks import Block, block_text_size, context, header, section
from bot.views.limits import (
    MAX_BLOCKS,
    MAX_FIELD_TEXT,
    MAX_FIELDS,
    MAX_SECTION_TEXT,
    MAX_TOTAL_BLOCK_TEXT,
)
from bot.views.mrkdwn import escape, truncate
from knowledge.queue import PartitionStatus, QueueStatus, Reservation, duration

# Room kept for the reservations section, the context line and a "more partitions" note.
_RESERVED_BLOCKS = 3
_RESERVED_TEXT = 2000


def build_queue_blocks(
    status: QueueStatus,
    partition: str | None = None,
    *,
    tz: tzinfo = UTC,
    now: datetime | None = None,
    words: Words = ENGLISH,
) -> list[Block]:
    """Header, one section per partition, upcoming reservations, then source and as-of.

    Times in the context use Slack's `<!date>` token so each reader sees their own zone.
    """
    now = now or datetime.now(UTC)
    partitions = status.partitions
    if partition is not None:
        partitions = [p for p in partitions if p.name.lower() == partition.lower()] or partitions
    title = words.queue_title.format(machine=status.machine)
    title += f" · {partitions[0].name}" if len(partitions) == 1 else ""
    blocks: list[Block] = [header(title)]
    shown: list[PartitionStatus] = []
    used_text = len(title)
    for p in partitions:
        card = _partition_section(p, tz, now, words)
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
        blocks.append(context(words.more_partitions.format(count=hidden)))
    if status.reservations:
        lines = [f"• {_reservation_line(r, tz, now, words)}" for r in status.reservations[:10]]
        blocks.append(section(f"*{words.reservations}*\n" + "\n".join(lines)))
    blocks.append(context(_freshness(status, now, words)))
    return blocks


def _partition_section(p: PartitionStatus, tz: tzinfo, now: datetime, words: Words) -> Block:
    limit = (
        words.max_time.format(duration=_duration(p.time_limit_s, words))
        if p.time_limit_s
        else words.no_time_limit
    )
    state = f" · *{escape(p.state)}*" if p.state and p.state != "UP" else ""
    cpus = words.count_of_total.format(count=p.cpus.free, total=p.cpus.total)
    fields = [
        (words.nodes, _node_line(p, words)),
        (words.gpus_free, _gpu_line(p, words)),
        (words.cpus_free, cpus),
        (words.jobs, _jobs_line(p, words)),
        (words.wait, _wait_line(p, tz, now, words)),
    ]
    return {
        "type": "section",
        "text": {
            "type": "mrkdwn",
            "text": truncate(f"*{escape(p.name)}* ({limit}){state}", MAX_SECTION_TEXT),
        },
        "fields": [
            {"type": "mrkdwn", "text": truncate(f"*{label}*\n{value}", MAX_FIELD_TEXT)}
            for label, value in fields
            if value
        ][:MAX_FIELDS],
    }


# The lines below are mrkdwn: the bot's words as they are, Slurm's names escaped.


def _node_line(p: PartitionStatus, words: Words) -> str:
    n = p.nodes
    counts = [
        (n.idle, words.nodes_idle, True),
        (n.mixed, words.nodes_mixed, True),
        (n.allocated, words.nodes_allocated, True),
        (n.drained, words.nodes_drained, False),
        (n.down, words.nodes_down, False),
    ]
    parts = [text.format(count=c) for c, text, always in counts if always or c]
    return words.count_of_total.format(count=" · ".join(parts), total=n.total)


def _gpu_line(p: PartitionStatus, words: Words) -> str | None:
    if p.gpus is None:
        return None
    kind = f" {escape(p.gpus.type)}" if p.gpus.type and p.gpus.type != "gpu" else ""
    free, total = p.gpus.free, p.gpus.total
    return words.gpus_free_of.format(free=free, total=total, kind=kind)


def _jobs_line(p: PartitionStatus, words: Words) -> str:
    running = words.jobs_running.format(count=p.jobs.running)
    pending = words.jobs_pending.format(count=p.jobs.pending)
    line = f"{running} · {pending}"
    if p.pending_reasons:
        reasons = ", ".join(
            f"{escape(reason)} {count}" for reason, count in p.pending_reasons.items()
        )
        line += f" ({reasons})"
    return line


def _wait_line(p: PartitionStatus, tz: tzinfo, now: datetime, words: Words) -> str | None:
    parts = []
    if p.wait.longest_s is not None:
        parts.append(words.wait_longest.format(duration=_duration(p.wait.longest_s, words)))
        parts.append(words.wait_median.format(duration=_duration(p.wait.median_s, words)))
    if p.earliest_start is not None:
        parts.append(words.next_start.format(time=_clock_time(p.earliest_start, tz, now, words)))
    return " · ".join(parts) or None


def _reservation_line(r: Reservation, tz: tzinfo, now: datetime, words: Words) -> str:
    span = " → ".join(_clock_time(t, tz, now, words) for t in (r.start, r.end) if t is not None)
    nodes = f", {words.reservation_nodes.format(count=r.nodes)}" if r.nodes else ""
    kind = f"{words.maintenance} " if r.is_maintenance else ""
    return f"{kind}{escape(r.name)}: {span}{nodes}".strip()


def _duration(seconds: int | float | None, words: Words) -> str:
    """knowledge's compact duration ("3 h 20 min", "2 d 4 h") with this language's day unit."""
    number, *rest = duration(seconds).split(" ", 2)
    if rest and rest[0] == "d":
        rest[0] = words.days_unit
    return " ".join([number, *rest])


def _clock_time(moment: datetime, tz: tzinfo, now: datetime, words: Words) -> str:
    """ "14:05" today, "Fri 14:05" within a week, else "2026-12-04 14:05"."""
    local = moment.astimezone(tz)
    days = (local.date() - now.astimezone(tz).date()).days
    if days == 0:
        return f"{local:%H:%M}"
    if -6 <= days <= 6:
        return f"{words.weekday(local.weekday())} {local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"


def _freshness(status: QueueStatus, now: datetime, words: Words) -> str:
    epoch = int(status.as_of.timestamp())
    fallback = status.as_of.strftime("%Y-%m-%d %H:%M UTC")
    age = _duration(max((now - status.as_of).total_seconds(), 0), words)
    when = f"<!date^{epoch}^{{date_short_pretty}} {{time}}|{fallback}>"
    return words.queue_source.format(source=escape(status.source), time=when, age=age)
