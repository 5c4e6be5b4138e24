"""Cells of a worksheet part, streamed: the XML is parsed as it is inflated, row by row.

A sheet is read with expat straight from the ZIP member, in chunks, so memory stays flat
however many rows it has (a 10-year load curve is half a million rows). Values come typed as
openpyxl's read-only mode types them, which the importers were written against: numbers as
int or float as written, shared and inline strings as text (phonetic runs left out), booleans,
date-formatted numbers as datetime, date or time, error codes as their text, and None for an
empty cell. The character-data handler is attached only inside ``<v>`` and ``<t>``, so the
markup between cells costs nothing.

Excel's limits (1,048,576 rows, column XFD) are the sheet's bounds: a reference past them is
damage. Workbooks whose text is in the shared string table (Excel's way; the Enedis and GRDF
exports write inline strings) hold that table in memory, as openpyxl did.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import IO, Any
from xml.parsers import expat

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ROW, _C, _V, _IS, _T, _RPH, _SI = (
    f"{MAIN} {tag}" for tag in ("row", "c", "v", "is", "t", "rPh", "si")
)
MAX_ROW = 1_048_576
MAX_COLUMN = 16_384  # XFD
MAX_CELL_TEXT = 32_767  # Excel's own limit on the characters of a cell
MAX_STRINGS_TEXT = 64 * 1024 * 1024  # characters in the whole shared-string table
# Text pieces a cell may gather while a chunk is parsed: expat hands text over in pieces of at
# most its buffer size, so this bounds the memory one cell takes before its end is seen.
_MAX_PIECES = 64
CHUNK = 1 << 16

WINDOWS_EPOCH = datetime(1899, 12, 30)
MAC_EPOCH = datetime(1904, 1, 1)

Row = tuple[Any, ...]


class BeyondBounds(ValueError):
    """More than any real export holds (a part, a cell, a row): a crafted or broken file."""


def column_index(letters: str) -> int:
    """``A`` -> 1, ``XFD`` -> 16384; anything else is not a column."""
    if not 0 < len(letters) <= 3 or not letters.isascii() or not letters.isalpha():
        raise ValueError("not a column name")
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    if index > MAX_COLUMN:
        raise ValueError("column past XFD")
    return index


def _column_name(index: int) -> str:
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


@functools.cache
def _column_table() -> dict[str, int]:
    """Every column's letters, looked up for each cell: computing them costs more than the
    parse. Built on the first workbook read, not when a CSV import loads this module."""
    return {_column_name(index): index for index in range(1, MAX_COLUMN + 1)}


_DIGITS = "0123456789"


def _column_of(ref: str) -> int:
    """The column of a reference the table does not hold (lower case letters, or damage)."""
    letters = ref.rstrip(_DIGITS)
    if len(letters) == len(ref):
        raise ValueError("cell reference without a row")
    return column_index(letters)


def serial_to_datetime(serial: float, epoch: datetime, as_duration: bool) -> Any:
    """An Excel serial day number as the date, time or duration its format shows.

    Fractions are rounded to the millisecond. In the 1900 system Excel counts a 29 February
    1900 that never was, so serials below 60 are one day early.
    """
    if as_duration:
        span = timedelta(days=serial)
        if span.microseconds:
            span = timedelta(
                seconds=span.total_seconds() // 1, microseconds=round(span.microseconds, -3)
            )
        return span
    day, fraction = divmod(serial, 1)
    clock = timedelta(milliseconds=round(fraction * 86_400_000))
    if 0 <= serial < 1 and clock.days == 0:
        minutes, seconds = divmod(clock.seconds, 60)
        return time(minutes // 60, minutes % 60, seconds, clock.microseconds)
    if 0 < serial < 60 and epoch == WINDOWS_EPOCH:
        day += 1
    return epoch + timedelta(days=day) + clock


_ISO = re.compile(
    r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
    r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(:(?P<second>\d{2})(?P<fraction>\.\d{1,3})?)?)?Z?"
)
_ISO_SPAN = re.compile(r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?")


def iso_value(text: str) -> Any:
    """A ``t="d"`` cell: ISO 8601 date, time, date-time, or a ``PT..H..M..S`` duration."""
    match = _ISO.match(text)
    if match and any(match.groups()):
        found = match.groupdict()
        year, month, day, hour, minute, second = (
            int(found[k] or 0) for k in ("year", "month", "day", "hour", "minute", "second")
        )
        micro = int(float(found["fraction"]) * 1_000_000) if found["fraction"] else 0
        if not found["date"]:
            return time(hour, minute, second, micro)
        if not found["time"]:
            return date(year, month, day)
        return datetime(year, month, day, hour, minute, second, micro)
    match = _ISO_SPAN.match(text)
    if match and any(match.groups()):
        span = match.groupdict()
        return timedelta(**{k: float(span[k]) for k in ("hours", "minutes", "seconds") if span[k]})
    raise ValueError("not an ISO 8601 date")


class CellTypes:
    """What turns a cell's stored text into its value: the workbook's strings, styles, epoch."""

    def __init__(
        self,
        strings: list[str],
        date_styles: frozenset[int],
        duration_styles: frozenset[int],
        epoch: datetime,
    ) -> None:
        self.strings = strings
        self.date_styles = date_styles
        self.duration_styles = duration_styles
        self.epoch = epoch

    def value(self, kind: str, style: str | None, text: str) -> Any:
        if kind == "n":
            number: int | float = (
                float(text) if "." in text or "E" in text or "e" in text else int(text)
            )
            if style and self.date_styles and int(style) in self.date_styles:
                try:
                    return serial_to_datetime(
                        number, self.epoch, int(style) in self.duration_styles
                    )
                except (OverflowError, ValueError):  # a serial past year 9999
                    return "#VALUE!"
            return number
        if kind == "s":
            return self.strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return iso_value(text)
        return text  # "str" (a formula's text result), "e" (an error code such as #N/A)


class SheetParser:
    """Feed a worksheet part's bytes; take the rows completed so far as ``(number, cells)``."""

    def __init__(self, types: CellTypes) -> None:
        self.types = types
        self.done: list[tuple[int, list[tuple[int, Any]]]] = []
        self._cells: list[tuple[int, Any]] = []
        self._row = 0
        self._column = 0
        self._columns = _column_table()
        self._cell: tuple[str | None, str, str | None] | None = None
        self._text: list[str] | None = None
        self._inline: list[str] | None = None
        self._phonetic = False
        # The parser hands back these very string objects: comparing a name with them stops
        # at the first check, the same object.
        names = {name: name for name in (_ROW, _C, _V, _IS, _T, _RPH)}
        self._parser = expat.ParserCreate(namespace_separator=" ", intern=names)
        self._parser.buffer_text = True
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end

    def feed(self, data: bytes, final: bool = False) -> None:
        self._parser.Parse(data, final)
        # Checked per chunk, not per cell: a crafted cell of a gigabyte, or a row of millions
        # of cells, is refused after one chunk instead of filling memory.
        if len(self._cells) > MAX_COLUMN:
            raise BeyondBounds("a row holds more cells than a sheet has columns")
        if len(self._text or ()) + len(self._inline or ()) > _MAX_PIECES:
            raise BeyondBounds("a cell holds more text than a spreadsheet cell can")

    def take(self) -> list[tuple[int, list[tuple[int, Any]]]]:
        """The rows completed since the last call."""
        done, self.done = self.done, []
        return done

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        if name == _C:
            self._cell = (attrs.get("r"), attrs.get("t", "n"), attrs.get("s"))
            self._text = self._inline = None
        elif name == _V:
            if self._cell is not None and self._text is None:
                self._text = []
                self._parser.CharacterDataHandler = self._text.append
        elif name == _T:
            if self._inline is not None and not self._phonetic:
                self._parser.CharacterDataHandler = self._inline.append
        elif name == _ROW:
            self._begin_row(attrs.get("r"))
        elif name == _IS:
            if self._cell is not None and self._inline is None:
                self._inline = []
        elif name == _RPH:
            self._phonetic = True

    def _end(self, name: str) -> None:
        if name == _C:
            ref, kind, style = self._cell or (None, "", None)
            if ref:
                self._column = self._columns.get(ref.rstrip(_DIGITS)) or _column_of(ref)
            else:
                self._column += 1
                if self._column > MAX_COLUMN:
                    raise BeyondBounds("a row holds more cells than a sheet has columns")
            if kind == "inlineStr":
                value = None if self._inline is None else "".join(self._inline)
                if value is not None and len(value) > MAX_CELL_TEXT:
                    raise BeyondBounds("a cell holds more text than a spreadsheet cell can")
            else:
                stored = "".join(self._text) if self._text else ""
                if len(stored) > MAX_CELL_TEXT:
                    raise BeyondBounds("a cell holds more text than a spreadsheet cell can")
                value = self.types.value(kind, style, stored) if stored else None
            self._cells.append((self._column, value))
            self._cell = self._inline = self._text = None
        elif name in (_V, _T):
            self._parser.CharacterDataHandler = None
        elif name == _ROW:
            self.done.append((self._row, self._cells))
            self._cells = []
        elif name == _RPH:
            self._phonetic = False

    def _begin_row(self, number: str | None) -> None:
        if number is None:
            self._row += 1
        else:
            try:
                self._row = int(number)
            except ValueError:
                value = float(number)  # "5.0" from some writers
                if not value.is_integer():
                    raise ValueError("row number is not whole") from None
                self._row = int(value)
        if not 0 < self._row <= MAX_ROW:
            raise ValueError("row number out of the sheet")
        self._column = 0
        self._cells = []


