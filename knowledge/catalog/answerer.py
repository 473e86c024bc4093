"""Answering from curated facts: find the facts a question asks for, by names and by meaning.

A question is matched in three ways, and the scores add up:

- **names**: the machines, partitions, calls, AI Factories and countries it mentions
  (`mentions.py`). A fact about another machine than the one named is never a candidate.
- **topic**: the question, with its names masked, is compared by meaning with the example
  questions of every topic (`data/topics.yaml`, and each FAQ entry's own question).
- **content**: the question is compared by meaning and by rare words with each fact's text, so
  "which machine has H100 GPUs" finds the partitions whose GPUs are H100s.

No intent is a regular expression and no machine or call is named in code: what a topic means
lives in the YAML, what a fact says lives in the catalogue.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt
import yaml

from knowledge.answer_kinds import (
    asks_exact_day,
    asks_for_value,
    asks_next_deadline,
    asks_partition_name,
    asks_to_come,
    counted_things,
    gives_value,
    holds,
    names_calendar_day,
    names_place,
    only_asked_places,
    only_other_places,
    only_past_days,
    ordinals,
    places,
    specific_kinds,
    states_count,
    valued_kinds,
)
from knowledge.catalog.catalog import Catalog
from knowledge.catalog.chat_text import MONTHS
from knowledge.catalog.facts import CuratedFact, Subject, catalog_facts, faq_questions
from knowledge.catalog.mentions import Mention, NameTable, mask, set_aside
from knowledge.errors import CatalogError
from knowledge.figures import asks_worked_figure, shows_worked_figure, worked_across
from knowledge.lexical import by_first_letter, compound_words, tokenize, typo_of

Matrix = npt.NDArray[np.float32]
# Embeds texts, possibly from a cache: the answerer's only use of the model.
EmbedMany = Callable[[Sequence[str]], Matrix]

TOPICS_FILE = "topics.yaml"


@dataclass(frozen=True)
class Weights:
    """How the three kinds of evidence add up (fitted by cross-validation, see bench/)."""

    name: float = 0.3
    content: float = 0.15
    rare_words: float = 0.25
    # Facts within this margin of the best one are shown with it (lists, two-part questions).
    keep_within: float = 0.06
    # A fact whose topic fits this much better than the best-scored fact's leads instead.
    switch_margin: float = 0.1
    # A fact that holds the kind of value asked for (a duration, a number, a date) leads
    # instead of a better-scored one that holds none, when it scores within this much of it.
    value_margin: float = 0.2
    max_facts: int = 6


@dataclass(frozen=True)
class ScoredFact:
    fact: CuratedFact
    score: float
    topic: float
    named: bool


@dataclass(frozen=True)
class Rival:
    """A topic the question fits better than its lead fact's, and the facts it could give."""

    topic: str
    score: float
    # Its facts about what the question names (or about nothing named).
    facts: tuple[CuratedFact, ...]
    # False for a topic no fact of the catalogue answers at all ("how do I run a job ...").
    has_facts: bool


@dataclass(frozen=True)
class CuratedMatch:
    """The facts a question asks for, best first, and how sure the match is."""

    facts: tuple[ScoredFact, ...]
    mentions: tuple[Mention, ...]
    topic: str
    topic_score: float
    unseen: tuple[str, ...] = field(default=())
    question: str = ""
    # Words of the question written as names: capitalised inside the sentence, or quoted.
    name_like: frozenset[str] = frozenset()
    # Topics that fit the question better than the lead fact's, best first.
    rivals: tuple[Rival, ...] = ()
    # The question is English as asked, not read from another language (see `gives_value`).
    english_order: bool = True

    @property
    def score(self) -> float:
        return self.facts[0].score if self.facts else 0.0

    @property
    def lead(self) -> CuratedFact | None:
        return self.facts[0].fact if self.facts else None


def load_topics(knowledge_dir: Path, names: NameTable) -> dict[str, list[str]]:
    """Topic -> example questions (names masked), from topics.yaml and each FAQ entry."""
    raw = yaml.safe_load((knowledge_dir / TOPICS_FILE).read_text(encoding="utf-8")) or {}
    topics = {str(k): [str(a) for a in v.get("asks", [])] for k, v in raw["topics"].items()}
    faq = knowledge_dir / "faq.md"
    if faq.is_file():
        for key, question in faq_questions(faq.read_text(encoding="utf-8")).items():
            topics[key] = [mask(question, names.find(question)), *topics.get(key, [])]
    return topics


# How much a word of an FAQ entry's question counts beside a word of its answer: half, as a
# section heading's words count half in a passage (1.0 was tried on the development sets:
# five gained and four lost, against three and one at 0.5).
ASKED_WORD_WEIGHT = 0.5


def _idf(token_sets: Sequence[set[str]]) -> dict[str, float]:
    """Inverse document frequency of each token over the sets (one per fact)."""
    df: Counter[str] = Counter()
    for tokens in token_sets:
        df.update(tokens)
    n = len(token_sets)
    return {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}


