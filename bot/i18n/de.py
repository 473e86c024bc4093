"""Deutsch (du, wie Slack selbst)."""

from bot.i18n.words import Words

WORDS = Words(
    language="de",
    thousands_separator=".",
    sources="Quellen",
    as_of="Stand {date}",
    more_sources="_…und {count} weitere_",
    unconfirmed="_Sekundärquelle, bitte auf der offiziellen Seite prüfen_",
    low_confidence=(
        ":warning: Geringe Sicherheit: prüf die Quellen, bevor du dich darauf verlässt."
    ),
    abstain_hint=":grey_question: Das habe ich in meinen Quellen nicht gefunden.",
    live_figures_hint=(
        ":bar_chart: `/usage <Projekt>` zeigt hier, was euer Projekt von seiner Zuteilung "
        "verbraucht hat und was übrig ist, sobald Nutzungsberichte für diesen Workspace "
        "eingerichtet sind."
    ),
    quoted_in_english=(
        ":globe_with_meridians: Zitierte Passagen und Fakten sind auf Englisch, wie ihre Quellen."
    ),
    card_in_english=":globe_with_meridians: Diese Angaben sind auf Englisch, wie ihre Quellen.",
    trimmed="_…gekürzt, damit es in Slack passt; stell für den Rest eine engere Frage._",
    helpful=":thumbsup: Hilfreich",
    not_helpful=":thumbsdown: Nicht hilfreich",
    share="Im Kanal teilen",
    shared_by="Geteilt von {user}",
    thanks_helpful="Danke! Schön, dass es geholfen hat.",
    thanks_not_helpful=(
        "Danke für den Hinweis. Die Rückmeldung geht an die Leute, die meine Quellen pflegen."
    ),
    feedback_gone=(
        "Ich finde diese Antwort nicht mehr und konnte die Rückmeldung deshalb nicht speichern."
    ),
    too_old_to_share="Diese Antwort ist zu alt zum Teilen; führ den Befehl noch einmal aus.",
    working=":hourglass_flowing_sand: Ich schaue nach…",
    mention_help=(
        "Stell mir nach der Erwähnung eine Frage, z. B. _@hpcbot welche Rechner haben H100?_"
    ),
    too_long=(
        "Diese Frage ist {length} Zeichen lang; ich lese Fragen mit bis zu {limit} Zeichen. "
        "Bitte stell nur die Frage noch einmal (bei einem Fehler die Zeile, die sagt, was "
        "schiefging, statt des ganzen Logs)."
    ),
    hpc_usage=(
        "*hpcbot* beantwortet Fragen zum Zugang zu EuroHPC, zu den Rechnern und ihren "
        "Warteschlangen.\n"
        "• `/hpc ask <Frage>`: eine Antwort mit Quellen, die nur du siehst\n"
        "• `/hpc fit`: welcher Zugangsweg passt und wie viele GPU-Stunden du beantragen "
        "solltest (ein Formular), mit einer Erinnerung an die Stichtage dieser Ausschreibung\n"
        "• `/hpc help`: diese Hilfe\n"
        "• `/hpc subscribe deadlines [Ausschreibung] [--days 14,7,1]` oder "
        "`/hpc subscribe queue <Rechner> [daily|weekdays|weekly] [HH:MM] [Zeitzone]` oder "
        "`/hpc subscribe usage <Projekt>`: geplante Beiträge und Verbrauchswarnungen in diesem "
        "Kanal; `/hpc subscriptions` listet sie auf, `/hpc unsubscribe <ID>` beendet einen\n"
        "• `/hpc notify [Rechner]`: deine URL, über die dir Batch-Jobs bei Start und Ende eine "
        "DM schicken (`/hpc notify revoke` macht sie ungültig)\n"
        "• `/queue <Rechner> [Partition]`: aktueller Zustand der Warteschlange, z. B. "
        "`/queue lumi standard-g`\n"
        "• `/specs <Rechner>`: was ein Rechner bietet, z. B. `/specs leonardo`\n"
        "• `/deadlines [Ausschreibung]`: die nächsten Stichtage der Ausschreibungen\n"
        "Oder erwähne mich in einem Kanal (ich antworte im Thread) oder schick mir eine DM."
    ),
    queue_usage=(
        "Aufruf: `/queue <Rechner> [Partition]`, z. B. `/queue lumi` oder `/queue lumi standard-g`."
    ),
    specs_usage="Aufruf: `/specs <Rechner>`, z. B. `/specs leonardo`.",
    known_machines="Bekannte Rechner: {names}.",
    unknown_subcommand="`/hpc {word}` kenne ich nicht.",
    did_you_mean="Meintest du `{suggestion}`?",
    deadlines_title="Nächste EuroHPC-Stichtage",
    deadlines_title_for="Nächste EuroHPC-Stichtage: {call}",
    queue_title="Warteschlange {machine}",
    max_time="max. {duration}",
    no_time_limit="kein Zeitlimit",
    nodes="Knoten",
    gpus_free="GPUs frei",
    cpus_free="CPUs frei",
    jobs="Jobs",
    wait="Wartezeit",
    count_of_total="{count} von {total}",
    nodes_idle="{count} frei",
    nodes_mixed="{count} teilbelegt",
    nodes_allocated="{count} belegt",
    nodes_drained="{count} gesperrt",
    nodes_down="{count} ausgefallen",
    gpus_free_of="{free} von {total}{kind} frei",
    jobs_running="{count} laufend",
    jobs_pending="{count} wartend",
    wait_longest="längste {duration}",
    wait_median="Median {duration}",
    next_start="nächster Start ca. {time}",
    more_partitions="…und {count} weitere Partitionen; frag nach einer mit ihrem Namen.",
    reservations="Reservierungen",
    maintenance="Wartung",
    reservation_nodes="{count} Knoten",
    weekdays="Mo Di Mi Do Fr Sa So",
    days_unit="T",
    queue_source="Quelle: {source} · Stand {time} (vor {age})",
)
