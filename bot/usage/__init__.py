"""A project's usage in Slack: which channels may see which project, `/usage`, the chart upload.

links.py     ProjectLinks: channel <-> project, set by admins (`/hpc link`, `hpcbot usage link`)
desk.py      UsageDesk: reports for a channel (checking the link), the chart, cached
upload.py    posting a report and its chart (files.upload_v2) to a channel
wiring.py    building the desk from Settings
"""
