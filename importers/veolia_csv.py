"""Veolia water consumption history CSV (service.eau.veolia.fr, "Historique" -> export).

``;``-separated text, header first: ``Date de relevé;Index relevé (litres);Consommation du
jour (litres);Index Mesuré/Estimé``. Dates are ``dd/mm/yyyy``, sometimes followed by the time of
the reading (``13/05/2026 12:00``); each row is the consumption of that calendar day, in
litres, stored as ``[local midnight, next local midnight)``. The time of the reading does not
move the day. An empty consumption is missing (``None``); an estimated value is kept as given.

The file names no meter or contract, so every Veolia reading is stored under the meter id
``veolia`` (one water meter per wallet); re-imports and overlapping exports land on the same
meter and add nothing twice.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from importers.base import (
    Detection,
    EnergyReading,
    FileSample,
    Item,
    MeterId,
    ProgressCallback,
    Rejected,
    no_progress,
    open_text,
    read_sample,
)
from importers.labels import plain
from importers.localtime import PARIS, parse_decimal

METER = MeterId("veolia")
EXPECTED = (
    "Date de relevé",
    "Index relevé (litres)",
    "Consommation du jour (litres)",
    "Index Mesuré/Estimé",
)
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


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
        total = path.stat().st_size
        encoding = read_sample(path).encoding or "utf-8-sig"
        columns: dict[str, int] | None = None
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
            if columns is None:
                yield Rejected(number, "a data line comes before the 'Date de relevé' header")
                continue
            cells = line.split(";")
            if len(cells) <= columns["litres"]:
                yield Rejected(number, f"expected {columns['width']} columns, found {len(cells)}")
                continue
            try:
                yield _reading(cells[columns["date"]], cells[columns["litres"]])
            except ValueError as exc:
                yield Rejected(number, str(exc))
        if columns is None:
            yield Rejected(1, "no 'Date de relevé' header was found")
        on_progress(total, total)


def _reading(date_cell: str, litres_cell: str) -> EnergyReading:
    day = _day(date_cell)
    text = litres_cell.strip()
    value = float(text) if text.isdigit() else parse_decimal(text) if text else None
    return EnergyReading(
        "water",
        METER,
        "consumption",
        _midnight(day),
        _midnight(day + timedelta(days=1)),
        value,
        "L",
    )


@functools.lru_cache(maxsize=64)
def _midnight(day: date) -> int:
    """Local midnight as UTC epoch; cached, since each day's end is the next row's start."""
    return int(datetime(day.year, day.month, day.day, tzinfo=PARIS).timestamp())


def _day(text: str) -> date:
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError("date is not written dd/mm/yyyy")
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("date is not a real calendar date") from None


IMPORTER = VeoliaCsv()
