"""EDF customer area export "mes puissances atteintes 30 min" (FORMATS.md section 1.4).

cp1252, CRLF, a preamble of a few lines, then the header and day blocks, newest day first and
times descending inside a block::

    Date et heure de relève par le distributeur;Puissance atteinte (W);Nature de la donnée
    18/01/2025;;
    00:00:00;1122;Réelle        <- 24:00 of 18/01, the end of its last half hour
    23:30:00;1184;Réelle

Each value is the mean power (W) of the half hour ending at the stamp, Paris time without an
offset. Odd minutes (``23:15:00``) are not half-hour readings and are skipped, as EDF's own
tools do. The file names no meter, so readings are stored under the meter ``EDF``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from importers.base import (
    OTHER_KIND,
    Detection,
    EnergyReading,
    FileSample,
    Item,
    MeterId,
    NotStored,
    ProgressCallback,
    Rejected,
    no_progress,
)
from importers.textfile import (
    file_encoding,
    fold,
    folded_cells,
    header_text,
    line_blocks,
    number_or_none,
)
from importers.wallclock import LocalStamps, next_day, seconds_of_day

HEADER = [
    "date et heure de releve par le distributeur",
    "puissance atteinte (w)",
    "nature de la donnee",
]
TITLE = "recapitulatif de mes puissances atteintes"
METER = MeterId("EDF")
STEP = 1800


def _day(text: str) -> str:
    """``dd/mm/yyyy`` -> ``yyyy-mm-dd``; ValueError when it is not a date."""
    if len(text) != 10 or text[2] != "/" or text[5] != "/":
        raise ValueError("not a day line")
    try:
        return date(int(text[6:]), int(text[3:5]), int(text[:2])).isoformat()
    except ValueError:
        raise ValueError("day is not a dd/mm/yyyy date") from None


class Edf30Min:
    name = "edf_30min"
    version = "1"
    label = "EDF half-hourly power export (CSV)"
    datasets = ("electricity",)
    needs_confirmation = False
    source_tz = "Europe/Paris"

    def detect(self, sample: FileSample) -> Detection:
        titled = False
        for line in sample.lines[:12]:
            cells = folded_cells(line)
            if cells == HEADER:
                return Detection(0.95, "EDF 'Date et heure de relève par le distributeur' header")
            titled = titled or (bool(cells) and cells[0].startswith(TITLE))
            if titled and cells and cells[0].startswith("date et heure"):
                return Detection(
                    0.0,
                    near_miss=f"expected the header {';'.join(HEADER)}, found {header_text(cells)}",
                )
        if titled:
            return Detection(0.0, near_miss="the title is there but the column header is not")
        return Detection(0.0)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        clock = LocalStamps(descending=True)
        header = False
        day = ""
        times: dict[str, int] = {}
        for first, lines in line_blocks(path, file_encoding(path), on_progress):
            for number, line in enumerate(lines, first):
                cells = line.split(";")
                stamp = cells[0].strip()
                if not stamp:
                    continue  # a blank line between day blocks
                if not header:
                    header = folded_cells(line) == HEADER
                    continue  # the preamble
                if len(stamp) == 10:
                    try:
                        day = _day(stamp)
                    except ValueError as exc:
                        yield Rejected(number, str(exc))
                        day = ""
                    continue
                if fold(stamp).startswith("date et heure"):
                    continue  # a repeated header
                if not day:
                    yield Rejected(number, "reading before the first day line")
                    continue
                try:
                    seconds = times.get(stamp)
                    if seconds is None:
                        seconds = times[stamp] = seconds_of_day(stamp)
                    if seconds % STEP:
                        yield NotStored(OTHER_KIND, 1, number)  # not a half-hour reading
                        continue
                    text = cells[1] if len(cells) > 1 else ""
                    if seconds == 0:  # 00:00:00 closes the block's day: 24:00
                        end = clock.resolve(next_day(day), 0, text)
                    else:
                        end = clock.resolve(day, seconds, text)
                    value = number_or_none(text)
                except ValueError as exc:
                    yield Rejected(number, _reason(exc))
                    continue
                yield EnergyReading(
                    "electricity", METER, "consumption", end - STEP, end, value, "W"
                )
        if not header:
            yield Rejected(1, "the header row (Date et heure de relève…) is missing")


def _reason(exc: ValueError) -> str:
    text = str(exc)
    return "value could not be read" if "'" in text else text


IMPORTER = Edf30Min()
