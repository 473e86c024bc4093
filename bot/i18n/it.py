"""Italiano (tu, come Slack)."""

from bot.i18n.words import Words

WORDS = Words(
    language="it",
    thousands_separator=".",
    sources="Fonti",
    as_of="aggiornato al {date}",
    more_sources="_…e altre {count}_",
    unconfirmed="_fonte secondaria, verifica sulla pagina ufficiale_",
    low_confidence=(
        ":warning: Affidabilità bassa: controlla le fonti prima di basarti su questa risposta."
    ),
    abstain_hint=":grey_question: Non ho trovato questa informazione nelle fonti che conosco.",
    live_figures_hint=(
        ":bar_chart: `/usage <progetto>` mostra qui quanto il vostro progetto ha usato della "
        "sua allocazione e quanto resta, una volta configurati i report di utilizzo per "
        "questo workspace."
    ),
    quoted_in_english=(
        ":globe_with_meridians: I passaggi citati e i fatti sono in inglese, come le loro fonti."
    ),
    card_in_english=(":globe_with_meridians: Questi dettagli sono in inglese, come le loro fonti."),
    trimmed="_…accorciato per stare in Slack; fai una domanda più precisa per il resto._",
    helpful=":thumbsup: Utile",
    not_helpful=":thumbsdown: Non utile",
    share="Condividi nel canale",
    shared_by="Condiviso da {user}",
    thanks_helpful="Grazie! Sono contento che ti sia stato utile.",
    thanks_not_helpful=(
        "Grazie per avermelo detto. Il feedback arriva alle persone che curano le mie fonti."
    ),
    feedback_gone=("Non trovo più quella risposta, quindi non ho potuto registrare il feedback."),
    too_old_to_share=(
        "Questa risposta è troppo vecchia per essere condivisa; esegui di nuovo il comando."
    ),
    working=":hourglass_flowing_sand: Ci sto guardando…",
    mention_help=(
        "Fammi una domanda dopo la menzione, ad es. _@hpcbot quali macchine hanno le H100?_"
    ),
    too_long=(
        "Questa domanda è lunga {length} caratteri; leggo domande fino a {limit} caratteri. "
        "Riscrivi solo la domanda (per un errore, la riga che dice cosa è andato storto "
        "invece dell'intero log)."
    ),
    hpc_usage=(
        "*hpcbot* risponde a domande sull'accesso a EuroHPC, sulle macchine e sulle loro "
        "code.\n"
        "• `/hpc ask <domanda>`: una risposta privata, con le fonti\n"
        "• `/hpc fit`: quale via di accesso fa per te e quante ore GPU chiedere (un modulo), "
        "con un promemoria delle scadenze di quel bando\n"
        "• `/hpc help`: questo aiuto\n"
        "• `/hpc subscribe deadlines [bando] [--days 14,7,1]` o "
        "`/hpc subscribe queue <macchina> [daily|weekdays|weekly] [HH:MM] [fuso]` o "
        "`/hpc subscribe usage <progetto>`: messaggi programmati e avvisi sui consumi in "
        "questo canale; `/hpc subscriptions` li elenca, `/hpc unsubscribe <id>` ne ferma uno\n"
        "• `/hpc notify [macchina]`: il tuo URL con cui i job batch ti scrivono in privato "
        "all'avvio e alla fine (`/hpc notify revoke` lo revoca)\n"
        "• `/queue <macchina> [partizione]`: lo stato della coda in tempo reale, ad es. "
        "`/queue lumi standard-g`\n"
        "• `/specs <macchina>`: cosa offre una macchina, ad es. `/specs leonardo`\n"
        "• `/deadlines [bando]`: le prossime scadenze dei bandi\n"
        "Oppure menzionami in un canale (rispondo in un thread) o scrivimi in privato."
    ),
    queue_usage=(
        "Uso: `/queue <macchina> [partizione]`, ad es. `/queue lumi` o `/queue lumi standard-g`."
    ),
    specs_usage="Uso: `/specs <macchina>`, ad es. `/specs leonardo`.",
    known_machines="Macchine conosciute: {names}.",
    unknown_subcommand="Non conosco `/hpc {word}`.",
    did_you_mean="Forse intendevi `{suggestion}`?",
    deadlines_title="Prossime scadenze EuroHPC",
    deadlines_title_for="Prossime scadenze EuroHPC: {call}",
    queue_title="Coda di {machine}",
    max_time="max {duration}",
    no_time_limit="nessun limite di tempo",
    nodes="Nodi",
    gpus_free="GPU libere",
    cpus_free="CPU libere",
    jobs="Job",
    wait="Attesa",
    count_of_total="{count} su {total}",
    nodes_idle="liberi: {count}",
    nodes_mixed="parzialmente occupati: {count}",
    nodes_allocated="occupati: {count}",
    nodes_drained="in drain: {count}",
    nodes_down="fuori servizio: {count}",
    gpus_free_of="libere: {free} su {total}{kind}",
    jobs_running="in esecuzione: {count}",
    jobs_pending="in attesa: {count}",
    wait_longest="la più lunga: {duration}",
    wait_median="mediana: {duration}",
    next_start="prossimo avvio stimato: {time}",
    more_partitions="…e altre partizioni ({count}); chiedine una per nome.",
    reservations="Prenotazioni",
    maintenance="manutenzione",
    reservation_nodes="nodi: {count}",
    weekdays="lun mar mer gio ven sab dom",
    days_unit="g",
    queue_source="Fonte: {source} · aggiornato al {time} ({age} fa)",
)
