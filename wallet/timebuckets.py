"""Calendar buckets in the wallet's time zone, as UTC epoch boundaries.

A day is local midnight to local midnight, so it lasts 23 or 25 hours at the clock changes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from wallet.errors import InvalidInput

GRANULARITIES = ("hour", "day", "week", "month", "year")


def local_midnight(day: date, tz: ZoneInfo) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=tz).timestamp())


def bucket_start(day: date, granularity: str) -> date:
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    if granularity == "year":
        return day.replace(month=1, day=1)
    return day


def next_bucket(day: date, granularity: str) -> date:
    if granularity == "week":
        return day + timedelta(days=7)
    if granularity == "month":
        return date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    if granularity == "year":
        return date(day.year + 1, 1, 1)
    return day + timedelta(days=1)


def edges(first: date, last: date, granularity: str, tz: ZoneInfo) -> list[int]:
    """Bucket boundaries covering the local days ``first`` to ``last`` inclusive."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}")
    if granularity == "hour":
        lo = local_midnight(first, tz)
        hi = local_midnight(last + timedelta(days=1), tz)
        return list(range(lo, hi + 1, 3600))
    day = bucket_start(first, granularity)
    result = [local_midnight(day, tz)]
    while day <= last:
        day = next_bucket(day, granularity)
        result.append(local_midnight(day, tz))
    return result


def local_date(instant: int, tz: ZoneInfo) -> date:
    return datetime.fromtimestamp(instant, tz).date()


def iso_local(instant: int, tz: ZoneInfo) -> str:
    return datetime.fromtimestamp(instant, tz).isoformat()


def parse_day(text: str) -> date:
    return date.fromisoformat(text.strip())


def day_option(text: str | None) -> date | None:
    """A ``--from`` or ``--to`` day of the command line: None when not given."""
    if text is None:
        return None
    try:
        return parse_day(text)
    except ValueError:
        raise InvalidInput(f"'{text}' is not a date; write it as YYYY-MM-DD.") from None
