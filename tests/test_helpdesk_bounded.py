"""The help-desk note of a refused import describes a bounded sample, not the whole file.

A CSV line of two million columns, a workbook that declares A1:XFD2000 and a last row of
1,048,576: the note stays small, and making it takes little memory (measured with tracemalloc).
"""

from __future__ import annotations

import json
import tracemalloc
import zipfile
from pathlib import Path

from wallet.helpdesk import outcomes
from wallet.helpdesk.structure import MAX_CELLS, SAMPLE_ROWS, describe

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
PEAK_LIMIT = 64 * 1024 * 1024


def _workbook(path: Path, sheet_xml: str) -> Path:
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    parts = {
        "[Content_Types].xml": types,
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
        '<sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG_RELS}"><Relationship '
        f'Id="rId7" Type="{DOC_RELS}/worksheet" Target="/xl/sheets/data.xml"/></Relationships>',
        "xl/sheets/data.xml": sheet_xml,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def _peak_of(call: object) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = call()  # type: ignore[operator]
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_line_of_two_million_columns_gives_a_small_note(tmp_path: Path) -> None:
    export = tmp_path / "wide.csv"
    export.write_text(
        "date;kwh\n" + ";".join(["1"] * 2_000_000) + "\n2025-01-01;oops\n", encoding="utf-8"
    )
    found, peak = _peak_of(lambda: describe(export))
    assert peak < PEAK_LIMIT, f"{peak // 1_000_000} MB"
    assert found.line_count == 3  # counted over the whole file
    assert len(json.dumps(found.as_json())) < 20_000
    assert all(len(shape) < 5_000 for shape in found.line_shapes)


def test_a_workbook_declaring_a_huge_sheet_gives_a_small_note(tmp_path: Path) -> None:
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in (1, 2)
    )
    bad = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>bad</t></is></c></row>'
    sheet = (
        f'<worksheet xmlns="{MAIN}"><dimension ref="A1:XFD1048576"/>'
        f"<sheetData>{rows}{bad}</sheetData></worksheet>"
    )
    book = _workbook(tmp_path / "declared.xlsx", sheet)
    assert book.stat().st_size < 10_000
    found, peak = _peak_of(lambda: describe(book))
    assert peak < PEAK_LIMIT, f"{peak // 1_000_000} MB"
    assert found.sheets == ["sheet 1: 1048576 rows x 16384 columns (as the sheet states)"]
    assert len(found.line_shapes) <= SAMPLE_ROWS
    assert all(shape.count(",") < MAX_CELLS for shape in found.line_shapes)


def test_the_failed_imports_file_stays_small(tmp_path: Path) -> None:
    export = tmp_path / "wide.csv"
    export.write_text(";".join(["1"] * 1_000_000) + "\n", encoding="utf-8")
    with outcomes.kept_in(tmp_path / "state"):
        outcomes.record(export, outcome="refused", error=ValueError("not a known format"))
        written = outcomes.failures_path().stat().st_size
    assert written < 50_000
