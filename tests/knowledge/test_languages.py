"""Questions in other languages: detection, and English search words by glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

import knowledge
from knowledge.catalog.catalog import load_catalog
from knowledge.catalog.mentions import NameTable
from knowledge.languages import SUPPORTED, Languages, words_for
from knowledge.languages.detect import detect
from knowledge.languages.glossary import _STEMMERS, glossary, is_technical, parse, words
from knowledge.languages.stems import snowball
from knowledge.languages.words import WORDS
from knowledge.lexical import LexicalIndex

GERMAN = parse(
    "de",
    "wie viel\thow much\n"
    "Arbeitsspeicher\tmemory\n"
    "Knoten\tnode\n"
    "hat\t-\n"
    "ein\t-\n"
    "in\t-\n"
    "der\t-\n"
    "auf\ton\n",
)
FRENCH = parse("fr", "accès\taccess\nde\t-\ncomment\thow\nobtenir\tget\nle\t-\n")
KNOWN = {"partition", "container"}


def known(word: str) -> bool:
    return word in KNOWN


def test_glossary_phrases_and_words_become_english_and_function_words_vanish() -> None:
    question = "Wie viel Arbeitsspeicher hat ein Knoten?"
    assert GERMAN.translate(question, known) == "how much memory node"


def test_inflected_forms_match_by_stem() -> None:
    assert GERMAN.translate("Knotens", known) == "node"


def test_technical_tokens_are_kept_as_written() -> None:
    question = "Wie viel Arbeitsspeicher hat ein Knoten in der small-g mit --mem=0 und PyTorch?"
    assert GERMAN.translate(question, known) == "how much memory node small-g --mem=0 PyTorch"


def test_words_the_documents_know_are_kept_and_other_words_dropped() -> None:
    assert GERMAN.translate("Partition Knoten irgendwie", known) == "Partition node"


def test_plus_signs_stay_in_the_word_they_end_or_join() -> None:
    # C++ is no letter C, and the "-12" of g++-12 no option.
    assert words("Ile GPU ma Discoverer+ i kod w C++17 z g++-12?") == [
        "Ile",
        "GPU",
        "ma",
        "Discoverer+",
        "i",
        "kod",
        "w",
        "C++17",
        "z",
        "g++-12",
    ]


def test_elided_articles_are_words_of_their_own() -> None:
    assert words("l'accès dell’account") == ["l'", "accès", "dell'", "account"]
    assert FRENCH.translate("Comment obtenir l'accès ?", known) == "how get access"


def test_european_number_formats_become_english_ones() -> None:
    assert GERMAN.translate("200.000 Knoten", known) == "200,000 node"
    assert GERMAN.translate("200 000 Knoten", known) == "200,000 node"
    assert GERMAN.translate("1,5 Knoten", known) == "1.5 node"


def test_a_compound_of_known_parts_is_split_into_english_words() -> None:
    assert GERMAN.translate("Knoten-Partition small-g", known) == "node Partition small-g"


def test_a_name_with_a_one_letter_variant_mark_is_kept_whole() -> None:
    # The documents know "long" and "g" as words, never "long-g": it is an unknown partition's
    # name, which a question must keep to be declined.
    words_known = {"long", "g", "partition"}.__contains__
    assert GERMAN.translate("der long-g Partition", words_known) == "long-g Partition"


def test_a_word_the_glossary_reads_as_itself_keeps_its_capital() -> None:
    # "Voucher" reads as "voucher" (by the stem of "vouchera"); its capital shows it belongs to
    # a name ("Start-up GPU Voucher"), which a lower-case word would hide.
    polish = parse("pl", "vouchera\tvoucher\nbon\tvoucher\n")
    assert polish.translate("GPU Voucher", lambda word: word == "gpu") == "GPU Voucher"
    assert polish.translate("bon", lambda word: False) == "voucher"


COMPOUNDS = parse("de", "Daten\tdata\nOrdner\tdirectory\nArbeit\twork\nZeit\ttime\nwie\thow\n")


def test_a_closed_german_compound_is_read_part_by_part() -> None:
    assert COMPOUNDS.translate("Datenordner", known) == "data directory"


def test_a_compound_part_may_be_a_word_the_documents_know() -> None:
    assert COMPOUNDS.translate("Datenpartition", known) == "data partition"


def test_compound_parts_may_be_joined_by_a_linking_s() -> None:
    assert COMPOUNDS.translate("Arbeitszeit", known) == "work time"


SEPARABLE = parse(
    "de",
    "wie\thow\nwann\twhen\nich\t-\nein\t-\nunser\t-\nSkript\tscript\naus\tfrom\n"
    "führen\tlead\nausführen\trun\nablaufen\texpire\nProjekt\tproject\n"
    "Einrichtung\torganisation\neinrichten\tinstall\n",
)


def test_a_word_typed_without_its_diacritics_is_found() -> None:
    polish = parse("pl", "ile\thow many\npamięci\tmemory\nma\t-\nwęzeł\tnode\n")
    assert polish.translate("ile pamieci ma wezel", known) == "how many memory node"


def test_german_umlauts_may_be_typed_as_ae_oe_ue_or_without_dots() -> None:
    german = parse("de", "nach\tafter\nnächste\tnext\nFrist\tdeadline\ndie\t-\n")
    # "naechste" stems like "nach": the spelling is looked up before any stem.
    assert german.translate("die naechste Frist", known) == "next deadline"
    assert german.translate("die nachste Frist", known) == "next deadline"


def test_a_german_verb_is_joined_again_with_the_particle_it_left_at_the_end() -> None:
    assert SEPARABLE.translate("Wie führe ich ein Skript aus?", known) == "how run script"


def test_a_separable_verb_is_found_also_after_a_vowel_change_and_a_persons_ending() -> None:
    assert SEPARABLE.translate("Wann läuft unser Projekt ab?", known) == "when expire project"


def test_a_verb_that_failed_is_joined_again_with_its_particle_fehl() -> None:
    german = parse("de", "warum\twhy\nschlagen\thit\nfehlschlagen\tfail\nmein\t-\nJob\tjob\n")
    assert german.translate("Warum schlägt mein Job fehl?", known) == "why fail job"


@pytest.mark.parametrize(
    ("question", "english"),
    [
        ("Warum bricht mein Job ab?", "why cancel job"),
        ("Was gibt das Skript aus?", "what display script"),
        ("Wie sieht das Skript aus?", "how look like script"),
    ],
)
def test_a_verb_whose_vowel_changed_is_joined_again_with_its_particle(
    question: str, english: str
) -> None:
    german = parse(
        "de",
        "warum\twhy\nwas\twhat\nwie\thow\nabbrechen\tcancel\nausgeben\tdisplay\n"
        "aussehen\tlook like\nmein\t-\nJob\tjob\nSkript\tscript\ndas\t-\n",
    )
    assert german.translate(question, known) == english


def test_a_verb_that_keeps_its_vowel_is_not_read_as_a_strong_verb() -> None:
    # vorliegen (be there) is not vorlegen (submit), though "liegt" is "legt" with an "i".
    german = parse("de", "vorlegen\tsubmit\nBericht\treport\nder\t-\n")
    assert "submit" not in german.translate("Liegt der Bericht vor?", known)


def test_a_particle_is_not_joined_to_a_pronoun_or_noun_into_another_word() -> None:
    german = parse("de", "warum\twhy\nschlug\tfail\nFehler\terror\ner\t-\nfehl\t-\n")
    # "fehl" + "er" spells Fehler; the clause's verb is "schlug".
    assert german.translate("Warum schlug er fehl?", known) == "why fail"


def test_an_abbreviation_the_glossary_lists_is_this_languages_even_when_the_documents_use_it() -> (
    None
):
    italian = parse("it", "industria\tindustry\nPMI\tSME\ne\t-\nai\tto\n")
    assert italian.translate("industria e PMI", {"pmi"}.__contains__) == "industry SME"
    # A word listed in lower case is no abbreviation: "AI" in a name stays a name's part.
    assert italian.translate("PMI e AI Factories", {"pmi", "ai"}.__contains__) == "SME AI Factories"


def test_a_plural_verb_is_joined_again_with_its_particle() -> None:
    assert SEPARABLE.translate("Wie führen wir ein Skript aus?", known) == "how run script"


def test_a_joined_verb_is_read_as_the_verb_not_a_noun_of_the_same_stem() -> None:
    assert SEPARABLE.translate("Wie richte ich ein Skript ein?", known) == "how install script"


def test_a_particle_that_ends_no_clause_stays_a_preposition() -> None:
    assert SEPARABLE.translate("Ich führe aus Skript, wie?", known) == "lead from script how"


def test_a_word_that_does_not_split_into_known_parts_is_dropped() -> None:
    # "wie" is a question word, not a part of a noun; "Ticket" is unknown.
    assert COMPOUNDS.translate("Wieordner Datenticket", known) == ""


def test_an_unknown_capitalized_word_of_a_name_is_kept_so_the_name_can_be_declined() -> None:
    assert (
        FRENCH.translate("Comment obtenir le Quantum Gaming ?", known) == "how get Quantum Gaming"
    )


def test_a_capitalized_known_word_is_a_name_not_a_look_alike() -> None:
    polish = parse("pl", "scale\tcombine\njak\thow\n")
    assert (
        polish.translate("Jak Large Scale", lambda w: w in {"large", "scale"}) == "how Large Scale"
    )


def test_german_nouns_alone_are_not_taken_for_names() -> None:
    assert GERMAN.translate("Knoten irgendwie Zugticket", known) == "node"


def test_the_first_word_of_a_later_sentence_is_not_taken_for_a_name() -> None:
    french = parse("fr", "comment\thow\nobtenir\tget\naccès\taccess\nquel\twhich\n")
    question = "Comment obtenir accès. Quel mode ?"
    # "quel" is also a word of the English documents (a name would be kept as written).
    assert french.translate(question, {"quel", "mode"}.__contains__) == "how get access which mode"


def test_a_borrowed_english_word_is_found_under_the_languages_own_ending() -> None:
    polish = parse("pl", "jak\thow\n")
    assert (
        polish.translate("Jak interconnectu", {"interconnect"}.__contains__) == "how interconnect"
    )


def test_a_capitalized_borrowed_word_with_an_ending_is_the_word_not_a_name() -> None:
    polish = parse("pl", "czy\t-\nmogę\tcan\nuruchomić\trun\nkontener\tcontainer\n")
    assert (
        polish.translate("Czy mogę uruchomić kontener Dockera", {"docker"}.__contains__)
        == "can run container docker"
    )


@pytest.mark.parametrize(
    ("words", "english"),
    [
        # The -a of Julia, Conda and NVIDIA gives way to the case ending, typed with or
        # without its diacritic.
        ("uruchomić Julię", "run julia"),
        ("uruchomić Julie", "run julia"),
        ("w środowisku Condy", "environment conda"),
        ("GPU nvidii", "GPU nvidia"),
        ("z Julią", "julia"),
        # A locative changes the last consonant: ImageNet, w ImageNecie; software, w softwarze
        # (not the "softwar" that `known` takes for its base). Restored, "w kodzie" is Polish
        # "kod", which the documents do not write: left out.
        ("w ImageNecie", "imagenet"),
        ("w softwarze", "software"),
        ("w kodzie", ""),
    ],
)
def test_a_polish_case_ending_may_stand_in_for_the_words_last_letters(
    words: str, english: str
) -> None:
    polish = parse("pl", "uruchomić\trun\nw\t-\nśrodowisku\tenvironment\n")
    names = LexicalIndex(["julia conda nvidia imagenet software"])
    assert polish.translate(words, names.known) == english


def test_a_name_written_with_inner_capitals_and_a_case_ending_is_the_name() -> None:
    polish = parse("pl", "z\t-\nprofilera\tprofiler\n")
    assert polish.translate("z profilera PyTorcha", {"pytorch"}.__contains__) == "profiler pytorch"


def test_an_english_word_is_not_read_as_a_look_alike_of_a_listed_stem() -> None:
    # Italian "pagare" (pay) stems like "page"; the documents write "page".
    italian = parse("it", "pagare\tpay\ncome\thow\nle\t-\n")
    assert italian.translate("come le huge page", {"huge", "page"}.__contains__) == (
        "how huge page"
    )


def test_a_form_the_glossary_lists_is_read_in_its_language_even_if_english_uses_it() -> None:
    italian = parse("it", "data\tdate\n")
    assert italian.translate("data", {"data"}.__contains__) == "date"


def test_a_hyphenated_compound_may_end_in_a_closed_compound() -> None:
    german = parse("de", "Schlüssel\tkey\nTyp\ttype\n")
    assert german.translate("SSH-Schlüsseltypen", {"ssh"}.__contains__) == "SSH key type"


def test_a_hyphenated_compound_may_hold_an_english_name_with_its_inner_words() -> None:
    german = parse("de", "Antrag\tproposal\n")
    known, names = {"ai", "science"}.__contains__, frozenset({"AI for Science"})
    assert german.translate("AI-for-Science-Antrag", known, names) == "AI for Science proposal"


def test_a_hyphenated_compound_does_not_start_with_a_function_word() -> None:
    german = parse("de", "Antrag\tproposal\n")
    assert german.translate("for-Science-Antrag", {"science"}.__contains__) == "for-Science-Antrag"


def test_a_word_that_only_starts_like_an_english_one_is_not_borrowed() -> None:
    assert FRENCH.translate("Comment directeur", {"direct"}.__contains__) == "how"


@pytest.mark.parametrize("word", ["small-g", "--mem=0", "trace.json", "PyTorch", "vLLM", "GPU"])
def test_technical_words(word: str) -> None:
    assert is_technical(word)


@pytest.mark.parametrize("word", ["Knoten", "mémoire", "nodo"])
def test_plain_words_are_not_technical(word: str) -> None:
    assert not is_technical(word)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("How much memory does a LUMI-G node have?", "en"),
        ("Wie viel Speicher hat ein Knoten auf LUMI?", "de"),
        ("Combien de mémoire a un nœud sur LUMI ?", "fr"),
        ("Quanta memoria ha un nodo su LUMI?", "it"),
        ("¿Cuánta memoria tiene un nodo en LUMI?", "es"),
        ("Ile pamięci ma węzeł na LUMI?", "pl"),
        ("sbatch --gres=gpu:8 small-g", "en"),
        # English words a Polish stemmer would cut down to Polish ones ("one" -> "on").
        (
            "My workflow runs one srun per input file. Is there a limit on how many job steps one job may start?",
            "en",
        ),
        ("Quante ore GPU possiamo ottenere con AI Factories Fast Lane?", "it"),
        # Italian "come" (how), though French "venir" reads as English "come".
        ("Come vengono contabilizzati i job GPU su standard-g?", "it"),
        # Polish typed without diacritics ("sie" for "się"); "AI" and "EU" are no French "ai"
        # (have) and "eu" (had).
        ("jak nazywal sie call EuroHPC na dostep do AI, zanim pojawil sie AI for Science?", "pl"),
        # "doesn't" splits into "doesn" and "t", and a lone "t" is French ("y a-t-il").
        ("Doesn't Docker work on LUMI?", "en"),
        ("singularity container can't", "en"),
        # Typed all in capitals: every word looks like an acronym.
        ("WIE VIEL SPEICHER HAT EIN KNOTEN AUF LUMI?", "de"),
        # Two or three words, none of them English: each counts half a point.
        ("najmniejsza partycja", "pl"),
        ("Passwort vergessen", "de"),
        ("espace disque plein", "fr"),
        # Short and English: the English words outweigh whatever a stemmer finds abroad.
        ("partition limits", "en"),
        ("my venv", "en"),
        ("job stuck pending", "en"),
        # One word, or English plurals and -ing forms a foreign stemmer cuts to its own stems.
        ("segfaults", "en"),
        ("walltime limits", "en"),
        ("pinning threads", "en"),
        # A quoted error message is in the language it was printed in, not the asker's.
        ('was bedeutet der fehler "slurmstepd: error: Exceeded job memory limit"?', "de"),
        ("que veut dire « Invalid account or account/partition combination » ?", "fr"),
        ('what does "Speicherplatz" mean?', "en"),
        # Nothing but the quotation: its language is all there is to go by.
        ('"Exceeded job memory limit"', "en"),
        # Too few words besides the quotation to tell ("was" is English too): the whole.
        ('Was bedeutet "Zeitlimit überschritten"?', "de"),
    ],
)
def test_the_language_of_a_question_is_detected(question: str, language: str) -> None:
    assert detect(question, SUPPORTED) == language


def test_only_enabled_languages_are_detected() -> None:
    assert detect("Wie viel Speicher hat ein Knoten auf LUMI?", ("en", "fr")) == "en"


def test_a_size_unit_after_its_number_is_the_language_s_word_not_a_name() -> None:
    # "Go" is also an English word the documents use, and capitalised it would read as a name.
    sizes = parse("fr", "Go\tGB\nde\t-\nmémoire\tmemory\n")
    assert sizes.translate("il faut 128 Go de mémoire", lambda word: word == "go") == (
        "128 GB memory"
    )


def test_an_english_question_is_searched_as_asked() -> None:
    asked = Languages().read("How much memory does a node have?", known)
    assert (asked.language, asked.english) == ("en", "How much memory does a node have?")


def test_a_german_question_is_searched_in_english_words() -> None:
    asked = Languages().read("Wie viel Arbeitsspeicher hat ein Knoten?", known)
    assert asked.language == "de"
    assert {"memory", "node"} <= set(asked.english.split())


def test_a_quoted_english_error_message_is_searched_as_written() -> None:
    # Read as German, "slurmstepd" would split into a compound and French "or" would drop.
    asked = Languages().read(
        'was bedeutet der fehler "slurmstepd: error: Exceeded job limit"?', known
    )
    assert asked.language == "de"
    assert asked.english.endswith(" slurmstepd: error: Exceeded job limit")


def test_a_german_verb_finds_its_particle_after_a_quoted_message() -> None:
    asked = Languages().read('Warum bricht mein Job mit "Exceeded job memory limit" ab?', known)
    assert asked.english == "why cancel job with Exceeded job memory limit"


def test_a_quotation_not_clearly_english_is_read_as_the_question() -> None:
    asked = Languages().read("mon job affiche « job annulé », pourquoi ?", known)
    assert "cancel" in asked.english.split()


def test_a_quoted_word_is_read_in_the_question_s_language() -> None:
    asked = Languages().read("was ist mit „Arbeitsspeicher“ gemeint?", known)
    assert "memory" in asked.english.split()


def test_an_unknown_language_code_is_refused() -> None:
    with pytest.raises(ValueError, match="does not read xx"):
        Languages(["en", "xx"])


@pytest.mark.parametrize("language", [code for code in SUPPORTED if code != "en"])
def test_every_bundled_glossary_loads_with_function_words(language: str) -> None:
    loaded = glossary(language)
    assert len(loaded.entries) > 1000
    assert len(loaded.function_words) > 50


@pytest.mark.parametrize(
    ("language", "words", "english"),
    [
        ("de", "die AI Factory in Athen", "AI Factory Athens"),
        ("fr", "à Athènes", "Athens"),
        ("it", "ad Atene", "Athens"),
        ("es", "en Atenas", "Athens"),
        ("pl", "w Atenach", "Athens"),
        ("pl", "w Bolonii", "Bologna"),
        ("it", "a Barcellona", "Barcelona"),
    ],
)
def test_capitals_and_site_cities_are_read_as_their_english_names(
    language: str, words: str, english: str
) -> None:
    # The catalogue knows the Greek AI Factory by "Athens", which no other language writes.
    assert glossary(language).translate(words, lambda word: False) == english


@pytest.mark.parametrize(
    ("language", "words", "english"),
    [
        ("pl", "z Litwy", "Lithuania"),
        ("pl", "w Wielkiej Brytanii", "United Kingdom"),
        ("de", "Team in Kanada", "team Canada"),
        ("de", "ein litauisches Start-up", "Lithuanian Start-up"),
        ("es", "en Estados Unidos", "United States"),
        ("fr", "une PME belge", "SME Belgian"),
        ("it", "in Svizzera", "Switzerland"),
    ],
)
def test_countries_and_their_adjectives_are_read_in_every_case(
    language: str, words: str, english: str
) -> None:
    assert glossary(language).translate(words, lambda word: False) == english


@pytest.mark.parametrize(
    ("language", "words", "english"),
    [
        # Not the English words their stems look like ("well", "restore").
        ("de", "nach der dritten Welle", "after third wave"),
        ("es", "un buen restaurante", "good restaurant"),
        # The documents' word: "key types", not "kinds".
        ("fr", "quels types de clés SSH", "what type SSH key"),
        ("pl", "jakie typy kluczy SSH", "what type SSH key"),
        ("de", "welche Schlüsseltypen", "which key type"),
        # Spanish "tipo" before an example is "like", no type.
        ("es", "para la mayoría de las apps, tipo Jupyter", "for most Jupyter"),
        # "IA", "KI", "SI" are what the documents call AI (the LUMI AI Guide), and Hugging Face
        # is one word there (huggingface, HF_HOME): two words none of them use would weigh
        # as much of the question as cannot be answered.
        ("es", "la guía de IA de LUMI", "guide AI LUMI"),
        ("es", "la caché de huggingface", "cache huggingface"),
        # An adjective is read as the English adjective, a comparative as a comparative: the
        # pages' "a minimal python container with a much newer version of python".
        ("de", "auf einem minimalen Container mit neuerem Python", "minimal Container with newer"),
        ("fr", "un container minimal", "container minimal"),
        ("pl", "minimalny kontener z nowszym systemem", "minimal container newer system"),
        # A container's or an image's base, not "basic", nor French "bas" (low), its stem.
        ("de", "mit neuerem Python als Basis", "with newer base"),
        ("fr", "avec un python récent comme base", "with new base"),
        (
            "it",
            "immagine basata su Ubuntu, in base alla partizione",
            "image based Ubuntu according to partition",
        ),
        # Polish "ile" of money is how much, not how many GPU-hours.
        ("pl", "Ile za GPU-godzinę płaci duża firma?", "how much per GPU hour pay enterprise"),
        ("pl", "Ile płacimy za godzinę GPU?", "how much pay per hour GPU"),
    ],
)
def test_words_are_read_as_what_they_mean_in_the_documents(
    language: str, words: str, english: str
) -> None:
    assert glossary(language).translate(words, known) == english


@pytest.mark.parametrize(
    ("language", "question", "english"),
    [
        (
            "de",
            "das Modul soll auftauchen, egal welche Stack-Version geladen ist. wohin damit?",
            "module should appear no matter which Stack-Version load where",
        ),
        (
            "fr",
            "le module doit apparaître quelle que soit la version de la stack. je l'installe où ?",
            "module must appear no matter which version install where",
        ),
        (
            "it",
            "il modulo deve comparire, non importa quale versione dello stack. dove lo installo?",
            "module must appear no matter which version where install",
        ),
        (
            "es",
            "el módulo debe aparecer sin importar qué versión del stack. ¿dónde lo instalo?",
            "module must appear no matter what version where install",
        ),
        (
            "pl",
            "moduł ma być widoczny, nieważne jaka wersja stacku. gdzie go zainstalować?",
            "module visible no matter which version where install",
        ),
    ],
)
def test_a_concessive_clause_is_read_as_one(language: str, question: str, english: str) -> None:
    # Read word by word, "welche Version" alone would ask which version: "no matter which
    # stack version ..., where do I install it?" asks for a place (see asked_part).
    assert glossary(language).translate(question, known) == english


@pytest.mark.parametrize(
    ("language", "question", "english"),
    [
        ("es", "¿Por qué Python no importa el módulo numpy?", "why Python not import module"),
        ("it", "perché il mio script non importa numpy?", "why not import"),
        ("de", "Ist LUMI-G das Gleiche wie LUMI-C?", "LUMI-G same how LUMI-C"),
    ],
)
def test_words_of_a_concessive_phrase_without_its_question_word_keep_their_sense(
    language: str, question: str, english: str
) -> None:
    assert glossary(language).translate(question, known) == english


def test_lines_after_forms_only_match_as_written_never_by_stem() -> None:
    italian = parse("it", "nodo\tnode\n#! forms only\ncoreano\tKorean\n")
    # "core" stems like "coreano"; the documents know it, so it stays English.
    assert italian.translate("core coreano nodo", {"core"}.__contains__) == "core Korean node"


def test_the_bundled_country_lists_do_not_catch_other_words() -> None:
    assert glossary("it").translate("64 core per nodo", {"core"}.__contains__) == "64 core per node"


def test_a_name_of_several_words_stays_as_written_not_read_as_this_language() -> None:
    # German "and" would read as "ander" (other), Polish "Scale" as "scalić" (combine).
    names = frozenset({"AI for Science and Collaborative EU Projects", "Large Scale"})
    assert (
        glossary("de").translate(
            "Wann ist der Cut-off von AI for Science and Collaborative EU Projects?", known, names
        )
        == "when Cut-off AI for Science and Collaborative EU Projects"
    )
    assert (
        glossary("pl").translate("Kiedy jest termin Large Scale?", known, names)
        == "when deadline Large Scale"
    )


@pytest.mark.parametrize(
    ("words", "english"),
    [
        ("Która AI Factory jest w Cyfronecie?", "which AI Factory Cyfronet"),
        ("host do logowania na Leonardzie", "login Leonardo"),
    ],
)
def test_a_one_word_name_with_a_case_ending_is_read_as_the_name(words: str, english: str) -> None:
    names = frozenset({"Cyfronet", "Leonardo", "AI Factory"})
    assert glossary("pl").translate(words, known, names) == english


@pytest.mark.parametrize(
    ("language", "question", "english"),
    [
        ("it", "Qual è il numero di telefono del direttore?", "which number phone director"),
        ("pl", "Jaki jest numer telefonu dyrektora?", "which number phone director"),
        ("de", "Kennt ihr ein gutes Restaurant?", "know good restaurant"),
        # "Ranków" is MPI ranks, though its stem is also that of "rankiem" (in the morning).
        ("pl", "Ile ranków ma wystartować?", "how many rank start"),
        ("pl", "Po jakim czasie?", "after how long"),
        # How long something may last, asked as "how much can it last".
        ("es", "¿Cuánto puede durar el estudio?", "how long can last study"),
        ("pl", "Ile może trwać projekt?", "how long can last project"),
        # A "bureau" is an office; only a "bureau virtuel" or "à distance" is a desktop.
        ("fr", "Le NAS du bureau", "NAS office"),
        ("fr", "Un bureau distant sur Leonardo", "remote desktop Leonardo"),
        # Comparatives of two words: "más nuevo" is newer, not more new.
        ("es", "Un Python más nuevo", "Python newer"),
        ("it", "Un Python più nuovo", "Python newer"),
        # Part of a node is part, not a start ("partir de").
        ("es", "¿Puedo usar solo parte de un nodo?", "can use part node"),
        ("it", "Cosa scrivo in fondo allo script?", "what write end"),
        # "Deps" are dependencies, in every language; French had read them as dépasser, exceed.
        ("fr", "Construire les deps manquantes", "build dependencies missing"),
        ("pl", "Zbudować brakujące depsy", "build missing dependencies"),
        # "In fondo" alone is "after all"; "in fondo alla pagina" is the page's end.
        ("it", "In fondo, quanto costa?", "how much cost"),
        # A "limite rigido" is a quota's hard limit, not a strict one.
        ("it", "Qual è il limite rigido?", "which hard limit"),
        # Chat words with no search value vanish rather than become English words no document
        # uses ("stuff", "hurry", "constantly"), which would count against every passage.
        ("it", "Ho fretta: metto la roba dietro il nodo appena posso", "node can"),
        ("pl", "Job ciągle pada", "Job crash"),
        # "Parto" and "pars" are where one starts from, not a part.
        ("it", "Da quale variante parto?", "which variant start"),
        ("fr", "Je pars de quelle variante ?", "start from which variant"),
        ("es", "¿De cuál variante parto?", "which variant start"),
    ],
)
def test_everyday_and_chat_words_are_read_as_what_they_mean(
    language: str, question: str, english: str
) -> None:
    assert glossary(language).translate(question, known) == english


def test_a_one_word_name_stays_as_written_only_when_capitalised() -> None:
    italian, names = glossary("it"), frozenset({"Riga"})
    assert italian.translate("una start-up a Riga", known, names).endswith("Riga")
    assert italian.translate("la prima riga", known, names) == "first line"


def test_italian_prima_is_first_and_prima_di_before() -> None:
    italian = glossary("it")
    assert italian.translate("la prima scadenza", known) == "first deadline"
    assert italian.translate("prima di pagare", known).startswith("before")


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("es", "¿Cuánto se tarda en tener acceso?"),
        ("it", "Quanto ci vuole per avere l'accesso?"),
        ("pl", "Ile się czeka na dostęp?"),
    ],
)
def test_how_long_it_takes_is_asked_as_how_long(language: str, question: str) -> None:
    assert glossary(language).translate(question, known).startswith("how long")


@pytest.mark.parametrize("language", [code for code in SUPPORTED if code != "en"])
def test_glossaries_are_stemmed_by_the_c_snowball_stemmers(language: str) -> None:
    # PyStemmer gives the same stems as the pure-Python ones, five times faster at start.
    assert type(snowball(_STEMMERS[language])).__module__ == "Stemmer"


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_language_has_the_assistants_sentences_with_the_same_placeholders(
    language: str,
) -> None:
    english, translated = WORDS["en"], words_for(language)
    for field in english.__dataclass_fields__:
        source, target = getattr(english, field), getattr(translated, field)
        assert target, field
        placeholders = sorted(p for p in ("{label}", "{calls}", "{day}", "{days}") if p in source)
        assert placeholders == sorted(
            p for p in ("{label}", "{calls}", "{day}", "{days}") if p in target
        ), field


def test_a_language_hpcbot_does_not_speak_gets_english_sentences() -> None:
    assert words_for("fi") == WORDS["en"]


@pytest.mark.parametrize(
    ("words", "english"),
    [
        ("ile OSTów", "how many OST"),
        ("ile OST-ów", "how many OST"),
        ("na GCD-ach", "GCD"),
        ("na dyskach NVMe-ach", "disk NVMe"),
    ],
)
def test_a_polish_case_ending_on_an_acronym_is_the_acronym(words: str, english: str) -> None:
    documents = {"ost", "gcd", "nvme"}
    assert glossary("pl").translate(words, lambda word: word in documents) == english


def test_an_acronym_the_documents_do_not_use_keeps_its_ending() -> None:
    assert glossary("pl").translate("ile XYZów", lambda word: False) == "how many XYZów"


def test_a_hyphenated_word_the_glossary_lists_whole_is_not_split() -> None:
    # French "là-bas" is there, not "là" and "bas" (low).
    assert (
        glossary("fr").translate("ils doivent disparaître là-bas", known) == "must disappear there"
    )


@pytest.mark.parametrize(
    ("language", "phrase"),
    [
        ("de", "im Gegenzug"),
        ("fr", "en échange"),
        ("it", "in cambio"),
        ("es", "a cambio"),
        ("pl", "w zamian"),
    ],
)
def test_what_is_owed_in_return_reads_as_in_return(language: str, phrase: str) -> None:
    # "What did the winners have to do in return": not a swap, not a change.
    assert glossary(language).translate(phrase, known) == "in return"


def test_a_company_registered_somewhere_is_no_saved_file() -> None:
    french = glossary("fr")
    assert french.translate("enregistrée aux", known) == "registered in"
    assert "registered" not in french.translate("en tant que chercheur", known)


def test_a_reading_keeps_where_the_sentence_that_asks_starts() -> None:
    asked = Languages().read(
        "Unsere Jobs dürfen rausfliegen. Welche Partition ist für preemptible Jobs?", known
    )
    assert asked.language == "de"
    first, second = asked.english.casefold().split(". ")
    assert "partition" in second.split()
    assert "partition" not in first.split()


def test_a_reading_keeps_the_question_marks_that_end_its_questions() -> None:
    asked = Languages().read(
        "wir sind ein rumänisches start-up. gibt es in rumänien eine ai factory? wenn ja, wer"
        " betreibt die?",
        known,
    )
    assert "? if so " in asked.english


@pytest.mark.parametrize(
    ("language", "words", "english"),
    [
        # A machine's name declined in Polish is the machine.
        ("pl", "patrzymy na vege w mariborze", "Vega Maribor"),
        ("pl", "ile nodów ma Karolinie", "how many node Karolina"),
        # "AI Factory" typed in lower case is the name, not Italian "ai" (to the).
        ("it", "c'è una ai factory in romania?", "is there ai factory Romania"),
        ("fr", "les 13 antennes ai factory", "13 ai factory"),
    ],
)
def test_names_written_the_languages_way_are_read_as_the_names(
    language: str, words: str, english: str
) -> None:
    # The names the assistant keeps as written: the catalogue's and the programme's own.
    names = NameTable(load_catalog(Path(knowledge.__file__).parent / "data")).phrases
    assert glossary(language).translate(words, lambda word: False, names) == english
