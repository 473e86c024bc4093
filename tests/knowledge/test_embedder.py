"""The embedder runs the bundled sentence-transformers model with transformers alone, giving
sentence-transformers' own vectors; a model of another layout is left to sentence-transformers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from knowledge.embed import (
    DEFAULT_MODEL,
    MeanPooledTransformer,
    SentenceTransformerEmbedder,
    mean_pooled_layout,
    resolve_model_path,
)

TEXTS = [
    "How much memory does a LUMI-G node have?",
    "Each LUMI-G node has four MI250X GPUs. " * 30,  # past the model's 256 tokens
    "x",
]


def test_the_bundled_model_has_the_common_layout() -> None:
    assert mean_pooled_layout(resolve_model_path(DEFAULT_MODEL)) == 256


def _write_layout(root: Path, pooling: dict[str, bool]) -> Path:
    (root / "1_Pooling").mkdir()
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {
            "idx": 1,
            "name": "1",
            "path": "1_Pooling",
            "type": "sentence_transformers.models.Pooling",
        },
        {
            "idx": 2,
            "name": "2",
            "path": "2_Normalize",
            "type": "sentence_transformers.models.Normalize",
        },
    ]
    (root / "modules.json").write_text(json.dumps(modules))
    (root / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    (root / "sentence_bert_config.json").write_text('{"max_seq_length": 128}')
    return root


def test_a_mean_pooled_model_directory_is_recognised(tmp_path: Path) -> None:
    assert mean_pooled_layout(_write_layout(tmp_path, {"pooling_mode_mean_tokens": True})) == 128


def test_a_model_pooled_otherwise_is_left_to_sentence_transformers(tmp_path: Path) -> None:
    pooling = {"pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}
    assert mean_pooled_layout(_write_layout(tmp_path, pooling)) is None


def test_a_directory_without_a_sentence_transformers_layout_is_left_to_it(tmp_path: Path) -> None:
    (tmp_path / "modules.json").write_text("not json")
    assert mean_pooled_layout(tmp_path) is None


@pytest.mark.slow
def test_the_vectors_are_sentence_transformers_own() -> None:
    from sentence_transformers import SentenceTransformer

    path = resolve_model_path(DEFAULT_MODEL)
    expected = SentenceTransformer(str(path), device="cpu").encode(TEXTS, normalize_embeddings=True)
    embedder = SentenceTransformerEmbedder()
    assert isinstance(embedder._model, MeanPooledTransformer)
    assert np.abs(embedder.embed_documents(TEXTS) - expected).max() < 1e-5


def test_the_bundled_model_knows_words_of_the_language_not_new_names() -> None:
    words = SentenceTransformerEmbedder().words
    assert {"wired", "sanity", "logging"} <= words
    assert not {"ollama", "sglang", "vllm"} & words
