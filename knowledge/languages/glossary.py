"""Bilingual glossaries: from a question in another language to English search words.

No translation model is available offline, so a question in German, French, Italian, Spanish or
Polish is turned into English keywords word by word (dictionary-based cross-language retrieval):
phrases and words found in the language's glossary become their English term, function words
are dropped, and what the glossary lacks is kept when it is a technical token (`small-g`,
`--mem`, `PyTorch`, `trace.json`) or a word the English documents know, and dropped otherwise.

A glossary is a TSV file, `foreign<TAB>english`, one entry per line; the English side `-` marks
a function word. Entries are matched on Snowball stems, so one line covers a word's inflections;
lines after a `#! forms only` line are matched only as written (and without diacritics).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from knowledge.languages.stems import stem_word
from knowledge.lexical import STOPWORDS, fold_diacritics, variant_of

DATA = Path(__file__).parent / "data"
DROP = "-"
_MAX_PHRASE = 4
# Parts of a closed German compound are at least this long, joined by these linking letters.
_MIN_PART = 3
_JOINTS = ("", "s", "es", "n", "en", "e")

_STEMMERS = {
    "de": "german",
    "fr": "french",
    "it": "italian",
    "es": "spanish",
    "pl": "polish",
}

# A word with letters of any script, digits, and the joiners HPC terms carry inside them
# (`small-g`, `trace.json`, `--mem=0`, `/tmp`, `user@host`), and the plus signs of C++, g++,
# C++17, g++-12 and Discoverer+ (not the letter C, nor "-12" as an option).
_WORD = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-/]*\w+(?:(?:[-_.:/=@]|\+{1,2}[-_.:/=@]?)\w+)*\+{0,2}",
    re.UNICODE,
)
# French and Italian elide articles and prepositions: "d'accès", "dell'account".
_ELISION = re.compile(r"^(?:[a-zà-ÿ]{1,4})['’]", re.I)


def words(text: str) -> list[str]:
    """The words of a question, elided articles and pronouns split off as words of their own
    ("l'accès" -> "l'", "accès"; "cos'è" -> "cos'", "è")."""
    out: list[str] = []
    for raw in re.split(r"\s+", text):
        raw = raw.strip()
        elided = _ELISION.match(raw)
        if elided:
            out.append(elided.group().replace("’", "'").casefold())
            raw = raw[elided.end() :]
        out += _WORD.findall(raw)
    return out


# The last "ie" or "i" of a verb's stem (see `Glossary._verb`), and the stems of the verbs
# whose present tense changes their "e" to it (brechen: bricht, sehen: sieht).
_INFINITIVE_VOWEL = re.compile(r"ie?(?=[^aeiou]+$)")
_STRONG_STEMS = tuple(
    "brech geb seh les helf sprech gelt treff werf mess tret empfehl gescheh vergess ess stehl "
    "sterb verderb werb".split()
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")
# The particles a German verb leaves at the end of its clause (ausführen: "führe ... aus").
_SEPARABLE_PARTICLES = frozenset(
    """ab an auf aus bei bereit dazu durch ein fehl fest fort frei her heraus herunter hin hinzu
    hoch los mit nach raus runter statt teil um vor vorbei weg weiter zu zurück zusammen""".split()
)


# German typed without umlauts writes them out.
_GERMAN_PLAIN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _plain_spellings(language: str, form: tuple[str, ...]) -> set[tuple[str, ...]]:
    """How a phrase is typed without diacritics; German also with ae, oe, ue for the umlauts."""
    spellings = {tuple(fold_diacritics(w) for w in form)}
    if language == "de":
        spellings.add(tuple(fold_diacritics(w.translate(_GERMAN_PLAIN)) for w in form))
    return spellings


# Thousands grouped with dots or spaces ("200.000", "200 000") and decimal commas ("1,5"),
# written the English way so that the documents' numbers match.
_THOUSANDS = re.compile(r"\b\d{1,3}(?:[.\u00a0\u202f ]\d{3})+\b")
_DECIMAL_COMMA = re.compile(r"\b(\d+),(\d{1,2})\b")


def _english_numbers(text: str) -> str:
    text = _THOUSANDS.sub(lambda m: re.sub(r"[.\u00a0\u202f ]", ",", m.group()), text)
    return _DECIMAL_COMMA.sub(r"\1.\2", text)


# The endings a language puts on a borrowed English word ("interconnectu", "supportem",
# "Containers"), shortest first: only these are cut, so "directeur" is not read as "direct".
_LOAN_ENDINGS: dict[str, tuple[str, ...]] = {
    language: tuple(sorted(endings, key=len))
    for language, endings in {
        "de": ("s", "e", "en", "n", "es", "t", "et", "st"),
        "fr": ("s", "e", "es", "er", "é", "ée", "és", "ées"),
        "it": ("i", "e", "o", "a", "are", "ato", "ati", "ata"),
        "es": ("s", "es", "o", "a", "ar", "ear", "ado", "ada", "ados"),
        "pl": ("u", "a", "y", "i", "e", "em", "ie", "om", "ów", "ami", "ach", "owi", "ą", "ę"),
    }.items()
}


# Polish nouns ending in -a take their case endings in its place ("Julię", "w Julii", "Condą":
# Julia, Conda), and a locative changes the last consonant ("w ImageNecie"): such an ending is
# replaced by what it stands for, longest first.
_REPLACED_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "pl": (
        ("dzie", "d"),
        ("cie", "t"),
        ("rze", "r"),
        ("ę", "a"),
        ("ą", "a"),
        ("y", "a"),
        ("i", "a"),
        ("e", "a"),
    ),
}


def _loanword(word: str, language: str, known: Callable[[str], bool]) -> str:
    """The English word inside a borrowed one with this language's ending ("interconnectu",
    "supportem", "Containers", Polish "Julię" and "ImageNecie"): a listed ending cut (or
    replaced, see `_REPLACED_ENDINGS`), at least four plain letters kept."""
    lowered = word.casefold()
    for ending in _LOAN_ENDINGS.get(language, ()):
        if not lowered.endswith(ending):
            continue
        stem = lowered[: -len(ending)]
        if len(stem) >= 4 and stem.isascii() and known(stem):
            return stem
    for ending, replacement in _REPLACED_ENDINGS.get(language, ()):
        if not lowered.endswith(ending):
            continue
        stem = lowered[: -len(ending)] + replacement
        if len(stem) < 5 or not stem.isascii():
            continue
        # "softwarze", "w minucie": the word is "software", not the "softwar" that `known`
        # accepts for the base it adds an "e" to.
        for candidate in (stem + "e", stem):
            if known(candidate):
                return candidate
    return ""


_NAME_ENDING_LETTERS = 4

# Polish inflects an acronym with the case endings it gives loanwords, hyphenated or not: "ile
# OSTów", "GPU-ów", "na GCD-ach", "NVMe-ach".
_ACRONYM_INFLECTED = frozenset({"pl"})


def _acronym(word: str, language: str, known: Callable[[str], bool]) -> str:
    """The acronym (two capitals at least) inside `word` with this language's case ending,
    if the documents use it."""
    if language not in _ACRONYM_INFLECTED:
        return ""
    for ending in _LOAN_ENDINGS[language]:
        if not word.endswith(ending):
            continue
        written = word[: -len(ending)]
        stem = written.removesuffix("-")
        # An acronym ends in a capital or a digit, or takes its ending after a hyphen ("NVMe-
        # ami"); a name in inner capitals ("PyTorcha") is a loanword, read as such below.
        acronym = stem[-1:].isupper() or stem[-1:].isdigit() or stem != written
        if (
            acronym
            and sum(ch.isupper() for ch in stem) >= 2
            and stem.isascii()
            and known(stem.casefold())
        ):
            return stem
    return ""


def _inflected_name(lowered: str, names: tuple[str, ...]) -> str:
    """The one-word name (see `_name_keys`) that `lowered` is a case form of: it starts with
    all of the name but its last letter and adds at most four letters."""
    if not lowered.isalpha():
        return ""
    for name in names:
        if (
            lowered != name
            and lowered.startswith(name[:-1])
            and len(lowered) <= len(name) + _NAME_ENDING_LETTERS
        ):
            return name[:1].upper() + name[1:]
    return ""


@lru_cache(maxsize=4)
def _name_keys(
    names: frozenset[str],
) -> tuple[frozenset[tuple[str, ...]], int, tuple[str, ...]]:
    """The names as the lower-case words a question splits into, the most words of one, and
    the one-word names of five letters or more (whose case forms are read as them)."""
    keys = frozenset(tuple(w.casefold() for w in words(name)) for name in names)
    single = tuple(sorted(key[0] for key in keys if len(key) == 1 and len(key[0]) >= 5))
    return keys, max(map(len, keys), default=0), single


def is_technical(word: str) -> bool:
    """A token to keep as written in any language: a name of software, a path, an option."""
    if any(ch.isdigit() for ch in word) or any(ch in word for ch in "-_.:/=@+"):
        return True
    inner_capital = any(ch.isupper() for ch in word[1:])
    return inner_capital  # PyTorch, vLLM, MLflow, GPU, LUMI


@dataclass(frozen=True)
class Glossary:
    """One language's glossary: stemmed phrases to English (or to nothing)."""

    language: str
    # Keys are a phrase's words joined by spaces (words never hold one): a string per phrase
    # instead of a tuple and its strings, several MB less over ~40,000 lines.
    entries: dict[str, str]
    # The same phrases as written (lower case): a form listed itself wins over another
    # word that shares its stem (Polish "jaki", which, and "jak", how, are both "jak").
    forms: dict[str, str]
    function_words: frozenset[str]  # stems of the words that map to nothing or to a question word
    vocabulary: frozenset[str]  # stems of the other one-word entries that are not English words
    english_words: frozenset[str]  # every word on the English side, lower case
    # The same phrases without their diacritics ("wezel" for "węzeł", "naechste" and "nachste"
    # for "nächste"), as people type in chat: looked up only when the exact ones miss.
    plain_forms: dict[str, str] = field(default_factory=dict)
    plain_entries: dict[str, str] = field(default_factory=dict)
    # One-word entries written in capitals ("PMI", "KMU"): this language's abbreviations.
    abbreviations: frozenset[str] = frozenset()

    def stem(self, word: str) -> str:
        return _stem(self.language, word.casefold())

    def translate(
        self, question: str, known: Callable[[str], bool], names: frozenset[str] = frozenset()
    ) -> str:
        """English search words for `question`; `known(word)` says whether the English
        documents use a word (kept when the glossary lacks it). `names` ("AI for Science and
        Collaborative EU Projects", "Large Scale", "Riga") stay as written, not read word by
        word as this language: in any case when of several words, capitalised when of one."""
        kept, longest, single = _name_keys(names)
        # Each sentence on its own: its first word is capitalized as a sentence's, not a name's,
        # and no phrase runs across a full stop.
        sentences = _SENTENCE_END.split(_english_numbers(question))
        return " ".join(
            found
            for sentence in sentences
            if (found := self._translate_sentence(sentence, known, kept, longest, single))
        )

    def _translate_sentence(
        self,
        sentence: str,
        known: Callable[[str], bool],
        names: frozenset[tuple[str, ...]] = frozenset(),
        longest_name: int = 0,
        single_names: tuple[str, ...] = (),
    ) -> str:
        tokens = [
            part
            for clause in _CLAUSE_END.split(sentence)
            for word in self._rejoin_separable(words(clause))
            for part in self._split(word, known)
        ]
        stems = [self.stem(t) for t in tokens]
        lowered = [t.casefold() for t in tokens]
        plain = [fold_diacritics(t) for t in lowered]
        plain_stems = [self.stem(t) for t in plain]
        # A form as written, then as typed without diacritics, before any stem: a stem may be
        # another word's ("naechste" stems like "nach", after).
        lookups = (
            (self.forms, lowered),
            (self.plain_forms, plain),
            (self.entries, stems),
            (self.plain_entries, plain_stems),
        )
        english: list[str] = []
        i = 0
        while i < len(tokens):
            # A name of one word only when written as one ("a Riga", not "una riga", a line).
            name = next(
                (
                    size
                    for size in range(min(longest_name, len(tokens) - i), 0, -1)
                    if tuple(lowered[i : i + size]) in names
                    and (size > 1 or tokens[i][:1].isupper())
                ),
                0,
            )
            if name:
                english += tokens[i : i + name]
                i += name
                continue
            for size in range(min(_MAX_PHRASE, len(tokens) - i), 0, -1):
                if (
                    size == 1
                    and self._is_name(tokens, i)
                    and known(lowered[i])
                    and not (tokens[i].isupper() and lowered[i] in self.abbreviations)
                ):
                    # A capitalized word the English documents use is a name's part here
                    # ("AI Factories Large Scale"), not the look-alike word of this language;
                    # but an abbreviation this language lists in capitals is its own (Italian
                    # PMI, SME, where Slurm's documents say PMI for its process management
                    # interface; not "AI", which Italian lists as "ai", to the).
                    english.append(tokens[i])
                    i += 1
                    break
                if (
                    size == 1
                    and lowered[i] not in self.forms
                    and plain[i] not in self.plain_forms
                    and known(lowered[i])
                ):
                    # An English word the documents use, that this language does not list as a
                    # form, is written in English ("huge pages"), not a look-alike of a
                    # listed word's stem (Italian pagare, pay).
                    english.append(tokens[i])
                    i += 1
                    break
                for table, keys in lookups:
                    if (found := table.get(" ".join(keys[i : i + size]))) is not None:
                        break
                if found is not None:
                    if size == 1 and found == lowered[i] and self.language != "de":
                        # The English word as written, capital and all: "Voucher" in "EuroHPC
                        # Start-up GPU Voucher" is part of a name, which its case shows (not in
                        # German, which capitalises every noun).
                        english.append(tokens[i])
                    elif found != DROP:
                        english.append(found)
                    i += size
                    break
            else:
                word = tokens[i]
                if word.endswith("'"):
                    pass  # an elided article or pronoun the glossary does not list
                elif word[:1].isupper() and (name_of := _inflected_name(lowered[i], single_names)):
                    # A one-word name with this language's case ending, its last consonant
                    # changed or not ("w Cyfronecie", "na Leonardzie", "des Leonardos").
                    english.append(name_of)
                elif acronym := _acronym(word, self.language, known):
                    english.append(acronym)
                elif word.isalpha() and (loan := _loanword(word, self.language, known)):
                    # A name the documents use, with this language's case ending ("PyTorcha",
                    # "Dockera", "Slurmem"), is that name, not an unknown word.
                    english.append(loan)
                elif is_technical(word) or known(word.casefold()):
                    english.append(word)
                elif parts := self._compound(word, known):
                    english += parts
                elif self._is_name(tokens, i):
                    english.append(word)
                i += 1
        return " ".join(english)

    def _rejoin_separable(self, tokens: list[str]) -> list[str]:
        """A German clause whose verb left its particle at the end ("Wie führe ich ein Skript
        aus?") with the verb whole again ("ausführe"), when the glossary knows that verb;
        otherwise the verb reads as another one (führen, lead) and the particle as a
        preposition (aus, from)."""
        if self.language != "de" or len(tokens) < 3:
            return tokens
        particle = tokens[-1].casefold()
        if particle not in _SEPARABLE_PARTICLES:
            return tokens
        for j, token in enumerate(tokens[:-1]):
            verb = self._verb(particle + token.casefold()) if token.isalpha() else ""
            if verb:
                return [*tokens[:j], verb, *tokens[j + 1 : -1]]
        return tokens

    def _verb(self, joined: str) -> str:
        """The infinitive the glossary lists for a particle and a finite verb joined
        ("ausführe" -> ausfuhren, "abläuft" -> ablaufen), also when the verb changed its vowel
        or took a person's ending; "" when it lists none. Plain spellings, so the vowel change
        is gone and the translation finds the infinitive among them. The infinitive, not the
        stem: a verb and a noun may share a stem (einrichten, install; Einrichtung,
        organisation)."""
        plain = fold_diacritics(joined)
        bases = [plain] + [
            plain[: -len(end)] for end in ("st", "et", "t", "e") if plain.endswith(end)
        ]
        # A strong verb's changed vowel back to the infinitive's, tried after the stems as
        # written: "bricht ... ab" -> abbrechen, "gibt ... aus" -> ausgeben, "sieht ... aus" ->
        # aussehen; only for the verbs that change it ("liegt ... vor" is vorliegen, not
        # vorlegen).
        changed = [_INFINITIVE_VOWEL.sub("e", base, count=1) for base in bases[1:]]
        bases += [base for base in changed if base.endswith(_STRONG_STEMS)]
        # The plural's verb is the infinitive itself ("wir führen ... aus" -> ausführen); only
        # a verb's ending, not a noun or pronoun joined to the particle ("fehl" + "er").
        plural = [plain] if plain.endswith("en") else []
        candidates = [*plural, *(base + ending for base in bases for ending in ("en", "n"))]
        for infinitive in candidates:
            found = self.forms.get(infinitive) or self.plain_forms.get(infinitive)
            if found is not None and found != DROP:
                return infinitive
        return ""

    def _is_name(self, tokens: list[str], i: int) -> bool:
        """Whether an unknown word reads as part of a name ("Quantum Gaming Call"): kept, so
        that a question about something nobody has heard of is declined, not answered from
        whatever the other words find. German capitalizes every noun, so there a name needs
        a capitalized neighbour."""
        if i == 0 or not tokens[i][:1].isupper():
            return False
        if tokens[i - 1][-1:].isdigit() and tokens[i].casefold() in self.forms:
            # A unit after its number ("128 Go", French for GB): the language's word.
            return False
        if self.language != "de":
            return True
        neighbours = [tokens[j] for j in (i - 1, i + 1) if 0 < j < len(tokens)]
        return any(n[:1].isupper() and self.stem(n) not in self.entries for n in neighbours)

    def _split(self, word: str, known: Callable[[str], bool]) -> list[str]:
        """A hyphenated compound as its parts ("GPU-Partition", "EuroHPC-Maschine") when the
        documents do not know it whole and every part is a term, a glossary word or known."""
        lowered = word.casefold()
        if "-" not in word.strip("-") or known(lowered):
            return [word]
        # A hyphenated word the glossary lists whole ("là-bas", there; not "bas", low).
        if lowered in self.forms or fold_diacritics(lowered) in self.plain_forms:
            return [word]
        # A name's variant ("long-g", "LUMI-P"), which the documents may not know whole, is
        # the name asked about, not two words.
        if variant_of(word) is not None:
            return [word]
        parts = [p for p in word.split("-") if p]
        if len(parts) < 2:
            return [word]
        for i, part in enumerate(parts):
            if not (
                self.stem(part) in self.entries
                or is_technical(part)
                # An English name's inner word: "AI-for-Science-Antrag".
                or (0 < i < len(parts) - 1 and part in ENGLISH_FUNCTION_WORDS)
                or known(part.casefold())
                or self._compound(part, known)  # "SSH-Schlüsseltypen"
            ):
                return [word]
        return parts

    def _compound(self, word: str, known: Callable[[str], bool]) -> list[str]:
        """The English of a closed German compound the glossary lacks whole, part by part
        ("Datenordner" -> data directory, "Rechenzeitantrag" -> compute time proposal);
        [] when it does not split into two or three parts the glossary or the documents know."""
        if self.language != "de" or len(word) < 7 or not word.isalpha():
            return []
        return self._parts(word.casefold(), known, 3)

    def _parts(self, word: str, known: Callable[[str], bool], most: int) -> list[str]:
        whole = self._part(word, known)
        if whole:
            return [whole]
        if most < 2:
            return []
        # The longest head first: "Speicherplatz" is Speicher + Platz, not Speich + erplatz.
        for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
            tail = self._part(word[cut:], known)
            if not tail:
                continue
            head = word[:cut]
            for joint in _JOINTS:  # Fugenelemente: Arbeit-s-speicher, Woche-n-ende, ...
                if joint and not head.endswith(joint):
                    continue
                stem = head[: len(head) - len(joint)] if joint else head
                if len(stem) < _MIN_PART:
                    continue
                first = self._parts(stem, known, most - 1)
                if first:
                    return [*first, tail]
        return []

    def _part(self, part: str, known: Callable[[str], bool]) -> str:
        """A compound's part as English: a glossary word (not a function word), or a word the
        English documents use written into the compound ("Jobskript")."""
        found = self.forms.get(part) or self.entries.get(self.stem(part))
        if found and found != DROP and found not in QUESTION_WORDS:
            return found
        return part if len(part) >= 4 and known(part) else ""

    def function_word_count(self, tokens: list[str]) -> int:
        """How many of these words are this language's function words."""
        return sum(self.stem(w) in self.function_words for w in tokens)

    def vocabulary_count(self, tokens: list[str]) -> int:
        """How many of these words this language's glossary knows otherwise."""
        return sum(self.stem(w) in self.vocabulary for w in tokens)


