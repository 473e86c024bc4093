"""Finding the catalogue's names in a question: machines, partitions, calls, AI Factories, countries.

Names come from the data (ids, names, aliases), so a new machine or call is recognised as soon
as it is in the YAML. Matching ignores case, spaces and punctuation ("MN-5" == "mn5"), tolerates
one typo in long names ("Leonrado"), and prefers the longest name ("LEONARDO Booster" over
"LEONARDO"). Each mention also records where it is, so the question can be matched to topics
with the names masked out.

The work is bounded: a question is at most a few hundred words, names are tried only at word
boundaries, and fuzzy matching compares single words against single-word names only.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from knowledge.catalog.catalog import Catalog
from knowledge.catalog.chat_text import partition_label
from knowledge.catalog.facts import Subject, call_subject, country_subject, machine_subject
from knowledge.lexical import fold_diacritics

# Aliases made only of these words are ordinary English in HPC talk ("a regular node",
# "large-scale training"): they name a call only next to a word about calls. "Fast lane" is
# not among them: in a question about compute time it means the call, however it is typed
# ("do we pay for fast lane gpu hours").
_COMMON = frozenset(
    """regular development benchmark large scale access mode innovation studies study business
    experiments experiment playground extreme public administration grand challenge frontier
    science""".split()
)
# The AI Factories as users write them: "AI Factory", "AI-factories", "AIF", "AIFs".
_AI_FACTORY = r"(?:AI[\s-]+Factor(?:y|ies)|AIFs?)"
_CALL_WORDS = re.compile(
    r"\b(access|calls?|modes?|allocations?|proposals?|cut-?offs?|deadlines?|apply|applying|"
    r"applied|application|applicants?|eurohpc|grants?|track|route|programme|program|projects?|"
    # A call's rounds: "the mid-December large scale round", "how many rounds for playground".
    r"rounds?|" + _AI_FACTORY + r")\b",
    re.I,
)
_PARTITION_WORDS = re.compile(r"\b(partitions?|queues?)\b", re.I)
# A call's name that is a noun used on its own in chat: "how many gpu hours does playground
# give", "is playground free". Not "development" or "regular", which qualify other nouns.
_NOUN_NAMES = frozenset({"playground"})
# What stands before a noun that is no name ("a playground", "the kids' playground")...
_DETERMINER = re.compile(
    r"(?:\b(?:a|an|the|our|my|your|their|his|her|its|this|that|some|any|kids'?|children'?s?)"
    r"|'s)\s+(?:[\w'-]+\s+)?$",
    re.I,
)
# ... and after a name said as one: a verb, a preposition, the end of the clause.
_AFTER_NAME = re.compile(
    r"^\s*(?:$|[?.!,;:)]|(?:is|are|was|does|do|did|gives?|offers?|lasts?|takes?|costs?|free|"
    r"paid|for|on|with|as|and|or|vs|versus|in|at|to|from|works?|runs?|opens?|has|have|gets?|"
    r"allows?|needs?)\b)",
    re.I,
)


def _said_as_a_name(written: str, question: str, start: int, end: int) -> bool:
    """Whether a call's noun-like name ("playground") stands on its own as a name: no article
    or possessive before it, and a verb, a preposition or the clause's end after it."""
    return (
        written.lower() in _NOUN_NAMES
        and not _DETERMINER.search(question[:start])
        and bool(_AFTER_NAME.match(question[end:]))
    )


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9+]*(?:[-_./][A-Za-z0-9+]+)*")
# What may stand between a machine and its own country when the country only says which
# machine is meant: "DAEDALUS in Greece", "the Greek DAEDALUS", "Greece's DAEDALUS".
_QUALIFYING = re.compile(r"\s*(?:,|\(|in|at|of|'s|’s|the)?\s*(?:,|\(|in|at|of|the)?\s*", re.I)
_AI_FACTORY_WORDS = re.compile(rf"\b{_AI_FACTORY}\b", re.I)
# What says the place after it is the one not asked about.
_EXCLUDED = re.compile(
    r"\b(?:besides|other\s+than|apart\s+from|except(?:\s+for)?|but\s+not|instead\s+of|not)"
    r"(?:\s+(?:the|one|ones|in|at|from|based|located))*\s*$",
    re.I,
)
# What says the name after it is set aside, the answer wanted beyond it ("besides AI:AT, is
# Austria a partner in another AI Factory?"). No bare "not": "not LUMI" is rarer than "is it
# not on LUMI".
_SET_ASIDE = re.compile(
    r"(?:\b(?:besides|other\s+than|apart\s+from|aside\s+from|except(?:\s+for)?|excluding|"
    r"instead\s+of)|"
    # "(not lumi-g)", "the cpu partition, not the booster": "not" after a bracket or a comma
    # sets a name against another; "whether or not lumi-g has", "why not leonardo", "we are
    # not playground users" set nothing aside.
    r"(?:^|[(,;\u2013\u2014]|\s-)\s*not\b)(?:\s+(?:the|our|their))?\s*$",
    re.I,
)
# "AI Factory" after a country's name or adjective ("the Greek AI Factory").
_FACTORY_AFTER = re.compile(r"\s+" + _AI_FACTORY + r"\b(?!\s+Antenna)", re.I)
# "The luxembourg machine", "jülich's exascale machine": a place written right before a word
# for a supercomputer, a qualifier or two between.
_MACHINE_AFTER = re.compile(
    r"(?:'s|’s)?\s+(?:(?!(?:which|what|whose|how|is|are|does|do|did|on|in|at|of|for|to|runs?|"
    r"uses?|ai|factory|factories)\b)[\w-]+\s+){0,2}?"
    r"(?:machine|system|supercomputer|cluster|computer)s?\b",
    re.I,
)
# What may follow a machine's name before one of its partitions' short names.
_PART_AFTER = re.compile(r"(?:'s|’s)?\s+(?:the\s+)?([A-Za-z][\w-]*)")
# "DAEDALUS (the Greek one)": the word after a country's adjective in brackets.
_ONE = re.compile(r"\s+(?:one|machine|system|supercomputer)\b", re.I)
# "Is LUMI in Finland?" asks where the machine is: there the country is the question.
_ASKS_WHERE = re.compile(r"\b(?:is|are|was|were)\s*$", re.I)
# ... unless something is said of the machine after its place ("is DAEDALUS in Greece usable
# yet" asks whether the Greek machine is usable): only the question's end, or another place
# ("or in Sweden"), or a new clause may follow a place that is asked about; an adverb only at
# the end ("is LUMI in Finland too?", but "is Vega in Maribor still running?" asks if it runs).
_PLACE_ASKED_ENDS = re.compile(
    r"\s*(?:$|[^\w\s]|(?:or|and)\b|"
    r"(?:(?:right|too|also|as\s+well|though|actually|still|now|really)\b\s*)+"
    r"(?:$|[^\w\s]|(?:or|and|as)\b))",
    re.I,
)
# How a call's family is written beside one of its calls: "Fast Lane of the AI Factories",
# "EuroHPC's Regular Access", and, from a question read in another language, "Large Scale
# AI Factories". Part of the call's name there, not an AI Factory asked about.
# Each family as written after the call ("... of the AI Factories") and before it ("the AI
# Factories' ..."), anchored at the call's end and start.
_POSSESSIVE = r"(?:['’]s?)?"
_FAMILY = {
    family: (
        re.compile(
            rf"\s+(?:(?:of|for|from|at|in|by|through)\s+)?(?:the\s+)?{name}{_POSSESSIVE}"
            rf"(?![\w-])",
            re.I,
        ),
        re.compile(rf"(?<![\w-])(?:the\s+)?{name}{_POSSESSIVE}\s+$", re.I),
    )
    for family, name in {
        "ai-factories": _AI_FACTORY,
        "eurohpc-access": r"(?:EuroHPC(?:\s+JU)?)",
    }.items()
}
MAX_NAME_WORDS = 6
# Endings a machine's name takes in the languages questions come in: Polish and Czech cases
# ("Kto zbudował Vegę?", "na Leonardzie", "Karoliny") and the German genitive ("LUMIs").
_ENDINGS = frozenset("s a e i u y ie em om ou ze zie ach owi ovi".split())
# A Polish locative or dative also changes the consonant before its ending: "na Vedze" (Vega).
_ALTERED_ENDINGS = (("dze", "g"),)
_LETTERS = re.compile(r"[^\W\d_]+")
# Capitals run inside a word ("KarolAIna", "PharmAI"): a coined name, never a typo of ours.
_COINED = re.compile(r"[a-z][A-Z]{2,}")

