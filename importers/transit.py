"""What transit-card histories share: local journey times, fares, modes and lines from text.

Card histories give a calendar day and wall-clock ``HH:MM`` times in the operator's time zone,
with no offset. A journey whose end time is earlier than its start ended the next day.

Instants must come out the same whichever file a row is read from, because histories that
cover only 8 weeks are imported file after file and deduplicated on (card, instant, line,
origin, destination). So a time in the repeated autumn hour is always read as the first
occurrence (summer time) unless that would put a journey's end before its start, and a time in
the missing spring hour is read with the offset in force before the change. Row order is never
used: the same row gives the same instant in every file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from importers.base import ProgressCallback, open_text, read_sample
from importers.guard import csv_records, first_record
from importers.localtime import parse_decimal

LONDON = ZoneInfo("Europe/London")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}

_DAY_MON_YEAR = re.compile(r"^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})$")
_DMY = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def day_mon_year(text: str) -> date:
    """``14-Mar-2025`` or ``30-Apr-16`` (two-digit years are this century)."""
    match = _DAY_MON_YEAR.match(text.strip())
    if not match:
        raise ValueError("date is not in the form day-month-year")
    day, month_name, year_text = match.groups()
    month = MONTHS.get(month_name.lower())
    if month is None:
        raise ValueError("date has an unknown month name")
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    return date(year, month, int(day))


def day_month_year(text: str) -> date:
    """``04/07/2026`` or ``03-02-2025``: day first, as in the UK and the Netherlands."""
    match = _DMY.match(text.strip())
    if not match:
        raise ValueError("date is not in the form dd/mm/yyyy")
    day, month, year = (int(g) for g in match.groups())
    return date(year, month, day)


def clock(text: str) -> tuple[int, int] | None:
    """``HH:MM`` (seconds ignored) as (hour, minute); None for an empty cell."""
    text = text.strip()
    if not text:
        return None
    match = _CLOCK.match(text)
    if not match:
        raise ValueError("time is not in the form HH:MM")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueError("time is out of range")
    return hour, minute


def local_instant(day: date, hm: tuple[int, int], tz: ZoneInfo, fold: int = 0) -> int:
    wall = datetime(day.year, day.month, day.day, hm[0], hm[1], tzinfo=tz, fold=fold)
    return int(wall.timestamp())


def journey_times(
    day: date, start: tuple[int, int] | None, end: tuple[int, int] | None, tz: ZoneInfo
) -> tuple[int | None, int | None]:
    """UTC instants of a journey's start and end; an end before the start is the next day.

    With no start (a missing touch-in) the end is on the row's day.
    """
    started = local_instant(day, start, tz) if start else None
    if end is None:
        return started, None
    ended = local_instant(day, end, tz)
    if started is not None and ended < started:
        # Inside the repeated autumn hour the later reading may still be the same night.
        later = local_instant(day, end, tz, fold=1)
        ended = later if later >= started else local_instant(day + timedelta(days=1), end, tz)
    return started, ended


def money_cents(text: str) -> int | None:
    """``2.80``, ``.00``, ``-1.50``, ``£2.80``, ``8,50`` as cents; None for an empty cell."""
    cleaned = text.strip().replace("£", "").replace("€", "").replace("GBP", "").strip()
    if not cleaned:
        return None
    return round(parse_decimal(cleaned) * 100)


# --- modes and lines -------------------------------------------------------------------
_BUS = re.compile(r"\bbus\b.*?\broute\s+([A-Za-z]*\d+[A-Za-z]*)\b", re.IGNORECASE)
_QUALIFIER_MODES = (
    ("london underground", "metro"),
    ("national rail", "rail"),
    ("london overground", "rail"),
    ("elizabeth line", "rail"),
    ("tfl rail", "rail"),
    ("dlr", "metro"),
    ("tram", "tram"),
    ("river", "boat"),
)


def bus_route(text: str) -> str | None:
    """``Bus journey, route 55`` / ``Bus Journey - Route N29`` -> ``55`` / ``N29``."""
    match = _BUS.search(text)
    return match.group(1).upper() if match else None


def station_mode(*names: str) -> str:
    """The mode a station journey was on, from the qualifiers TfL adds to station names."""
    joined = " ".join(names).lower()
    for qualifier, mode in _QUALIFIER_MODES:
        if qualifier in joined:
            return mode
    return ""


def station_line(*names: str) -> str:
    joined = " ".join(names).lower()
    if "london overground" in joined:
        return "London Overground"
    if "elizabeth line" in joined:
        return "Elizabeth line"
    if re.search(r"\bdlr\b", joined):
        return "DLR"
    return ""


def split_journey(text: str) -> tuple[str, str] | None:
    """``A to B`` -> (A, B); a missing tap such as ``[No touch-in]`` becomes ``""``.

    The separator is the first `` to `` outside brackets, so ``(platforms 1 to 8)`` stays whole.
    """
    depth = 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(" to ", index):
            return _tap(text[:index]), _tap(text[index + 4 :])
    return None


def _tap(name: str) -> str:
    name = name.strip()
    return "" if re.fullmatch(r"\[no touch-?(in|out)\]", name, re.IGNORECASE) else name


# --- streaming CSV -----------------------------------------------------------------------
def csv_rows(
    path: Path, encoding: str, delimiter: str, on_progress: ProgressCallback
) -> Iterator[tuple[int, list[str] | None]]:
    """``(line_number, cells)`` for every non-blank line, one line in memory at a time.

    ``cells`` is None for a line that is not valid CSV: the caller rejects it with NOT_CSV.
    """
    total = max(path.stat().st_size, 1)
    done = 0
    for number, line in open_text(path, encoding):
        done += len(line) + 1
        if number % 4096 == 0:
            on_progress(min(done, total), total)
        if line.strip():
            yield number, next(csv_records(csv.reader([line], delimiter=delimiter)), None)
    on_progress(total, total)


def file_encoding(path: Path) -> str:
    """UTF-8 (BOM or not) when the head decodes as such, else cp1252."""
    return read_sample(path).encoding or "utf-8-sig"


def header_cells(line: str, delimiter: str = ",") -> list[str]:
    return [cell.strip() for cell in first_record(line, delimiter)]


def header_near_miss(expected: list[str], found: list[str]) -> str:
    """What differs between two headers, naming columns only (never values)."""
    return f"expected columns {', '.join(expected)}; found {', '.join(found[: len(expected) + 2])}"
