"""The knowledge package's public API: every exported name resolves, and nothing drifts."""

from __future__ import annotations

import subprocess
import sys

import knowledge


def test_all_lists_every_public_name_sorted() -> None:
    assert knowledge.__all__ == sorted(knowledge.__all__, key=str.casefold)


def test_every_exported_name_resolves() -> None:
    missing = [name for name in knowledge.__all__ if getattr(knowledge, name, None) is None]

    assert missing == []


def test_importing_knowledge_loads_no_heavy_library() -> None:
    # Chroma, torch, (sentence-)transformers, LangChain and BM25 cost seconds to import; only
    # the constructors that use them import them (an opened index, a loaded model).
    code = (
        "import sys, knowledge; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(sys.argv[1:])))"
    )
    heavy = ["bm25s", "chromadb", "langchain_core", "langchain_text_splitters"]
    heavy += ["sentence_transformers", "torch", "transformers"]
    out = subprocess.run(
        [sys.executable, "-c", code, *heavy], capture_output=True, text=True, check=True
    )

    assert out.stdout == "[]\n"
