"""The passage hpcbot shows from one chunk, read as it is retrieved first: for the tests of
extraction, which write the chunk's text themselves."""

from __future__ import annotations

from knowledge.extract import best_extract
from knowledge.lexical import LexicalIndex, tokenize
from knowledge.retrieve import Retrieved
from knowledge.store import Chunk


def extract_of(text: str, question: str, *, url: str, title: str) -> str:
    """The extract of a chunk holding `text`, for `question`, beside one unrelated chunk."""
    chunk = Chunk(id=f"{url}#1", text=text, url=url, title=title)
    hit = Retrieved(chunk, 1.0, dense=1.0, lexical=1.0, dense_rank=0, lexical_rank=0)
    lexical = LexicalIndex([text, "unrelated text about job arrays"])
    return best_extract(hit, question, tuple(tokenize(question)), lexical).text
