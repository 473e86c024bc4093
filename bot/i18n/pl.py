"""Polski (na ty, jak Slack). Liczby stoją po dwukropku, więc nie trzeba ich odmieniać."""

from bot.i18n.words import Words

WORDS = Words(
    language="pl",
    thousands_separator="\u00a0",  # spacja nierozdzielająca
    sources="Źródła",
    as_of="stan na {date}",
    more_sources="_…i jeszcze {count}_",
    unconfirmed="_źródło wtórne, sprawdź na oficjalnej stronie_",
    low_confidence=":warning: Niska pewność: sprawdź źródła, zanim się na tym oprzesz.",
    abstain_hint=":grey_question: Nie znalazłem tego w znanych mi źródłach.",
    live_figures_hint=(
        ":bar_chart: `/usage <projekt>` pokaże tutaj, ile wasz projekt zużył ze swojego "
        "przydziału i ile mu zostało, gdy raporty użycia zostaną skonfigurowane w tym "
        "workspace."
    ),
    quoted_in_english=(
        ":globe_with_meridians: Cytowane fragmenty i fakty są po angielsku, tak jak ich źródła."
    ),
    card_in_english=(":globe_with_meridians: Te informacje są po angielsku, tak jak ich źródła."),
    trimmed="_…skrócono, by zmieściło się w Slacku; zadaj węższe pytanie, by poznać resztę._",
    helpful=":thumbsup: Pomocne",
    not_helpful=":thumbsdown: Niepomocne",
    share="Udostępnij na kanale",
    shared_by="Udostępnione przez {user}",
    thanks_helpful="Dzięki! Cieszę się, że pomogło.",
    thanks_not_helpful=("Dzięki za informację. Opinia trafi do osób, które dbają o moje źródła."),
    feedback_gone="Nie mogę już znaleźć tej odpowiedzi, więc nie udało się zapisać opinii.",
    too_old_to_share="Ta odpowiedź jest zbyt stara, by ją udostępnić; uruchom polecenie ponownie.",
    working=":hourglass_flowing_sand: Sprawdzam…",
    mention_help="Zadaj mi pytanie po wzmiance, np. _@hpcbot które maszyny mają H100?_",
    too_long=(
        "To pytanie jest za długie (liczba znaków: {length}); czytam pytania o długości do "
        "{limit} znaków. Zadaj je ponownie, podając samo pytanie (przy błędzie wystarczy "
        "wiersz z opisem problemu zamiast całego logu)."
    ),
    hpc_usage=(
        "*hpcbot* odpowiada na pytania o dostęp do EuroHPC, o maszyny i ich kolejki.\n"
        "• `/hpc ask <pytanie>`: prywatna odpowiedź ze źródłami\n"
        "• `/hpc fit`: która ścieżka dostępu pasuje i o jaką liczbę godzin GPU wnioskować "
        "(formularz), z przypomnieniem o terminach tego naboru\n"
        "• `/hpc help`: ta pomoc\n"
        "• `/hpc subscribe deadlines [nabór] [--days 14,7,1]` lub "
        "`/hpc subscribe queue <maszyna> [daily|weekdays|weekly] [HH:MM] [strefa]` lub "
        "`/hpc subscribe usage <projekt>`: zaplanowane wiadomości i alerty o zużyciu na tym "
        "kanale; `/hpc subscriptions` je wyświetla, `/hpc unsubscribe <id>` wyłącza jedną\n"
        "• `/hpc notify [maszyna]`: twój adres URL, przez który zadania wsadowe napiszą do "
        "ciebie prywatnie przy starcie i na końcu (`/hpc notify revoke` go unieważnia)\n"
        "• `/queue <maszyna> [partycja]`: bieżący stan kolejki, np. `/queue lumi standard-g`\n"
        "• `/specs <maszyna>`: co oferuje maszyna, np. `/specs leonardo`\n"
        "• `/deadlines [nabór]`: najbliższe terminy naborów\n"
        "Możesz też oznaczyć mnie na kanale (odpowiem w wątku) albo napisać do mnie "
        "wiadomość prywatną."
    ),
    queue_usage=(
        "Użycie: `/queue <maszyna> [partycja]`, np. `/queue lumi` lub `/queue lumi standard-g`."
    ),
    specs_usage="Użycie: `/specs <maszyna>`, np. `/specs leonardo`.",
    known_machines="Znane maszyny: {names}.",
    unknown_subcommand="Nie znam polecenia `/hpc {word}`.",
    did_you_mean="Czy chodziło o `{suggestion}`?",
    deadlines_title="Najbliższe terminy EuroHPC",
    deadlines_title_for="Najbliższe terminy EuroHPC: {call}",
    queue_title="Kolejka {machine}",
    max_time="maks. {duration}",
    no_time_limit="bez limitu czasu",
    nodes="Węzły",
    gpus_free="Wolne GPU",
    cpus_free="Wolne CPU",
    jobs="Zadania",
    wait="Oczekiwanie",
    count_of_total="{count} z {total}",
    nodes_idle="wolne: {count}",
    nodes_mixed="częściowo zajęte: {count}",
    nodes_allocated="zajęte: {count}",
    nodes_drained="wycofane: {count}",
    nodes_down="niedostępne: {count}",
    gpus_free_of="wolne: {free} z {total}{kind}",
    jobs_running="uruchomione: {count}",
    jobs_pending="oczekujące: {count}",
    wait_longest="najdłuższe: {duration}",
    wait_median="mediana: {duration}",
    next_start="przewidywany następny start: {time}",
    more_partitions="…i inne partycje ({count}); zapytaj o jedną z nich po nazwie.",
    reservations="Rezerwacje",
    maintenance="konserwacja",
    reservation_nodes="węzły: {count}",
    weekdays="pon. wt. śr. czw. pt. sob. niedz.",
    days_unit="d",
    queue_source="Źródło: {source} · stan na {time} ({age} temu)",
)
