"""Days written ``dd/mm/yyyy`` to where they start and end, worked out a month at a time.

A daily export writes one date per row, each a new one: a cache of dates would never hit.
Rows of one month share its table instead (the start of each of its days and of the day
after), so a row costs a dictionary lookup where it cost a date and a time-zone conversion.

Only the exact ten-character form is looked up; any other text, or a day the calendar does
not have, gets None and the importer's own reading, which says what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

_DAY = re.compile(r"(\d\d)/((\d\d)/(\d{4}))", re.ASCII)
_NEXT_MONTH = timedelta(days=32)


class DayTable:
    """``span`` of a day: ``(start_of(day), start_of(the next day))``."""

    LIMIT = 1024  # months remembered at most: flat memory over any number of years

    def __init__(self, start_of: Callable[[date], int]) -> None:
        self._start_of = start_of
        self._months: dict[str, list[int] | None] = {}

    def span(self, text: str) -> tuple[int, int] | None:
        found = _DAY.fullmatch(text)
        if found is None:
            return None
        try:
            starts = self._months[found[2]]
        except KeyError:
            starts = self._month(found[2], int(found[4]), int(found[3]))
        day = int(found[1])
        if starts is None or not 0 < day < len(starts):
            return None
        return starts[day - 1], starts[day]

    def _month(self, key: str, year: int, month: int) -> list[int] | None:
        """The starts of the month's days and of the next month's first; None for no month."""
        try:
            first = date(year, month, 1)
            following = (first + _NEXT_MONTH).replace(day=1)
            ordinal = first.toordinal()
            starts: list[int] | None = [
                self._start_of(date.fromordinal(ordinal + offset))
                for offset in range(following.toordinal() - ordinal + 1)
            ]
        except (ValueError, OverflowError):  # month 13, year 0, or December 9999
            starts = None
        if len(self._months) >= self.LIMIT:
            self._months.clear()
        self._months[key] = starts
        return starts
