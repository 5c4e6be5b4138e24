"""Third-party parsers meeting a damaged file: their failures become one clear refusal.

openpyxl, pypdf, ofxtools and zipfile read whole containers (a workbook, a PDF, an OFX
statement, a GTFS archive). Fed a file cut short or with garbage inside, they fail with
whatever their code happened to hit (BadZipFile, OSError on a seek, IndexError,
OFXSpecError, zlib.error...). None of that is a bug of ours and none of it helps the person,
so every call into such a library goes through ``refused_when_damaged``: any failure becomes
``FileRefused`` with a reason that names the kind of file, never a value (library messages
may quote the file, so they are dropped).

Only the library's own work is guarded: our code reading the rows it returns stays outside,
so a bug of ours still surfaces as one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from importers.base import FileRefused
from importers.quiet import quiet

T = TypeVar("T")


def damaged_reason(what: str, exc: BaseException) -> str:
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


# --- workbooks ----------------------------------------------------------------------------
WORKBOOK = "Excel workbook (XLSX)"


def open_workbook(path: Path) -> Any:
    """An openpyxl workbook opened read-only with cached values (formulas are not run)."""
    import openpyxl  # imported here: slow to load, and only workbook importers need it

    with refused_when_damaged(WORKBOOK, "openpyxl"):
        return openpyxl.load_workbook(path, read_only=True, data_only=True)


def sheet_rows(worksheet: Any, **bounds: int) -> Iterator[tuple[Any, ...]]:
    """A read-only sheet's rows as value tuples; its XML is parsed as rows are read."""
    with refused_when_damaged(WORKBOOK, "openpyxl"):
        rows = worksheet.iter_rows(values_only=True, **bounds)
    return guarded(rows, WORKBOOK, "openpyxl")
