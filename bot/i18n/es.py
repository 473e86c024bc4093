"""Español (tú, como Slack)."""

from bot.i18n.words import Words

WORDS = Words(
    language="es",
    thousands_separator=".",
    sources="Fuentes",
    as_of="a fecha de {date}",
    more_sources="_…y {count} más_",
    unconfirmed="_fuente secundaria, confírmalo en la página oficial_",
    low_confidence=":warning: Confianza baja: comprueba las fuentes antes de fiarte de esto.",
    abstain_hint=":grey_question: No he encontrado esto en las fuentes que conozco.",
    live_figures_hint=(
        ":bar_chart: `/usage <proyecto>` muestra aquí lo que vuestro proyecto ha usado de su "
        "asignación y lo que le queda, una vez configurados los informes de uso en este "
        "espacio de trabajo."
    ),
    quoted_in_english=(
        ":globe_with_meridians: Los pasajes citados y los datos están en inglés, como sus fuentes."
    ),
    card_in_english=":globe_with_meridians: Estos detalles están en inglés, como sus fuentes.",
    trimmed="_…recortado para que quepa en Slack; haz una pregunta más concreta para el resto._",
    helpful=":thumbsup: Útil",
    not_helpful=":thumbsdown: No es útil",
    share="Compartir en el canal",
    shared_by="Compartido por {user}",
    thanks_helpful="¡Gracias! Me alegro de que te haya servido.",
    thanks_not_helpful=(
        "Gracias por decírmelo. Tu valoración llega a las personas que mantienen mis fuentes."
    ),
    feedback_gone="Ya no encuentro esa respuesta, así que no he podido registrar tu valoración.",
    too_old_to_share=(
        "Esa respuesta es demasiado antigua para compartirla; vuelve a ejecutar el comando."
    ),
    working=":hourglass_flowing_sand: Lo estoy mirando…",
    mention_help=(
        "Hazme una pregunta después de la mención, p. ej. _@hpcbot ¿qué máquinas tienen H100?_"
    ),
    too_long=(
        "Esa pregunta tiene {length} caracteres; leo preguntas de hasta {limit} caracteres. "
        "Vuelve a enviar solo la pregunta (si es un error, la línea que dice qué falló en "
        "lugar del registro completo)."
    ),
    hpc_usage=(
        "*hpcbot* responde a preguntas sobre el acceso a EuroHPC, las máquinas y sus colas.\n"
        "• `/hpc ask <pregunta>`: una respuesta privada, con sus fuentes\n"
        "• `/hpc fit`: qué vía de acceso encaja y cuántas horas de GPU pedir (un formulario), "
        "con un recordatorio de las fechas límite de esa convocatoria\n"
        "• `/hpc help`: esta ayuda\n"
        "• `/hpc subscribe deadlines [convocatoria] [--days 14,7,1]` o "
        "`/hpc subscribe queue <máquina> [daily|weekdays|weekly] [HH:MM] [zona]` o "
        "`/hpc subscribe usage <proyecto>`: publicaciones programadas y alertas de consumo en "
        "este canal; `/hpc subscriptions` las muestra, `/hpc unsubscribe <id>` detiene una\n"
        "• `/hpc notify [máquina]`: tu URL para que los trabajos por lotes te escriban por "
        "mensaje directo al empezar y al terminar (`/hpc notify revoke` la revoca)\n"
        "• `/queue <máquina> [partición]`: el estado de la cola en directo, p. ej. "
        "`/queue lumi standard-g`\n"
        "• `/specs <máquina>`: qué ofrece una máquina, p. ej. `/specs leonardo`\n"
        "• `/deadlines [convocatoria]`: las próximas fechas límite de las convocatorias\n"
        "También puedes mencionarme en un canal (respondo en un hilo) o enviarme un mensaje "
        "directo."
    ),
    queue_usage=(
        "Uso: `/queue <máquina> [partición]`, p. ej. `/queue lumi` o `/queue lumi standard-g`."
    ),
    specs_usage="Uso: `/specs <máquina>`, p. ej. `/specs leonardo`.",
    known_machines="Máquinas conocidas: {names}.",
    unknown_subcommand="No conozco `/hpc {word}`.",
    did_you_mean="¿Querías decir `{suggestion}`?",
    deadlines_title="Próximas fechas límite de EuroHPC",
    deadlines_title_for="Próximas fechas límite de EuroHPC: {call}",
    queue_title="Cola de {machine}",
    max_time="máx. {duration}",
    no_time_limit="sin límite de tiempo",
    nodes="Nodos",
    gpus_free="GPU libres",
    cpus_free="CPU libres",
    jobs="Trabajos",
    wait="Espera",
    count_of_total="{count} de {total}",
    nodes_idle="libres: {count}",
    nodes_mixed="parcialmente ocupados: {count}",
    nodes_allocated="ocupados: {count}",
    nodes_drained="drenados: {count}",
    nodes_down="caídos: {count}",
    gpus_free_of="libres: {free} de {total}{kind}",
    jobs_running="en ejecución: {count}",
    jobs_pending="pendientes: {count}",
    wait_longest="la más larga: {duration}",
    wait_median="mediana: {duration}",
    next_start="próximo inicio estimado: {time}",
    more_partitions="…y otras particiones ({count}); pide una por su nombre.",
    reservations="Reservas",
    maintenance="mantenimiento",
    reservation_nodes="nodos: {count}",
    weekdays="lun mar mié jue vie sáb dom",
    days_unit="d",
    queue_source="Fuente: {source} · a fecha de {time} (hace {age})",
)