def row_chunks(part: IO[bytes], types: CellTypes, width: int = 0) -> Iterator[Iterator[Row]]:
    """The sheet's rows from row 1, at least ``width`` wide, by chunk of XML parsed.

    A chunk's cells are parsed at once, so that a caller guarding each step of a parser pays
    per chunk, not per row; they are spread into rows (and missing rows filled in) only as
    the rows are taken, one at a time: a few cells far to the right, or far down, cost
    nothing until read. Take each chunk's rows before the next chunk. A row numbered at or
    below one already given is dropped, as openpyxl does.
    """
    parser = SheetParser(types)
    following = 1
    while True:
        data = part.read(CHUNK)
        damage: Exception | None = None
        try:
            parser.feed(data, final=not data)
        except Exception as exc:  # the rows read before the damage still come first
            damage = exc
        kept: list[tuple[int, list[tuple[int, Any]]]] = []
        first = following
        for number, cells in parser.take():
            if number >= following:
                kept.append((number, cells))
                following = number + 1
        if kept:
            yield _rows(kept, first, width)
        if damage is not None:
            raise damage
        if not data:
            return


def _rows(kept: list[tuple[int, list[tuple[int, Any]]]], first: int, width: int) -> Iterator[Row]:
    blank = (None,) * width
    expected = first
    for number, cells in kept:
        for _ in range(number - expected):
            yield blank
        yield _spread(cells, width)
        expected = number + 1


