"""GRDF "Données informatives" XLSX from the customer area (monespace.grdf.fr).

One sheet, named ``Historique par mois`` whatever the period chosen. B1 reads ``Données
informatives et détaillées``, the PCE number sits beside ``N° PCE :`` (row 4), the header is on
row 9 starting with ``Date de relevé`` in B, data from row 10. The first column says the period:
``24/11/2020`` (a gas day), ``Du 28/12/2020 au 03/01/2021`` (a week) or ``Novembre 2020 ``
(a month, with a trailing space). Columns are found by their header text, so the daily layout
(with indexes, coefficient, temperature and qualification) and the shorter weekly and monthly
layouts are read alike.

Quirks handled: "Absence de Données" rows say 0 but are missing (stored as ``None``); numbers
may be text with a decimal comma. At year end the weekly export splits the week that spans New
Year in two rows, ``Du 28/12/2020 au 03/01/2021`` then ``Du 01/01/2021 au 03/01/2021``: they
do not overlap (the account's daily export sums to each row exactly), whatever the first
label says. The first row covers its days up to 31/12 only; both are counted.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from importers.base import (
    Detection,
    FileRefused,
    FileSample,
    Item,
    MeterId,
    ProgressCallback,
    Rejected,
    no_progress,
)
from importers.blocks import BlockItem
from importers.daytable import DayTable
from importers.grdf_common import (
    UNKNOWN_PCE,
    GasPeriod,
    gas_blocks,
    gas_day_start,
    gas_days,
    gas_items,
    is_absent,
    number,
)
from importers.guard import WORKBOOK, open_workbook, refused_when_damaged, sheet_rows
from importers.labels import plain

TITLE = "donnees informatives et detaillees"
DATE_HEADER = "date de releve"
SHEET = "Historique par mois"
HEADER_SEARCH_ROWS = 20

_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_WEEK = re.compile(r"^du\s+(\d{1,2}/\d{1,2}/\d{4})\s+au\s+(\d{1,2}/\d{1,2}/\d{4})$")
_MONTH = re.compile(r"^([a-z]+)\s+(\d{4})$")
MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "janvier",
            "fevrier",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "aout",
            "septembre",
            "octobre",
            "novembre",
            "decembre",
        ),
        start=1,
    )
}


class GrdfXlsx:
    name = "grdf_xlsx"
    version = "1"
    label = "GRDF gas readings, 'Données informatives' (XLSX)"
    datasets = ("gas",)
    needs_confirmation = False
    source_tz = "Europe/Paris"

    def detect(self, sample: FileSample) -> Detection:
        if not sample.is_zip:
            return Detection(0.0)

        try:
            workbook = open_workbook(sample.path)
        except FileRefused:  # not a workbook we can open: not ours
            return Detection(0.0)
        try:
            sheet = workbook.worksheets[0]
            rows = list(islice(sheet_rows(sheet), 9))
            title_sheet = sheet.title
        except (FileRefused, IndexError):  # damaged, or a workbook without sheets
            return Detection(0.0)
        finally:
            workbook.close()
        b1 = plain(rows[0][1]) if rows and len(rows[0]) > 1 else ""
        b9 = plain(rows[8][1]) if len(rows) > 8 and len(rows[8]) > 1 else ""
        if b1 == TITLE and b9 == DATE_HEADER:
            return Detection(1.0, "GRDF 'Données informatives' workbook (B1 and B9)")
        if b1 == TITLE or title_sheet == SHEET:
            found = "B9 is empty" if not b9 else "B9 holds another heading"
            if b1 != TITLE:
                found = "B1 does not read 'Données informatives et détaillées'"
            return Detection(
                0.3,
                near_miss=f"expected B1 and B9 to read the GRDF title and 'Date de relevé', "
                f"but {found}",
            )
        if title_sheet == "Historique par jour":
            return Detection(
                0.2,
                near_miss="this is the older GRDF workbook (sheet 'Historique par jour'), "
                "which is not read yet; download 'Données informatives' again from the GRDF site",
            )
        return Detection(0.0)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        return gas_items(self._periods(path, on_progress))

    def parse_blocks(
        self, path: Path, on_progress: ProgressCallback = no_progress
    ) -> Iterator[BlockItem]:
        """``parse`` with the readings as blocks of energy and of volume (the vault's fast path)."""
        return gas_blocks(self._periods(path, on_progress))

    def _periods(self, path: Path, on_progress: ProgressCallback) -> Iterator[GasPeriod | Rejected]:
        workbook = open_workbook(path)
        try:
            with refused_when_damaged(WORKBOOK):
                sheet = workbook.worksheets[0]
                total = sheet.max_row
            yield from _rows(sheet_rows(sheet), total, on_progress)
        finally:
            workbook.close()


def _rows(
    rows: Iterator[tuple[Any, ...]], total: int, on_progress: ProgressCallback
) -> Iterator[GasPeriod | Rejected]:
    meter = UNKNOWN_PCE
    columns: dict[str, int] | None = None
    at_date = at_kwh = at_m3 = at_quality = 0
    labels = _Labels()
    days = DayTable(gas_day_start)
    for number_, row in enumerate(rows, start=1):
        if number_ % 1024 == 0:
            on_progress(number_, max(total, number_))
        if columns is None:
            cells = list(row)
            meter = _pce(cells) or meter
            columns = _header(cells)
            if columns is None and number_ >= HEADER_SEARCH_ROWS:
                yield Rejected(number_, "no 'Date de relevé' header in the first 20 rows")
                return
            if columns is not None:
                at_date = columns["date"]
                at_kwh, at_m3, at_quality = (columns.get(k, _NO_COLUMN) for k in _VALUES)
            continue
        # A filled date cell is enough to know the row is not blank, without looking at all.
        date_cell = row[at_date] if at_date < len(row) else None
        if (date_cell is None or str(date_cell).strip() == "") and all(
            c is None or str(c).strip() == "" for c in row
        ):
            continue
        if labels.has_date_header(row):
            continue  # a repeated header
        try:
            start, end = _period(date_cell, days)
        except ValueError as exc:
            yield Rejected(number_, str(exc))
            continue
        try:
            kwh, m3 = _values(row, at_kwh, at_m3, labels.is_absent(_cell(row, at_quality)))
        except ValueError as exc:
            yield Rejected(number_, str(exc))
            continue
        yield meter, start, end, kwh, m3
    if columns is None:
        yield Rejected(1, "no 'Date de relevé' header was found")
    on_progress(max(total, 1), max(total, 1))


class _Labels:
    """What the texts of one sheet say, worked out once per distinct text.

    A data row is checked for a repeated header on every row; normalising each of its cells
    (``plain``: Unicode decomposition, accents, case) is most of the time a big sheet takes.
    An ASCII text normalises to its lower-case words, so only other texts are decomposed,
    and those repeat (a qualification such as "Mesuré" on every row): they are remembered.
    """

    LIMIT = 4096  # distinct texts remembered at most: the memory stays flat on any sheet

    def __init__(self) -> None:
        self.headers: dict[str, bool] = {}
        self.absent: dict[str, bool] = {}

    def has_date_header(self, cells: tuple[Any, ...]) -> bool:
        """Whether ``_header`` would find the date column among ``cells``."""
        for cell in cells:
            kind = cell.__class__
            if kind is str and cell.isascii():
                # its plain form is its lower-case words, never shorter than the header's
                if len(cell) >= _DATE_LENGTH and cell.lower().split() == _DATE_WORDS:
                    return True
                continue
            if cell is None or kind in _NOT_TEXT:
                continue  # a number or a date: never the header's text
            text = str(cell)
            found = self.headers.get(text)
            if found is None:
                if len(self.headers) >= self.LIMIT:
                    self.headers.clear()
                found = self.headers[text] = plain(text) == DATE_HEADER
            if found:
                return True
        return False

    def is_absent(self, cell: Any) -> bool:
        if cell.__class__ is not str:
            return is_absent(cell)
        found = self.absent.get(cell)
        if found is None:
            if len(self.absent) >= self.LIMIT:
                self.absent.clear()
            found = self.absent[cell] = is_absent(cell)
        return found


_DATE_WORDS = DATE_HEADER.split()
_DATE_LENGTH = len(DATE_HEADER)
_NOT_TEXT = frozenset({int, float, bool, datetime, date, time, timedelta})


def _pce(cells: list[Any]) -> MeterId | None:
    for index, cell in enumerate(cells):
        if plain(cell).startswith("n° pce") or plain(cell).startswith("no pce"):
            for value in cells[index + 1 :]:
                if value is not None and str(value).strip():
                    text = str(value).strip()
                    return MeterId(text[:-2] if text.endswith(".0") else text)
    return None


def _header(cells: list[Any]) -> dict[str, int] | None:
    labels = [plain(c) for c in cells]
    if DATE_HEADER not in labels:
        return None
    found = {"date": labels.index(DATE_HEADER)}
    for index, label in enumerate(labels):
        if label.startswith("volume consomme"):
            found["m3"] = index
        elif label.startswith("energie consommee"):
            found["kwh"] = index
        elif label.startswith("qualification"):
            found["quality"] = index
    return found


_VALUES = ("kwh", "m3", "quality")
_NO_COLUMN = sys.maxsize  # a column the header lacks: past the end of every row, so empty


def _cell(cells: Sequence[Any], index: int | None) -> Any:
    if index is None or index >= len(cells):
        return None
    return cells[index]


def _period(cell: Any, days: DayTable) -> tuple[int, int]:
    if cell.__class__ is str and (span := days.span(cell)) is not None:
        return span  # a day written dd/mm/yyyy: its plain form is itself, the usual case
    if isinstance(cell, datetime):
        return gas_days(cell.date(), cell.date())
    if isinstance(cell, date):
        return gas_days(cell, cell)
    text = plain(cell)
    if not text:
        raise ValueError("date is empty")
    try:
        if _DAY.match(text):
            day = _day(text)
            return gas_days(day, day)
        if match := _WEEK.match(text):
            first, last = _day(match.group(1)), _day(match.group(2))
            if last < first:
                raise ValueError("the period ends before it starts")
            if last.year > first.year:  # the New Year split: the next row holds 01/01 on
                last = date(first.year, 12, 31)
            return gas_days(first, last)
        if (match := _MONTH.match(text)) and match.group(1) in MONTHS:
            first = date(int(match.group(2)), MONTHS[match.group(1)], 1)
            following = (first + timedelta(days=32)).replace(day=1)
            return gas_days(first, following - timedelta(days=1))
    except ValueError as exc:
        if "period" in str(exc):
            raise
        raise ValueError("date is not a real calendar date") from None
    raise ValueError("date is not a day, a 'Du … au …' week or a month name and year")


def _day(text: str) -> date:
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def _values(
    cells: tuple[Any, ...], at_kwh: int, at_m3: int, absent: bool
) -> tuple[float | None, float | None]:
    if absent:
        return None, None
    try:
        kwh = number(_cell(cells, at_kwh))
    except ValueError:
        raise ValueError("energy (kWh) is not a number") from None
    try:
        m3 = number(_cell(cells, at_m3))
    except ValueError:
        raise ValueError("volume (m3) is not a number") from None
    return kwh, m3


IMPORTER = GrdfXlsx()
