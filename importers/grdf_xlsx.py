"""GRDF "Données informatives" XLSX from the customer area (monespace.grdf.fr).

One sheet, named ``Historique par mois`` whatever the period chosen. B1 reads ``Données
informatives et détaillées``, the PCE number sits beside ``N° PCE :`` (row 4), the header is on
row 9 starting with ``Date de relevé`` in B, data from row 10. The first column says the period:
``24/11/2020`` (a gas day), ``Du 28/12/2020 au 03/01/2021`` (a week) or ``Novembre 2020 ``
(a month, with a trailing space). Columns are found by their header text, so the daily layout
(with indexes, coefficient, temperature and qualification) and the shorter weekly and monthly
layouts are read alike.

Quirks handled: "Absence de Données" rows say 0 but are missing (stored as ``None``); numbers
may be text with a decimal comma; at year end the weekly export repeats the part of the week
that falls in the new year as its own row, inside the previous row's period: it is skipped so
those days are not counted twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
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
from importers.grdf_common import UNKNOWN_PCE, gas_days, gas_readings, is_absent, number
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
) -> Iterator[Item]:
    meter = UNKNOWN_PCE
    columns: dict[str, int] | None = None
    previous: tuple[int, int] | None = None
    for number_, row in enumerate(rows, start=1):
        if number_ % 1024 == 0:
            on_progress(number_, max(total, number_))
        cells = list(row)
        if columns is None:
            meter = _pce(cells) or meter
            columns = _header(cells)
            if columns is None and number_ >= HEADER_SEARCH_ROWS:
                yield Rejected(number_, "no 'Date de relevé' header in the first 20 rows")
                return
            continue
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        if _header(cells) is not None:
            continue  # a repeated header
        try:
            start, end = _period(_cell(cells, columns["date"]))
        except ValueError as exc:
            yield Rejected(number_, str(exc))
            continue
        if previous and previous[0] <= start and end <= previous[1] and (start, end) != previous:
            continue  # the year-end repeat of days the previous week already holds
        previous = (start, end)
        try:
            kwh, m3 = _values(cells, columns)
        except ValueError as exc:
            yield Rejected(number_, str(exc))
            continue
        yield from gas_readings(meter, start, end, kwh, m3)
    if columns is None:
        yield Rejected(1, "no 'Date de relevé' header was found")
    on_progress(max(total, 1), max(total, 1))


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


def _cell(cells: list[Any], index: int | None) -> Any:
    if index is None or index >= len(cells):
        return None
    return cells[index]


def _period(cell: Any) -> tuple[int, int]:
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


def _values(cells: list[Any], columns: dict[str, int]) -> tuple[float | None, float | None]:
    if is_absent(_cell(cells, columns.get("quality"))):
        return None, None
    try:
        kwh = number(_cell(cells, columns.get("kwh")))
    except ValueError:
        raise ValueError("energy (kWh) is not a number") from None
    try:
        m3 = number(_cell(cells, columns.get("m3")))
    except ValueError:
        raise ValueError("volume (m3) is not a number") from None
    return kwh, m3


IMPORTER = GrdfXlsx()