@dataclass
class _Facts:
    """The curated facts of one catalogue, with their vectors once embedded."""

    catalog: Catalog
    names: NameTable
    facts: list[CuratedFact]
    topics: dict[str, list[str]]
    idf: dict[str, float]
    fact_tokens: list[set[str]]
    asked_tokens: list[set[str]]
    # Every word of the facts and of the topics' example questions: a question's word outside
    # it is one the catalogue does not know ("citizenship" is an example's word).
    vocabulary: frozenset[str] = frozenset()
    # The vocabulary by first letter, for reading a typo as the word meant (see `spelled`).
    vocabulary_by_letter: dict[str, list[str]] | None = None
    answered_topics: frozenset[str] = frozenset()
    prototype_topic: list[str] = field(default_factory=list)
    prototypes: Matrix | None = None
    fact_vectors: Matrix | None = None
    # The facts that say their topic and name a subject (positions in `facts`), and their texts
    # with the names masked, to be compared with the masked question.
    masked_positions: tuple[int, ...] = ()
    masked_fact_vectors: Matrix | None = None

    def embed(self, embed_many: EmbedMany) -> None:
        if self.prototypes is not None:
            return
        texts: list[str] = []
        owners: list[str] = []
        for topic, asks in self.topics.items():
            texts += asks
            owners += [topic] * len(asks)
        fact_vectors = np.asarray(embed_many([_plain(f.text) for f in self.facts]), np.float32)
        self.masked_positions = tuple(
            i for i, f in enumerate(self.facts) if f.says_its_topic and f.subjects
        )
        named = [_plain(self.facts[i].text) for i in self.masked_positions]
        self.masked_fact_vectors = np.asarray(
            embed_many([mask(t, self.names.find(t)) for t in named]) if named else [], np.float32
        ).reshape(len(named), fact_vectors.shape[1])
        self.prototype_topic = owners
        self.fact_vectors = fact_vectors
        self.prototypes = np.asarray(embed_many(texts), dtype=np.float32)  # set last: "ready"