# What a masked name becomes: the same words the topics' example questions use.
PLACEHOLDER = {
    "machine": "{system}",
    "partition": "{system}",
    "slurm": "{queue}",
    "call": "{call}",
    "factory": "{factory}",
    "country": "{country}",
}


@dataclass(frozen=True)
class Mention:
    subject: Subject
    # Where the name is, with the place beside it that only says which one is meant.
    start: int
    end: int
    # The machine a partition or Slurm partition belongs to.
    parent: Subject | None = None
    # The name as the question wrote it ("MN5").
    said: str = ""
    # What the name is masked as, if not its kind's placeholder: a town that names its AI
    # Factory is still written as a place ("is there an AI Factory in {country}").
    placeholder: str = ""


# How a question names a country by its adjective ("the Swedish AI Factory"): English words,
# not catalogue facts, so they live here and not in the YAML.
_ADJECTIVES = {
    "Austria": ("Austrian",),
    "Belgium": ("Belgian",),
    "Bulgaria": ("Bulgarian",),
    "Croatia": ("Croatian",),
    "Cyprus": ("Cypriot",),
    "Czechia": ("Czech",),
    "Denmark": ("Danish",),
    "Estonia": ("Estonian",),
    "Finland": ("Finnish",),
    "France": ("French",),
    "Germany": ("German",),
    "Greece": ("Greek",),
    "Hungary": ("Hungarian",),
    "Iceland": ("Icelandic",),
    "Ireland": ("Irish",),
    "Italy": ("Italian",),
    "Latvia": ("Latvian",),
    "Lithuania": ("Lithuanian",),
    "Luxembourg": ("Luxembourgish",),
    "Malta": ("Maltese",),
    "Moldova": ("Moldovan",),
    "Netherlands": ("Dutch",),
    "North Macedonia": ("Macedonian", "North Macedonian"),
    "Norway": ("Norwegian",),
    "Poland": ("Polish",),
    "Portugal": ("Portuguese",),
    "Romania": ("Romanian",),
    "Serbia": ("Serbian",),
    "Slovakia": ("Slovak", "Slovakian"),
    "Slovenia": ("Slovenian", "Slovene"),
    "Spain": ("Spanish",),
    "Sweden": ("Swedish",),
    "Switzerland": ("Swiss",),
    "Türkiye": ("Turkish",),
    "United Kingdom": ("British", "UK"),
}

