"""The shape of a file without its contents: what a support report may say about an export.

A help desk needs to know why a file was refused: its encoding, delimiter, header names, how
many rows it has and what kind of thing each cell holds. It must never see a value. Cells are
described by kind (``int``, ``date``, ``text`` …); the only words kept from a file are the
column names of a header line, and only those that never appear as a data cell.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from importers import ofx_tags
from importers.base import FileSample, read_sample

DELIMITERS = (";", ",", "\t", "|")
SHAPE_LINES = 12
MAX_NAME = 60
# The note is made from a bounded sample, so that a huge or crafted file costs little: the
# first bytes of a text file, the first rows of at most a few sheets, capped cells and lines.
SAMPLE_TEXT_BYTES = 256 * 1024
SAMPLE_ROWS = 50
MAX_SHEETS = 8
MAX_CELLS = 200
MAX_CELL_CHARS = 200
MAX_LINE_CHARS = 16 * 1024
MAX_OUTLINE = 200

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("int", re.compile(r"[+-]?\d+")),
    ("decimal", re.compile(r"[+-]?(\d+[.,]\d*|[.,]\d+)")),
    ("datetime", re.compile(r"\d{2,4}[-/.]\d{1,2}[-/.]\d{2,4}[ T]\d{1,2}:\d{2}.*")),
    ("date", re.compile(r"\d{1,4}[-/.](\d{1,2}|[A-Za-z]{3,9})[-/.]\d{2,4}")),
    ("time", re.compile(r"\d{1,2}:\d{2}(:\d{2})?")),
)
_NAME = re.compile(r"[^\W\d_][\w .()/%'°’:+-]*", re.UNICODE)
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def cell_kind(cell: str) -> str:
    text = cell.strip().strip('"').strip()
    if not text:
        return "empty"
    if re.fullmatch(r"\d{10,}", text.replace(" ", "")):
        return "identifier"  # meter, card and account numbers are long digit runs
    for name, pattern in _KINDS:
        if pattern.fullmatch(text):
            return name
    if re.search(r"\d{6,}", text.replace(" ", "")):
        return "identifier"
    return "text"


def looks_like_name(cell: str) -> bool:
    """A column name: starts with a letter, short, no long digit run."""
    text = cell.strip().strip('"').strip()
    return bool(_NAME.fullmatch(text) and len(text) <= MAX_NAME and not re.search(r"\d{3,}", text))


@dataclass
class FileStructure:
    """What a support report may say about a file. No field ever holds a value from it."""

    kind: str  # csv, text, json, ofx, xlsx, zip, pdf, binary, missing
    size: int
    extension: str
    encoding: str | None = None
    delimiter: str | None = None
    line_count: int = 0
    header_line: int | None = None
    columns: list[str] = field(default_factory=list)
    line_shapes: list[str] = field(default_factory=list)  # "line 3: 2 cells: date,int"
    json_outline: list[str] = field(default_factory=list)
    ofx_outline: list[str] = field(default_factory=list)  # header keys and tag paths
    sheets: list[str] = field(default_factory=list)  # "sheet 1: 40 rows x 3 columns"
    zip_members: list[str] = field(default_factory=list)  # extensions only
    data_cells: set[str] = field(default_factory=set, repr=False)  # for scrubbing, never output

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("data_cells")
        return data


def describe(path: Path) -> FileStructure:
    """The structure of ``path``. Never raises for a bad file: it says what it could see."""
    extension = path.suffix.lower()[:8]
    try:
        sample = read_sample(path)
    except OSError:
        return FileStructure("missing", 0, extension)
    found = FileStructure("binary", sample.size, extension, encoding=sample.encoding)
    try:
        if sample.is_zip:
            _zip(path, found)
        elif sample.is_pdf:
            found.kind = "pdf"
        elif sample.text is not None:
            _text(path, sample, found)
    except Exception as exc:  # a broken file is exactly what we describe; note, don't fail
        found.line_shapes.append(f"could not be read further ({type(exc).__name__})")
    return found


def _zip(path: Path, found: FileStructure) -> None:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        _xlsx(path, found)
        return
    found.kind = "zip"
    counts = Counter(Path(n).suffix.lower() or "(none)" for n in names if not n.endswith("/"))
    found.zip_members = [f"{count} x {ext}" for ext, count in sorted(counts.items())]


def _xlsx(path: Path, found: FileStructure) -> None:
    from importers.xlsx import Workbook  # only needed for spreadsheets

    found.kind = "xlsx"
    book = Workbook(path)
    try:
        for number, sheet in enumerate(book.worksheets[:MAX_SHEETS], start=1):
            width, last_row = sheet.dimension()
            rows: list[list[str]] = []
            for chunk in sheet.row_chunks():
                rows.extend(_bounded_row(row) for row in islice(chunk, SAMPLE_ROWS))
                if len(rows) >= SAMPLE_ROWS:
                    break  # the sample is taken; the rest of the sheet is not read
            rows = rows[:SAMPLE_ROWS]
            width = max([width, *(len(r) for r in rows)])
            found.sheets.append(
                f"sheet {number}: {last_row or len(rows)} rows x {width} columns"
                + (" (as the sheet states)" if last_row else "")
            )
            _cells(rows, found, prefix=f"sheet {number} row")
    finally:
        book.close()


def _bounded_row(row: tuple[Any, ...]) -> list[str]:
    return ["" if v is None else str(v)[:MAX_CELL_CHARS] for v in row[:MAX_CELLS]]


def _text(path: Path, sample: FileSample, found: FileStructure) -> None:
    """From the first bytes only (and a count of lines over the file, in constant memory)."""
    found.line_count = _count_lines(path)
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE_TEXT_BYTES + 1)
    whole = len(head) <= SAMPLE_TEXT_BYTES
    text = head[:SAMPLE_TEXT_BYTES].decode(sample.encoding or "utf-8", errors="replace")
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        found.kind = "json"
        if not whole:
            found.line_shapes.append(
                f"too large to outline here ({found.size} bytes); structure not read"
            )
            return
        try:
            document = json.loads(text)
        except (ValueError, RecursionError) as exc:
            found.line_shapes.append(f"not valid JSON ({_json_error(exc)})")
            return
        found.json_outline = outline(document)[:MAX_OUTLINE]
        found.data_cells = set(_leaves(document))
        return
    if ofx_tags.looks_like_ofx(text):
        found.kind = "ofx"  # tags, not columns: a one-column CSV would say nothing
        found.ofx_outline = ofx_tags.outline(text)
        found.data_cells = set(ofx_tags.values(text))
        return
    lines = text.splitlines()
    if not whole and len(lines) > 1:
        lines.pop()  # the last line of the sample may be cut
    lines = [line[:MAX_LINE_CHARS] for line in lines[:SAMPLE_ROWS]]
    found.delimiter = guess_delimiter(lines)
    found.kind = "csv" if found.delimiter else "text"
    rows = [_split(line, found.delimiter)[:MAX_CELLS] for line in lines]
    _cells(rows, found, prefix="line")


def _count_lines(path: Path) -> int:
    count = 0
    last = b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def _json_error(exc: Exception) -> str:
    line = getattr(exc, "lineno", None)
    return f"stops at line {line}" if line else "unreadable"


def _split(line: str, delimiter: str | None) -> list[str]:
    if delimiter is None:
        return [line]
    return next(csv.reader([line], delimiter=delimiter), [])


def _cells(rows: list[list[str]], found: FileStructure, prefix: str) -> None:
    """Header names, line shapes and the set of data cells (kept only to scrub reports)."""
    header_index: int | None = None
    for index, row in enumerate(rows):
        filled = [c for c in row if c.strip()]
        if len(filled) >= 2 and all(looks_like_name(c) for c in filled):
            header_index = index
            break
    for index, row in enumerate(rows):
        if index != header_index:
            found.data_cells.update(c.strip() for c in row if c.strip())
    if header_index is not None and found.header_line is None:
        found.header_line = header_index + 1
        found.columns = [
            c.strip() if c.strip() not in found.data_cells else "(a value)"
            for c in rows[header_index]
        ]
    shown = 0
    for index, row in enumerate(rows):
        if shown >= SHAPE_LINES:
            break
        if not any(c.strip() for c in row):
            continue
        kinds = "header" if index == header_index else ",".join(cell_kind(c) for c in row)
        found.line_shapes.append(f"{prefix} {index + 1}: {len(row)} cells: {kinds}")
        shown += 1


def guess_delimiter(lines: list[str]) -> str | None:
    """The delimiter most lines agree on, or None for a plain text file."""
    filled = [line for line in lines[:50] if line.strip()]
    best: tuple[int, int, str | None] = (0, 0, None)
    for delimiter in DELIMITERS:
        counts = Counter(line.count(delimiter) for line in filled)
        counts.pop(0, None)
        if not counts:
            continue
        width, lines_agreeing = counts.most_common(1)[0]
        if (lines_agreeing, width) > best[:2]:
            best = (lines_agreeing, width, delimiter)
    return best[2]


def outline(document: Any, path: str = "$", depth: int = 0) -> list[str]:
    """Keys and types of a JSON document; arrays as their length and their items' union shape."""
    if depth > 8:
        return [f"{path}: …"]
    if isinstance(document, dict):
        lines = [f"{path}: object ({len(document)} keys)"]
        for key, value in document.items():
            name = key if _KEY.fullmatch(key) and len(key) <= MAX_NAME else "(a key)"
            lines.extend(outline(value, f"{path}.{name}", depth + 1))
        return _dedupe(lines)
    if isinstance(document, list):
        lines = [f"{path}: array of {len(document)}"]
        for item in document[:200]:
            lines.extend(outline(item, f"{path}[]", depth + 1))
        return _dedupe(lines)
    return [f"{path}: {_json_kind(document)}"]


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return f"string ({cell_kind(str(value))})"


def _dedupe(lines: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for line in lines:
        seen.setdefault(line, None)
    return list(seen)


def _leaves(document: Any) -> list[str]:
    if isinstance(document, dict):
        keys = [k for k in document if not (_KEY.fullmatch(k) and len(k) <= MAX_NAME)]
        return keys + [leaf for v in document.values() for leaf in _leaves(v)]
    if isinstance(document, list):
        return [leaf for item in document for leaf in _leaves(item)]
    if document is None or isinstance(document, bool):
        return []
    return [str(document)]
