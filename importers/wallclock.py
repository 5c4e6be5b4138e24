"""Export time stamps to UTC epoch seconds, fast: arithmetic with offsets cached per day.

``importers.localtime.LocalClock`` builds datetimes for every row; a ten-year load curve has
half a million rows, so these converters parse the fixed-width text by slicing, cache what
each calendar day and each time of day are worth, and build a datetime only on the two
clock-change days of a year.

Naive local times follow FORMATS.md section 0: on the autumn day the hour 02:00-02:59 comes
twice and row order tells which is which; in the spring gap no time exists. A time read again
right after itself is the second pass when the row's step fills the repeated hour (an hourly
curve has one stamp per pass, so two ``02:00`` are the summer and the winter hour even with
the same value); with a finer or unknown step, a repeat with the same value is a duplicate
row (the same instant) and the second pass starts when the time goes back. Duplicates are
then removed on the instant, never on the wall-clock text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from importers.localtime import PARIS, NonexistentLocalTime

DAY = 86_400
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def utc_midnight(day: str) -> int:
    """``YYYY-MM-DD`` -> epoch seconds of 00:00 UTC that date. Raises ValueError."""
    try:
        if len(day) != 10 or day[4] != "-" or day[7] != "-":
            raise ValueError
        ordinal = date(int(day[:4]), int(day[5:7]), int(day[8:10])).toordinal()
    except ValueError:
        raise ValueError("date is not a YYYY-MM-DD date") from None
    return (ordinal - _EPOCH_ORDINAL) * DAY


def seconds_of_day(text: str) -> int:
    """``HH:MM:SS`` (or ``HH:MM``) -> seconds since midnight; ``24:00:00`` allowed."""
    try:
        if len(text) not in (5, 8) or text[2] != ":" or (len(text) == 8 and text[5] != ":"):
            raise ValueError
        hours, minutes = int(text[:2]), int(text[3:5])
        seconds = int(text[6:8]) if len(text) == 8 else 0
    except ValueError:
        raise ValueError("time is not in HH:MM:SS form") from None
    if min(hours, minutes, seconds) < 0 or minutes > 59 or seconds > 59:
        raise ValueError("time is not a time of day")
    if hours > 24 or (hours == 24 and minutes + seconds):
        raise ValueError("time is not a time of day")
    return hours * 3600 + minutes * 60 + seconds


def _offset_seconds(text: str) -> int:
    if text in ("Z", "z", "+00:00", "-00:00"):
        return 0
    try:
        if len(text) != 6 or text[0] not in "+-" or text[3] != ":":
            raise ValueError
        value = int(text[1:3]) * 3600 + int(text[4:6]) * 60
    except ValueError:
        raise ValueError("time offset is not in +HH:MM form") from None
    return -value if text[0] == "-" else value


class OffsetStamps:
    """ISO 8601 times with an offset (``2024-10-27T02:00:00+01:00``) to UTC epoch seconds."""

    def __init__(self) -> None:
        self._days: dict[str, int] = {}
        self._times: dict[str, int] = {}
        self._offsets: dict[str, int] = {}

    def parse(self, text: str) -> int:
        try:
            day = self._days[text[:10]]
        except KeyError:
            day = self._days[text[:10]] = self._day(text)
        if len(text) == 25 and text[10] == "T":
            clock = self._times.get(text[11:19])
            offset = self._offsets.get(text[19:])
            if clock is None:
                clock = self._times[text[11:19]] = seconds_of_day(text[11:19])
            if offset is None:
                offset = self._offsets[text[19:]] = _offset_seconds(text[19:])
            return day + clock - offset
        return self._slow(text)

    @staticmethod
    def _day(text: str) -> int:
        return utc_midnight(text[:10])

    @staticmethod
    def _slow(text: str) -> int:
        try:
            moment = datetime.fromisoformat(text.strip())
        except ValueError:
            raise ValueError("date or time is not in ISO 8601 form") from None
        if moment.tzinfo is None:
            raise ValueError("time has no offset")
        return int(moment.timestamp())


class _Transition:
    """A clock-change day: where its wall clock jumps, and row-order state for the repeat."""

    def __init__(self, midnight: int, before: int, after: int, wall_start: int) -> None:
        self.midnight = midnight  # epoch of 00:00 UTC on that date (wall seconds start here)
        self.before = before  # UTC offset before the change
        self.after = after  # UTC offset after it
        self.wall_start = wall_start  # seconds of day where the gap or the repeat starts
        self.wall_end = wall_start + abs(before - after)
        self.second_pass = False
        self.last: tuple[int, object] | None = None


class LocalStamps:
    """Naive local times of one file, in file order, to UTC epoch seconds.

    ``descending`` is for files written newest first (EDF): their first sighting of a
    repeated autumn time is the later instant.
    """

    def __init__(self, tz: ZoneInfo = PARIS, *, descending: bool = False) -> None:
        self.tz = tz
        self.descending = descending
        self.plain_days: dict[str, int] = {}  # day -> UTC epoch of its local midnight
        self._changes: dict[str, _Transition] = {}

    def resolve(self, day: str, seconds: int, tie: object = None, step: int = 0) -> int:
        """UTC epoch of ``seconds`` after local midnight of ``day`` (``YYYY-MM-DD``).

        ``tie`` is what identifies the row besides its time (its value): a repeated time
        with another tie is the clock's second pass. ``step`` is the row's interval length
        when known: one that fills the repeated hour makes any repeat the second pass.
        """
        base = self.plain_days.get(day)
        if base is not None:
            return base + seconds
        change = self._changes.get(day)
        if change is None:
            self._load(day)
            return self.resolve(day, seconds, tie)
        return self._on_change_day(change, seconds, tie, step)

    def local_midnight(self, day: str) -> int:
        """UTC epoch of 00:00 local on ``day`` (never inside a clock change in Paris)."""
        return self.resolve(day, 0)

    def spring_gap(self, day: str) -> tuple[int, int] | None:
        """Seconds of day ``(start, end)`` of the nonexistent hour, if ``day`` has one."""
        if day not in self.plain_days and day not in self._changes:
            self._load(day)
        change = self._changes.get(day)
        if change is not None and change.after > change.before:
            return change.wall_start, change.wall_end
        return None

    def autumn_repeat(self, day: str) -> int:
        """Length in seconds of the hour repeated on ``day`` (0 on other days)."""
        if day not in self.plain_days and day not in self._changes:
            self._load(day)
        change = self._changes.get(day)
        if change is not None and change.after < change.before:
            return change.before - change.after
        return 0

    def _load(self, day: str) -> None:
        midnight = utc_midnight(day)
        start = self._offset_at(midnight - DAY // 2)
        end = self._offset_at(midnight + DAY + DAY // 2)
        if start == end:  # no change within half a day either side: a plain day
            self.plain_days[day] = midnight - start
            return
        change = self._find_change(midnight, start, end)
        if change.wall_start >= DAY:  # the change belongs to the next day
            self.plain_days[day] = midnight - start
        elif change.wall_end <= 0:  # or to the previous one
            self.plain_days[day] = midnight - end
        else:
            self._changes[day] = change

    def _offset_at(self, utc: int) -> int:
        offset = datetime.fromtimestamp(utc, UTC).astimezone(self.tz).utcoffset()
        return int(offset.total_seconds()) if offset is not None else 0

    def _find_change(self, midnight: int, before: int, after: int) -> _Transition:
        low, high = midnight - DAY // 2, midnight + DAY + DAY // 2
        while high - low > 1:  # first UTC second with the new offset
            middle = (low + high) // 2
            if self._offset_at(middle) == before:
                low = middle
            else:
                high = middle
        wall = high + min(before, after) - midnight
        return _Transition(midnight, before, after, wall)

    def _on_change_day(self, change: _Transition, seconds: int, tie: object, step: int) -> int:
        wall = change.midnight + seconds
        if seconds < change.wall_start:
            return wall - change.before
        if seconds >= change.wall_end:
            return wall - change.after
        if change.after > change.before:
            raise NonexistentLocalTime("time falls in the spring clock change")
        last = change.last
        if last is not None and not change.second_pass:
            went_back = seconds > last[0] if self.descending else seconds < last[0]
            one_per_pass = step >= change.wall_end - change.wall_start
            if went_back or (seconds == last[0] and (tie != last[1] or one_per_pass)):
                change.second_pass = True
        change.last = (seconds, tie)
        first, second = (
            (change.after, change.before)
            if self.descending
            else (
                change.before,
                change.after,
            )
        )
        return wall - (second if change.second_pass else first)


def next_day(day: str) -> str:
    """``YYYY-MM-DD`` of the following calendar day."""
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()
