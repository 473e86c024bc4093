"""Unit vectors are stored packed (int8 rows with a scale each) inside the chunk's metadata."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.store import pack_unit_vectors, unpack_unit_vectors


def _unit_rows(count: int, dims: int, seed: int = 3) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(count, dims)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_packed_rows_keep_their_cosine_with_a_question_within_a_hundredth() -> None:
    rows = _unit_rows(40, 384)
    question = _unit_rows(1, 384, seed=11)[0]

    restored = unpack_unit_vectors(pack_unit_vectors(rows), 384)

    assert restored.shape == (40, 384)
    assert np.max(np.abs(restored @ question - rows @ question)) < 0.01


def test_packed_rows_take_a_quarter_of_float32_and_a_scale() -> None:
    packed = pack_unit_vectors(_unit_rows(10, 384))

    assert len(packed) == 4 * ((10 * (384 + 4) + 2) // 3)  # base64 of 3,880 bytes


def test_packed_rows_of_another_width_are_refused() -> None:
    packed = pack_unit_vectors(_unit_rows(3, 64))

    with pytest.raises(ValueError, match="do not hold 384-d rows"):
        unpack_unit_vectors(packed, 384)


def test_an_all_zero_row_is_restored_as_zeros_not_nan() -> None:
    rows = np.zeros((2, 8), dtype=np.float32)

    assert np.array_equal(unpack_unit_vectors(pack_unit_vectors(rows), 8), rows)
