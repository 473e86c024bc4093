"""The search index: chunks in Chroma (the source of truth) plus an in-memory BM25 over them.

Chroma runs embedded (`PersistentClient` under the data directory) by default, or as a server
when a URL is configured; nothing else changes. The embedding model's name is recorded in the
collection's metadata so that a model change forces a rebuild instead of mixing vector spaces.
"""

from __future__ import annotations

import base64
import bisect
import json
import sys
import threading
import time
import uuid
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.embed import Embedder
from knowledge.errors import IndexModelMismatch, KnowledgeError
from knowledge.lexical import LexicalIndex, tokenize
from knowledge.units import split_units

# Chroma tries to rebuild a persisted embedding function by name; we always pass ours.
warnings.filterwarnings("ignore", message="Could not reconstruct embedding function")

COLLECTION = "hpcbot_chunks"
# Layout 2 kept one vector per answer unit in a collection of its own; Chroma then held an HNSW
# graph of every sentence in memory (most of the resident size) and spent most of an ingest
# inserting into it. Only dropped now, when an old index is rebuilt.
_LEGACY_UNITS = "hpcbot_units"
# One vector per answer unit (sentence or line) of every chunk, so extractive answers can pick
# the passage that means the same as the question without embedding anything at question time.
# They are never searched, only read for the few chunks retrieved, so they travel with the
# chunk's metadata, packed (see `pack_unit_vectors`).
UNIT_VECTORS = "unit_vectors"
UNIT_DIMS = "unit_dims"
# Vectors of short texts that are not passages (curated facts, topic examples), keyed by a hash
# of model and text: embedding them once per index instead of at every start.
TEXT_CACHE = "hpcbot_text_cache"
# One record whose token every write changes: how a process sees that another one (an ingest
# beside the bot, another replica) changed the chunks, without reading them all again.
REVISION = "hpcbot_revision"
_REVISION_ID = "revision"
SCHEMA_VERSION = 3  # 2: unit vectors; 3: unit vectors packed in the chunk's metadata
_BATCH = 256
COUNT_TTL_SECONDS = 5.0
# How often a reader asks whether another process changed the chunks (one small read).
REVISION_CHECK_SECONDS = 5.0
# Reading the whole collection in small pages keeps the peak (and so the resident) memory low.
_READ_BATCH = 1000


