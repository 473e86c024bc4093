"""The text in a file's bytes: UTF-8 unless the bytes show that the file is something else.

Documentation is UTF-8 almost always. One stray byte (a Latin-1 `©` pasted into a UTF-8 file)
used to make the whole file decode as Latin-1, turning every é and € in it into mojibake. Now:

- a byte order mark decides (UTF-8, UTF-16, UTF-32);
- bytes that are valid UTF-8 are UTF-8;
- bytes with at least as many valid multi-byte UTF-8 sequences as invalid ones are UTF-8 with
  stray bytes, each replaced by U+FFFD and counted in a warning;
- anything else is a legacy 8-bit file, read as Windows-1252: the superset of Latin-1 that word
  processors write (curly quotes, dashes, €). A guess, so it is logged too.

No detection library: the choice is between these few cases, and this runs on every file.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

# UTF-32 before UTF-16: the UTF-32 little-endian mark starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_REPLACEMENT = "\ufffd"
_BINARY_PROBE = 4096  # a NUL in the first 4 KiB of a file without a BOM: not text


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    replaced: int = 0  # invalid byte sequences replaced by U+FFFD


def decode_text(data: bytes, *, name: str = "") -> DecodedText | None:
    """The text of `data`, or None if it looks binary; `name` is for the warnings."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _counted(data, encoding, name)
    if b"\x00" in data[:_BINARY_PROBE]:
        return None
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    replaced = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode())
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    if valid >= replaced:
        log.warning(
            "%s: not valid UTF-8; %d stray byte sequence(s) replaced by U+FFFD",
            name or "text",
            replaced,
        )
        return DecodedText(text, "utf-8", replaced)
    log.warning("%s: not UTF-8; read as Windows-1252", name or "text")
    return _counted(data, "cp1252", name)


def _counted(data: bytes, encoding: str, name: str) -> DecodedText:
    try:
        return DecodedText(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        pass
    # Bytes the encoding leaves undefined (five in Windows-1252, broken pairs in UTF-16).
    text = data.decode(encoding, errors="replace")
    replaced = text.count(_REPLACEMENT)
    log.warning(
        "%s: %d byte sequence(s) invalid in %s replaced by U+FFFD",
        name or "text",
        replaced,
        encoding,
    )
    return DecodedText(text, encoding, replaced)
