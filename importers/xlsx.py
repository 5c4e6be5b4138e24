"""An XLSX workbook opened for reading: its worksheets, string table, date styles and epoch.

An XLSX is a ZIP of XML parts. ``[Content_Types].xml`` names the workbook part; the
workbook lists its sheets, and its relationships lead to each sheet's part. Only what reading
values needs is parsed here, the way openpyxl finds it (the importers were written against
openpyxl's read-only mode): the string table and the cell styles whose number format shows a
date or a duration. A sheet's rows are streamed from its part (``importers/xlsx_cells.py``).

Nothing here guards against damage: every call goes through ``importers/guard.py``.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree import ElementTree
from xml.parsers import expat

from importers.xlsx_cells import (
    MAC_EPOCH,
    MAIN,
    MAX_ROW,
    WINDOWS_EPOCH,
    BeyondBounds,
    CellTypes,
    Row,
    column_index,
    row_chunks,
)
from importers.xlsx_cells import shared_strings as read_strings

_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_SHEET = f"{{{MAIN}}}"
_OPENXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
WORKBOOK_TYPES = (  # a template or a macro workbook holds its sheets alike
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    f"{_OPENXML}.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    f"{_OPENXML}.sheet.main+xml",
)
STRINGS_TYPE = f"{_OPENXML}.sharedStrings+xml"
STYLES = "xl/styles.xml"

# Built-in number formats that show a date or a time (ECMA-376 18.8.30); 46 is [h]:mm:ss.
BUILTIN_DATES = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
BUILTIN_DURATIONS = frozenset({46})
_LITERALS = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')  # quoted text, [colour] [$-40C]
_DATE_CODE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_DURATION_CODE = re.compile(r"\[(hh?|mm?|ss?)\]", re.IGNORECASE)


# Bounds on what a part may inflate to, checked before reading it: a crafted workbook of a few
# MB must not take gigabytes. A real export's parts are far below them (a ten-year load curve's
# sheet is about 60 MB of XML).
MAX_SMALL_PART = 16 * 1024 * 1024  # content types, workbook, relationships, styles
MAX_STRINGS_PART = 256 * 1024 * 1024
MAX_SHEET_PART = 1024 * 1024 * 1024
MAX_RATIO = 200  # XML compresses 5 to 30 times; a run of zeros a thousand times


class PartTooLarge(BeyondBounds):
    """A part that would inflate past its bound: not a real export."""


def open_part(archive: zipfile.ZipFile, name: str, limit: int) -> IO[bytes]:
    """A part's stream, refused before reading when it declares more than ``limit`` bytes or
    inflates more than ``MAX_RATIO`` times; the stream stops at the declared size."""
    info = archive.getinfo(name)
    if info.file_size > limit or info.file_size > MAX_RATIO * max(info.compress_size, 1024):
        raise PartTooLarge("a part of the workbook inflates far beyond a real export")
    return archive.open(info)


def read_part(archive: zipfile.ZipFile, name: str, limit: int = MAX_SMALL_PART) -> bytes:
    with open_part(archive, name, limit) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise PartTooLarge("a part of the workbook inflates far beyond a real export")
    return data


def shows_date(code: str) -> bool:
    """A number format whose first section has a date or time field, outside literal text."""
    return _DATE_CODE.search(_LITERALS.sub("", code.split(";")[0])) is not None


def shows_duration(code: str) -> bool:
    """A format counting elapsed hours, minutes or seconds: ``[h]:mm``."""
    return _DURATION_CODE.search(code.split(";")[0]) is not None


class Worksheet:
    def __init__(self, book: Workbook, title: str, part: str) -> None:
        self.book = book
        self.title = title
        self.part = part
        self._dimension: tuple[int, int] | None = None

    def row_chunks(self) -> Iterator[Iterator[Row]]:
        """Rows from row 1 by chunk of XML parsed, as wide as the sheet's stated size.

        A row longer than the ``<dimension>`` the sheet states keeps all its cells, and rows
        past its last one are read too (openpyxl drops both); shorter rows, and missing ones,
        are filled with None to its width.
        """
        width = self.dimension()[0]
        with open_part(self.book.archive, self.part, MAX_SHEET_PART) as stream:
            yield from row_chunks(stream, self.book.types, width)

    @property
    def max_row(self) -> int:
        """The last row the sheet states (0 when it states none): for progress only."""
        return self.dimension()[1]

    def dimension(self) -> tuple[int, int]:
        """(last column, last row) of the sheet's ``<dimension ref="B1:I17">``, or zeros.

        The element comes before the cells: parsing stops at the first of them.
        """
        if self._dimension is None:
            self._dimension = _bounds(self._dimension_ref())
        return self._dimension

    def _dimension_ref(self) -> str:
        found: list[str] = []

        class Found(Exception):
            pass

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == f"{MAIN} dimension":
                found.append(attrs.get("ref", ""))
            if name in (f"{MAIN} dimension", f"{MAIN} sheetData"):
                raise Found

        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = start
        with open_part(self.book.archive, self.part, MAX_SHEET_PART) as stream:
            try:
                while data := stream.read(4096):
                    parser.Parse(data, False)
            except Found:
                pass
        return found[0] if found else ""


def _bounds(ref: str) -> tuple[int, int]:
    match = re.fullmatch(r"\$?[A-Za-z]{1,3}\$?\d+(?::\$?([A-Za-z]{1,3})\$?(\d+))?", ref)
    if not match:
        return 0, 0
    last = ref.split(":")[-1].replace("$", "")
    letters = last.rstrip("0123456789")
    return column_index(letters), min(int(last[len(letters) :]), MAX_ROW)


class Workbook:
    """Opened with ``Workbook(path)``; ``close()`` releases the file."""

    def __init__(self, path: Path) -> None:
        self.archive = zipfile.ZipFile(path)
        try:
            self._read()
        except BaseException:
            self.archive.close()
            raise

    def _read(self) -> None:
        names = set(self.archive.namelist())
        overrides, defaults = _content_types(read_part(self.archive, "[Content_Types].xml"))
        book_part = next((overrides[t] for t in WORKBOOK_TYPES if t in overrides), None)
        if book_part is None:
            if not defaults & set(WORKBOOK_TYPES):
                raise ValueError("no workbook part")
            book_part = "xl/workbook.xml"
        book = ElementTree.fromstring(read_part(self.archive, book_part))
        properties = book.find(f"{_SHEET}workbookPr")
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        links = _relationships(self.archive, book_part)
        self.worksheets: list[Worksheet] = []
        for sheet in book.iterfind(f"{_SHEET}sheets/{_SHEET}sheet"):
            link = sheet.get(f"{_DOC_RELS}id")
            if not link:
                continue
            kind, target = links[link]
            if target in names and not kind.endswith("/chartsheet"):
                self.worksheets.append(Worksheet(self, sheet.get("name", ""), target))
        strings: list[str] = []
        if STRINGS_TYPE in overrides:
            with open_part(self.archive, overrides[STRINGS_TYPE], MAX_STRINGS_PART) as stream:
                strings = read_strings(stream)
        styles = read_part(self.archive, STYLES) if STYLES in names else b""
        dates, durations = _date_styles(styles)
        epoch = MAC_EPOCH if date1904 else WINDOWS_EPOCH
        self.types = CellTypes(strings, dates, durations, epoch)

    @property
    def sheetnames(self) -> list[str]:
        return [sheet.title for sheet in self.worksheets]

    def __getitem__(self, title: str) -> Worksheet:
        for sheet in self.worksheets:
            if sheet.title == title:
                return sheet
        raise KeyError(title)

    def close(self) -> None:
        self.archive.close()


def _content_types(data: bytes) -> tuple[dict[str, str], set[str]]:
    """Part of each overridden content type (the first one), and the default types."""
    root = ElementTree.fromstring(data)
    overrides: dict[str, str] = {}
    for item in root.iterfind(f"{_PACKAGE}Override"):
        overrides.setdefault(item.get("ContentType", ""), item.get("PartName", "").lstrip("/"))
    defaults = {item.get("ContentType", "") for item in root.iterfind(f"{_PACKAGE}Default")}
    return overrides, defaults


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships by id: (type, target part), targets resolved inside the ZIP."""
    folder, name = posixpath.split(part)
    root = ElementTree.fromstring(
        read_part(archive, posixpath.join(folder, "_rels", f"{name}.rels"))
    )
    found: dict[str, tuple[str, str]] = {}
    for link in root.iterfind(f"{_RELS}Relationship"):
        if link.get("TargetMode") == "External":
            continue
        target = link.get("Target", "")
        if target.startswith("/"):
            target = target[1:]
        else:
            target = posixpath.normpath(posixpath.join(folder, target))
        found[link.get("Id", "")] = (link.get("Type", ""), target)
    return found


def _date_styles(data: bytes) -> tuple[frozenset[int], frozenset[int]]:
    """Indexes of the cell styles (``s="…"``) showing a date, and those showing a duration."""
    if not data:
        return frozenset(), frozenset()
    root = ElementTree.fromstring(data)
    codes = {
        int(item.get("numFmtId", "-1")): item.get("formatCode", "")
        for item in root.iterfind(f"{_SHEET}numFmts/{_SHEET}numFmt")
    }
    dates: set[int] = set()
    durations: set[int] = set()
    for index, style in enumerate(root.iterfind(f"{_SHEET}cellXfs/{_SHEET}xf")):
        number = int(style.get("numFmtId", "0"))
        code = codes.get(number)
        if code is None:
            is_date, is_duration = number in BUILTIN_DATES, number in BUILTIN_DURATIONS
        else:
            is_date, is_duration = shows_date(code), shows_duration(code)
        if is_date:
            dates.add(index)
        if is_duration:
            durations.add(index)
    return frozenset(dates), frozenset(durations)
