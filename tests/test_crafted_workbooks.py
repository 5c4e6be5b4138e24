"""Crafted workbooks (a few MB, built here) are refused before they take gigabytes.

A styles part or a sheet inflating to hundreds of megabytes, one cell of more text than Excel
allows, a row of more cells than a sheet has columns, a shared-string table too large: each is
refused as "not a real export", with the peak of memory traced.
"""

from __future__ import annotations

import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from importers.base import FileRefused
from importers.guard import open_workbook, sheet_rows
from importers.xlsx_cells import (
    MAX_CELL_TEXT,
    MAX_COLUMN,
    WINDOWS_EPOCH,
    BeyondBounds,
    CellTypes,
    SheetParser,
)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
PEAK_LIMIT = 400 * 1024 * 1024


def _padded(zf: zipfile.ZipFile, name: str, head: bytes, megabytes: int, tail: bytes) -> None:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zf.open(info, "w", force_zip64=True) as member:
        member.write(head)
        block = b" " * (1 << 20)
        for _ in range(megabytes):
            member.write(block)
        member.write(tail)


def _workbook(path: Path, big: str | None = None, megabytes: int = 0) -> Path:
    sheet = (
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        "</sheetData></worksheet>"
    )
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
        ),
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
        '<sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG_RELS}"><Relationship '
        f'Id="rId7" Type="{DOC_RELS}/worksheet" Target="/xl/sheets/data.xml"/></Relationships>',
        "xl/sheets/data.xml": sheet,
        "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"/>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            if name == big:
                head, tail = text.encode().split(b">", 1)
                _padded(zf, name, head, megabytes, b">" + tail)
            else:
                zf.writestr(name, text)
    return path


def _peak(call: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        with pytest.raises(FileRefused, match="not a real export"):
            call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _read_all(path: Path) -> None:
    book = open_workbook(path)
    try:
        for sheet in book.worksheets:
            for _row in sheet_rows(sheet):
                pass
    finally:
        book.close()


@pytest.mark.parametrize("part", ["xl/styles.xml", "xl/workbook.xml", "xl/sheets/data.xml"])
def test_a_part_inflating_to_hundreds_of_megabytes_is_refused(tmp_path: Path, part: str) -> None:
    crafted = _workbook(tmp_path / "bomb.xlsx", part, 300)
    assert crafted.stat().st_size < 2_000_000
    assert _peak(lambda: _read_all(crafted)) < PEAK_LIMIT


def _parser() -> SheetParser:
    return SheetParser(CellTypes([], frozenset(), frozenset(), WINDOWS_EPOCH))


def _feed_in_chunks(parser: SheetParser, data: bytes) -> None:
    for start in range(0, len(data), 1 << 16):
        parser.feed(data[start : start + (1 << 16)])
    parser.feed(b"", final=True)


def test_a_cell_of_more_text_than_excel_allows_is_refused() -> None:
    text = b"A" * (MAX_CELL_TEXT + 1)
    sheet = (
        (
            f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
        ).encode()
        + text
        + b"</t></is></c></row></sheetData></worksheet>"
    )
    with pytest.raises(BeyondBounds):
        _feed_in_chunks(_parser(), sheet)
    fits = sheet.replace(text, b"A" * MAX_CELL_TEXT)
    parser = _parser()
    _feed_in_chunks(parser, fits)
    assert len(parser.take()[0][1][0][1]) == MAX_CELL_TEXT


def test_a_gigabyte_cell_stops_after_a_chunk() -> None:
    parser = _parser()
    parser.feed(f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>'.encode())
    tracemalloc.start()
    try:
        with pytest.raises(BeyondBounds):
            for _ in range(16_384):  # a gigabyte, 64 KiB at a time, if it were never refused
                parser.feed(b"7" * (1 << 16))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024


def test_a_row_of_more_cells_than_a_sheet_has_columns_is_refused() -> None:
    row = b"<c/>" * (MAX_COLUMN + 1)
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">'.encode() + row
    with pytest.raises(BeyondBounds):
        _feed_in_chunks(_parser(), sheet + b"</row></sheetData></worksheet>")


def test_a_shared_string_longer_than_a_cell_is_refused() -> None:
    import io

    from importers.xlsx_cells import shared_strings

    table = f'<sst xmlns="{MAIN}"><si><t>ok</t></si><si><t>'.encode()
    table += b"B" * (MAX_CELL_TEXT + 1) + b"</t></si></sst>"
    with pytest.raises(BeyondBounds):
        shared_strings(io.BytesIO(table))
    fits = table.replace(b"B" * (MAX_CELL_TEXT + 1), b"B" * 10)
    assert shared_strings(io.BytesIO(fits)) == ["ok", "B" * 10]