class CuratedAnswerer:
    """Matches questions to the catalogue's facts; the assistant decides whether they lead."""

    def __init__(
        self,
        catalog: Catalog | Callable[[], Catalog],
        knowledge_dir: Path,
        embed_query: Callable[[str], Matrix],
        embed_many: EmbedMany,
        *,
        weights: Weights | None = None,
        ordinary: Callable[[str], bool] | None = None,
    ) -> None:
        """`ordinary`: whether the documents use a word as written (see `NameTable`)."""
        self._ordinary = ordinary
        # A callable is a live source: the facts are rebuilt when it hands out a new catalogue.
        self._source = catalog if callable(catalog) else None
        self._knowledge_dir = knowledge_dir
        self.weights = weights or Weights()
        self._embed_query = embed_query
        self._embed = embed_many
        self._lock = threading.Lock()
        self._state = self._build(catalog() if callable(catalog) else catalog, embed=False)

    def _build(self, catalog: Catalog, *, embed: bool) -> _Facts:
        """Everything derived from one catalogue, made whole before it is used (a question
        answered during a reload sees the old facts or the new ones, never a mix)."""
        knowledge_dir = self._knowledge_dir
        names = NameTable(catalog, self._is_ordinary)
        faq = knowledge_dir / "faq.md"
        questions = faq_questions(faq.read_text(encoding="utf-8")) if faq.is_file() else {}
        facts = [
            _with_named_subjects(f, names, questions) for f in catalog_facts(catalog, knowledge_dir)
        ]
        topics = load_topics(knowledge_dir, names)
        # An FAQ answer's question is words of the fact too, counted half: "citizens" is asked,
        # the answer speaks of nationality.
        asked = [questions.get(f.topics[0], "") if f.topics else "" for f in facts]
        fact_tokens = [set(tokenize(f.text)) for f in facts]
        asked_tokens = [
            set(tokenize(q)) - tokens for q, tokens in zip(asked, fact_tokens, strict=True)
        ]
        idf = _idf([f | q for f, q in zip(fact_tokens, asked_tokens, strict=True)])
        for call in catalog.calls:  # cut-off years are dynamic text, but known words
            for entry in call.cutoffs.dates:
                idf.setdefault(str(entry.day.year), 1.0)
        answered = frozenset(t for f in facts for t in f.topics)
        unknown = sorted(answered - topics.keys())
        if unknown:
            raise CatalogError(
                f"Facts of the catalogue answer topics that {TOPICS_FILE} does not define: "
                f"{', '.join(unknown)}. Add them to {knowledge_dir / TOPICS_FILE} with a few "
                "example questions, or fix the fact's `also_answers`."
            )
        vocabulary = frozenset(idf) | {
            t for asks in topics.values() for a in asks for t in tokenize(a)
        }
        state = _Facts(
            catalog,
            names,
            facts,
            topics,
            idf,
            fact_tokens,
            asked_tokens,
            vocabulary=vocabulary,
            answered_topics=answered,
        )
        if embed:
            state.embed(self._embed)
        return state

    @property
    def catalog(self) -> Catalog:
        return self._state.catalog

    def _is_ordinary(self, word: str) -> bool:
        """Whether the facts or the documents use `word` as written (each of its tokens)."""
        state = getattr(self, "_state", None)
        if state is None:
            # The first catalogue is being built (its topics' examples are masked): there are
            # no facts yet, and building must not wait on the document index.
            return False
        tokens = tokenize(word)
        if tokens and all(t in state.idf for t in tokens):
            return True
        return self._ordinary is not None and self._ordinary(word)

    def knows(self, token: str) -> bool:
        """Whether a (lexical) token occurs in the curated facts, their FAQ questions or the
        topics' example questions."""
        return token in self._state.vocabulary

    def slip_of(self, word: str) -> str | None:
        """The word of the curated vocabulary (see `knows`) that `word` is one slip away from
        (see `typo_of`)."""
        return typo_of(word, self._by_letter(self._state))

    @staticmethod
    def _by_letter(st: _Facts) -> dict[str, list[str]]:
        if st.vocabulary_by_letter is None:
            # Once per catalogue state: at warm-up, or after the catalogue changed.
            st.vocabulary_by_letter = by_first_letter(st.vocabulary)
        return st.vocabulary_by_letter

    @property
    def facts(self) -> list[CuratedFact]:
        return self._state.facts

    @property
    def names(self) -> NameTable:
        return self._state.names

    @property
    def topics(self) -> dict[str, list[str]]:
        return self._state.topics

    def _current(self) -> _Facts:
        """The facts of the live catalogue: rebuilt (vectors from the cache) after an edit."""
        if self._source is not None and self._source() is not self._state.catalog:
            with self._lock:
                current = self._source()
                if current is not self._state.catalog:
                    self._state = self._build(current, embed=True)
        state = self._state
        if state.prototypes is None:
            with self._lock:
                state.embed(self._embed)
        return state

    def warm_up(self) -> None:
        """Embed the topics' examples and the facts (cached by the caller's `embed`), and group
        the vocabulary for reading typos (see `slip_of`)."""
        self._by_letter(self._current())

    def subject_kinds(self, topic: str) -> set[str]:
        """The kinds of subject facts of this topic are about ("call" for "cutoffs")."""
        return {s.kind for f in self._state.facts if topic in f.topics for s in f.subjects}

    def masked(self, question: str, context: str = "") -> str:
        """The question with its names replaced by placeholders (what topics are matched on).

        A follow-up ("and on LEONARDO?", "how long does it take?") is read together with the
        earlier question: the topic usually comes from one, the names from the other.
        """
        names = self._current().names
        text = mask(question, names.find(question))
        if context:
            text = f"{mask(context, names.find(context))} {text}"
        return text

    def match(
        self,
        question: str,
        question_vector: Matrix,
        *,
        context: str = "",
        masked_vector: Matrix | None = None,
        focus_vector: Matrix | None = None,
        nouns_capitalised: bool = False,
        written: str = "",
        now: datetime | None = None,
    ) -> CuratedMatch:
        """Score every fact for the question (and, for a follow-up, the earlier question).

        `masked_vector` is the embedding of `masked(question, context)`, if the caller already
        computed it together with the question's. `focus_vector`, if given, is the embedding of
        the masked sentence that asks (see `asking_sentence`): when both fit the same topic
        best, it may lift a topic's score to the mean of the two. `nouns_capitalised`: the
        question was read from a language that capitalises nouns (see `_name_like`).
        `written`: the question as asked, if `question` is its reading: in a language that
        capitalises nouns, which words are written as names is read off it, as the reading
        drops the words between them ("ein Preprocessing-Binary und dann den Solver" reads
        "Preprocessing-Binary Solver", no name of two words). `now`: the time the facts'
        dated parts (the next cut-off) are read at.
        """
        st = self._current()
        assert st.prototypes is not None and st.fact_vectors is not None
        # An English question is its own reading (`Languages.read`): only another language's
        # reading differs from the question as written.
        english_order = not written or written == question
        mentions = st.names.find(question)
        if not mentions and context:
            mentions = st.names.find(context)
        if masked_vector is None:
            masked_vector = self._embed_query(self.masked(question, context))
        topic_scores = _topic_scores(st.prototype_topic, st.prototypes @ masked_vector)
        if focus_vector is not None:
            # "We're a start-up in Riga. Which AI Factory is the Latvian antenna linked to?": the
            # sentence before the question dilutes the whole question's match with its topic.
            # It often says what matters, though ("we need 45k GPU-hours. which route fits?"):
            # the sentence that asks counts only when both pick the same topic.
            focus = _topic_scores(st.prototype_topic, st.prototypes @ focus_vector)
            if max(focus, key=focus.__getitem__) == max(topic_scores, key=topic_scores.__getitem__):
                # Only ever a lift: a bare "how big a slice" after the question fits every
                # topic less than the question does.
                topic_scores = {t: max(v, (v + focus[t]) / 2) for t, v in topic_scores.items()}
        content = st.fact_vectors @ question_vector
        assert st.masked_fact_vectors is not None
        masked_content = dict(
            zip(st.masked_positions, (st.masked_fact_vectors @ masked_vector).tolist(), strict=True)
        )
        # A place that only says which machine is meant ("DAEDALUS in Greece") is no content:
        # counted, it lifts every fact that names the place (where DAEDALUS is) over the one
        # asked for.
        tokens = set(tokenize(question)) - qualifying_words(question, mentions)
        # Sums run over sorted words: float addition in set order (which changes with each
        # process's string hashing) would let near-ties flip between restarts and replicas.
        rare_total = sum(st.idf.get(t, 0.0) for t in sorted(tokens))
        # "Besides AI:AT, is Austria a partner in another AI Factory?": the answer is about
        # anything but AI:AT, so no fact naming it answers, unless the fact is about what the
        # question asks ("the BSC AI Factory's partners besides Spain"), and it rules no other
        # fact out.
        aside = set_aside(question, mentions)
        named_mentions = [m for m in mentions if m.subject not in aside]
        named_ids = named_subjects(named_mentions)
        named_kinds = {kind for kind, _ in named_ids}
        w = self.weights
        scored: list[ScoredFact] = []
        counted = [t.casefold() for t in counted_things(question, english_order=english_order)]
        # "That coaif-03 call": an identifier the question writes names the facts that hold
        # it, and only those, however well another call's facts fit the words.
        holding = _holding_identifiers(question, st.facts)
        for position, fact in enumerate(st.facts):
            if holding and fact.id not in holding:
                continue
            if fact.counts and not any(fact.counts in thing for thing in counted):
                continue
            if fact.across in named_kinds:
                continue
            if aside.intersection(fact.subjects) and not (
                fact.subjects and (fact.subjects[0].kind, fact.subjects[0].id) in named_ids
            ):
                continue
            subject_ids = {(s.kind, s.id) for s in fact.subjects}
            subject_kinds = {s.kind for s in fact.subjects}
            # A fact about another machine (or call, ...) than the one named is not a candidate.
            clash = any(
                kind in named_kinds
                and not any((kind, i) in named_ids for k, i in subject_ids if k == kind)
                for kind in subject_kinds
            )
            if clash:
                continue
            named = bool(subject_ids & named_ids)
            on_topic = max(topic_scores.get(t, 0.0) for t in fact.topics)
            if fact.says_its_topic:
                # "Which Governing Board decision sets the access policy?" is answered by the
                # FAQ entry headed "How much of each supercomputer does the JU allocate?": an
                # entry's one heading cannot name all it answers, its text does. A note naming
                # LEONARDO is compared with the names masked on both sides: the name alone
                # would make it resemble every question about LEONARDO.
                similar = masked_content[position] if fact.subjects else content[position]
                on_topic = max(on_topic, float(similar))
            rare = (
                (
                    sum(st.idf.get(t, 0.0) for t in sorted(tokens & st.fact_tokens[position]))
                    + ASKED_WORD_WEIGHT
                    * sum(st.idf.get(t, 0.0) for t in sorted(tokens & st.asked_tokens[position]))
                )
                / rare_total
                if rare_total
                else 0.0
            )
            score = (
                on_topic
                + w.name * named
                + w.content * float(content[position])
                + w.rare_words * rare
            )
            scored.append(ScoredFact(fact, score, on_topic, named))
        scored.sort(key=lambda s: s.score, reverse=True)
        best_topic = max(topic_scores, key=lambda t: topic_scores[t]) if topic_scores else ""
        # A name the catalogue recognised ("Latvian" for Latvia) is not an unknown word.
        recognised = {t for m in mentions for t in tokenize(question[m.start : m.end])}
        unseen = tuple(
            t
            for t in sorted(tokens - recognised)
            if (
                t not in st.vocabulary
                and not t.isdigit()
                and not _dated_month(t, st.idf)
                and not _compound_of_known_words(t, st.vocabulary)
            )
            or _unknown_year(t, st.idf)
        )
        # Other languages' readings keep their word order, and their words for "partition"
        # become the English one, which `_name_like` reads names beside.
        name_like = _name_like(
            written if nouns_capitalised and written else question,
            nouns_capitalised=nouns_capitalised,
        )
        if not scored:
            return CuratedMatch(
                (),
                tuple(mentions),
                best_topic,
                topic_scores.get(best_topic, 0.0),
                unseen,
                question,
                name_like,
                english_order=english_order,
            )
        ranked_topics = sorted(topic_scores.items(), key=lambda tv: tv[1], reverse=True)
        at = now or datetime.now(UTC)
        scored = lead_by_topic(scored, ranked_topics, w.switch_margin, question=question, now=at)
        scored = lead_by_value(scored, question, at, w.value_margin, english_order=english_order)
        scored = lead_by_place(scored, question, at, w.value_margin, english_order=english_order)
        scored = lead_by_generality(scored, w.value_margin)
        scored = lead_by_working_out(scored, question, w.value_margin)
        scored = lead_by_partition(scored, question, w.value_margin)
        lead = scored[0]
        rivals = tuple(
            Rival(
                topic,
                value,
                tuple(s.fact for s in scored if topic in s.fact.topics),
                topic in st.answered_topics,
            )
            for topic, value in ranked_topics
            if value > lead.topic
        )
        kept = [lead]
        for other in scored[1:]:
            if len(kept) >= w.max_facts:
                break
            same_topic = set(other.fact.topics) & set(lead.fact.topics)
            if other.fact.id in holding or (
                other.score >= lead.score - w.keep_within
                and same_topic
                and (other.named or not lead.named)
                and (lead.fact.listable or other.named)
            ):
                kept.append(other)
        companion = _companion(scored, kept, named_ids, question, at)
        if companion is not None and len(kept) < w.max_facts:
            kept.append(companion)
        if lead.fact.listable:
            # "Is there an AI Factory in Czechia": the one hosted there before the one it
            # partners, whichever words fit better.
            kept.sort(key=lambda s: _first_named(s.fact, named_ids))
        # "leo vs jupiter fabric", "playground vs fastlane: how many days for each": each
        # thing compared gets its own fact of the lead's topics, the one whose topic fits the
        # question best, however far its words fall behind the lead's. Also where the lead is
        # about a part of another ("LEONARDO's booster vs Karolina": Karolina's GPU nodes are a
        # partition, which a partition named rules out as a candidate above).
        # Only beside a lead that gives the value asked: where it does not ("how much bandwidth
        # does each MN5 ACC node have, compared with LEONARDO"), the answer says so of it,
        # and the other's value would pass for an answer.
        lead_topics = set(lead.fact.topics)
        comparing = compared(question, named_mentions)
        if comparing and not gives_asked(
            lead.fact.text_at(at, question), question, english_order=english_order
        ):
            comparing = []
        for subject in comparing:
            if len(kept) >= w.max_facts:
                break
            if any(_about(s.fact, subject) for s in kept):
                continue
            fits = [
                (max(topic_scores.get(t, 0.0) for t in shared), fact)
                for fact in st.facts
                if _about(fact, subject)
                and not aside.intersection(fact.subjects)
                and (shared := lead_topics.intersection(fact.topics))
            ]
            if fits:
                fit, own = max(fits, key=lambda pair: pair[0])
                kept.append(ScoredFact(own, fit, fit, True))
        # A general entry (an FAQ answer, about nothing in particular) whose topic fits better
        # than the named lead's: "we're a public agency: can we use Fast Lane, or where should
        # we go?" wants Fast Lane's eligibility and the route for public bodies. It joins the
        # lead rather than replacing it (the question named Fast Lane). Only for a question
        # asking no value: asked for a number, the named facts give it or the answer says they
        # do not, and a general entry's numbers (the calls' GPU-hour ranges) are not it.
        # So for a lead about a call the question does not name ("our weights are proprietary:
        # is there a confidentiality option for SMEs using the free AI Factory compute?" and
        # the note about Large Scale's SME option): the entry on publishing joins it.
        if lead.fact.subjects and len(kept) < w.max_facts and not asks_for_value(question):
            general = next(
                (
                    s
                    for topic, value in ranked_topics
                    if value > lead.topic
                    for s in scored
                    if topic in s.fact.topics and not s.fact.subjects
                ),
                None,
            )
            if general is not None and general not in kept:
                kept.append(general)
        return CuratedMatch(
            tuple(kept),
            tuple(mentions),
            best_topic,
            topic_scores.get(best_topic, 0.0),
            unseen,
            question,
            name_like,
            rivals,
            english_order,
        )


