"""English: the source every other language translates."""

from bot.i18n.words import Words

WORDS = Words(
    language="en",
    thousands_separator=",",
    sources="Sources",
    as_of="as of {date}",
    more_sources="_…and {count} more_",
    unconfirmed="_secondary source, confirm on the official page_",
    low_confidence=":warning: Low confidence: check the sources before relying on this.",
    abstain_hint=":grey_question: I couldn't find this in the sources I know.",
    live_figures_hint=(
        ":bar_chart: `/usage <project>` shows what your project has used and has left of its "
        "allocation here, once usage reports are set up for this workspace."
    ),
    quoted_in_english=(
        ":globe_with_meridians: Quoted passages and facts are in English, as in their sources."
    ),
    card_in_english=":globe_with_meridians: These details are in English, as in their sources.",
    trimmed="_…trimmed to fit in Slack; ask a narrower question for the rest._",
    helpful=":thumbsup: Helpful",
    not_helpful=":thumbsdown: Not helpful",
    share="Share in channel",
    shared_by="Shared by {user}",
    thanks_helpful="Thanks! Glad it helped.",
    thanks_not_helpful=(
        "Thanks for telling me. The feedback goes to the people who curate my sources."
    ),
    feedback_gone="I can't find that answer any more, so I couldn't record the feedback.",
    too_old_to_share="That reply is too old to share; run the command again.",
    working=":hourglass_flowing_sand: Looking into it…",
    mention_help="Ask me a question after the mention, e.g. _@hpcbot which machines have H100s?_",
    too_long=(
        "That question is {length} characters long; I read questions of up to {limit} "
        "characters. Please ask again with just the question (for an error, the line that says "
        "what went wrong rather than the whole log)."
    ),
    hpc_usage=(
        "*hpcbot* answers questions about EuroHPC access, machines and queues.\n"
        "• `/hpc ask <question>`: a private answer with sources\n"
        "• `/hpc fit`: which access route fits and how many GPU-hours to ask for (a form), "
        "with a reminder of that call's cut-offs\n"
        "• `/hpc help`: this help\n"
        "• `/hpc subscribe deadlines [call] [--days 14,7,1]` or "
        "`/hpc subscribe queue <machine> [daily|weekdays|weekly] [HH:MM] [zone]` or "
        "`/hpc subscribe usage <project>`: scheduled posts and usage alerts "
        "here; `/hpc subscriptions` lists them, `/hpc unsubscribe <id>` stops one\n"
        "• `/hpc notify [machine]`: your URL for batch jobs to DM you at their start and end "
        "(`/hpc notify revoke` ends it)\n"
        "• `/queue <machine> [partition]`: live queue status, e.g. `/queue lumi standard-g`\n"
        "• `/specs <machine>`: what a machine offers, e.g. `/specs leonardo`\n"
        "• `/deadlines [call]`: upcoming call cut-offs\n"
        "Or mention me in a channel (I answer in a thread) or send me a DM."
    ),
    queue_usage=(
        "Usage: `/queue <machine> [partition]`, e.g. `/queue lumi` or `/queue lumi standard-g`."
    ),
    specs_usage="Usage: `/specs <machine>`, e.g. `/specs leonardo`.",
    known_machines="Known machines: {names}.",
    unknown_subcommand="I don't know `/hpc {word}`.",
    did_you_mean="Did you mean `{suggestion}`?",
    deadlines_title="Upcoming EuroHPC cut-offs",
    deadlines_title_for="Upcoming EuroHPC cut-offs: {call}",
    queue_title="{machine} queue",
    max_time="max {duration}",
    no_time_limit="no time limit",
    nodes="Nodes",
    gpus_free="GPUs free",
    cpus_free="CPUs free",
    jobs="Jobs",
    wait="Wait",
    count_of_total="{count} of {total}",
    nodes_idle="{count} idle",
    nodes_mixed="{count} mixed",
    nodes_allocated="{count} allocated",
    nodes_drained="{count} drained",
    nodes_down="{count} down",
    gpus_free_of="{free} of {total}{kind} free",
    jobs_running="{count} running",
    jobs_pending="{count} pending",
    wait_longest="longest {duration}",
    wait_median="median {duration}",
    next_start="next start est. {time}",
    more_partitions="…and {count} more partitions; ask for one by name.",
    reservations="Reservations",
    maintenance="maintenance",
    reservation_nodes="{count} nodes",
    weekdays="Mon Tue Wed Thu Fri Sat Sun",
    days_unit="d",
    queue_source="Source: {source} · as of {time} ({age} ago)",
)
