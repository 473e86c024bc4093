"""`Words`: every fixed string hpcbot itself writes to people, one field per message.

One instance per language (`bot.i18n.en`, `.de`, ...); English is the source the others
translate. A value that interpolates uses named `str.format` placeholders, the same ones in
every language (tests/bot/test_words.py checks). Everything here is mrkdwn the bot wrote, so
it needs no escaping; values put into the placeholders are escaped by whoever passes them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    language: str  # ISO 639-1
    thousands_separator: str  # in numbers such as 2,000 (not a message)

    # Answer cards (bot/views/answer.py)
    sources: str
    as_of: str  # {date}
    more_sources: str  # {count}
    unconfirmed: str
    low_confidence: str
    abstain_hint: str
    live_figures_hint: str  # under a decline of a live figure of one's project (hours left)
    quoted_in_english: str  # marks an answer whose quoted passages and facts stay English
    card_in_english: str  # the same under /specs and /deadlines cards
    trimmed: str

    # Buttons and what they lead to (bot/views/blocks.py, listeners/actions)
    helpful: str
    not_helpful: str
    share: str
    shared_by: str  # {user}
    thanks_helpful: str
    thanks_not_helpful: str
    feedback_gone: str
    too_old_to_share: str

    # Conversations (listeners/answering.py, events, /hpc ask)
    working: str
    mention_help: str
    too_long: str  # {length} {limit}

    # Slash-command help (bot/views/help.py)
    hpc_usage: str
    queue_usage: str
    specs_usage: str
    known_machines: str  # {names}
    unknown_subcommand: str  # {word}
    did_you_mean: str  # {suggestion}

    # /deadlines
    deadlines_title: str
    deadlines_title_for: str  # {call}

    # /queue cards (bot/views/queue_status.py)
    queue_title: str  # {machine}
    max_time: str  # {duration}
    no_time_limit: str
    nodes: str
    gpus_free: str
    cpus_free: str
    jobs: str
    wait: str
    count_of_total: str  # {count} {total}
    nodes_idle: str  # {count}
    nodes_mixed: str  # {count}
    nodes_allocated: str  # {count}
    nodes_drained: str  # {count}
    nodes_down: str  # {count}
    gpus_free_of: str  # {free} {total} {kind}
    jobs_running: str  # {count}
    jobs_pending: str  # {count}
    wait_longest: str  # {duration}
    wait_median: str  # {duration}
    next_start: str  # {time}
    more_partitions: str  # {count}
    reservations: str
    maintenance: str
    reservation_nodes: str  # {count}
    weekdays: str  # Monday to Sunday, abbreviated, separated by spaces (not a message)
    days_unit: str  # "2 d 4 h" (hours, minutes and seconds read h, min, s everywhere)
    queue_source: str  # {source} {time} {age}

    def weekday(self, index: int) -> str:
        """Monday is 0, as `date.weekday()`."""
        return self.weekdays.split(" ")[index]

    def number(self, value: int) -> str:
        """`value` with this language's thousands separator: 2,000 / 2.000 / 2 000."""
        return f"{value:,}".replace(",", self.thousands_separator)
