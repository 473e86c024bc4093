"""Français (vous, comme Slack)."""

from bot.i18n.words import Words

WORDS = Words(
    language="fr",
    thousands_separator="\u202f",  # espace fine insécable
    sources="Sources",
    as_of="à jour au {date}",
    more_sources="_…et {count} de plus_",
    unconfirmed="_source secondaire, à vérifier sur la page officielle_",
    low_confidence=(
        ":warning: Fiabilité faible : vérifiez les sources avant de vous fier à cette réponse."
    ),
    abstain_hint=":grey_question: Je n'ai pas trouvé cela dans les sources que je connais.",
    live_figures_hint=(
        ":bar_chart: `/usage <projet>` affiche ici ce que votre projet a consommé de son "
        "allocation et ce qu'il en reste, une fois les rapports d'utilisation configurés pour "
        "cet espace de travail."
    ),
    quoted_in_english=(
        ":globe_with_meridians: Les passages cités et les faits sont en anglais, "
        "comme leurs sources."
    ),
    card_in_english=(
        ":globe_with_meridians: Ces informations sont en anglais, comme leurs sources."
    ),
    trimmed="_…tronqué pour tenir dans Slack ; posez une question plus précise pour la suite._",
    helpful=":thumbsup: Utile",
    not_helpful=":thumbsdown: Pas utile",
    share="Partager dans le canal",
    shared_by="Partagé par {user}",
    thanks_helpful="Merci ! Ravi que cela vous ait aidé.",
    thanks_not_helpful=(
        "Merci de me l'avoir signalé. Votre retour est transmis aux personnes qui gèrent "
        "mes sources."
    ),
    feedback_gone=(
        "Je ne retrouve plus cette réponse, je n'ai donc pas pu enregistrer votre retour."
    ),
    too_old_to_share="Cette réponse est trop ancienne pour être partagée ; relancez la commande.",
    working=":hourglass_flowing_sand: Je regarde…",
    mention_help=(
        "Posez-moi une question après la mention, p. ex. _@hpcbot quelles machines ont des H100 ?_"
    ),
    too_long=(
        "Cette question fait {length} caractères ; je lis les questions de {limit} caractères "
        "au plus. Reposez seulement la question (pour une erreur, la ligne qui dit ce qui n'a "
        "pas marché plutôt que tout le journal)."
    ),
    hpc_usage=(
        "*hpcbot* répond aux questions sur l'accès à EuroHPC, les machines et leurs files "
        "d'attente.\n"
        "• `/hpc ask <question>` : une réponse privée, avec ses sources\n"
        "• `/hpc fit` : quelle voie d'accès convient et combien d'heures GPU demander (un "
        "formulaire), avec un rappel des dates limites de cet appel\n"
        "• `/hpc help` : cette aide\n"
        "• `/hpc subscribe deadlines [appel] [--days 14,7,1]` ou "
        "`/hpc subscribe queue <machine> [daily|weekdays|weekly] [HH:MM] [fuseau]` ou "
        "`/hpc subscribe usage <projet>` : messages programmés et alertes de consommation "
        "dans ce canal ; `/hpc subscriptions` les liste, `/hpc unsubscribe <id>` en arrête un\n"
        "• `/hpc notify [machine]` : votre URL pour que vos jobs batch vous écrivent en privé "
        "à leur début et à leur fin (`/hpc notify revoke` la révoque)\n"
        "• `/queue <machine> [partition]` : l'état de la file d'attente en direct, p. ex. "
        "`/queue lumi standard-g`\n"
        "• `/specs <machine>` : ce qu'offre une machine, p. ex. `/specs leonardo`\n"
        "• `/deadlines [appel]` : les prochaines dates limites des appels\n"
        "Vous pouvez aussi me mentionner dans un canal (je réponds dans un fil) ou m'écrire "
        "en message privé."
    ),
    queue_usage=(
        "Utilisation : `/queue <machine> [partition]`, p. ex. `/queue lumi` ou "
        "`/queue lumi standard-g`."
    ),
    specs_usage="Utilisation : `/specs <machine>`, p. ex. `/specs leonardo`.",
    known_machines="Machines connues : {names}.",
    unknown_subcommand="Je ne connais pas `/hpc {word}`.",
    did_you_mean="Vouliez-vous dire `{suggestion}` ?",
    deadlines_title="Prochaines dates limites EuroHPC",
    deadlines_title_for="Prochaines dates limites EuroHPC : {call}",
    queue_title="File d'attente de {machine}",
    max_time="max. {duration}",
    no_time_limit="sans limite de temps",
    nodes="Nœuds",
    gpus_free="GPU libres",
    cpus_free="CPU libres",
    jobs="Jobs",
    wait="Attente",
    count_of_total="{count} sur {total}",
    nodes_idle="libres : {count}",
    nodes_mixed="partiellement occupés : {count}",
    nodes_allocated="occupés : {count}",
    nodes_drained="drainés : {count}",
    nodes_down="hors service : {count}",
    gpus_free_of="libres : {free} sur {total}{kind}",
    jobs_running="en cours : {count}",
    jobs_pending="en attente : {count}",
    wait_longest="la plus longue : {duration}",
    wait_median="médiane : {duration}",
    next_start="prochain démarrage estimé : {time}",
    more_partitions="…et d'autres partitions ({count}) ; demandez-en une par son nom.",
    reservations="Réservations",
    maintenance="maintenance",
    reservation_nodes="nœuds : {count}",
    weekdays="lun. mar. mer. jeu. ven. sam. dim.",
    days_unit="j",
    queue_source="Source : {source} · à jour au {time} (il y a {age})",
)