QUESTION_WORDS = frozenset(
    "how what which where when who why whose whom how much how many how long how often".split(" ")
)
# The English words that carry no topic, the same ones the lexical index skips.
ENGLISH_FUNCTION_WORDS = STOPWORDS


def parse(language: str, text: str) -> Glossary:
    entries: dict[str, str] = {}
    forms: dict[str, str] = {}
    function_words: set[str] = set()
    vocabulary: set[str] = set()
    english_words: set[str] = set()
    plain_forms: dict[str, str] = {}
    plain_entries: dict[str, str] = {}
    abbreviations: set[str] = set()
    forms_only = False  # after a "#! forms only" line: no stems (see the TSV's comment)
    for line in text.splitlines():
        if line.strip() == "#! forms only":
            forms_only = True
        if not line.strip() or line.startswith("#"):
            continue
        foreign, _, english = line.partition("\t")
        # Keys and terms interned: tens of thousands of lines repeat a few thousand of them.
        form = tuple(w.casefold() for w in words(foreign))
        stems = tuple(_stem_uncached(language, w) for w in form)
        english = sys.intern(english.strip())
        if not stems or not english:
            continue
        forms.setdefault(sys.intern(" ".join(form)), english)
        if len(form) == 1 and foreign.strip().isupper():
            abbreviations.add(form[0])
        plain = [spelling for spelling in _plain_spellings(language, form) if spelling != form]
        for spelling in plain:
            plain_forms.setdefault(sys.intern(" ".join(spelling)), english)
        english_words.update(w.casefold() for w in english.split() if w != DROP)
        if forms_only:
            continue
        entries.setdefault(sys.intern(" ".join(stems)), english)
        for spelling in plain:
            plain_entries.setdefault(
                sys.intern(" ".join(_stem_uncached(language, w) for w in spelling)), english
            )
        if len(stems) != 1:
            continue
        if english == DROP or english in QUESTION_WORDS or english in ENGLISH_FUNCTION_WORDS:
            function_words.add(stems[0])
            # Typed without diacritics ("sie" for "się"), it is still this language's word.
            function_words.update(_stem_uncached(language, w[0]) for w in plain if len(w) == 1)
        elif foreign.strip().casefold() != english.casefold():
            vocabulary.add(stems[0])
    # A stem that is also an English function word says nothing about the language.
    return Glossary(
        language,
        entries,
        forms,
        frozenset(function_words),
        frozenset(vocabulary - function_words - ENGLISH_FUNCTION_WORDS),
        frozenset(english_words),
        {k: v for k, v in plain_forms.items() if k not in forms},
        {k: v for k, v in plain_entries.items() if k not in entries},
        frozenset(abbreviations),
    )


@cache
def glossary(language: str) -> Glossary:
    """The bundled glossary of a language (read once)."""
    path = DATA / f"{language}.tsv"
    return parse(language, path.read_text(encoding="utf-8"))


@lru_cache(maxsize=8192)
def _stem(language: str, word: str) -> str:
    """Cached for questions (the same words recur); glossaries are read uncached, once."""
    return _stem_uncached(language, word)


def _stem_uncached(language: str, word: str) -> str:
    if not word.isalpha():
        return word
    return stem_word(_STEMMERS[language], word)
