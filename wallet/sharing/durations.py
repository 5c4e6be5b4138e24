"""ISO 8601 durations (``P12M``, ``P1Y6M``, ``P30D``, ``PT12H``) and RFC 3339 times."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

_DURATION = re.compile(
    r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?"
    r"(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$"
)
_REFERENCE = datetime(2000, 1, 1, tzinfo=UTC)  # fixed, so comparing durations is deterministic


@dataclass(frozen=True)
class Duration:
    months: int
    days: int
    seconds: int

    def after(self, moment: datetime) -> datetime:
        return _add_months(moment, self.months) + timedelta(days=self.days, seconds=self.seconds)

    def before(self, day: date) -> date:
        moved = _add_months(datetime(day.year, day.month, day.day), -self.months)
        return (moved - timedelta(days=self.days, seconds=self.seconds)).date()

    def span(self) -> timedelta:
        return self.after(_REFERENCE) - _REFERENCE


def parse_duration(text: str) -> Duration:
    match = _DURATION.match(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError("not an ISO 8601 duration such as P12M")
    years, months, weeks, days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    if years > 1000 or months > 12_000 or weeks > 52_000 or days > 365_000:
        raise ValueError("duration too long")
    return Duration(years * 12 + months, weeks * 7 + days, hours * 3600 + minutes * 60 + seconds)


def _add_months(moment: datetime, months: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    # The 31st plus one month is the last day of the next month.
    for day in (moment.day, 30, 29, 28):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError("date out of range")


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_rfc3339(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
