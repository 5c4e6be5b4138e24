"""Big workbooks for the benches, written straight as the zip of XML parts an XLSX is.

openpyxl's writer builds a cell object per value and takes minutes over half a million rows;
the parts below are the least a reader needs (content types, relationships, the workbook and
one part per sheet), with text as inline strings as the Enedis and GRDF exports write it.
Rows are streamed into the zip, so a sheet of any length is written in constant memory.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

Cell = str | int | float | None

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_BOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_QUOTES = {"'": "&apos;", '"': "&quot;"}
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _column(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _row(number: int, cells: Sequence[Cell], columns: list[str]) -> str:
    parts = [f'<row r="{number}">']
    for index, value in enumerate(cells):
        if value is None:
            continue
        ref = f"{columns[index]}{number}"
        if isinstance(value, str):
            parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        else:
            parts.append(f'<c r="{ref}"><v>{value!r}</v></c>')
    parts.append("</row>")
    return "".join(parts)


def write_workbook(path: Path, sheets: Sequence[tuple[str, Iterable[Sequence[Cell]]]]) -> None:
    """An XLSX at ``path`` with ``sheets`` (name, rows from row 1; None leaves a cell empty)."""
    columns = [_column(i) for i in range(64)]
    count = len(sheets)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
            for i in range(1, count + 1)
        )
        archive.writestr(
            "[Content_Types].xml",
            f'{_HEAD}<Types xmlns="{_TYPES}">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_BOOK_TYPE}"/>'
            f"{overrides}</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'{_HEAD}<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        entries = "".join(
            f'<sheet name="{escape(name, _QUOTES)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (name, _rows) in enumerate(sheets, start=1)
        )
        archive.writestr(
            "xl/workbook.xml",
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>{entries}</sheets>'
            "</workbook>",
        )
        links = "".join(
            f'<Relationship Id="rId{i}" Type="{_DOC}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, count + 1)
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{_HEAD}<Relationships xmlns="{_RELS}">{links}</Relationships>',
        )
        for i, (_name, rows) in enumerate(sheets, start=1):
            with archive.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as part:
                part.write(f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
                batch: list[str] = []
                for number, cells in enumerate(rows, start=1):
                    if any(cell is not None for cell in cells):
                        batch.append(_row(number, cells, columns))
                    if len(batch) >= 4096:
                        part.write("".join(batch).encode())
                        batch.clear()
                part.write("".join(batch).encode())
                part.write(b"</sheetData></worksheet>")
