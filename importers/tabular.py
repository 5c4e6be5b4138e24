"""Rows of any CSV or XLSX file, for importers that are told which column is which.

CSV cells are text (the encoding found by ``read_sample``: UTF-8 with or without BOM, else
cp1252); XLSX cells keep their types (numbers, datetimes; importers/xlsx_cells.py). Both
stream: a CSV is decoded chunk by chunk, a sheet's XML is parsed as its rows are read.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from importers.base import FileRefused, FileSample, open_text, read_sample
from importers.guard import WORKBOOK, open_workbook, refused_when_damaged, sheet_rows
from importers.labels import plain

DELIMITERS = (";", ",", "\t", "|")
HEAD_ROWS = 30  # a header is looked for in the first rows only

Row = list[Any]


def sniff_delimiter(line: str) -> str:
    """The separator used most in a header line (``;`` when none is used)."""
    counts = {d: line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def is_blank(row: Row) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in row)


def trimmed(row: Row) -> Row:
    """The row without its trailing empty cells (a trailing ``;``, unused spreadsheet columns)."""
    end = len(row)
    while end and (row[end - 1] is None or str(row[end - 1]).strip() == ""):
        end -= 1
    return row[:end]


def signature(header: Row) -> str:
    """A header's identity: its labels without accents, case, spaces or trailing empty cells."""
    return "\x1f".join(plain(cell) for cell in trimmed(header))


def head_rows(sample: FileSample, delimiter: str | None, sheet: str | None = None) -> list[Row]:
    """The first rows of the file, for detection; empty when it is neither text nor a workbook."""
    if sample.is_zip:
        try:
            return list(_xlsx_rows(sample.path, sheet, limit=HEAD_ROWS))
        except FileRefused:  # not a workbook, or a damaged one: nothing to match
            return []
    if sample.text is None:
        return []
    lines = [line for line in sample.lines[: HEAD_ROWS * 2] if line.strip()][:HEAD_ROWS]
    if not lines:
        return []
    try:
        reader = csv.reader(lines, delimiter=delimiter or sniff_delimiter(lines[0]))
        return [list(cells) for cells in reader]
    except csv.Error:  # a line far too long or badly quoted: not a header to match
        return []


def rows(
    path: Path, delimiter: str | None, sheet: str | None = None
) -> Iterator[tuple[int, Row | None]]:
    """``(line or row number, cells)`` for every row, blank ones included.

    ``cells`` is None for a CSV line that is not valid CSV (a field far too long, a quote
    left open); the reader goes on with the next line.
    """
    sample = read_sample(path)
    if sample.is_zip:
        yield from enumerate(_xlsx_rows(path, sheet), start=1)
        return
    lines = open_text(path, sample.encoding or "utf-8-sig")
    first = sample.first_nonblank_line()
    numbered: list[int] = []

    def text_lines() -> Iterator[str]:
        for number, line in lines:
            numbered.append(number)
            yield line

    reader = csv.reader(text_lines(), delimiter=delimiter or sniff_delimiter(first))
    while True:
        try:
            cells: Row | None = next(reader)
        except StopIteration:
            return
        except csv.Error:
            cells = None
        yield numbered[-1], cells
        numbered.clear()


def _xlsx_rows(path: Path, sheet: str | None, limit: int | None = None) -> Iterator[Row]:
    workbook = open_workbook(path)
    try:
        with refused_when_damaged(WORKBOOK):
            names = workbook.sheetnames
            if sheet and sheet not in names:
                raise FileRefused("the workbook has no sheet of the name the mapping gives")
            worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        for count, row in enumerate(sheet_rows(worksheet)):
            if limit is not None and count >= limit:
                return
            yield list(row)
    finally:
        workbook.close()