@dataclass(frozen=True, slots=True)
class Chunk:
    """A passage of a document, as stored and retrieved."""

    id: str
    text: str
    url: str
    title: str
    section: str = ""
    page: int | None = None
    doc_hash: str = ""
    content_hash: str = ""
    root: str = ""
    origin: str = "document"
    as_of: str = ""
    position: int = 0
    # The links the passage shows, as (text, web address): shown beside the text in an answer,
    # never embedded or indexed (an address's words would match questions it does not answer).
    links: tuple[tuple[str, str], ...] = ()

    @property
    def search_text(self) -> str:
        """What is embedded and indexed: the passage with its place in the document."""
        where = " > ".join(part for part in (self.title, self.section) if part)
        return f"{where}\n{self.text}" if where else self.text

    def metadata(self) -> dict[str, str | int]:
        data: dict[str, str | int] = {
            "url": self.url,
            "title": self.title,
            "section": self.section,
            "doc_hash": self.doc_hash,
            "content_hash": self.content_hash,
            "root": self.root,
            "origin": self.origin,
            "as_of": self.as_of,
            "position": self.position,
        }
        if self.page is not None:
            data["page"] = self.page
        # Written also when there are none: an update merges metadata, and a link the page no
        # longer has must not stay behind a passage whose text is unchanged.
        data["links"] = json.dumps([list(link) for link in self.links])
        return data

    @classmethod
    def from_record(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
        page = meta.get("page")
        return cls(
            id=chunk_id,
            text=text,
            url=str(meta.get("url", "")),
            title=str(meta.get("title", "")),
            section=str(meta.get("section", "")),
            page=int(page) if page is not None else None,
            doc_hash=str(meta.get("doc_hash", "")),
            content_hash=str(meta.get("content_hash", "")),
            root=str(meta.get("root", "")),
            origin=str(meta.get("origin", "document")),
            as_of=str(meta.get("as_of", "")),
            position=int(meta.get("position", 0) or 0),
            links=_links(meta.get("links")),
        )


def _links(packed: object) -> tuple[tuple[str, str], ...]:
    """A chunk's links as stored; none from an index written before links were kept, or from
    a value that is not the list of pairs `Chunk.metadata` writes."""
    if not isinstance(packed, str):
        return ()
    try:
        pairs = json.loads(packed)
    except ValueError:
        return ()
    if not isinstance(pairs, list):
        return ()
    return tuple(
        (pair[0], pair[1])
        for pair in pairs
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
    )


@dataclass
class DocumentState:
    """What the index holds for one document (keyed by URL)."""

    url: str
    root: str
    doc_hashes: set[str] = field(default_factory=set)
    chunk_ids: set[str] = field(default_factory=set)
    expected_chunks: int = 0

    def is_complete(self, doc_hash: str) -> bool:
        return self.doc_hashes == {doc_hash} and len(self.chunk_ids) == self.expected_chunks


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float


def pack_unit_vectors(vectors: np.ndarray) -> str:
    """Rows as int8 with one float32 scale each, base64: a quarter of float32's size, and the
    cosine with any unit vector changes by less than 0.01 (ranking units, not search)."""
    rows = np.asarray(vectors, dtype=np.float32)
    scales = np.abs(rows).max(axis=1)
    scales[scales == 0] = 1.0
    quantized = np.round(rows / scales[:, None] * 127).astype(np.int8)
    return base64.b64encode(scales.astype(np.float32).tobytes() + quantized.tobytes()).decode()


def unpack_unit_vectors(packed: str, dims: int) -> np.ndarray:
    """The rows `pack_unit_vectors` stored, normalised again (callers take dot products)."""
    raw = base64.b64decode(packed)
    count = len(raw) // (4 + dims)
    if count == 0 or len(raw) != count * (4 + dims):
        raise ValueError(f"packed unit vectors of {len(raw)} bytes do not hold {dims}-d rows")
    scales = np.frombuffer(raw[: 4 * count], dtype=np.float32)
    rows = np.frombuffer(raw[4 * count :], dtype=np.int8).reshape(count, dims)
    vectors = rows.astype(np.float32) * (scales / 127)[:, None]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: np.ndarray = vectors / norms
    return normalised


def _reading_order(chunk: Chunk) -> tuple[str, int]:
    """Chunks in document order: page by page, passage by passage."""
    return chunk.url, chunk.position


def _release_freed_memory() -> None:
    """Hand memory freed after a big build back to the OS (glibc keeps it otherwise)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


class Index:
    """Chunks, their vectors and a lexical index, behind one small API."""

    def __init__(self, location: Path | str, embedder: Embedder) -> None:
        # Chroma costs about a second to import: only an opened index pays for it.
        from knowledge.chroma import ChromaEmbeddingFunction, open_client

        self.embedder = embedder
        self.location = location
        try:
            self._client = open_client(location)
        except Exception as exc:  # chromadb raises assorted types for a dead server
            raise KnowledgeError(
                f"Could not open the vector store at {location}: {exc}. "
                "Check HPCBOT_CHROMA_URL (server reachable?) or HPCBOT_DATA_DIR (writable?)."
            ) from exc
        self._function = ChromaEmbeddingFunction(embedder)
        self._collection = self._open_collection()
        self._lock = threading.RLock()
        self._lexical: LexicalIndex | None = None
        self._lexical_chunks: list[Chunk] = []
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._count: tuple[int, float] | None = None
        self._revision_collection: Any = None
        self._loaded_revision = ""
        self._checked_at = 0.0

    def _open_collection(self) -> Any:
        return self._client.get_or_create_collection(
            COLLECTION,
            embedding_function=self._function,
            metadata={
                "hnsw:space": "cosine",
                "embedding_model": self.embedder.name,
                "schema_version": SCHEMA_VERSION,
            },
        )

    # -- model bookkeeping -------------------------------------------------------------

    @property
    def recorded_model(self) -> str | None:
        meta = self._collection.metadata or {}
        value = meta.get("embedding_model")
        return str(value) if value is not None else None

    @property
    def needs_rebuild(self) -> bool:
        """The stored vectors came from another model or an older index layout."""
        meta = self._collection.metadata or {}
        return bool(self.count()) and (
            self.recorded_model != self.embedder.name
            or int(meta.get("schema_version", 0) or 0) != SCHEMA_VERSION
        )

    def check_model(self) -> None:
        recorded = self.recorded_model
        if self.needs_rebuild:
            raise IndexModelMismatch(
                f"The index was built with the embedding model {recorded!r} (or an older index "
                f"layout) but {self.embedder.name!r} is configured. Run `hpcbot ingest --rebuild` "
                "to re-embed everything."
            )

    def reset(self) -> None:
        """Drop every chunk and record the current model (used when the model changed)."""
        with self._lock:
            for name in (COLLECTION, _LEGACY_UNITS):
                if name in {
                    c if isinstance(c, str) else c.name for c in self._client.list_collections()
                }:
                    self._client.delete_collection(name)
            self._collection = self._open_collection()
            self._mark_changed()
            self._invalidate()

    # -- reading -----------------------------------------------------------------------

    def count(self) -> int:
        """Chunks in the index. Remembered for a few seconds: answering asks on every question,
        and a round-trip costs more than the rest of the lookup; our own writes reset it."""
        now = time.monotonic()
        if self._count is None or now - self._count[1] > COUNT_TTL_SECONDS:
            self._count = (int(self._collection.count()), now)
        return self._count[0]

    def _records(
        self, with_text: bool, with_vectors: bool = False
    ) -> Iterator[tuple[str, str, dict[str, Any], Any]]:
        """Every stored chunk as (id, text, metadata, vector), read page by page."""
        include = ["metadatas", "documents"] if with_text else ["metadatas"]
        if with_vectors:
            include.append("embeddings")
        offset = 0
        while True:
            batch = self._collection.get(include=include, limit=_READ_BATCH, offset=offset)
            ids = batch["ids"]
            if not ids:
                return
            texts = batch["documents"] if with_text else None
            vectors = batch["embeddings"] if with_vectors else None
            for position, (chunk_id, meta) in enumerate(
                zip(ids, batch["metadatas"] or [], strict=False)
            ):
                yield (
                    chunk_id,
                    (texts[position] or "") if texts else "",
                    dict(meta or {}),
                    vectors[position] if vectors is not None else None,
                )
            offset += len(ids)

    def documents(self) -> dict[str, DocumentState]:
        """Every document in the index with the hashes and chunk ids stored for it."""
        states: dict[str, DocumentState] = {}
        for chunk_id, _, meta, _ in self._records(with_text=False):
            url = str(meta.get("url", ""))
            state = states.setdefault(url, DocumentState(url=url, root=str(meta.get("root", ""))))
            state.doc_hashes.add(str(meta.get("doc_hash", "")))
            state.chunk_ids.add(chunk_id)
            state.expected_chunks = max(state.expected_chunks, int(meta.get("n_chunks", 0) or 0))
        return states

    def all_chunks(self) -> list[Chunk]:
        chunks = [Chunk.from_record(i, text, meta) for i, text, meta, _ in self._records(True)]
        chunks.sort(key=_reading_order)
        return chunks

    # -- writing -----------------------------------------------------------------------

    def replace_document(self, url: str, chunks: Sequence[Chunk]) -> int:
        """Make the index hold exactly `chunks` for `url`; returns how many were embedded.

        Chunk ids are content hashes, so unchanged passages keep their vectors. New chunks are
        added before stale ones are deleted: a crash in between leaves the document searchable
        (old and new side by side) and the next run finishes the job.
        """
        with self._lock:
            existing = set(self._collection.get(where={"url": url}, include=[])["ids"])
            wanted = {chunk.id: chunk for chunk in chunks}
            fresh = [chunk for chunk_id, chunk in wanted.items() if chunk_id not in existing]
            kept = [chunk for chunk_id, chunk in wanted.items() if chunk_id in existing]
            n_chunks = len(wanted)
            for start in range(0, len(fresh), _BATCH):
                batch = fresh[start : start + _BATCH]
                units = self._unit_metadata(batch)
                vectors = self.embedder.embed_documents([c.search_text for c in batch])
                self._collection.add(
                    ids=[c.id for c in batch],
                    documents=[c.text for c in batch],
                    embeddings=[np.asarray(v) for v in vectors],
                    metadatas=[
                        {**c.metadata(), "n_chunks": n_chunks, **packed}
                        for c, packed in zip(batch, units, strict=True)
                    ],
                )
            for start in range(0, len(kept), _BATCH):
                batch = kept[start : start + _BATCH]
                self._collection.update(
                    ids=[c.id for c in batch],
                    metadatas=[{**c.metadata(), "n_chunks": n_chunks} for c in batch],
                )
            stale = sorted(existing - wanted.keys())
            for start in range(0, len(stale), _BATCH):
                self._collection.delete(ids=stale[start : start + _BATCH])
            if fresh or stale:
                self._mark_changed()
            self._invalidate()
            return len(fresh)

    def delete_documents(self, urls: Iterable[str]) -> int:
        removed = 0
        with self._lock:
            for url in urls:
                ids = self._collection.get(where={"url": url}, include=[])["ids"]
                if ids:
                    self._collection.delete(ids=ids)
                    removed += 1
            if removed:
                self._mark_changed()
            self._invalidate()
        return removed

    def _unit_metadata(self, chunks: Sequence[Chunk]) -> list[dict[str, str | int]]:
        """Each chunk's unit vectors, packed for its metadata (one embedding call per batch)."""
        texts = [[unit.text for unit in split_units(chunk.text)] for chunk in chunks]
        flat = [text for unit_texts in texts for text in unit_texts]
        vectors = self.embedder.embed_documents(flat) if flat else np.zeros((0, 0))
        packed: list[dict[str, str | int]] = []
        start = 0
        for unit_texts in texts:
            rows = vectors[start : start + len(unit_texts)]
            start += len(unit_texts)
            packed.append(
                {UNIT_VECTORS: pack_unit_vectors(rows), UNIT_DIMS: int(rows.shape[1])}
                if len(unit_texts)
                else {}
            )
        return packed

    def unit_vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Unit vectors per chunk id, rows in unit order (missing chunks are left out)."""
        if not chunk_ids:
            return {}
        found = self._collection.get(ids=list(dict.fromkeys(chunk_ids)), include=["metadatas"])
        vectors: dict[str, np.ndarray] = {}
        for chunk_id, meta in zip(found["ids"], found["metadatas"] or [], strict=False):
            packed, dims = (meta or {}).get(UNIT_VECTORS), (meta or {}).get(UNIT_DIMS)
            if isinstance(packed, str) and isinstance(dims, int):
                vectors[chunk_id] = unpack_unit_vectors(packed, dims)
        return vectors

    def embed_cached(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of `texts`, embedded once and then read back from the index."""
        import hashlib

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        keys = [
            hashlib.sha256(f"{self.embedder.name}\x1f{t}".encode()).hexdigest()[:40] for t in texts
        ]
        cache = self._client.get_or_create_collection(
            TEXT_CACHE, embedding_function=self._function, metadata={"hnsw:space": "cosine"}
        )
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _READ_BATCH):
            got = cache.get(ids=unique[start : start + _READ_BATCH], include=["embeddings"])
            embeddings = got["embeddings"] if got["embeddings"] is not None else []
            found.update(zip(got["ids"], (np.asarray(v) for v in embeddings), strict=False))
        missing = [i for i, key in enumerate(keys) if key not in found]
        if missing:
            todo = list({keys[i]: texts[i] for i in missing}.items())
            vectors = self.embedder.embed_documents([text for _, text in todo])
            for start in range(0, len(todo), _BATCH):
                batch = todo[start : start + _BATCH]
                cache.upsert(
                    ids=[key for key, _ in batch],
                    embeddings=[np.asarray(v) for v in vectors[start : start + _BATCH]],
                )
            found.update(zip((key for key, _ in todo), vectors, strict=True))
            # The first start embeds hundreds of texts; without this the peak stays resident.
            _release_freed_memory()
        return np.stack([found[key] for key in keys]).astype(np.float32)

    def _revisions(self) -> Any:
        if self._revision_collection is None:
            self._revision_collection = self._client.get_or_create_collection(
                REVISION, embedding_function=self._function
            )
        return self._revision_collection

    def _mark_changed(self) -> None:
        """Give the chunks a new revision token (after a write that changed them)."""
        self._revisions().upsert(
            ids=[_REVISION_ID], embeddings=[[1.0]], metadatas=[{"token": uuid.uuid4().hex}]
        )

    def _revision(self) -> str:
        """The token of the chunks' last change ("" for an index never changed since)."""
        found = self._revisions().get(ids=[_REVISION_ID], include=["metadatas"])
        metadatas = found["metadatas"] or []
        return str((metadatas[0] or {}).get("token", "")) if metadatas else ""

    def _invalidate(self) -> None:
        self._lexical = None
        self._lexical_chunks = []
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._count = None

    # -- searching ---------------------------------------------------------------------

    def lexical(self) -> tuple[LexicalIndex, list[Chunk]]:
        """The BM25 index over all chunks, built on first use after a change."""
        with self._lock:
            self._load()
            assert self._lexical is not None
            return self._lexical, self._lexical_chunks

    def uses(self, word: str) -> bool:
        """Whether the indexed passages use `word`: each of its tokens, or the word a token
        inflects (see `LexicalIndex.known`)."""
        tokens = tokenize(word)
        if not tokens or not self.count():
            return False
        lexical = self.lexical()[0]
        return all(lexical.known(t) for t in tokens)

    def _load(self) -> None:
        """Read every chunk and its vector once after a change: for BM25 and exact search.

        Our own writes reset what was read; another process's show in the revision token,
        checked at most every few seconds (one small read).
        """
        if self._lexical is not None:
            now = time.monotonic()
            if now - self._checked_at < REVISION_CHECK_SECONDS:
                return
            self._checked_at = now
            if self._revision() == self._loaded_revision:
                return
        # Read before the chunks: a write that lands during the read shows at the next check.
        revision = self._revision()
        chunks: list[Chunk] = []
        rows: list[np.ndarray] = []
        for i, text, meta, vector in self._records(with_text=True, with_vectors=True):
            chunks.append(Chunk.from_record(i, text, meta))
            # A float32 copy: a view would keep its whole page of the read alive.
            rows.append(np.array(vector, dtype=np.float32))
        order = sorted(range(len(chunks)), key=lambda n: _reading_order(chunks[n]))
        chunks = [chunks[n] for n in order]
        vectors = np.stack([rows[n] for n in order]) if rows else np.zeros((0, 0), dtype=np.float32)
        del rows
        norms = np.sqrt(np.einsum("ij,ij->i", vectors, vectors))
        vectors /= np.maximum(norms, 1e-12)[:, None]
        self._lexical = LexicalIndex([c.search_text for c in chunks])
        self._lexical_chunks = chunks
        self._vectors = vectors
        self._loaded_revision = revision
        self._checked_at = time.monotonic()
        _release_freed_memory()

    def page(self, url: str) -> list[tuple[int, Chunk]]:
        """The chunks of one document in reading order, each with its place in the word
        index's chunk list (see `lexical`), read off one version of the index."""
        _, chunks = self.lexical()
        start = bisect.bisect_left(chunks, (url, -1), key=_reading_order)
        end = bisect.bisect_left(chunks, (url, sys.maxsize), key=_reading_order)
        return list(enumerate(chunks[start:end], start))

    def following(self, chunk: Chunk) -> Chunk | None:
        """The chunk after `chunk` in its document, if there is one."""
        _, chunks = self.lexical()
        at = bisect.bisect_right(chunks, _reading_order(chunk), key=_reading_order)
        if at < len(chunks) and chunks[at].url == chunk.url:
            return chunks[at]
        return None

    def dense_search(self, vector: np.ndarray, k: int) -> list[Hit]:
        """The `k` chunks nearest to `vector` by cosine similarity, exactly.

        Chroma's HNSW search is approximate: with its default breadth it left about 2 % of the
        true top 40 out, and which ones changed from one process to the next, so the same
        question could get another answer after a restart or on another replica. At the sizes
        hpcbot serves (10,000 chunks are a 15 MB matrix) an exact product is faster than the
        round-trip to Chroma and always gives the same order (ties go to the earlier chunk).
        """
        with self._lock:
            self._load()
            chunks, vectors = self._lexical_chunks, self._vectors
        if not chunks:
            return []
        query = np.asarray(vector, dtype=np.float32)
        query = query / max(float(np.linalg.norm(query)), 1e-12)
        # Not `vectors @ query`: OpenBLAS runs that on threads which then spin on both cores
        # for a while and slowed the model's next question embedding by half (63 -> 96 ms).
        # einsum's own loop takes 1.7 ms at 10,000 chunks, on this thread only.
        scores = np.einsum("ij,j->i", vectors, query)
        k = min(k, len(chunks))
        if k <= 0:
            return []
        # Everything scoring at least the k-th best, so that a tie at the cut also goes to
        # the earlier chunk; then by score, and by position among equals.
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        candidates = np.flatnonzero(scores >= kth)
        top = candidates[np.lexsort((candidates, -scores[candidates]))][:k]
        return [Hit(chunk=chunks[int(i)], score=float(scores[i])) for i in top]
