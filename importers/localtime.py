"""Local wall-clock times without an offset, turned into UTC instants.

Exports such as Enedis R63, Data Connect and EDF stamp rows in Paris time without an offset.
In autumn the hour 02:00-02:59 happens twice: the first occurrence in the file is summer time
(CEST), the second is winter time (CET). In spring 02:00-02:59 does not exist.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


class NonexistentLocalTime(ValueError):
    """A wall-clock time inside the spring-forward gap."""


class LocalClock:
    """Converts naive local times in file order; remembers which ambiguous times it has seen."""

    def __init__(self, tz: ZoneInfo = PARIS) -> None:
        self.tz = tz
        self._seen_ambiguous: dict[datetime, int] = {}

    def to_utc(self, wall: datetime) -> int:
        """UTC epoch seconds for ``wall``; a second sighting of an ambiguous time is the later."""
        first = wall.replace(tzinfo=self.tz, fold=0)
        second = wall.replace(tzinfo=self.tz, fold=1)
        off_first, off_second = first.utcoffset(), second.utcoffset()
        if off_first == off_second:
            return int(first.timestamp())
        # A round trip through UTC tells a gap (nonexistent) from a fold (repeated) time.
        back = datetime.fromtimestamp(first.timestamp(), self.tz).replace(tzinfo=None)
        if back != wall:
            raise NonexistentLocalTime("time falls in the spring clock change")
        count = self._seen_ambiguous.get(wall, 0)
        self._seen_ambiguous[wall] = count + 1
        return int((first if count == 0 else second).timestamp())

    def day_start(self, year: int, month: int, day: int, hour: int = 0) -> int:
        """A local calendar time that is never ambiguous (midnight, 06:00), as UTC epoch."""
        return int(datetime(year, month, day, hour, tzinfo=self.tz).timestamp())


def iso_duration_seconds(text: str) -> int:
    """``PT30M`` -> 1800; ``P1D`` -> 86400. Raises ValueError on anything else."""
    match = _DURATION.match(text.strip().upper())
    if not match or not any(match.groups()):
        raise ValueError("interval length is not an ISO 8601 duration")
    days, hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return int(timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds).total_seconds())


def parse_decimal(text: str) -> float:
    """A number written with a decimal comma or dot, spaces as thousands separators allowed."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not cleaned:
        raise ValueError("value is empty")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "")  # 1.234,56
    cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        raise ValueError("value is not a number") from None


def parse_cents(text: str) -> int:
    """An amount such as ``312,47`` or ``-1.50`` or ``.00`` as integer cents."""
    return round(parse_decimal(text) * 100)