# How far down the scored facts a companion for the lead is looked for (see `_companion`).
_COMPANIONS = 8


def _companion(
    scored: list[ScoredFact],
    kept: list[ScoredFact],
    named: set[tuple[str, str]],
    question: str,
    now: datetime,
) -> ScoredFact | None:
    """ "How many times bigger is the Fast Lane ceiling than the reported minimum": a figure
    the lead gives only with another fact (the ceiling). The best-scored fact about what the
    question names that works it out with the lead joins it; None when the kept facts work it
    out already, or none does."""
    if not asks_worked_figure(question):
        return None
    texts = [s.fact.text_at(now, question) for s in kept]
    if any(shows_worked_figure(text) for text in texts) or worked_across(texts, question):
        return None
    for other in scored[1:_COMPANIONS]:
        if other in kept or (named and not other.named):
            continue
        if worked_across([texts[0], other.fact.text_at(now, question)], question):
            return other
    return None


# An identifier of a call or a topic as written: "coaif-03", "AIFA-01" (letters, a hyphen,
# a number), in a question or inside a longer one ("HORIZON-JU-EUROHPC-2026-COAIF-03"); or a
# word set as code that no plain word is ("want `it4ifree` on our ci box", `get_energy`): a
# command or a field named exactly. Not a plain word set as code ("the partition `small`").
_IDENTIFIER = re.compile(
    r"(?<![\w])([a-z]{3,}-\d{2,})(?![\w-])|`([a-z][\w.-]*(?:\d|[_.-]\w)[\w.-]*)`", re.I
)


