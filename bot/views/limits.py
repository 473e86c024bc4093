"""Slack's message limits, in one place. Views build within these; the fake Slack enforces them.

Sources: /work/shared/research/slack-testing.md §3.10.
"""

# https://docs.slack.dev/reference/block-kit/blocks ("up to 50 blocks in each message")
MAX_BLOCKS = 50
# https://docs.slack.dev/reference/block-kit/blocks/section-block (text 3000; 10 fields of 2000)
MAX_SECTION_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
# https://docs.slack.dev/reference/block-kit/blocks/header-block
MAX_HEADER_TEXT = 150
# https://docs.slack.dev/reference/block-kit/block-elements/button-element
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTION_ID = 255
# slack_sdk ActionsBlock.elements_max_length / ContextBlock.elements_max_length
MAX_ACTIONS_ELEMENTS = 25
MAX_CONTEXT_ELEMENTS = 10
# Undocumented `msg_blocks_too_long` at ~12,000 characters of block text (bolt-js#2509, #2867);
# stay well below it.
MAX_TOTAL_BLOCK_TEXT = 11_000
# https://api.slack.com/changelog/2018-04-truncating-really-long-messages: `text` is cut at
# 40,000; the fallback text is for notifications and screen readers, so keep it short.
MAX_FALLBACK_TEXT = 3000
# Answers list at most this many sources (each a line in one section).
MAX_SOURCES = 10
