"""Posting a usage report to a channel: the figures as a message, the chart in its thread.

The chart goes through Slack's upload flow (`files_upload_v2`: files.getUploadURLExternal,
the bytes to the returned URL, files.completeUploadExternal sharing it in the thread).
"""

from __future__ import annotations

from datetime import tzinfo

from slack_sdk import WebClient

from bot.usage.desk import UsageDesk
from bot.views.usage import build_usage_blocks, summary_text
from knowledge.usage import UsageReport


def post_report(
    client: WebClient, channel: str, report: UsageReport, desk: UsageDesk, tz: tzinfo
) -> str:
    """Post the report and upload its chart as a reply; returns the message's ts."""
    posted = client.chat_postMessage(
        channel=channel, text=summary_text(report), blocks=build_usage_blocks(report, tz)
    )
    ts = str(posted["ts"])
    name = report.project.name
    client.files_upload_v2(
        channel=channel,
        thread_ts=ts,
        content=desk.chart_png(report),
        filename=f"{name}-burn-down.png",
        title=f"{name}: burn-down",
        alt_txt=f"{report.unit} left for {name} per day, with the projection at the current rate",
    )
    return ts
