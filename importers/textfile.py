"""Reading export text files fast: blocks of lines with progress, and header matching.

The energy importers read files of half a million lines, so lines come in blocks (one per
megabyte read) rather than one generator step each, and progress is reported per block.
Headers are compared after folding case, accents and spaces, because the same export is
seen with ``Unité`` and ``Unite``, ``Type de données`` and ``Type de donnees``.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from importers.base import MAX_LINE_CHARS, ProgressCallback, decode_text, line_too_long

BLOCK_BYTES = 1 << 20


def file_encoding(path: Path) -> str:
    """``utf-8-sig`` (BOM stripped) when the head of the file is UTF-8, else ``cp1252``."""
    with open(path, "rb") as handle:
        head = handle.read(256 * 1024)
    decoded = decode_text(head)
    return decoded[1] if decoded else "utf-8-sig"


def line_blocks(
    path: Path, encoding: str, on_progress: ProgressCallback
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(number of the block's first line, lines)``; line endings LF or CRLF removed."""
    total = path.stat().st_size
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    first = 1
    pending = ""
    with open(path, "rb") as handle:
        while chunk := handle.read(BLOCK_BYTES):
            text = pending + decoder.decode(chunk)
            if "\r" in text:
                text = text.replace("\r\n", "\n")
            lines = text.split("\n")
            pending = lines.pop()
            if len(pending) > MAX_LINE_CHARS or max(map(len, lines), default=0) > MAX_LINE_CHARS:
                # A crafted line of millions of columns: refused before it is split.
                raise line_too_long(first + len(lines))
            if lines:
                yield first, lines
                first += len(lines)
            on_progress(handle.tell(), total)
        pending += decoder.decode(b"", final=True)
    if pending.rstrip("\r"):
        yield first, [pending.rstrip("\r")]
    on_progress(total, total)


def fold(text: str) -> str:
    """Lower case without accents or surrounding spaces: ``" Unité "`` -> ``"unite"``."""
    text = text.strip().lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def folded_cells(line: str, sep: str = ";") -> list[str]:
    cells = [fold(cell) for cell in line.split(sep)]
    while cells and not cells[-1]:
        cells.pop()  # a trailing separator is not a column
    return cells


def header_text(cells: list[str], limit: int = 8) -> str:
    """A header for a message: column names only (never data), shortened."""
    shown = ";".join(cells[:limit])
    return shown + (";…" if len(cells) > limit else "")


def number_or_none(text: str) -> float | None:
    """An integer or dot-decimal value; an empty cell is a missing value (None, never 0)."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError("value is not a number") from None
    if value - value != 0:  # nan and inf are not measurements
        raise ValueError("value is not a number")
    return value