# A country's English name where the catalogue writes its own: "Turkey" is Türkiye.
_ENGLISH_NAMES = {"Türkiye": ("Turkey",)}

# Each country's capital (and its own spelling where it differs): "an ML start-up in Riga" is
# in Latvia. Matched exactly, as the adjectives are; left unknown, a capital reads as a name
# nobody has heard of and turns the question down.
_CAPITALS = {
    "Austria": ("Vienna", "Wien"),
    "Belgium": ("Brussels", "Bruxelles", "Brussel"),
    "Bulgaria": ("Sofia",),
    "Croatia": ("Zagreb",),
    "Cyprus": ("Nicosia",),
    "Czechia": ("Prague", "Praha"),
    "Denmark": ("Copenhagen", "København"),
    "Estonia": ("Tallinn",),
    "Finland": ("Helsinki",),
    "France": ("Paris",),
    "Germany": ("Berlin",),
    "Greece": ("Athens",),
    "Hungary": ("Budapest",),
    "Iceland": ("Reykjavik", "Reykjavík"),
    "Ireland": ("Dublin",),
    "Italy": ("Rome", "Roma"),
    "Latvia": ("Riga", "Rīga"),
    "Lithuania": ("Vilnius",),
    "Malta": ("Valletta",),
    "Moldova": ("Chisinau", "Chișinău"),
    "Netherlands": ("Amsterdam",),
    "North Macedonia": ("Skopje",),
    "Norway": ("Oslo",),
    "Poland": ("Warsaw", "Warszawa"),
    "Portugal": ("Lisbon", "Lisboa"),
    "Romania": ("Bucharest", "București", "Bucuresti"),
    "Serbia": ("Belgrade", "Beograd"),
    "Slovakia": ("Bratislava",),
    "Slovenia": ("Ljubljana",),
    "Spain": ("Madrid",),
    "Sweden": ("Stockholm",),
    "Switzerland": ("Bern",),
    "Türkiye": ("Ankara",),
    "United Kingdom": ("London",),
}