def _holding_identifiers(question: str, facts: Sequence[CuratedFact]) -> frozenset[str]:
    """The ids of the facts that hold an identifier the question writes; none when it writes
    none, or none that a fact holds."""
    written = sorted({"".join(found).casefold() for found in _IDENTIFIER.findall(question)})
    if not written:
        return frozenset()
    held = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, written)) + r")(?!\w)", re.I)
    return frozenset(fact.id for fact in facts if held.search(fact.text))


def _first_named(fact: CuratedFact, named: set[tuple[str, str]]) -> int:
    """Where the first subject the question names stands among the fact's subjects: what the
    fact is about, then where it is, then the others (an AI Factory's partner countries)."""
    return next(
        (i for i, s in enumerate(fact.subjects) if (s.kind, s.id) in named), len(fact.subjects)
    )


# Words that set two named things side by side, between them ("mn5 vs lumi", "is LUMI-C
# bigger than LEONARDO's DCGP", "playground or fast lane") ...
_COMPARES = re.compile(r"\b(?:vs\.?|versus|compared\s+(?:to|with)|than|or|and)\b", re.I)
# ... or anywhere ("comparing mn5 and leonardo", "how many days for each").
_COMPARES_ANYWHERE = re.compile(
    r"\b(?:compare|comparing|comparison|both|each|either|between|which\s+(?:one|of))\b", re.I
)
# Kinds of things a question compares with one another: a partition with a machine too.
_FAMILY = {"machine": "machine", "partition": "machine", "call": "call", "factory": "factory"}


def compared(question: str, mentions: Sequence[Mention]) -> list[Subject]:
    """The things of one kind a question sets side by side ("mn5 vs lumi", "is LUMI-C bigger
    than LEONARDO's DCGP"), in the order named; none when it names fewer than two of a kind
    or compares nothing ("we moved from LEONARDO: how do I log in to LUMI")."""
    anywhere = _COMPARES_ANYWHERE.search(question) is not None
    by_family: dict[str, list[Mention]] = {}
    for m in mentions:
        family = _FAMILY.get(m.subject.kind)
        if family is not None and all(m.subject != o.subject for o in by_family.get(family, [])):
            by_family.setdefault(family, []).append(m)
    compared_things: list[Subject] = []
    for group in by_family.values():
        if len(group) < 2:
            continue
        # "More nodes than we need: how many nodes does lumi-c have? our leonardo jobs used
        # 16" sets nothing side by side: its "than" is not between the two.
        first = min(m.end for m in group)
        last = max(m.start for m in group)
        if anywhere or _COMPARES.search(question, first, last):
            compared_things += [m.subject for m in group]
    return compared_things


def _about(fact: CuratedFact, subject: Subject) -> bool:
    return any((s.kind, s.id) == (subject.kind, subject.id) for s in fact.subjects)


def named_subjects(mentions: Sequence[Mention]) -> set[tuple[str, str]]:
    """The (kind, id) of what the mentions name, with the machine each partition belongs to."""
    named = {(m.subject.kind, m.subject.id) for m in mentions}
    return named | {(m.parent.kind, m.parent.id) for m in mentions if m.parent is not None}


def _topic_scores(owners: list[str], similarities: Matrix) -> dict[str, float]:
    """Each topic's best similarity over its example questions."""
    scores: dict[str, float] = {}
    for topic, value in zip(owners, similarities, strict=True):
        scores[topic] = max(scores.get(topic, -1.0), float(value))
    return scores


