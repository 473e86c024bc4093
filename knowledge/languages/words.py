"""The assistant's own sentences in each language it answers in.

Only hpcbot's framing is translated: "I don't know", where to ask, the source line. Passages
quoted from documents and curated statements stay in English, as their sources wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    empty_question: str
    dont_know: str  # nothing reliable found
    no_record: str  # {label}: a call nobody knows
    not_given: str  # the facts on record about the subject do not give the value asked for
    partly_given: str  # {part}: the facts answer some of the question, not this part
    live_figures: str  # a live figure of the asker's project (hours left): where it is kept
    calls_known: str  # {calls}
    where_to_ask: str
    source: str
    sources: str
    as_of: str  # {day}
    confirm: str
    stale: str  # {day}, {days}


_WHERE = {
    "en": (
        "For EuroHPC access and calls, ask the EuroHPC access helpdesk through the access portal "
        "(https://access.eurohpc-ju.europa.eu/); for using a machine, ask its user support "
        "(LUMI: https://lumi-supercomputer.eu/user-support/need-help/)."
    ),
    "de": (
        "Zu EuroHPC-Zugang und Ausschreibungen hilft der EuroHPC-Access-Helpdesk über das "
        "Zugangsportal (https://access.eurohpc-ju.europa.eu/); zur Nutzung einer Maschine ihr "
        "User Support (LUMI: https://lumi-supercomputer.eu/user-support/need-help/)."
    ),
    "fr": (
        "Pour l'accès EuroHPC et les appels, adressez-vous au helpdesk d'accès EuroHPC via le "
        "portail (https://access.eurohpc-ju.europa.eu/) ; pour l'utilisation d'une machine, à "
        "son support utilisateurs (LUMI : https://lumi-supercomputer.eu/user-support/need-help/)."
    ),
    "it": (
        "Per l'accesso EuroHPC e i bandi, chiedi all'helpdesk di accesso EuroHPC tramite il "
        "portale (https://access.eurohpc-ju.europa.eu/); per l'uso di una macchina, al suo "
        "supporto utenti (LUMI: https://lumi-supercomputer.eu/user-support/need-help/)."
    ),
    "es": (
        "Para el acceso a EuroHPC y las convocatorias, consulta al helpdesk de acceso de EuroHPC "
        "en el portal (https://access.eurohpc-ju.europa.eu/); para usar una máquina, a su "
        "soporte de usuarios (LUMI: https://lumi-supercomputer.eu/user-support/need-help/)."
    ),
    "pl": (
        "W sprawie dostępu do EuroHPC i naborów pytaj helpdesk EuroHPC przez portal dostępu "
        "(https://access.eurohpc-ju.europa.eu/); w sprawie korzystania z maszyny jej wsparcie "
        "użytkowników (LUMI: https://lumi-supercomputer.eu/user-support/need-help/)."
    ),
}

WORDS: dict[str, Words] = {
    "en": Words(
        empty_question="Ask me a question about EuroHPC access, machines or how to use them.",
        dont_know="I don't know: I found nothing reliable about this in the documentation I have.",
        no_record="I don't know: I have no record of **{label}**, so I can't answer this.",
        not_given="I don't know: what I have on record about this does not give that value. It says:",
        partly_given='My sources do not answer this part: "{part}".',
        live_figures=(
            "I can't see live figures of your project, such as the hours left or the storage "
            "used: the site's accounting keeps them, not the sources I have. On LUMI, "
            "`lumi-allocations` shows what is left of your allocations and `lumi-quota` your "
            "storage; other sites have their own commands or portal."
        ),
        calls_known="Calls I know: {calls}.",
        where_to_ask=_WHERE["en"],
        source="Source: ",
        sources="Sources: ",
        as_of=", as of {day}",
        confirm="confirm on the official page",
        stale=(
            "Note: this was last checked on {day}, more than {days} days ago, so it may have "
            "changed; check the source."
        ),
    ),
    "de": Words(
        empty_question="Stell mir eine Frage zu EuroHPC-Zugang, Maschinen oder ihrer Nutzung.",
        dont_know=(
            "Das weiß ich nicht: In meiner Dokumentation habe ich dazu nichts Verlässliches "
            "gefunden."
        ),
        no_record=(
            "Das weiß ich nicht: Über **{label}** habe ich keine Angaben, daher kann ich das "
            "nicht beantworten."
        ),
        not_given="Das weiß ich nicht: Meine Angaben dazu nennen diesen Wert nicht. Sie besagen:",
        partly_given="Nicht alles davon steht in meinen Quellen; ein Teil der Frage bleibt offen.",
        live_figures=(
            "Aktuelle Zahlen eures Projekts, etwa die verbleibenden Stunden oder den belegten "
            "Speicher, sehe ich nicht: Sie stehen in der Abrechnung des Rechenzentrums, nicht in "
            "meinen Quellen. Auf LUMI zeigt `lumi-allocations` den Rest eurer Zuteilungen und "
            "`lumi-quota` euren Speicher; andere Zentren haben eigene Befehle oder Portale dafür."
        ),
        calls_known="Ausschreibungen, die ich kenne: {calls}.",
        where_to_ask=_WHERE["de"],
        source="Quelle: ",
        sources="Quellen: ",
        as_of=", Stand {day}",
        confirm="bitte auf der offiziellen Seite prüfen",
        stale=(
            "Hinweis: Zuletzt geprüft am {day}, vor mehr als {days} Tagen; es kann sich "
            "geändert haben, bitte die Quelle prüfen."
        ),
    ),
    "fr": Words(
        empty_question=(
            "Posez-moi une question sur l'accès EuroHPC, les machines ou leur utilisation."
        ),
        dont_know=(
            "Je ne sais pas : je n'ai rien trouvé de fiable à ce sujet dans ma documentation."
        ),
        no_record=(
            "Je ne sais pas : je n'ai aucune information sur **{label}**, je ne peux donc pas "
            "répondre."
        ),
        not_given="Je ne sais pas : ce que j'ai à ce sujet ne donne pas cette valeur. On y lit :",
        partly_given="Mes sources ne couvrent pas tout : une partie de la question reste sans réponse.",
        live_figures=(
            "Je ne vois pas les chiffres en direct de votre projet, comme les heures restantes ou "
            "le stockage utilisé : ils sont dans la comptabilité du centre, pas dans mes sources. "
            "Sur LUMI, `lumi-allocations` affiche le reste de vos allocations et `lumi-quota` "
            "votre stockage ; les autres centres ont leurs propres commandes ou portail."
        ),
        calls_known="Appels que je connais : {calls}.",
        where_to_ask=_WHERE["fr"],
        source="Source : ",
        sources="Sources : ",
        as_of=", à jour au {day}",
        confirm="à vérifier sur la page officielle",
        stale=(
            "Remarque : vérifié pour la dernière fois le {day}, il y a plus de {days} jours ; "
            "cela a pu changer, vérifiez la source."
        ),
    ),
    "it": Words(
        empty_question="Fammi una domanda sull'accesso EuroHPC, sulle macchine o sul loro uso.",
        dont_know=(
            "Non lo so: nella documentazione che ho non ho trovato nulla di affidabile su questo."
        ),
        no_record=("Non lo so: non ho informazioni su **{label}**, quindi non posso rispondere."),
        not_given="Non lo so: le informazioni che ho su questo non riportano quel valore. Dicono:",
        partly_given="Le mie fonti non coprono tutto: una parte della domanda resta senza risposta.",
        live_figures=(
            "Non vedo i dati aggiornati del vostro progetto, come le ore rimaste o lo spazio "
            "usato: li tiene la contabilità del centro, non le mie fonti. Su LUMI `lumi-allocations` "
            "mostra quanto resta delle vostre allocazioni e `lumi-quota` il vostro spazio; gli "
            "altri centri hanno propri comandi o un portale."
        ),
        calls_known="Bandi che conosco: {calls}.",
        where_to_ask=_WHERE["it"],
        source="Fonte: ",
        sources="Fonti: ",
        as_of=", aggiornato al {day}",
        confirm="da verificare sulla pagina ufficiale",
        stale=(
            "Nota: verificato l'ultima volta il {day}, più di {days} giorni fa; potrebbe essere "
            "cambiato, controlla la fonte."
        ),
    ),
    "es": Words(
        empty_question=(
            "Hazme una pregunta sobre el acceso a EuroHPC, las máquinas o cómo usarlas."
        ),
        dont_know=(
            "No lo sé: no he encontrado nada fiable sobre esto en la documentación que tengo."
        ),
        no_record="No lo sé: no tengo datos sobre **{label}**, así que no puedo responder.",
        not_given="No lo sé: lo que tengo sobre esto no da ese valor. Dice:",
        partly_given="Mis fuentes no lo cubren todo: una parte de la pregunta queda sin respuesta.",
        live_figures=(
            "No veo las cifras en vivo de vuestro proyecto, como las horas que quedan o el "
            "almacenamiento usado: las lleva la contabilidad del centro, no mis fuentes. En LUMI "
            "`lumi-allocations` muestra lo que queda de vuestras asignaciones y `lumi-quota` "
            "vuestro almacenamiento; los demás centros tienen sus propios comandos o portal."
        ),
        calls_known="Convocatorias que conozco: {calls}.",
        where_to_ask=_WHERE["es"],
        source="Fuente: ",
        sources="Fuentes: ",
        as_of=", a fecha de {day}",
        confirm="confírmalo en la página oficial",
        stale=(
            "Nota: se comprobó por última vez el {day}, hace más de {days} días; puede haber "
            "cambiado, consulta la fuente."
        ),
    ),
    "pl": Words(
        empty_question=(
            "Zadaj mi pytanie o dostęp do EuroHPC, maszyny lub sposób korzystania z nich."
        ),
        dont_know=(
            "Nie wiem: w dokumentacji, którą mam, nie znalazłem nic wiarygodnego na ten temat."
        ),
        no_record=("Nie wiem: nie mam informacji o **{label}**, więc nie mogę odpowiedzieć."),
        not_given="Nie wiem: informacje, które mam na ten temat, nie podają tej wartości. Mówią:",
        partly_given="Moje źródła nie obejmują wszystkiego: część pytania pozostaje bez odpowiedzi.",
        live_figures=(
            "Nie widzę bieżących danych waszego projektu, takich jak pozostałe godziny czy zajęte "
            "miejsce: prowadzi je rozliczanie ośrodka, a nie moje źródła. Na LUMI "
            "`lumi-allocations` pokazuje, ile zostało z waszych przydziałów, a `lumi-quota` "
            "zajęte miejsce; inne ośrodki mają własne polecenia lub portal."
        ),
        calls_known="Nabory, które znam: {calls}.",
        where_to_ask=_WHERE["pl"],
        source="Źródło: ",
        sources="Źródła: ",
        as_of=", stan na {day}",
        confirm="sprawdź na oficjalnej stronie",
        stale=(
            "Uwaga: ostatnio sprawdzone {day}, ponad {days} dni temu; mogło się zmienić, "
            "sprawdź źródło."
        ),
    ),
}


def words_for(language: str) -> Words:
    """The assistant's sentences in `language`, English for a language it does not speak."""
    return WORDS.get(language, WORDS["en"])