# Adjectives that are also everyday English words count only when capitalised.
_COMMON_ADJECTIVES = frozenset({"polish"})


def set_aside(question: str, mentions: Sequence[Mention]) -> frozenset[Subject]:
    """What the question names only to set it aside ("besides AI:AT", "other than LUMI"), or
    only in what it says before asking (see `premise_end`) while it asks about another of the
    same kind, and names nowhere else."""
    aside: set[Subject] = set()
    named: set[Subject] = set()
    likened: set[Subject] = set()
    unlike: set[Subject] = set()
    for m in mentions:
        before = question[: m.start]
        (aside if _SET_ASIDE.search(before) else named).add(m.subject)
        (likened if _LIKE_ON.search(before) else unlike).add(m.subject)
    # "On Vega, what's the command, like lumi-allocations on LUMI?": LUMI only says what the
    # question compares with, when it asks about another machine.
    for subject in likened - unlike:
        if any(other.kind == subject.kind for other in unlike - aside):
            aside.add(subject)
            named.discard(subject)
    asked_from = premise_end(question)
    # "aif large scale - is it first come first served like fast lane": the question refers
    # back to what it stated, or compares with it; then both are asked about.
    if asked_from and not _REFERS_BACK.search(question, asked_from):
        asked = {m.subject for m in mentions if m.start >= asked_from}
        premised = {m.subject for m in mentions if m.start < asked_from} - asked
        aside |= {s for s in premised if any(a.kind == s.kind for a in asked)}
        named -= aside
    return frozenset(aside - named)


# What the programme calls its parts, kept as written in every language: Italian "una ai
# factory" is no "ai" (to the) before a factory.
_PROGRAMME_NAMES = frozenset({"AI Factory", "AI Factories"})
# "... like lumi-allocations on", "the same as on", "similar to what we had at": the place a
# comparison is drawn with, written right before it.
_LIKE_ON = re.compile(
    r"\b(?:like|as|similar\s+to|same\s+as)(?:\s+[\w-]+){0,3}?\s+(?:on|at|in)\s+$", re.I
)
# "Deucalion runs Slurm 23.11.4 - which version is Discoverer on?": a statement, ended by a
# dash, a colon, a semicolon or a full stop, then the question.
_PREMISE_END = re.compile(r"\s+[\u2013\u2014-]{1,2}\s+|[;:]\s+|(?<=[.!])\s+")
_REFERS_BACK = re.compile(
    r"\b(?:it|its|it's|that|this|these|those|they|them|their|there|same|like|than|as|vs)\b",
    re.I,
)
_ASKING = re.compile(r"\?|\b(?:who|what|which|where|when|whose|how|why)\b", re.I)


def premise_end(question: str) -> int:
    """Where the question starts after a statement that opens it ("we run on LUMI now; which
    partition is the same on LEONARDO"), or 0 when it opens with what it asks."""
    found = _PREMISE_END.search(question)
    if found is None or _ASKING.search(question, 0, found.start()):
        return 0
    return found.end() if _ASKING.search(question, found.end()) else 0


def _key(text: str) -> str:
    # Diacritics are dropped: "Krakow" and "Jülich" are typed as often as "Kraków", "Julich".
    return "".join(ch for ch in fold_diacritics(text.casefold()) if ch.isalnum())