def lead_by_topic(
    scored: list[ScoredFact],
    ranked_topics: Sequence[tuple[str, float]],
    margin: float,
    *,
    question: str = "",
    now: datetime | None = None,
) -> list[ScoredFact]:
    """The scored facts, led by the best fact of a topic that fits the question clearly
    better (by `margin`) than the best-scored fact's own topic, if there is one.

    Names and shared words can lift a fact of the wrong topic to the top: "registered in
    Germany, half the team in Canada" names Germany, whose AI Factories' hosts are facts, but
    it asks who is eligible. A lead about what the `question` names that gives the kind of
    value it asks for gives the lead only to another such fact, though: "AI for Science call,
    if we get it, how long does the allocation run" fits the calls' offers in general best by
    its words, and the call's allocation length answers it.
    """
    at = now or datetime.now(UTC)
    # Then only another fact about what is named that gives it too may take the lead ("Fast
    # Lane, once we apply, how long until access": its time to access, not its allocation's
    # length).
    keep = bool(scored) and gives_asked_value(scored[0], question, at)
    for topic, value in ranked_topics:
        if value <= scored[0].topic + margin:
            break
        better = next(
            (
                s
                for s in scored
                if topic in s.fact.topics and (not keep or gives_asked_value(s, question, at))
            ),
            None,
        )
        if better is not None:
            return [better, *(s for s in scored if s is not better)]
    return scored


def lead_by_generality(scored: list[ScoredFact], margin: float) -> list[ScoredFact]:
    """The scored facts, led by the fact about no one thing of the lead's topic when the lead
    is about one thing the question does not name and the general fact scores within `margin`.

    "Out of all the calls with fixed cut-offs, which deadline is the very next one?" names no
    call: Large Scale's next cut-off fits its words ("AI Factory calls") but is not the next of
    all, which the list of upcoming cut-offs gives.
    """
    if not scored or scored[0].named or not scored[0].fact.subjects:
        return scored
    lead = scored[0]
    general = next(
        (
            s
            for s in scored[1:]
            if not s.fact.subjects
            and set(s.fact.topics) & set(lead.fact.topics)
            and s.score >= lead.score - margin
        ),
        None,
    )
    if general is None:
        return scored
    return [general, *(s for s in scored if s is not general)]


# The kinds of value a fact's text can be checked for (facts hold no commands or defaults).
FACT_VALUE_KINDS = ("duration", "quantity", "date", "deadline")


def lead_by_working_out(scored: list[ScoredFact], question: str, margin: float) -> list[ScoredFact]:
    """`scored`, led by a fact about what the question names that works out the value asked
    from what it holds (see `CuratedFact.is_worked_out`), when it scores within `margin` of the
    lead: "if we make the mid-September cut-off, by what date do we start computing" is
    answered by the time to access counted from that cut-off, not by the list of cut-offs
    whose dates fit its words."""
    return _lead_by(scored, margin, lambda fact: fact.is_worked_out(question))


def lead_by_partition(scored: list[ScoredFact], question: str, margin: float) -> list[ScoredFact]:
    """`scored`, led by a Slurm partition's fact about what the question names when it asks
    which partition (queue, QoS) to use and the lead names none, within `margin` of the lead:
    "of its Slurm partition names, which one is the long-running CPU queue" is not answered by
    the fact that the machine runs Slurm."""
    if not asks_partition_name(question):
        return scored
    return _lead_by(scored, margin, names_partition)


def _lead_by(
    scored: list[ScoredFact], margin: float, fits: Callable[[CuratedFact], bool]
) -> list[ScoredFact]:
    """`scored`, led by the best fact about what the question names that `fits`, when the lead
    does not and that fact scores within `margin` of it."""
    lead = scored[0]
    if fits(lead.fact):
        return scored
    for i, s in enumerate(scored[1:], start=1):
        if s.score < lead.score - margin:
            break
        if s.named and fits(s.fact):
            return [s, *scored[:i], *scored[i + 1 :]]
    return scored


def names_partition(fact: CuratedFact) -> bool:
    """Whether the fact is about a Slurm partition (queue)."""
    return any(subject.kind == "slurm" for subject in fact.subjects)


def gives_asked_value(scored: ScoredFact, question: str, now: datetime) -> bool:
    """Whether a fact about what the question names gives the kind of value it asks for (a
    duration, a date, ...), of the one in a series it asks about: "when does the third FFplus
    call open" is not answered by when call 2 opened."""
    wants = fact_value_kinds(question)
    text = scored.fact.text_at(now, question)
    return (
        scored.named
        and bool(wants)
        and holds(text, wants)
        and all(names_place(text, n) for n in ordinals(question))
    )


def fact_value_kinds(question: str) -> tuple[str, ...]:
    """The kinds of value asked for that a fact can be checked for: a duration only, when one
    is asked ("how long at most" is not answered by a maximum of another thing)."""
    # Not the amount a command asked for shows (see `valued_kinds`).
    wants = tuple(k for k in valued_kinds(question) if k in FACT_VALUE_KINDS)
    # As in the assistant's check: "how long" is not answered by a node count.
    return ("duration",) if "duration" in wants else wants


def gives_asked(text: str, question: str, *, english_order: bool = True) -> bool:
    """Whether a fact's text holds the kind of value asked for (see `fact_value_kinds`) and, when
    the question counts or measures a thing, a number of it (see `gives_value`): "how many
    proposals" and "62 proposals", not "10 points"."""
    wants = fact_value_kinds(question)
    return (
        (not wants or holds(text, wants))
        # "Which day exactly" is not given by "a month after the cut-off".
        and (not asks_exact_day(question) or names_calendar_day(text))
        # "From which day could we start submitting" is not given by the cut-off.
        and all(holds(text, (kind,)) for kind in specific_kinds(question))
        and gives_value([text], question, english=english_order)
    )


