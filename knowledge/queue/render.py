"""Plain-text rendering of a `QueueStatus` for the terminal, plus the small formatters the
Slack view shares (durations and times read the same everywhere)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from knowledge.queue.model import PartitionStatus, QueueStatus, Reservation


def duration(seconds: int | float | None) -> str:
    """Compact and rounded: 45 s, 12 min, 3 h 20 min, 2 d 4 h."""
    if seconds is None:
        return "–"
    seconds = int(seconds)
    if seconds < 90:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 90:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes and hours < 10 else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def clock_time(moment: datetime, tz: tzinfo, now: datetime | None = None) -> str:
    """ "14:05" today, "Fri 14:05" within a week, else "2026-12-04 14:05"."""
    local = moment.astimezone(tz)
    today = (now or datetime.now(UTC)).astimezone(tz).date()
    days = (local.date() - today).days
    if days == 0:
        return local.strftime("%H:%M")
    if -6 <= days <= 6:
        return local.strftime("%a %H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def node_line(p: PartitionStatus) -> str:
    n = p.nodes
    parts = [f"{n.idle} idle", f"{n.mixed} mixed", f"{n.allocated} allocated"]
    parts += [
        f"{count} {label}" for count, label in ((n.drained, "drained"), (n.down, "down")) if count
    ]
    return f"{' · '.join(parts)} of {n.total}"


def gpu_line(p: PartitionStatus) -> str | None:
    if p.gpus is None:
        return None
    kinds = f" {p.gpus.type}" if p.gpus.type and p.gpus.type != "gpu" else ""
    return f"{p.gpus.free} of {p.gpus.total}{kinds} free"


def jobs_line(p: PartitionStatus) -> str:
    line = f"{p.jobs.running} running · {p.jobs.pending} pending"
    if p.pending_reasons:
        reasons = ", ".join(f"{reason} {count}" for reason, count in p.pending_reasons.items())
        line += f" ({reasons})"
    return line


def wait_line(p: PartitionStatus, tz: tzinfo, now: datetime) -> str | None:
    parts = []
    if p.wait.longest_s is not None:
        parts.append(f"longest {duration(p.wait.longest_s)}")
        parts.append(f"median {duration(p.wait.median_s)}")
    if p.earliest_start is not None:
        parts.append(f"next start est. {clock_time(p.earliest_start, tz, now)}")
    return " · ".join(parts) or None


def reservation_line(r: Reservation, tz: tzinfo, now: datetime) -> str:
    span = " → ".join(clock_time(t, tz, now) for t in (r.start, r.end) if t is not None)
    nodes = f", {r.nodes} nodes" if r.nodes else ""
    kind = "maintenance " if r.is_maintenance else ""
    return f"{kind}{r.name}: {span}{nodes}".strip()


def render_text(status: QueueStatus, tz: tzinfo = UTC, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    age = duration(max((now - status.as_of).total_seconds(), 0))
    local = status.as_of.astimezone(tz)
    lines = [
        f"{status.machine} queue · {status.source} · as of {local:%Y-%m-%d %H:%M %Z} ({age} ago)"
    ]
    for p in status.partitions:
        limit = f"max {duration(p.time_limit_s)}" if p.time_limit_s else "no time limit"
        state = f", {p.state}" if p.state and p.state != "UP" else ""
        lines.append("")
        lines.append(f"{p.name}  ({limit}{state})")
        rows = [
            ("nodes", node_line(p)),
            ("GPUs", gpu_line(p)),
            ("CPUs", f"{p.cpus.free} of {p.cpus.total} free"),
            ("jobs", jobs_line(p)),
            ("wait", wait_line(p, tz, now)),
        ]
        lines += [f"  {label:<7}{value}" for label, value in rows if value]
    if status.reservations:
        lines += ["", "Reservations"]
        lines += [f"  {reservation_line(r, tz, now)}" for r in status.reservations]
    return "\n".join(lines)