class NameTable:
    """Every name of the catalogue, keyed by its normalised form."""

    def __init__(self, catalog: Catalog, ordinary: Callable[[str], bool] | None = None) -> None:
        # Whether a source uses a word as written: then it is a word, not a typo of a name
        # ("Jupyter" the notebook is no JUPITER, "discovered" no Discoverer).
        self._ordinary = ordinary
        self._names: dict[str, tuple[Subject, Subject | None, bool]] = {}
        self._adjectives: dict[str, Subject] = {}
        # Where each machine and AI Factory is: its country or city next to it only says
        # which one is meant.
        self._home: dict[Subject, Subject] = {}
        # Each country's machines: "the luxembourg machine" names one where there is one.
        self._machines: dict[Subject, list[Subject]] = {}
        self._city: dict[Subject, re.Pattern[str]] = {}
        # One-word machine names, and without their last vowel: what inflected forms start with.
        self._stems: dict[str, Subject] = {}
        # Each machine's partitions by their own short name ("DCGP", "ACC"): a name that means
        # the partition only right after its machine ("leonardo's dcgp", "MN5 ACC").
        self._parts: dict[Subject, dict[str, Subject]] = {}
        self._longest = 1
        # The capitals of the countries named: places a question may write as they are.
        self._capitals: set[str] = set()
        for m in catalog.machines:
            me = machine_subject(m)
            # Partitions first: "LEONARDO Booster" is the partition, even if the machine lists
            # it as an alias too; the machine is still named, as the partition's parent.
            for part in m.partitions:
                sub = Subject("partition", part.id, partition_label(m, part))
                self._parts.setdefault(me, {})[_key(part.name)] = sub
                for name in (*part.aliases, f"{m.name} {part.name}", part.id):
                    self._add(name, sub, me)
            for name in (m.id, m.name, *m.aliases):
                self._add(name, me, None)
                key = _key(name)
                if len(key) >= 4 and key.isalpha():
                    self._stems.setdefault(key, me)
                    if key[-1] in "aeio":
                        self._stems.setdefault(key[:-1], me)
            self._add_country(m.country)
            self._home[me] = country_subject(m.country)
            self._machines.setdefault(country_subject(m.country), []).append(me)
            if m.city:
                spellings = "|".join(
                    re.escape(t) for t in sorted({m.city, fold_diacritics(m.city)})
                )
                self._city[me] = re.compile(rf"\s*(?:,|\(|in|at)\s*(?:{spellings})\b\)?", re.I)
                self._add_place(m.city, m.country)
        owners: dict[str, list[tuple[Subject, Subject]]] = {}
        for m in catalog.machines:
            for sp in m.slurm_partitions:
                sub = Subject("slurm", f"{m.id}/{sp.name}", sp.name)
                owners.setdefault(_key(sp.name), []).append((sub, machine_subject(m)))
        for key, found in owners.items():
            # A Slurm name two machines share ("debug") says nothing about which one is meant.
            if len(found) == 1 and key not in self._names:
                sub, parent = found[0]
                plain = not re.search(r"[-_]", sub.name)
                self._names[key] = (sub, parent, plain)
        self._family = {
            call_subject(c): _FAMILY[c.family] for c in catalog.calls if c.family in _FAMILY
        }
        for c in catalog.calls:
            me = call_subject(c)
            for name in (c.id, c.name, *c.aliases):
                words = set(re.findall(r"[a-z]+", name.lower()))
                self._add(name, me, None, weak=words <= _COMMON)
        # Each country's AI Factories: "the Greek AI Factory" names one where there is one.
        self._factories: dict[Subject, list[Subject]] = {}
        # Each host town's AI Factories: "is there an AI Factory in Kraków" names the one there.
        self._town_factories: dict[str, list[Subject]] = {}
        for f in catalog.ai_factories:
            me = Subject("factory", f.id, f.name)
            for name in (f.id, f.name, *f.aliases):
                self._add(name, me, None)
            self._add_country(f.country)
            if f.city:
                self._add_place(f.city, f.country)
                self._town_factories.setdefault(_key(f.city), []).append(me)
            self._home[me] = country_subject(f.country)
            self._factories.setdefault(country_subject(f.country), []).append(me)
        for antenna in catalog.antennas.members:
            self._add_country(antenna.country)
        self._single = sorted(k for k in self._names if len(k) >= 5 and k.isalpha())
        # Every other country too: "registered in Estonia" says where the asker is, even where
        # no machine, AI Factory or antenna is. Matched as written only: "turnkey" is no
        # typo of Turkey, nor "hungry" of Hungary.
        for country in sorted(_ADJECTIVES.keys() | _CAPITALS.keys()):
            self._add_country(country)
        # The names as the catalogue writes them, and the capitals: a question in another
        # language keeps them as written ("AI for Science and Collaborative EU Projects";
        # Italian "a Riga" is no line, riga), and reads a one-word name's case forms as it
        # ("w Cyfronecie").
        names = [
            *((c.name, *c.aliases) for c in catalog.calls),
            *((m.name, *m.aliases) for m in catalog.machines),
            *((f.name, *f.aliases) for f in catalog.ai_factories),
        ]
        self.phrases = (
            frozenset(self._capitals)
            | frozenset(name for group in names for name in group if _WORD.findall(name))
            | _PROGRAMME_NAMES
        )
        # Each machine by its names as a text writes them: what a passage is about.
        written: dict[str, str] = {}
        for m in catalog.machines:
            for name in (m.id, m.name, *m.aliases):
                written.setdefault(name.casefold(), m.id)
        self._machine_of = written
        alternatives = "|".join(re.escape(n) for n in sorted(written, key=len, reverse=True))
        self._machine_names = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w+])", re.I)

    def machines_in(self, text: str) -> frozenset[str]:
        """The ids of the machines a text names, by their names or aliases as written
        ("LUMI-G" is LUMI; "illuminate" names nothing)."""
        return frozenset(
            self._machine_of[found.group(0).casefold()]
            for found in self._machine_names.finditer(text)
        )

    def _add_country(self, country: str) -> None:
        subject = country_subject(country)
        self._add(country, subject, None)
        capitals = _CAPITALS.get(country, ())
        self._capitals.update(capitals)
        # Adjectives match exactly, never as a typo: "finish" is no "Finnish".
        for adjective in (
            *_ADJECTIVES.get(country, ()),
            *_ENGLISH_NAMES.get(country, ()),
            *capitals,
        ):
            self._adjectives.setdefault(_key(adjective), subject)

    def _add_place(self, town: str, country: str) -> None:
        """A machine's or AI Factory's town names its country, as a capital does ("a start-up
        in Ostrava" is in Czechia)."""
        self._capitals.add(town)
        self._adjectives.setdefault(_key(town), country_subject(country))

    def _add(self, name: str, subject: Subject, parent: Subject | None, weak: bool = False) -> None:
        key = _key(name)
        if len(key) < 2 or key in self._names:
            return
        self._names[key] = (subject, parent, weak)
        self._longest = max(self._longest, min(MAX_NAME_WORDS, len(_WORD.findall(name)) + 1))

    def find(self, question: str) -> list[Mention]:
        words = list(_WORD.finditer(question))
        mentions: list[Mention] = []
        i = 0
        while i < len(words):
            found = None
            for span in range(min(self._longest, len(words) - i), 0, -1):
                start, end = words[i].start(), words[i + span - 1].end()
                key = _key(question[start:end])
                entry = self._names.get(key)
                if entry is None and key in self._adjectives:
                    written = question[start:end]
                    # "Polish" the country's adjective, not "polish our proposal".
                    if key not in _COMMON_ADJECTIVES or written[:1].isupper():
                        entry = (self._adjectives[key], None, False)
                if entry is None and span == 1:
                    # The whole word, letters beyond ASCII included ("Vegę").
                    whole = _LETTERS.match(question, start)
                    if whole and whole.end() > end and (entry := self._exact(whole.group(0))):
                        end = whole.end()  # "Poznań": the name ends past what _WORD reads
                    elif (
                        whole and whole.end() >= end and (entry := self._inflected(whole.group(0)))
                    ):
                        end = whole.end()
                    else:
                        entry = self._fuzzy(words[i].group(0))
                if entry is None:
                    continue
                subject, parent, weak = entry
                if weak and not self._weak_ok(subject, question, start, end):
                    continue
                found = Mention(subject, start, end, parent, question[start:end]), span
                break
            if found is None:
                i += 1
                continue
            mentions.append(found[0])
            i += found[1]
        mentions = self._town_factory(question, self._country_factories(question, mentions))
        mentions = self._country_machine(question, mentions)
        mentions = self._with_partitions(question, mentions)
        return self._fold_qualifiers(question, mentions)

    def _country_factories(self, question: str, mentions: list[Mention]) -> list[Mention]:
        """A country written right before "AI Factory" is that country's AI Factory when it has
        only one ("the greek AI factory in athens, which supercomputer does it run on")."""
        found: list[Mention] = []
        for m in mentions:
            after = _FACTORY_AFTER.match(question, m.end) if m.subject.kind == "country" else None
            factories = self._factories.get(m.subject, []) if after else []
            if after and len(factories) == 1:
                m = Mention(
                    factories[0], m.start, after.end(), None, question[m.start : after.end()]
                )
            found.append(m)
        return found

    def _country_machine(self, question: str, mentions: list[Mention]) -> list[Mention]:
        """A country, or a town in it, written right before a word for a supercomputer is that
        country's machine when it hosts only one ("where are the docs of the luxembourg
        machine", "jülich's exascale machine")."""
        found: list[Mention] = []
        for m in mentions:
            after = _MACHINE_AFTER.match(question, m.end) if m.subject.kind == "country" else None
            machines = self._machines.get(m.subject, []) if after else []
            if after and len(machines) == 1:
                m = Mention(
                    machines[0], m.start, after.end(), None, question[m.start : after.end()]
                )
            found.append(m)
        return found

    def _town_factory(self, question: str, mentions: list[Mention]) -> list[Mention]:
        """A town that hosts one AI Factory is that factory in a question about AI Factories
        that names none ("we're based in Krakow, is there an AI Factory here?"), not the whole
        country's."""
        # Not beside another place, a call or a machine ("we're in Vienna: who hosts the AI
        # Factory in Italy", "Vienna, when is the next AI Factories Large Scale cut-off", "which
        # AI Factory runs on JUPITER in Julich": the town says which machine).
        if (
            any(m.subject.kind in ("factory", "call", "machine", "partition") for m in mentions)
            or sum(m.subject.kind == "country" for m in mentions) > 1
            or not _AI_FACTORY_WORDS.search(question)
        ):
            return mentions
        found: list[Mention] = []
        for m in mentions:
            hosted = self._town_factories.get(_key(m.said)) if m.subject.kind == "country" else None
            # "another german AI Factory besides the jülich one" asks for any but that one.
            if hosted and len(hosted) == 1 and not _EXCLUDED.search(question[: m.start]):
                m = replace(m, subject=hosted[0], placeholder=PLACEHOLDER["country"])
            found.append(m)
        return found

    def _with_partitions(self, question: str, mentions: list[Mention]) -> list[Mention]:
        """A machine followed by one of its partitions' short names is that partition."""
        found: list[Mention] = []
        for m in mentions:
            parts = self._parts.get(m.subject) if m.subject.kind == "machine" else None
            after = _PART_AFTER.match(question, m.end) if parts else None
            part = parts.get(_key(after.group(1))) if parts and after else None
            if after and part:
                m = Mention(part, m.start, after.end(), m.subject, question[m.start : after.end()])
            found.append(m)
        return found

    def _fold_qualifiers(self, question: str, mentions: list[Mention]) -> list[Mention]:
        """A country (or city) written right beside its own machine or AI Factory ("DAEDALUS in
        Greece", "Vega in Maribor") becomes part of that mention: it says which one is meant,
        not what is asked. Left as a country, it masks to "{system} in {country}" and pulls
        the question to "where is". So does a call's family beside the call ("Fast Lane of
        the AI Factories"): left unmasked it pulls the question to the AI Factories' topics."""
        folded = list(mentions)
        for i, named in enumerate(folded):
            family = self._family.get(named.subject)
            if family is not None:
                after = family[0].match(question, named.end)
                before = family[1].search(question[: named.start])
                start = before.start() if before else named.start
                end = after.end() if after else named.end
                # Another name inside what the family reads over is left alone.
                if not any(
                    other is not named and start < other.end and other.start < end
                    for other in mentions
                ):
                    folded[i] = replace(named, start=start, end=end)
                continue
            city = self._city.get(named.parent or named.subject)
            written = city.match(question, named.end) if city else None
            if written and not _asks_where(question, named, written.end()):
                folded[i] = replace(named, end=written.end())
        for country in mentions:
            if country.subject.kind != "country":
                continue
            for i, named in enumerate(folded):
                home = self._home.get(named.parent or named.subject)
                if home != country.subject:
                    continue
                first, second = sorted((named, country), key=lambda m: m.start)
                between = question[first.end : second.start]
                # "Is Arrhenius (the Swedish one) live" asks no more where it is than "is
                # Arrhenius live": what stands in brackets only says which one is meant.
                bracketed = "(" in between
                if not _QUALIFYING.fullmatch(between) or (
                    first is named and not bracketed and _asks_where(question, named, second.end)
                ):
                    continue
                end = second.end
                if bracketed:
                    one = _ONE.match(question, end)
                    end = one.end() if one else end
                    if question[end : end + 1] == ")":
                        end += 1
                folded[i] = replace(named, start=first.start, end=end)
                folded.remove(country)
                break
        # A place inside another mention's span (the town its machine was read with) is said.
        return [
            m
            for m in folded
            if not any(
                other is not m and other.start <= m.start and m.end <= other.end for other in folded
            )
        ]

    def _weak_ok(self, subject: Subject, question: str, start: int, end: int) -> bool:
        if subject.kind == "slurm":
            # A plain word ("standard", "small") is a partition only beside "partition".
            window = question[max(0, start - 20) : end + 20]
            return (
                bool(_PARTITION_WORDS.search(window))
                or "`" in question[max(0, start - 1) : end + 1]
            )
        written = question[start:end]
        words = written.split()
        # "Fast Lane" written as a name (capitalised, and not just a sentence's first word)
        # is the call; "a regular node" or "large-scale training" is not.
        as_name = all(w[:1].isupper() for w in words) and (start > 0 or len(words) > 1)
        return (
            as_name
            or bool(_CALL_WORDS.search(question))
            # "torn between playground and fast lane": beside another call's name.
            or (subject.kind == "call" and self._names_a_call(question))
            or _said_as_a_name(written, question, start, end)
        )

    def _names_a_call(self, question: str) -> bool:
        """Whether the question names a call by a name that is no common word ("Fast Lane")."""
        words = list(_WORD.finditer(question))
        for i in range(len(words)):
            for span in range(1, min(self._longest, len(words) - i) + 1):
                key = _key(question[words[i].start() : words[i + span - 1].end()])
                entry = self._names.get(key)
                if entry is not None and entry[0].kind == "call" and not entry[2]:
                    return True
        return False

    def _exact(self, word: str) -> tuple[Subject, Subject | None, bool] | None:
        key = _key(word)
        if key in self._names:
            return self._names[key]
        return (self._adjectives[key], None, False) if key in self._adjectives else None

    def _inflected(self, word: str) -> tuple[Subject, Subject | None, bool] | None:
        key = _key(word)
        for cut in (1, 2, 3):
            if len(key) - cut >= 3 and key[-cut:] in _ENDINGS and key[:-cut] in self._stems:
                return self._stems[key[:-cut]], None, False
        for ending, consonant in _ALTERED_ENDINGS:
            stem = key.removesuffix(ending) + consonant
            if key.endswith(ending) and len(stem) >= 3 and stem in self._stems:
                return self._stems[stem], None, False
        return None

    def _fuzzy(self, word: str) -> tuple[Subject, Subject | None, bool] | None:
        key = _key(word)
        if len(key) < 6 or not key.isalpha() or _COINED.search(word):
            return None
        close = difflib.get_close_matches(key, self._single, n=1, cutoff=0.84)
        if not close or (self._ordinary is not None and self._ordinary(word)):
            return None
        subject, parent, weak = self._names[close[0]]
        return None if weak else (subject, parent, weak)