def lead_by_value(
    scored: list[ScoredFact],
    question: str,
    now: datetime,
    margin: float,
    *,
    english_order: bool = True,
) -> list[ScoredFact]:
    """The scored facts, led by the best fact holding the kind of value asked for when the
    best-scored one holds none and it scores within `margin` of it.

    "AI4Science, after the cut-off how long till we hear back" names the call and says
    "cut-off": its next cut-off scores best, but only its time to a decision gives a duration.
    So for the thing counted or measured: "how many proposals did call 1 get" is not answered
    by the evaluation threshold's "10 points", nor "what % of the costs" by a fact with no
    percentage. A fact about nothing named never takes the lead from one about what the
    question names. `english_order`: the question is English as asked (see `gives_value`).
    """
    if not scored:
        return scored
    wants = fact_value_kinds(question)

    # "Which deadline comes first" is not answered by calls whose cut-offs have all passed,
    # nor "when does the next call open" by the day the last one opened; saying that none is
    # on record does answer them.
    specific = specific_kinds(question)
    coming = asks_next_deadline(question) or (bool(specific) and asks_to_come(question))

    def gone_by(s: ScoredFact, text: str) -> bool:
        return coming and only_past_days(text, now.date()) and not s.fact.is_unknown(now, question)

    def answers(s: ScoredFact) -> bool:
        text = s.fact.text_at(now, question)
        return gives_asked(text, question, english_order=english_order) and not gone_by(s, text)

    lead = scored[0]
    if answers(lead):
        return scored
    # The day a call opened, the hour its cut-off closes, is said by one fact about it,
    # whatever else fits the question better: "from which day could we start submitting to
    # FFplus call 2" and its cut-offs, "at what time of day does submission close" and the
    # time to a decision.
    if specific and lead.named:
        stating = next((s for s in scored[1:] if s.named and answers(s)), None)
        if stating is not None:
            return [stating, *(s for s in scored if s is not stating)]
        if coming:
            none_yet = next(
                (s for s in scored if s.named and s.fact.is_unknown(now, question)), None
            )
            if none_yet is not None:
                return [none_yet, *(s for s in scored if s is not none_yet)]
    # A lead holding the kind of value asked for, but no number of the thing counted, gives
    # the lead only to another fact about the same that states a number (see
    # `_same_with_number`).
    # Only in English: the thing counted in a question read from another language is a
    # guess among the words of its phrase ("how many server metadata file system"), too
    # loose to move the lead.
    # Days gone by are no day to come.
    lead_text = lead.fact.text_at(now, question)
    same_only = (not wants or holds(lead_text, wants)) and not gone_by(lead, lead_text)
    if same_only and not english_order:
        return scored
    holding = [
        s
        for s in scored[1:]
        if s.score >= lead.score - margin
        and (s.named or not lead.named)
        and answers(s)
        and (not same_only or _same_with_number(s, lead, now, question))
    ]
    if not holding:
        return scored
    # Of those, the one whose topic fits best: "how long till we hear back" and the time to a
    # decision, not how long an allocation lasts (both durations, scored alike).
    better = max(holding, key=lambda s: (s.topic, s.score))
    return [better, *(s for s in scored if s is not better)]


def lead_by_place(
    scored: list[ScoredFact],
    question: str,
    now: datetime,
    margin: float,
    *,
    english_order: bool = True,
) -> list[ScoredFact]:
    """The scored facts, led by one about the place in a series the question asks about
    ("how much went into wave 2" and "the second wave is worth ...") when the best-scored one
    names only other places of that series ("the first wave ..."), or names it among others
    without the value asked ("waves 1, 2 and 3 were selected on ..."), and the other scores
    within `margin` of it. A list that gives the value keeps the lead: "how many AI
    Factories are there after the third wave" asks for the list's total. As in
    `lead_by_value`, a fact about nothing named never takes the lead from one about what the
    question names."""
    asked = places(question)
    if not asked or not scored:
        return scored
    lead = scored[0]
    lead_places = places(lead.fact.text_at(now, question))

    def gives(s: ScoredFact) -> bool:
        return gives_asked(s.fact.text_at(now, question), question, english_order=english_order)

    elsewhere = only_other_places(asked, lead_places)
    among_others = bool(lead_places & asked) and not only_asked_places(asked, lead_places)
    # "The first batch of AI Factories, how much money was behind it" is not answered by the
    # antennas' budget: a lead that names no place of the series gives way to one about the
    # place asked that gives the value.
    series = {s for s, _ in asked}
    unplaced = not any(s in series for s, _ in lead_places)
    if not elsewhere and not unplaced and not (among_others and not gives(lead)):
        return scored
    candidates = [
        s
        for s in scored[1:]
        if s.score >= lead.score - margin
        and (s.named or not lead.named)
        and only_asked_places(asked, places(s.fact.text_at(now, question)))
    ]
    if not elsewhere:
        candidates = [s for s in candidates if gives(s)]
    # Of those, one that gives the value asked first.
    better = next((s for s in candidates if gives(s)), candidates[0] if candidates else None)
    return scored if better is None else [better, *(s for s in scored if s is not better)]


def _same_with_number(s: ScoredFact, lead: ScoredFact, now: datetime, question: str) -> bool:
    """Whether `s` is about the same as `lead` (which is about something: two general entries
    are not about the same) and states a number. "How many ACC nodes does
    MareNostrum 5 have" is not answered by the GPP partition's node count; nor "the price per
    GPU-hour for us, a large company" by "free of charge for SMEs, others pay per use". A fact
    about the same thing first, and more besides, is about the same too: IT4LIA's system, about
    LEONARDO as well, and its contract's sum, for "Italy's AI Factory, how big was the
    contract"; not for "how much did LEONARDO cost", which IT4LIA's system is not about first."""
    return (
        bool(lead.fact.subjects)
        and s.fact.subjects[:1] == lead.fact.subjects[:1]
        and set(lead.fact.subjects) <= set(s.fact.subjects)
        and states_count(s.fact.text_at(now, question))
    )


