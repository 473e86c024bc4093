"""Answering a question: curated data first, then hybrid retrieval with extractive answers.

The assistant abstains, rather than guessing, when the evidence is weak: it says it does not
know and where to ask.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from knowledge.errors import IndexNotBuilt
from knowledge.extract import Extract, best_extract, coverage
from knowledge.lexical import tokenize
from knowledge.models import Answer, Citation
from knowledge.retrieve import HybridRetriever, Retrieval, Retrieved
from knowledge.store import Chunk, Index

Router = Callable[[str], Answer | None]

RANK_PRIOR = 1.0

WHERE_TO_ASK = (
    "For EuroHPC access and calls, ask the EuroHPC access helpdesk through the access portal "
    "(https://access.eurohpc-ju.europa.eu/); for using a machine, ask its user support "
    "(LUMI: https://lumi-supercomputer.eu/user-support/need-help/)."
)


@dataclass(frozen=True)
class Calibration:
    """Weights of the confidence score and the abstention threshold (tuned on the dev set)."""

    dense_floor: float = 0.25
    dense_span: float = 0.45
    dense_weight: float = 0.5
    threshold: float = 0.42
    unseen_penalty: float = 0.12
    prefer_documents_above: float = 0.6
    second_extract_ratio: float = 0.85
    max_citations: int = 5


def _cited_as_of(chunk: Chunk) -> date | None:
    try:
        return date.fromisoformat(chunk.as_of) if chunk.as_of else None
    except ValueError:
        return None


def citation_for(chunk: Chunk) -> Citation:
    section = chunk.section
    if chunk.page is not None and not section:
        section = f"page {chunk.page}"
    return Citation(title=chunk.title, url=chunk.url, section=section, as_of=_cited_as_of(chunk))


class Assistant:
    """Answers questions from the index, with an optional router to curated data."""

    def __init__(
        self, index: Index, *, router: Router | None = None, calibration: Calibration | None = None
    ) -> None:
        self.index = index
        self.retriever = HybridRetriever(index)
        self.router = router
        self.calibration = calibration or Calibration()

    def warm_up(self) -> None:
        """Load the lexical index and run the model once, so the first question is fast."""
        self.index.lexical()
        self.index.embedder.embed_query("warm up")

    def ask(self, question: str, context: str | None = None) -> Answer:
        started = time.perf_counter()
        answer = self._answer(question.strip(), (context or "").strip())
        elapsed = (time.perf_counter() - started) * 1000
        return Answer(
            question=answer.question,
            text=answer.text,
            abstained=answer.abstained,
            confidence=answer.confidence,
            citations=answer.citations,
            route=answer.route,
            latency_ms=elapsed,
            notes=answer.notes,
        )

    def _answer(self, question: str, context: str) -> Answer:
        if not tokenize(question):
            return Answer(
                question=question,
                text="Ask me a question about EuroHPC access, machines or how to use them.",
                abstained=True,
                confidence=0.0,
                route="abstain",
            )
        query = f"{context} {question}" if context and _is_elliptic(question) else question
        routed = self.router(query) if self.router is not None else None
        if routed is not None and (routed.abstained or _TIME_SENSITIVE.search(query)):
            return routed  # dates and eligibility come from curated data only
        if not self.index.count():
            if routed is not None:
                return routed
            raise IndexNotBuilt("The search index is empty. Run `hpcbot ingest` to build it.")
        retrieval = self.retriever.retrieve(query, k=12)
        if not retrieval.hits:
            return routed or self.abstain(question, 0.0)
        if routed is not None:
            # Curated data answers spec questions unless an ingested document (the primary
            # source, possibly fresher than our as-of date) answers them with confidence.
            retrieval = _documents_only(retrieval)
            if not retrieval.hits:
                return routed
        extracts = self._extracts(query, retrieval)
        confidence = self.confidence(retrieval, extracts[0])
        if routed is not None and confidence < self.calibration.prefer_documents_above:
            if confidence < self.calibration.threshold:
                return routed
            return _with_further_reading(routed, extracts[0].hit.chunk)
        if confidence < self.calibration.threshold:
            return self.abstain(question, confidence)
        return self._compose(question, retrieval, extracts, confidence)

    def _extracts(self, query: str, retrieval: Retrieval) -> list[Extract]:
        hits = _diverse(retrieval.hits, head=3, extra_documents=2)
        vectors = self.index.unit_vectors([h.chunk.id for h in hits])
        question_vector = retrieval.vector
        extracts = []
        for hit in hits:
            unit_vectors = vectors.get(hit.chunk.id)
            similarities = None if unit_vectors is None else list(unit_vectors @ question_vector)
            extracts.append(
                best_extract(hit, query, retrieval.tokens, retrieval.lexical, similarities)
            )
        # Rank by how well the passage answers, tempered by how well its chunk was retrieved.
        top = retrieval.hits[0].score or 1.0
        return sorted(
            extracts, key=lambda e: e.score + RANK_PRIOR * e.hit.score / top, reverse=True
        )

    def confidence(self, retrieval: Retrieval, lead: Extract) -> float:
        c = self.calibration
        dense = min(1.0, max(0.0, (retrieval.top_dense - c.dense_floor) / c.dense_span))
        chunk_tokens = set(tokenize(lead.hit.chunk.search_text))
        lexical = coverage(retrieval.tokens, chunk_tokens, retrieval.lexical)
        # Words the whole collection has never seen ("quantum", "director") are the clearest
        # sign that a question is about something the documents do not cover.
        unseen = {t for t in retrieval.tokens if not t.isdigit() and not retrieval.lexical.known(t)}
        score = (
            c.dense_weight * dense + (1 - c.dense_weight) * lexical - c.unseen_penalty * len(unseen)
        )
        return max(0.0, min(1.0, score))

    def abstain(self, question: str, confidence: float) -> Answer:
        return Answer(
            question=question,
            text="I don't know: I found nothing reliable about this in the documentation I have. "
            + WHERE_TO_ASK,
            abstained=True,
            confidence=confidence,
            route="abstain",
        )

    def _compose(
        self, question: str, retrieval: Retrieval, extracts: list[Extract], confidence: float
    ) -> Answer:
        lead = extracts[0]
        used: list[Extract] = [lead]
        for extract in extracts[1:]:
            if (
                extract.hit.chunk.url != lead.hit.chunk.url
                and extract.score >= self.calibration.second_extract_ratio * lead.score
                and extract.score > 0.5
            ):
                used.append(extract)
                break
        citations: list[Citation] = []
        urls: list[str] = []
        for item in [*[e.hit for e in used], *retrieval.hits]:
            chunk = item.chunk if isinstance(item, Retrieved) else item
            if chunk.url in urls or len(citations) >= self.calibration.max_citations:
                continue
            urls.append(chunk.url)
            citations.append(citation_for(chunk))
        parts = [f"{e.text} [{urls.index(e.hit.chunk.url) + 1}]" for e in used]
        return Answer(
            question=question,
            text="\n\n".join(parts),
            abstained=False,
            confidence=confidence,
            citations=tuple(citations),
            route="retrieval",
        )


def _diverse(hits: tuple[Retrieved, ...], *, head: int, extra_documents: int) -> list[Retrieved]:
    """The top hits plus the best hit of a few further documents.

    Fusion favours documents with many matching chunks; a short page that answers the question
    in one sentence (a help-desk page, say) still deserves to be read.
    """
    chosen = list(hits[:head])
    seen = {h.chunk.url for h in chosen}
    for hit in hits[head:]:
        if len(chosen) >= head + extra_documents:
            break
        if hit.chunk.url not in seen:
            chosen.append(hit)
            seen.add(hit.chunk.url)
    return chosen


def _with_further_reading(answer: Answer, chunk: Chunk) -> Answer:
    """A curated answer plus the ingested page that covers the same ground, for detail."""
    if any(c.url == chunk.url for c in answer.citations):
        return answer
    return replace(answer, citations=(*answer.citations, citation_for(chunk)))


def _documents_only(retrieval: Retrieval) -> Retrieval:
    """The retrieval restricted to ingested documents (not our own curated renderings)."""
    hits = tuple(h for h in retrieval.hits if h.chunk.origin == "document")
    return replace(retrieval, hits=hits, top_dense=max((h.dense for h in hits), default=0.0))


_TIME_SENSITIVE = re.compile(
    r"\b(deadlines?|cut-?offs?|when|next|opens?|closes?|apply|application|eligib\w*|free|cost|"
    r"pay|price|who can|calls?)\b",
    re.I,
)

_ELLIPTIC = re.compile(
    r"^(and|what about|how about|also|but|or|what if|same for)\b|\b(it|that|"
    r"this|those|these|they|them|there)\b",
    re.I,
)


def _is_elliptic(question: str) -> bool:
    """A follow-up that leans on the earlier question ("and on LEONARDO?", "how long does it last?")."""
    return bool(_ELLIPTIC.search(question)) or len(tokenize(question)) <= 3