def _asks_where(question: str, named: Mention, place_end: int) -> bool:
    """Whether the question asks where `named` is ("is LUMI in Finland?"), not just names it
    ("is DAEDALUS in Greece usable yet"); `place_end`: where the place written after it ends."""
    return bool(
        _ASKS_WHERE.search(question[: named.start]) and _PLACE_ASKED_ENDS.match(question, place_end)
    )


# Short forms users write for the programme's own words, spelled out where topics are matched
# ("which AIF sits on top of JUPITER"): the model reads "AIF" as no word it knows.
_SHORT_FORMS = (
    (re.compile(r"\bAIFs\b", re.I), "AI Factories"),
    (re.compile(r"\bAIF\b", re.I), "AI Factory"),
    (re.compile(r"\bE-?HPC\b", re.I), "EuroHPC"),
)


def _spelled_out(text: str) -> str:
    for short, full in _SHORT_FORMS:
        text = short.sub(full, text)
    return text


# The kind of thing a machine is, written after its name ("the DAEDALUS supercomputer"): it
# says nothing the placeholder does not, and drew such questions to the overview's examples
# ("what kind of supercomputer is {system}").
_MACHINE_NOUN = re.compile(
    r"\s+(?:super\s?computers?|machines?(?!\s+learning)|systems?|clusters?)(?![\w-])", re.I
)


def mask(question: str, mentions: list[Mention]) -> str:
    """The question with each name replaced by its kind's placeholder, and the programme's
    short forms spelled out."""
    out: list[str] = []
    last = 0
    for m in sorted(mentions, key=lambda m: m.start):
        out.append(_spelled_out(question[last : m.start]))
        out.append(m.placeholder or PLACEHOLDER[m.subject.kind])
        last = m.end
        if m.subject.kind in ("machine", "partition") and (
            noun := _MACHINE_NOUN.match(question, last)
        ):
            last = noun.end()
    out.append(_spelled_out(question[last:]))
    return "".join(out)