def _with_named_subjects(
    fact: CuratedFact, names: NameTable, questions: dict[str, str]
) -> CuratedFact:
    """An FAQ entry is about the machines, calls, ... its question names ("Docker on LUMI")."""
    question = questions.get(fact.topics[0]) if fact.topics else None
    if fact.subjects or question is None:
        return fact
    found = tuple(dict.fromkeys(m.subject for m in names.find(question)))
    return replace(fact, subjects=found) if found else fact


def qualifying_words(question: str, mentions: Sequence[Mention]) -> set[str]:
    """Tokens a mention covers beyond the name as written: its folded place."""
    words: set[str] = set()
    for m in mentions:
        words |= set(tokenize(question[m.start : m.end])) - set(tokenize(m.said))
    return words


_INNER_CAPITAL = re.compile(r"\w[A-Z]")
_CAPITALISED = re.compile(r"\b[A-Z][\w-]*")
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)+")
_SENTENCE_START = re.compile(r"(?:^|[.?!:]\s+|\n\s*)$")
_DESCRIBED = re.compile(r"[A-Z][\w]*(-[a-z]+)+")
# An acronym before a kind of software or work names its field, not a thing: "a commercial
# CFD package", "our MD code", "an NLP workload".
_FIELD_OF = re.compile(
    r"[A-Z]{2,}(?=\s+(?:packages?|software|codes?|applications?|apps?|tools?|solvers?|"
    r"librar(?:y|ies)|frameworks?|simulations?|workloads?|models?|teams?)\b)"
)
# The word beside "partition" or "queue" is its name, written lower-case as Slurm writes them;
# only a name no source knows counts against an answer (see the callers), so "the GPU partition"
# costs nothing.
_PARTITION_NAMED = (
    re.compile(r"\b([\w-]+)\s+(?=(?:partition|queue)s?\b)", re.I),
    re.compile(r"\b(?:partition|queue)s?\s+([\w-]+)", re.I),
)


# Business shorthand a founder writes in capitals, which names no machine, call or tool: "a
# customer POC next week" (or a point of contact), "need it ASAP", "any ETA?".
_CHAT_ACRONYMS = frozenset(
    "poc mvp asap fyi tbd eta ceo cto cfo coo vp kpi roi okr saas b2b b2c nda "
    "q1 q2 q3 q4 eod eow".split()
)


def _name_like(question: str, *, nouns_capitalised: bool = False) -> frozenset[str]:
    """Tokens of words written as names: capitalised after the first word, in quotes, or
    naming a partition or queue ("the turbo-g partition", "la partition turbo-g").

    `nouns_capitalised`: the question's words come from a language that capitalises every
    noun (German: "Pitch-Deck", "Dataset"), where only a capital inside a word ("JPEGs",
    "MyAccessID") marks a name."""
    # Quoted: an opening quote after a space, a closing one before a non-letter (the
    # apostrophe of "EuroHPC's" closes nothing).
    words = re.findall(r"(?<!\w)[\"'“‘]([^\"'“”‘’]{2,60})[\"'”’](?!\w)", question)
    if nouns_capitalised:
        # Capitalised words in a row ("den Quantum Gaming Call"), where nouns stand alone or
        # hyphenated, and a capital inside a word ("JPEGs", the "WLAN" of "Hotel-WLAN").
        # "CUDA-only", "GPU-heavy" describe, in any language (see below).
        # A sentence's first word is capitalised anyway: "Unser On-Prem-Server" is no run.
        runs = (
            run.group(0).split()[_SENTENCE_START.search(question[: run.start()]) is not None :]
            for run in _CAPITALISED_RUN.finditer(question)
        )
        words += [w for run in runs if len(run) > 1 for w in run if not _DESCRIBED.fullmatch(w)]
        capitalised = _CAPITALISED.findall(question)
        words += [p for w in capitalised for p in w.split("-") if _INNER_CAPITAL.search(p)]
    else:
        for found in _CAPITALISED.finditer(question):
            # "AI-focused", "GPU-heavy": a description that starts with an acronym, no name.
            if (
                found.start() > 0
                and not _DESCRIBED.fullmatch(found.group(0))
                and not _FIELD_OF.match(question, found.start())
            ):
                words.append(found.group(0))
    words += [
        found.group(1) for pattern in _PARTITION_NAMED for found in pattern.finditer(question)
    ]
    return frozenset(t for word in words for t in tokenize(word) if t not in _CHAT_ACRONYMS)


def _dated_month(token: str, idf: dict[str, float]) -> bool:
    """A month the catalogue dates something in, written out or short ("December" where the
    facts write "11 Dec 2026"): a word of a date question, not an unknown one."""
    month = next((m for m in MONTHS if len(token) >= 3 and m.startswith(token)), "")
    return bool(month) and (month in idf or month[:3] in idf)


def _compound_of_known_words(token: str, vocabulary: frozenset[str] | set[str]) -> bool:
    """A compound of words the catalogue uses ("CPU-Cores", as a German question writes "CPU
    cores") is those words, not a name the catalogue does not know."""
    parts = compound_words(token)
    return bool(parts) and all(word in vocabulary for part in parts for word in tokenize(part))


def _unknown_year(token: str, idf: dict[str, float]) -> bool:
    """A year the catalogue never mentions ("the 2031 call") is a name we do not know."""
    return token.isdigit() and len(token) == 4 and token.startswith("20") and token not in idf


def _plain(text: str) -> str:
    return text.replace("**", "").replace("`", "")


def text_key(model: str, text: str) -> str:
    """Cache key of one embedded text under one model."""
    return hashlib.sha256(f"{model}\x1f{text}".encode()).hexdigest()[:40]
