"""Which retrieved passages the assistant reads for an answer (before choosing the extract)."""

from __future__ import annotations

from knowledge.assistant import _diverse
from knowledge.retrieve import Retrieved
from knowledge.store import Chunk


def _hit(url: str, n: int, score: float) -> Retrieved:
    chunk = Chunk(id=f"{url}#{n}", text=f"passage {n}", url=url, title=url)
    return Retrieved(chunk, score, dense=score, lexical=0.0, dense_rank=n, lexical_rank=None)


# Fusion order: the guide has many matching passages, the FAQ and the news page one each.
HITS = (
    _hit("guide", 1, 0.9),
    _hit("guide", 2, 0.8),
    _hit("faq", 1, 0.7),
    _hit("guide", 3, 0.6),
    _hit("news", 1, 0.5),
    _hit("guide", 4, 0.4),
    _hit("guide", 5, 0.3),
    _hit("guide", 6, 0.2),
    _hit("guide", 7, 0.1),
)


def ids(hits: list[Retrieved]) -> list[str]:
    return [h.chunk.id for h in hits]


def test_the_top_hits_and_the_best_hit_of_further_documents_are_read() -> None:
    chosen = _diverse(HITS, head=3, extra_documents=2, same_document=0)
    assert ids(chosen) == ["guide#1", "guide#2", "faq#1", "news#1"]


def test_more_passages_of_the_top_hits_document_are_read() -> None:
    chosen = _diverse(HITS, head=3, extra_documents=2, same_document=3)
    assert ids(chosen) == ["guide#1", "guide#2", "faq#1", "news#1", "guide#3", "guide#4", "guide#5"]


def test_only_passages_within_the_depth_are_read() -> None:
    chosen = _diverse(HITS, head=3, extra_documents=2, same_document=3, depth=5)
    assert ids(chosen) == ["guide#1", "guide#2", "faq#1", "news#1", "guide#3"]
