"""Parsers of containers meeting a damaged file: their failures become one clear refusal.

pypdf, zipfile and our streaming XLSX reader (importers/xlsx.py, on expat) read
whole containers (a workbook, a PDF, a GTFS archive). Fed a file cut short
or with garbage inside, they fail with whatever their code happened to hit (BadZipFile,
ExpatError, OSError on a seek, IndexError, zlib.error...). None of that helps
the person, so every call into such a parser goes through ``refused_when_damaged``: any
failure becomes ``FileRefused`` with a reason that names the kind of file, never a value
(parser messages may quote the file, so they are dropped). The XLSX reader is ours but is
treated as a library: its failure modes on damaged bytes are as open-ended; its own tests
compare it with openpyxl on the same workbooks.

Only the parser's own work is guarded: our code reading the rows it returns stays outside,
so a bug of ours still surfaces as one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

from importers.base import FileRefused
from importers.quiet import quiet
from importers.xlsx import Workbook, Worksheet
from importers.xlsx_cells import BeyondBounds

T = TypeVar("T")


def damaged_reason(what: str, exc: BaseException) -> str:
    if isinstance(exc, BeyondBounds):
        return (
            f"the file is not a real export: {exc} (far beyond what a provider's {what} "
            "holds). Nothing was stored; download the export again from the provider."
        )
    return (
        f"the file is not a complete, readable {what} ({type(exc).__name__}); it may be "
        "damaged or cut short. Download it again from the provider."
    )


@contextmanager
def refused_when_damaged(what: str, *loggers: str) -> Iterator[None]:
    """Run a library parser; anything it raises refuses the whole file.

    Its warnings and the named loggers are silenced meanwhile: they may quote the file.
    """
    try:
        with quiet(*loggers):
            yield
    except FileRefused:
        raise
    except Exception as exc:  # the library's failure modes on a damaged file are open-ended
        raise FileRefused(damaged_reason(what, exc)) from None


def guarded(items: Iterable[T], what: str, *loggers: str) -> Iterator[T]:
    """``items`` produced lazily by a library (a workbook's rows): each step is guarded."""
    with refused_when_damaged(what, *loggers):
        iterator = iter(items)
    while True:
        with refused_when_damaged(what, *loggers):
            try:
                item = next(iterator)
            except StopIteration:
                return
        yield item


class _GuardedStream(io.RawIOBase):
    """A library's byte stream (a ZIP member, inflated as it is read) with guarded reads."""

    def __init__(self, raw: IO[bytes], what: str) -> None:
        self._raw = raw
        self._what = what

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        with refused_when_damaged(self._what):
            data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def tell(self) -> int:
        return self._raw.tell()


def guarded_stream(raw: IO[bytes], what: str) -> IO[bytes]:
    """``raw`` read through the guard: a CRC error or a cut stream refuses the file."""
    return io.BufferedReader(_GuardedStream(raw, what))


# --- workbooks ----------------------------------------------------------------------------
WORKBOOK = "Excel workbook (XLSX)"


def open_workbook(path: Path) -> Workbook:
    """A workbook opened for its values: formulas give the result Excel stored, not run."""
    with refused_when_damaged(WORKBOOK):
        return Workbook(path)


def sheet_rows(worksheet: Worksheet) -> Iterator[tuple[Any, ...]]:
    """A sheet's rows as value tuples from row 1; its XML is parsed as rows are read.

    The reader hands rows over a chunk of XML at a time, so the guard is paid per chunk.
    """
    for chunk in guarded(worksheet.row_chunks(), WORKBOOK):
        yield from chunk


# --- JSON -----------------------------------------------------------------------------------
MAX_WHOLE_JSON = 32 * 1024 * 1024


def json_loads(data: str | bytes) -> Any:
    """``json.loads``; a document nested deeper than the parser's stack is not valid JSON.

    The stdlib parser recurses: ten thousand ``[`` raise RecursionError, which is no
    ValueError. Raised as JSONDecodeError, every importer's "not valid JSON" path takes it.
    """
    if len(data) > MAX_WHOLE_JSON:
        # Parsed whole, JSON takes twenty or more times its size in memory: a document this
        # large is read by the streaming reader (importers/jsontext.py) or not at all.
        raise FileRefused(
            "the JSON document is too large to be read whole (over 32 MB) and is not laid out "
            "as a provider's export: it is not a real export. Nothing was stored."
        )
    try:
        return json.loads(data)
    except RecursionError:
        raise _too_deep(data, 0) from None


def json_raw_decode(decoder: json.JSONDecoder, text: str, position: int) -> tuple[Any, int]:
    """``decoder.raw_decode`` with the same guard as ``json_loads``."""
    try:
        return decoder.raw_decode(text, position)
    except RecursionError:
        raise _too_deep(text, position) from None


def _too_deep(data: str | bytes, position: int) -> json.JSONDecodeError:
    doc = data if isinstance(data, str) else data[:position].decode("utf-8", errors="replace")
    return json.JSONDecodeError("the JSON is nested too deeply", doc, position)


# --- CSV records ----------------------------------------------------------------------------
MAX_COLUMNS = 4096
NOT_CSV = (
    "line is not valid CSV (badly quoted, a stray control character, far too long or too many "
    "columns)"
)


def csv_records(reader: Iterator[list[str]]) -> Iterator[list[str] | None]:
    """A ``csv.reader``'s records; None for one it cannot read (it goes on with the next line).

    A field over the csv module's size limit or a line break inside an unquoted field raise
    csv.Error for that record only: the caller rejects it with NOT_CSV and reads on.
    """
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield None
            continue
        # No export has thousands of columns: such a record is not read (rejected, not kept).
        yield record if len(record) <= MAX_COLUMNS else None


def first_record(line: str, delimiter: str = ",") -> list[str]:
    """One line's cells, for a header; empty when it is not CSV at all."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []
