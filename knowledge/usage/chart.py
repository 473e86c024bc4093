"""The burn-down chart: GPU-hours left per day, the 7-day projection and the even pace, as PNG.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no display, thread-safe).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, time, timedelta

from knowledge.usage.model import UsageReport

WIDTH, HEIGHT, DPI = 8.0, 4.0, 100
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _num(instant: datetime) -> float:
    """matplotlib's date number: days since 1970-01-01 UTC."""
    return (instant - _EPOCH).total_seconds() / 86400


def burn_down_png(report: UsageReport) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    p = report.project
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    granted = report.granted
    # Each day's total is reached at the end of that day.
    ends = [datetime.combine(d.day + timedelta(days=1), time(), tzinfo=UTC) for d in report.daily]
    xs = [_num(p.start), *(_num(end) for end in ends)]
    if granted is not None:
        ys = [granted, *(granted - d.used for d in report.daily)]
        axes.plot(
            [_num(p.start), _num(p.end)],
            [granted, 0],
            color="#9aa0a6",
            linestyle=":",
            label="even pace",
        )
        axes.axhline(0, color="#5f6368", linewidth=0.8)
        f = report.forecast
        if f is not None and f.rate_per_day > 0 and report.left is not None and report.left > 0:
            now = min(report.as_of, p.end)
            stop = min(f.exhausted_on or p.end, p.end)
            left_at_stop = report.left - f.rate_per_day * (stop - now).total_seconds() / 86400
            axes.plot(
                [_num(now), _num(stop)], [report.left, left_at_stop], color="#d93025", linestyle="--",
                label="at the last 7 days' rate",
            )  # fmt: skip
        axes.set_ylabel(f"{report.unit} left")
    else:
        ys = [0.0, *(d.used for d in report.daily)]
        axes.set_ylabel(f"{report.unit} used")
    axes.step(xs, ys, where="post", color="#1a73e8", linewidth=2, label="actual")
    axes.set_xlim(_num(p.start), _num(p.end))
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    axes.set_title(f"{p.name} on {p.machine}: burn-down")
    axes.grid(True, alpha=0.3)
    axes.legend(loc="upper right", fontsize="small")
    figure.subplots_adjust(left=0.1, right=0.97, top=0.9, bottom=0.12)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