def _spread(cells: list[tuple[int, Any]], width: int) -> Row:
    """Cells placed at their columns, the row as wide as its last cell or ``width``."""
    if not cells:
        return (None,) * width
    width = max(width, cells[-1][0])
    row: list[Any] = [None] * width
    for column, value in cells:
        if column > len(row):  # cells out of order: kept all the same
            row.extend([None] * (column - len(row)))
        row[column - 1] = value
    return tuple(row)


def shared_strings(part: IO[bytes]) -> list[str]:
    """The workbook's string table: each ``<si>`` as its text, runs joined, phonetics left out.

    ``_x005F_`` is how a literal underscore escape is written; openpyxl drops the marker
    and so does this.
    """
    strings: list[str] = []
    pieces: list[str] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    phonetic = [False]
    total = [0]

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == _T and not phonetic[0]:
            parser.CharacterDataHandler = pieces.append
        elif name == _RPH:
            phonetic[0] = True
        elif name == _SI:
            pieces.clear()

    def end(name: str) -> None:
        if name == _T:
            parser.CharacterDataHandler = None
        elif name == _RPH:
            phonetic[0] = False
        elif name == _SI:
            text = "".join(pieces).replace("x005F_", "")
            total[0] += len(text) + 1
            if len(text) > MAX_CELL_TEXT or total[0] > MAX_STRINGS_TEXT:
                raise BeyondBounds("the string table holds more text than a real export")
            strings.append(text)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    while data := part.read(CHUNK):
        parser.Parse(data, False)
        if len(pieces) > _MAX_PIECES:
            raise BeyondBounds("a string holds more text than a spreadsheet cell can")
    parser.Parse(b"", True)
    return strings
