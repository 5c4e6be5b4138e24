"""The workbook reader: openpyxl's values, streamed in flat memory, damage refused clearly.

The importers were written against openpyxl's read-only mode; the reader replacing it must
give the same value, of the same type, in every cell. openpyxl (a test dependency now) is the
independent witness: it writes the workbooks here and reads them too.
"""

from __future__ import annotations

import tracemalloc
import zipfile
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from bench.xlsx_writer import write_workbook
from importers import registry
from importers.base import EnergyReading, FileRefused
from importers.guard import open_workbook, sheet_rows
from tests.conftest import RESOURCE_SAMPLES, SHARED_SAMPLES

SAMPLES = sorted(RESOURCE_SAMPLES.glob("*.xlsx")) + sorted(SHARED_SAMPLES.glob("*.xlsx"))


def ours(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = open_workbook(path)
    try:
        return {sheet.title: list(sheet_rows(sheet)) for sheet in book.worksheets}
    finally:
        book.close()


def theirs(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return {
            sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        }
    finally:
        book.close()


def typed(sheets: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[list[tuple[str, Any]]]]:
    """Values with their types: 5 and 5.0, or a date and a datetime, must not pass as equal."""
    return {
        title: [[(type(v).__name__, v) for v in row] for row in rows]
        for title, rows in sheets.items()
    }


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_sample_workbook_reads_as_openpyxl_reads_it(sample: Path) -> None:
    assert typed(ours(sample)) == typed(theirs(sample))


def _every_kind_of_cell(book: openpyxl.Workbook) -> None:
    sheet = book.active
    sheet.title = "Données"
    dates = [datetime(2024, 3, 1), datetime(2024, 3, 1, 12, 30), time(6, 15)]
    sheet.append([None, 5, 5.5, "  spaced ", *dates, True, False, "=1/0", -0.0, 1e20, 1234567])
    sheet.append([])
    sheet["A3"] = 7
    sheet["C5"] = "a_x005F_b & <x> \r\n line"
    sheet["D5"] = timedelta(hours=30, minutes=5)
    sheet["E5"] = datetime(1900, 1, 1)
    sheet["F5"] = datetime(1900, 3, 1, 6)
    for ref, value, code in [
        ("G5", 0.5, "hh:mm"),
        ("H5", 45000, "dd/mm/yyyy"),
        ("I5", 45000, '"Date: "0'),  # a d inside quotes is text, not a date field
        ("J5", 45000.25, "[$-40C]d mmmm yyyy;@"),
        ("K5", 3, "[h]:mm"),
        ("L5", 12, "0.00"),
        ("M5", "0123", "@"),
    ]:
        sheet[ref] = value
        sheet[ref].number_format = code
    sheet["B7"] = CellRichText(["plain ", TextBlock(InlineFont(b=True), "bold"), " end"])
    sheet["Z9"] = "far right"
    hidden = book.create_sheet("Caché")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "hidden"
    book.create_sheet("Vide")


@pytest.mark.parametrize("mac_epoch", [False, True], ids=["1900", "1904"])
def test_cell_types_dates_and_strings_as_openpyxl_gives_them(
    tmp_path: Path, mac_epoch: bool
) -> None:
    book = openpyxl.Workbook()
    if mac_epoch:
        book.epoch = CALENDAR_MAC_1904
    _every_kind_of_cell(book)
    path = tmp_path / "kinds.xlsx"
    book.save(path)
    read = ours(path)
    assert typed(read) == typed(theirs(path))
    sheet = read["Données"]
    # Worked out by hand: serial 45000 is 15 March 2023 (44927 is 1 January 2023, +73 days),
    # or 1,462 days later counted from 1904; with the day format it is a datetime, with the
    # quoted "Date: " it stays a number.
    assert sheet[4][7] == datetime(2023, 3, 15) + timedelta(days=1462 if mac_epoch else 0)
    assert sheet[4][8] == 45000
    assert sheet[4][10] == timedelta(days=3)
    assert sheet[0][1:3] == (5, 5.5) and type(sheet[0][1]) is int
    assert sheet[6][1] == "plain bold end"
    assert len(sheet[8]) == 26  # Z9 widens the sheet's stated size: every row is 26 wide


def _zip(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _hand_made(path: Path, sheet_xml: str, strings_xml: str | None = None) -> Path:
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
    )
    if strings_xml is not None:
        types += (
            '<Override PartName="/xl/strings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    parts = {
        "[Content_Types].xml": types + "</Types>",
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
        '<sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG_RELS}"><Relationship '
        f'Id="rId7" Type="{DOC_RELS}/worksheet" Target="/xl/sheets/data.xml"/></Relationships>',
        "xl/sheets/data.xml": sheet_xml,
    }
    if strings_xml is not None:
        parts["xl/strings.xml"] = strings_xml
    return _zip(path, parts)


def test_prefixed_tags_unnumbered_cells_and_every_stored_type(tmp_path: Path) -> None:
    # Some writers prefix the namespace (x:row), leave out row and cell references, and store
    # text in a shared table with formatted runs and phonetic guides (the guide is not text).
    sheet = (
        f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
        '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="str"><x:v>formula text</x:v></x:c>'
        '<x:c t="e"><x:v>#N/A</x:v></x:c></x:row>'
        '<x:row><x:c t="d"><x:v>2024-05-06T07:08:09</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c>'
        '<x:c t="inlineStr"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line</x:t></x:r>'
        '<x:rPh sb="0" eb="1"><x:t>イン</x:t></x:rPh></x:is>'
        '</x:c><x:c><x:v>2.50</x:v></x:c><x:c r="F2"/></x:row>'
        '<x:row r="4"><x:c r="B4" t="d"><x:v>2024-05-06</x:v></x:c></x:row>'
        "</x:sheetData></x:worksheet>"
    )
    strings = (
        f'<sst xmlns="{MAIN}"><si><r><t>To</t></r><r><t>kyo</t></r>'
        '<rPh sb="0" eb="2"><t>とうきょう</t></rPh></si></sst>'
    )
    path = _hand_made(tmp_path / "hand.xlsx", sheet, strings)
    assert ours(path)["S"] == [
        ("Tokyo", "formula text", "#N/A"),
        (datetime(2024, 5, 6, 7, 8, 9), True, "inline", 2.5, None, None),
        (),
        (None, datetime(2024, 5, 6).date()),
    ]
    assert typed(ours(path)) == typed(theirs(path))


def test_a_long_sheet_is_read_in_flat_memory(tmp_path: Path) -> None:
    # 100,000 rows of three text cells held at once would take tens of MB as Python objects.
    path = tmp_path / "long.xlsx"
    write_workbook(path, [("S", ([f"2024-{i:06d}", f"{i},5", i] for i in range(100_000)))])
    tracemalloc.start()
    try:
        book = open_workbook(path)
        count = sum(1 for _ in sheet_rows(book.worksheets[0]))
        book.close()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 100_000
    assert peak < 8 * 2**20


def test_two_far_apart_cells_do_not_build_the_empty_sheet_between(tmp_path: Path) -> None:
    # A1 and XFD1048576: a reader building the whole grid asks for 17 billion cells at once
    # (python-calamine aborts the process). Rows come one at a time, empty ones shared.
    sheet = (
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData></worksheet>'
    )
    path = _hand_made(tmp_path / "far.xlsx", sheet)
    tracemalloc.start()
    try:
        book = open_workbook(path)
        count, last = 0, ()
        for row in sheet_rows(book.worksheets[0]):
            count, last = count + 1, row
        book.close()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 1_048_576
    assert len(last) == 16_384 and last[-1] == 2
    assert peak < 8 * 2**20


@pytest.mark.parametrize(
    "cells",
    [
        '<row r="1048577"><c><v>1</v></c></row>',  # past Excel's last row
        '<row r="1"><c r="XFE1"><v>1</v></c></row>',  # past column XFD
        '<row r="1"><c r="A1"><v>twelve</v></c></row>',  # a number cell holding text
        '<row r="1"><c r="A1" t="s"><v>3</v></c></row>',  # no such shared string
    ],
    ids=["row", "column", "number", "string"],
)
def test_impossible_cells_refuse_the_workbook_as_damaged(tmp_path: Path, cells: str) -> None:
    path = _hand_made(
        tmp_path / "bad.xlsx",
        f'<worksheet xmlns="{MAIN}"><sheetData>{cells}</sheetData></worksheet>',
    )
    book = open_workbook(path)
    with pytest.raises(FileRefused, match="not a complete, readable Excel workbook"):
        list(sheet_rows(book.worksheets[0]))
    book.close()


def test_rows_before_the_damage_come_first_then_the_refusal(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 5001))
    xml = f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'
    path = _hand_made(tmp_path / "cut.xlsx", xml[: len(xml) * 3 // 4])  # cut inside row 3,7xx
    book = open_workbook(path)
    read: list[tuple[Any, ...]] = []
    with pytest.raises(FileRefused, match="damaged or cut short"):
        read.extend(sheet_rows(book.worksheets[0]))
    book.close()
    assert len(read) > 3000
    assert read[:2] == [(1,), (2,)]


@pytest.mark.parametrize(
    "damage", ["no content types", "not a zip", "workbook is not XML", "sheet link missing"]
)
def test_a_workbook_that_cannot_be_opened_is_refused_clearly(tmp_path: Path, damage: str) -> None:
    path = _hand_made(tmp_path / "ok.xlsx", f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>')
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name).decode() for name in archive.namelist()}
    if damage == "no content types":
        del parts["[Content_Types].xml"]
    elif damage == "workbook is not XML":
        parts["xl/workbook.xml"] = "<workbook"
    elif damage == "sheet link missing":
        parts["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{PKG_RELS}"/>'
    broken = _zip(tmp_path / "broken.xlsx", parts)
    if damage == "not a zip":
        broken.write_bytes(b"PK\x03\x04" + bytes(200))
    with pytest.raises(FileRefused) as refused:
        open_workbook(broken)
    assert "Download it again" in str(refused.value)


def test_the_bench_writer_makes_a_portal_workbook_openpyxl_and_the_importer_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "portal.xlsx"
    curve: list[list[Any]] = [[]] * 7 + [[None, "Point Référence Mesure (PRM) : ", "01234"]]
    curve += [[]] * 7 + [[None, None, "Début", "Fin", "Valeur (en kW)"]]
    curve += [[None, None, "01/01/2024 00:00:00", "01/01/2024 00:10:00", "0,5"]]
    curve += [[None, None, "01/01/2024 00:10:00", "01/01/2024 00:20:00", 1.25]]
    write_workbook(path, [("Page d'accueil", [["Enedis & co"]]), ("Consommation Horaire", curve)])
    assert typed(ours(path)) == typed(theirs(path))
    choice = registry.choose(path)
    assert choice.importer.name == "enedis_portal_xlsx"
    values = [item.value for item in choice.importer.parse(path) if isinstance(item, EnergyReading)]
    assert values == [0.5, 1.25]


def test_a_zip_member_read_in_pieces_gives_the_same_rows(tmp_path: Path) -> None:
    # Rows straddle the 64 KiB chunks the reader parses: none is lost or doubled at a seam.
    path = tmp_path / "seams.xlsx"
    write_workbook(path, [("S", ([i, "x" * (i % 97)] for i in range(1, 20_001)))])
    read = ours(path)["S"]
    assert [row[0] for row in read] == list(range(1, 20_001))
    assert all(row[1] == "x" * (n % 97) for n, row in enumerate(read, start=1))
