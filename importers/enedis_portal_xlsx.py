"""Enedis customer portal XLSX, "Export des données" (FORMATS.md section 1.3).

Two workbooks, each with a cover sheet ``Page d'accueil``:

* load curve, sheet ``Consommation Horaire``: the meter beside ``Point Référence Mesure
  (PRM) :`` (C8), header ``Début | Fin | Valeur (en kW)`` (row 16, C:E), then rows of text
  cells ``26/10/2024 22:00:00``, ``26/10/2024 22:30:00``, ``0,812`` (kW mean power, decimal
  comma; ``NA`` = missing).
  Times are Paris time without an offset; the repeated autumn hour is told by row order (an
  end written either as 03:00 or as the repeated 02:00 is read right) and an interval written
  across the spring gap (01:30 -> 03:00) lasts half an hour.
* daily, sheet ``Export Consommation Quotidienne``: the meter beside the PRM label (C8),
  header ``Date | Valeur (en kWh)`` (row 14, B:C), then a date (text ``dd/mm/yyyy`` or a
  date cell) and the day's energy in kWh (a number, text with a comma, or ``NA``).

The portal moves things: a 2024 daily export heads its values ``Valeur (en kW)`` although
they are daily energies (``25,247``), and some exports have an extra row above the header.
So the header row, its columns and the PRM are found by content, and the unit comes from the
kind of data (a daily sheet holds kWh, a load curve kW), not from the header's label.

Progress is reported in rows, not bytes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from importers.base import (
    Detection,
    EnergyReading,
    FileSample,
    Item,
    MeterId,
    ProgressCallback,
    Rejected,
    no_progress,
)
from importers.guard import WORKBOOK, open_workbook, refused_when_damaged, sheet_rows
from importers.localtime import parse_decimal
from importers.textfile import fold
from importers.wallclock import LocalStamps, next_day, seconds_of_day

COVER = "Page d'accueil"
CURVE_SHEET = "Consommation Horaire"
DAILY_SHEET = "Export Consommation Quotidienne"
CURVE_HEADER = ("debut", "fin", "valeur")
DAILY_HEADER = ("date", "valeur")
# Headings the portal has written for each column; "valeur" is any "Valeur (en kWh)",
# "Valeur (en kW)", "Valeur" (metadata labels end with a colon and never match).
HEADINGS = {
    "debut": ("debut", "date de debut", "date et heure de debut"),
    "fin": ("fin", "date de fin", "date et heure de fin"),
    "date": ("date", "date de la mesure", "jour"),
}
HEADER_SEARCH_ROWS = 40
PRM_LABELS = ("point reference mesure", "(prm)", "prm :", "prm:")
MISSING = {"na", ""}
_SHEET_NAME = re.compile(rb'<sheet [^>]*name="([^"]+)"')


def sheet_names(path: Path) -> list[str]:
    """Sheet names from the workbook part, without loading the workbook."""
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read("xl/workbook.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return []
    names = [m.group(1).decode("utf-8", errors="replace") for m in _SHEET_NAME.finditer(data)]
    return [n.replace("&apos;", "'").replace("&amp;", "&") for n in names]


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def _wall(text: str) -> tuple[str, int]:
    """``dd/mm/yyyy HH:MM:SS`` -> (``yyyy-mm-dd``, seconds of day)."""
    if len(text) < 16 or text[2] != "/" or text[5] != "/" or text[10] != " ":
        raise ValueError("time is not dd/mm/yyyy HH:MM:SS")
    return _iso_day(text[:10]), seconds_of_day(text[11:])


def _iso_day(text: str) -> str:
    try:
        return date(int(text[6:10]), int(text[3:5]), int(text[:2])).isoformat()
    except ValueError:
        raise ValueError("date is not dd/mm/yyyy") from None


def _day(cell: Any) -> str:
    if isinstance(cell, datetime | date):
        return cell.strftime("%Y-%m-%d")
    text = _text(cell)
    if len(text) < 10 or text[2] != "/" or text[5] != "/":
        raise ValueError("date is not dd/mm/yyyy")
    return _iso_day(text[:10])


def _value(cell: Any) -> float | None:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    text = _text(cell)
    if fold(text) in MISSING:
        return None
    return parse_decimal(text)


class EnedisPortalXlsx:
    name = "enedis_portal_xlsx"
    version = "1"
    label = "Enedis customer portal export (XLSX)"
    datasets = ("electricity",)
    needs_confirmation = False
    source_tz = "Europe/Paris"

    def detect(self, sample: FileSample) -> Detection:
        if not sample.is_zip:
            return Detection(0.0)
        names = sheet_names(sample.path)
        if COVER not in names:
            return Detection(0.0)
        if CURVE_SHEET in names or DAILY_SHEET in names:
            return Detection(0.9, f"Enedis workbook with the sheet '{COVER}'")
        return Detection(
            0.0,
            near_miss=f"expected a sheet '{CURVE_SHEET}' or '{DAILY_SHEET}', "
            f"found {', '.join(names)}",
        )

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        workbook = open_workbook(path)
        try:
            with refused_when_damaged(WORKBOOK):
                names = workbook.sheetnames
                if CURVE_SHEET in names:
                    sheet, kind = workbook[CURVE_SHEET], "curve"
                elif DAILY_SHEET in names:
                    sheet, kind = workbook[DAILY_SHEET], "daily"
                else:
                    sheet, kind = None, ""
                total = sheet.max_row if sheet is not None else 0
            if sheet is None:
                yield Rejected(1, f"the sheet '{CURVE_SHEET}' is missing")
                return
            yield from _Rows(kind, total, on_progress).read(sheet_rows(sheet))
        finally:
            workbook.close()


class _Rows:
    def __init__(self, kind: str, total: int, on_progress: ProgressCallback) -> None:
        self.kind = kind
        self.total = total
        self.on_progress = on_progress
        self.clock = LocalStamps()
        self.meter = MeterId("")

    def read(self, rows: Iterator[tuple[Any, ...]]) -> Iterator[Item]:
        expected = CURVE_HEADER if self.kind == "curve" else DAILY_HEADER
        columns: list[int] = []
        for number, row in enumerate(rows, 1):
            if number % 4096 == 0:
                self.on_progress(number, self.total)
            if not columns:
                self.meter = self.meter or _prm(row)
                columns = _header_columns(row, expected)
                if not columns and number >= HEADER_SEARCH_ROWS:
                    yield Rejected(number, _no_header(expected, HEADER_SEARCH_ROWS))
                    return
                continue
            cells = [row[i] if i < len(row) else None for i in columns]
            if all(c is None or _text(c) == "" for c in cells):
                continue
            if not self.meter:
                yield Rejected(
                    number,
                    "the meter number (PRM) was not found above the header; "
                    "download the export again from the Enedis portal",
                )
                return
            try:
                yield self._curve(cells) if self.kind == "curve" else self._daily(cells)
            except ValueError as exc:
                yield Rejected(number, _reason(exc))
        if not columns:
            yield Rejected(1, _no_header(expected, HEADER_SEARCH_ROWS))
        self.on_progress(self.total, self.total)

    def _curve(self, cells: list[Any]) -> EnergyReading:
        start_day, start_s = _wall(_text(cells[0]))
        end_day, end_s = _wall(_text(cells[1]))
        value = _value(cells[2])
        start = self.clock.resolve(start_day, start_s, _text(cells[2]))
        span = (
            (date.fromisoformat(end_day).toordinal() - date.fromisoformat(start_day).toordinal())
            * 86_400
            + end_s
            - start_s
        )
        gap = self.clock.spring_gap(start_day)
        if gap is not None and start_day == end_day and start_s < gap[0] and end_s >= gap[1]:
            span -= gap[1] - gap[0]  # 01:30 -> 03:00 across the missing hour is 30 minutes
        if span <= 0 and span + self.clock.autumn_repeat(start_day) > 0:
            span += self.clock.autumn_repeat(start_day)  # 02:30 -> 02:00: ends in the repeat
        if span <= 0:
            raise ValueError("the interval ends before it starts")
        return EnergyReading(
            "electricity", self.meter, "consumption", start, start + span, value, "kW"
        )

    def _daily(self, cells: list[Any]) -> EnergyReading:
        day = _day(cells[0])
        value = _value(cells[1])
        start = self.clock.local_midnight(day)
        end = self.clock.local_midnight(next_day(day))
        return EnergyReading("electricity", self.meter, "consumption", start, end, value, "kWh")


def _header_columns(row: tuple[Any, ...], expected: tuple[str, ...]) -> list[int]:
    """Where each expected heading sits in ``row`` (a value heading is any ``Valeur…``)."""
    folded = [fold(_text(cell)) for cell in row]
    found: list[int] = []
    for heading in expected:
        names = HEADINGS.get(heading, ())
        at = next(
            (
                i
                for i, text in enumerate(folded)
                if (text.startswith(heading) if heading == "valeur" else text in names)
                and ":" not in text
                and i not in found
            ),
            None,
        )
        if at is None:
            return []
        found.append(at)
    return found


def _prm(row: tuple[Any, ...]) -> MeterId:
    """The meter number after its label on this row: ``Point Référence Mesure (PRM) :``
    then the number in a cell to its right (or after the colon in the label's own cell)."""
    for at, cell in enumerate(row):
        text = _text(cell)
        if not any(label in fold(text) for label in PRM_LABELS):
            continue
        after = [text.split(":", 1)[1]] if ":" in text else []
        for value in [*after, *row[at + 1 :]]:
            if isinstance(value, int) and not isinstance(value, bool):
                return MeterId(str(value))  # a number cell: the digits as written
            if _text(value):
                return MeterId(_text(value))
    return MeterId("")


def _no_header(expected: tuple[str, ...], rows: int) -> str:
    names = " | ".join(h.capitalize() for h in expected)
    return f"the header {names} was not found in rows 1-{rows}; the export layout changed"


def _reason(exc: ValueError) -> str:
    text = str(exc)
    return "value could not be read" if "'" in text else text


IMPORTER = EnedisPortalXlsx()
