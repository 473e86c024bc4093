"""Retrieval benchmark: quality (dev and blind side by side) against a naive LangChain RAG,
latency of the first questions after a start at 10k chunks, memory, re-ingest.

    .venv/bin/python bench/retrieval_bench.py [--corpus ../shared/corpus] [--questions ...]
                                              [--blind SET.yaml=CORPUS_DIR ...]
                                              [--chunks 10000] [--json]

Blind sets (`bench/blind/set-a.yaml`, `bench/blind-b/set-b.yaml` ... `bench/blind-k/set-k.yaml`)
are scored when their corpus is present (each set's `fetch-corpus.sh` builds it); their documents are ingested into the same
index, so every set is answered with all the others' documents beside it.

1. Ingests the corpus and the bundled knowledge into a fresh index (timed), then again (timed):
   the second run must cost <= 5% of the first.
2. Scores hpcbot on the question set, and a naive LangChain RAG on the same questions:
   RecursiveCharacterTextSplitter(1000/200) over the raw files, the same MiniLM model, Chroma
   top-4 (the first retrieved file is its "citation" for hit@1, the four for hit@4/5).
3. Grows the index to N chunks with synthetic passages (sentences of real chunks shuffled, with
   vectors near the real ones) and measures warm `ask` latency (query cache off), p50/p95/p99.
4. Reports resident memory of a fresh process with the model and the grown index loaded
   (the ingest above would otherwise inflate it), and the latency of the first 50 questions
   after the start (p50, p95, first/median): everything must be loaded before the first one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from bot.config import bundled_knowledge_dir  # noqa: E402
from ingest.bundled import bundled_roots  # noqa: E402
from ingest.pipeline import ingest  # noqa: E402
from ingest.sources import local_documents  # noqa: E402
from knowledge.embed import SentenceTransformerEmbedder  # noqa: E402
from knowledge.evaluation import EvalReport, by_kind, evaluate, load_questions  # noqa: E402
from knowledge.service import open_assistant  # noqa: E402
from knowledge.store import UNIT_DIMS, UNIT_VECTORS, Index  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def naive_baseline(corpus: Path, embedder: SentenceTransformerEmbedder, questions: list) -> dict:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    client = chromadb.EphemeralClient(ChromaSettings(anonymized_telemetry=False))
    collection = client.create_collection(
        "naive", metadata={"hnsw:space": "cosine"}, embedding_function=None
    )
    texts, metas = [], []
    for path in sorted(corpus.rglob("*.md")):
        for piece in splitter.split_text(path.read_text(encoding="utf-8")):
            texts.append(piece)
            metas.append({"url": path.resolve().as_uri()})
    vectors = embedder.embed_documents(texts)
    for start in range(0, len(texts), 1000):
        collection.add(
            ids=[str(i) for i in range(start, min(start + 1000, len(texts)))],
            documents=texts[start : start + 1000],
            embeddings=[np.asarray(v) for v in vectors[start : start + 1000]],
            metadatas=metas[start : start + 1000],
        )
    hits1 = hits4 = n = 0
    for item in questions:
        if not item.source.startswith("corpus:"):
            continue
        n += 1
        target = "/" + item.source.split(":", 1)[1]
        result = collection.query(
            query_embeddings=[embedder.embed_query(item.question)], n_results=4
        )
        urls = [m["url"] for m in result["metadatas"][0]]
        hits1 += bool(urls and urls[0].endswith(target))
        hits4 += any(u.endswith(target) for u in urls)
    return {
        "corpus_questions": n,
        "hit_at_1": round(hits1 / n, 4),
        "hit_at_4": round(hits4 / n, 4),
        "chunks": len(texts),
    }


def grow(index: Index, target: int, seed: int = 7) -> int:
    """Add synthetic chunks until the index holds `target` (vectors near real ones, no re-embedding)."""
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    collection = index._collection  # the benchmark writes synthetic rows directly, on purpose
    real = collection.get(include=["documents", "embeddings", "metadatas"])
    docs, vecs = real["documents"], np.asarray(real["embeddings"])
    # Each synthetic chunk carries the unit vectors of the real chunk it imitates, so memory and
    # latency are measured with chunks as heavy as real ones.
    units = [
        {key: meta[key] for key in (UNIT_VECTORS, UNIT_DIMS) if key in meta}
        for meta in real["metadatas"]
    ]
    sentences = [s for d in docs for s in d.split(". ") if len(s) > 30]
    needed = max(0, target - index.count())
    for start in range(0, needed, 1000):
        rows = range(start, min(start + 1000, needed))
        picks = [rng.randrange(len(docs)) for _ in rows]
        vectors = vecs[picks] + noise.normal(0, 0.05, (len(picks), vecs.shape[1]))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        collection.add(
            ids=[f"synthetic-{i}" for i in rows],
            documents=[". ".join(rng.sample(sentences, 4)) for _ in rows],
            embeddings=list(vectors),
            metadatas=[
                {
                    "url": f"https://synthetic.example/{i // 10}",
                    "title": "Synthetic",
                    "section": "",
                    "doc_hash": "x",
                    "content_hash": "x",
                    "root": "synthetic",
                    "origin": "document",
                    "as_of": "",
                    "position": i % 10,
                    "n_chunks": 10,
                    **units[pick],
                }
                for i, pick in zip(rows, picks, strict=True)
            ],
        )
    index._invalidate()
    return needed


def measure_loaded(index_dir: Path, questions: Path, rounds: int) -> dict:
    """In a fresh process: load model + index as the bot does before it reports ready, then
    time the first 50 questions (the first one included), then `rounds` more passes; RSS."""
    started_at = time.perf_counter()
    embedder = SentenceTransformerEmbedder()
    embedder._cache_size = 0  # every question is embedded: no cache flattering the latency
    index = Index(index_dir, embedder)
    assistant = open_assistant(index, bundled_knowledge_dir())
    assistant.warm_up()
    ready_s = time.perf_counter() - started_at
    items = load_questions(questions)
    asked = [items[i % len(items)].question for i in range(max(50, rounds * len(items)))]
    latencies: list[float] = []
    for question in asked:
        started = time.perf_counter()
        assistant.ask(question)
        latencies.append((time.perf_counter() - started) * 1000)
    first50 = latencies[:50]
    median50 = statistics.median(first50)
    return {
        "chunks": index.count(),
        "ready_s": round(ready_s, 1),
        "first_ms": round(first50[0], 2),
        "first50_p50_ms": round(median50, 2),
        "first50_p95_ms": round(percentile(first50, 95), 2),
        "first_over_median": round(first50[0] / median50, 2),
        "questions": len(latencies),
        "p50_ms": round(percentile(latencies, 50), 2),
        "p95_ms": round(percentile(latencies, 95), 2),
        "p99_ms": round(percentile(latencies, 99), 2),
        "mean_ms": round(statistics.fmean(latencies), 2),
        "rss_mb": round(rss_mb(), 1),
    }


def quality(report: EvalReport) -> dict:
    """Figures per kind of question, without the latencies (measured apart, below)."""
    out = by_kind(report)
    for figures in out.values():
        figures.pop("latency_ms", None)
    return out


def default_blind_sets() -> list[tuple[Path, Path]]:
    """Every blind set in the repository (`bench/blind/set-a.yaml`, `bench/blind-X/set-X.yaml`)
    with the corpus folder its `fetch-corpus.sh` builds (`blind-corpus`, `blind-corpus-X`)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "hpcbot"
    sets = []
    for questions in sorted((ROOT / "bench").glob("blind*/set-*.yaml")):
        suffix = questions.parent.name.removeprefix("blind")
        sets.append((questions, cache / f"blind-corpus{suffix}"))
    return sets


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument(
        "--questions", type=Path, default=ROOT.parent / "shared" / "eval" / "dev-questions.yaml"
    )
    parser.add_argument(
        "--blind",
        nargs="*",
        default=None,
        help="SET.yaml=CORPUS_DIR pairs (default: the repo's blind sets, where fetched)",
    )
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--measure-loaded", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_loaded:
        print(json.dumps(measure_loaded(args.measure_loaded, args.questions, args.rounds)))
        return

    report: dict = {}
    embedder = SentenceTransformerEmbedder()
    embedder._cache_size = 0  # every question is embedded: no cache flattering the latency
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(Path(tmp) / "index", embedder)
        blind = (
            [(Path(a), Path(b)) for a, b in (pair.split("=", 1) for pair in args.blind)]
            if args.blind is not None
            else default_blind_sets()
        )
        blind = [(q, c) for q, c in blind if q.is_file() and c.is_dir()]
        roots = lambda: [  # noqa: E731
            local_documents(args.corpus),
            *bundled_roots(bundled_knowledge_dir()),
            *(local_documents(corpus) for _, corpus in blind),
        ]
        first = ingest(index, roots())
        second = ingest(index, roots())
        report["ingest"] = {
            "first_s": round(first.seconds, 2),
            "second_s": round(second.seconds, 3),
            "ratio": round(second.seconds / first.seconds, 4),
            "chunks": first.chunks,
        }
        assistant = open_assistant(index, bundled_knowledge_dir())
        assistant.warm_up()
        items = load_questions(args.questions)
        prefix = bundled_knowledge_dir().resolve().as_uri()
        metrics = evaluate(assistant.ask, items, lambda url: url.startswith(prefix))
        report["hpcbot"] = metrics.metrics()
        report["quality_by_set"] = {"dev": quality(metrics)}
        for questions, _ in blind:
            scored = evaluate(
                assistant.ask, load_questions(questions), lambda url: url.startswith(prefix)
            )
            report["quality_by_set"][questions.stem] = quality(scored)
        corpus_results = [r for r in metrics.results if r.item.source.startswith("corpus:")]
        report["hpcbot"]["corpus_hit_at_1"] = round(
            sum(bool(r.hit_at_1) for r in corpus_results) / len(corpus_results), 4
        )
        report["naive_langchain_rag"] = naive_baseline(args.corpus, embedder, items)

        added = grow(index, args.chunks)
        del assistant, index
        import subprocess

        loaded = subprocess.run(
            [
                sys.executable,
                __file__,
                "--measure-loaded",
                str(Path(tmp) / "index"),
                "--questions",
                str(args.questions),
                "--rounds",
                str(args.rounds),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        report["loaded_10k"] = {
            **json.loads(loaded.stdout.strip().splitlines()[-1]),
            "synthetic": added,
        }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
