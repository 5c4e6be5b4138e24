"""Veolia water consumption history CSV (service.eau.veolia.fr, "Historique" -> export).

``;``-separated text, header first: ``Date de relevé;Index relevé (litres);Consommation du
jour (litres);Index Mesuré/Estimé``. Dates are ``dd/mm/yyyy``, sometimes followed by the time of
the reading (``13/05/2026 12:00``); Veolia Île-de-France writes them ``yyyy-mm-dd hh:mm:ss``
(``2020-12-17 19:00:00;321134;220;Mesuré``: index and consumption in litres). Each row is
the consumption of that calendar day, in litres, stored as ``[local midnight, next local
midnight)``. The time of the reading does not
move the day. An empty consumption is missing (``None``); an estimated value is kept as given.

The file names no meter or contract, so every Veolia reading is stored under the meter id
``veolia`` (one water meter per wallet); re-imports and overlapping exports land on the same
meter and add nothing twice.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

from importers.base import (
    Detection,
    FileSample,
    Item,
    MeterId,
    ProgressCallback,
    Rejected,
    no_progress,
    open_text,
    read_sample,
)
from importers.blocks import BlockItem, EnergyBlock, expand
from importers.daytable import DayTable
from importers.labels import plain
from importers.localtime import PARIS, parse_decimal

METER = MeterId("veolia")
BLOCK_DAYS = 10_000
_LOCAL_MIDNIGHT = time(0, tzinfo=PARIS)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_SECOND = timedelta(seconds=1)
EXPECTED = (
    "Date de relevé",
    "Index relevé (litres)",
    "Consommation du jour (litres)",
    "Index Mesuré/Estimé",
)
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


def _columns(line: str) -> dict[str, int] | None:
    """Where the date and the day's litres are, when ``line`` is a Veolia header."""
    labels = [plain(cell) for cell in line.split(";")]
    if not labels or not labels[0].startswith("date de relev"):
        return None
    for index, label in enumerate(labels):
        if label.startswith("consommation") and "litre" in label:
            return {"date": 0, "litres": index, "width": len(labels)}
    return None


class VeoliaCsv:
    name = "veolia_csv"
    version = "1"
    label = "Veolia water consumption history (CSV)"
    datasets = ("water",)
    needs_confirmation = False
    source_tz = "Europe/Paris"

    def detect(self, sample: FileSample) -> Detection:
        line = sample.first_nonblank_line()
        if _columns(line) is not None:
            exact = [plain(c) for c in line.split(";")] == [plain(c) for c in EXPECTED]
            return Detection(1.0 if exact else 0.9, "Veolia header 'Date de relevé;…(litres)'")
        if plain(line).startswith("date de relev") and ";" in line:
            return Detection(
                0.3,
                near_miss="expected a column 'Consommation du jour (litres)' after "
                "'Date de relevé', found none",
            )
        return Detection(0.0)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        return expand(_read(path, on_progress, in_order=True))

    def parse_blocks(
        self, path: Path, on_progress: ProgressCallback = no_progress
    ) -> Iterator[BlockItem]:
        """``parse`` with the readings in blocks (the vault's fast path)."""
        return _read(path, on_progress, in_order=False)


def _read(path: Path, on_progress: ProgressCallback, in_order: bool) -> Iterator[BlockItem]:
    """The file's readings as blocks and its rejected lines.

    ``in_order``: a rejected line comes after the readings of the lines above it, as ``parse``
    gives them; otherwise it may come first (the vault counts it alike, and a file with a bad
    line every other line still gives long blocks).
    """
    total = path.stat().st_size
    encoding = read_sample(path).encoding or "utf-8-sig"
    columns: dict[str, int] | None = None
    days = DayTable(_midnight)
    starts: list[int] = []
    ends: list[int] = []
    values: list[float | None] = []
    done = 0
    for number, line in open_text(path, encoding):
        done += len(line) + 1
        if number % 4096 == 0:
            on_progress(min(done, total), total)
        if not line.strip():
            continue
        # Data lines start with a digit; only other lines can be a (repeated) header.
        header = None if line[:1].isdigit() else _columns(line)
        if header is not None:
            columns = header  # the first header, or one repeated by pasting two exports
            continue
        rejected: Rejected | None = None
        if columns is None:
            rejected = Rejected(number, "a data line comes before the 'Date de relevé' header")
        else:
            cells = line.split(";")
            if len(cells) <= columns["litres"]:
                rejected = Rejected(
                    number, f"expected {columns['width']} columns, found {len(cells)}"
                )
            else:
                try:
                    start, end, value = _reading(
                        days, cells[columns["date"]], cells[columns["litres"]]
                    )
                except ValueError as exc:
                    rejected = Rejected(number, str(exc))
                else:
                    starts.append(start)
                    ends.append(end)
                    values.append(value)
                    if len(ends) < BLOCK_DAYS:
                        continue
        if ends and (rejected is None or in_order):
            yield EnergyBlock("water", METER, "consumption", "L", starts, ends, values)
            starts, ends, values = [], [], []
        if rejected is not None:
            yield rejected
    if ends:
        yield EnergyBlock("water", METER, "consumption", "L", starts, ends, values)
    if columns is None:
        yield Rejected(1, "no 'Date de relevé' header was found")
    on_progress(total, total)


def _reading(days: DayTable, date_cell: str, litres_cell: str) -> tuple[int, int, float | None]:
    """The day's start, end and litres; the day's errors come first, then the value's."""
    span = days.span(date_cell)  # the usual dd/mm/yyyy, a month of days worked out at once
    if span is None:
        day = _day(date_cell)
    text = litres_cell.strip()
    value = float(text) if text.isdecimal() else parse_decimal(text) if text else None
    if span is None:
        return _midnight(day), _midnight(day + timedelta(days=1)), value
    return span[0], span[1], value


@functools.lru_cache(maxsize=64)
def _midnight(day: date) -> int:
    """Local midnight as UTC epoch, worked out as ``datetime.timestamp()`` does, without the
    float; cached, since each day's end is the next row's start."""
    offset = datetime.combine(day, _LOCAL_MIDNIGHT).utcoffset()
    assert offset is not None  # PARIS always has one
    return (day.toordinal() - _EPOCH_ORDINAL) * 86_400 - offset // _SECOND


def _day(text: str) -> date:
    match = _DATE.match(text.strip())
    if match:
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_DATE.match(text.strip()):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValueError("date is neither dd/mm/yyyy nor yyyy-mm-dd")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("date is not a real calendar date") from None


IMPORTER = VeoliaCsv()
