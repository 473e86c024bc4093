"""A project's usage in Slack: which channels may see which project, `/usage`, the chart upload,
usage alerts through the scheduler, and job notifications.

    links.py     ProjectLinks: channel <-> project, set by admins (`/hpc link`, `hpcbot usage link`)
    desk.py      UsageDesk: reports for a channel (checking the link), the chart, cached
    upload.py    posting a report and its chart (files.upload_v2) to a channel
    alerts.py    thresholds, run-out and unused forecasts, weekly summary: scheduler occurrences
    notify.py    signed personal URLs for job start/end notifications, and the DM they cause
"""
