"""Counting each stretch of time once where a meter's readings of several steps overlap.

A meter may hold a load curve and daily totals for the same days, or a load curve whose step
changes at noon. Where readings overlap in time, the finest step wins; elsewhere every reading
counts once. "Finest" is judged in calendar steps, not seconds: a local day is one day whether
it lasts 23, 24 or 25 hours, a local month one month whether it has 28 or 31 days.

A coarse reading that finer ones cover only in part keeps what the finer ones leave of it (its
value minus theirs, never below zero): a daily total beside a load curve that starts at noon
still gives that day's morning. Pure functions over plain numbers; no database, no Qt.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

DAY = 86_400
MEAN_MONTH = 2_629_746  # a Gregorian month in seconds: ranks every month as one month


@dataclass
class Piece:
    """Readings counted together: one reading, or one step's readings within an hour.

    ``covered`` is the time the readings span (seconds, gaps excluded); ``rank`` orders steps
    from finest to coarsest (see ``calendar_rank``); ``amount`` is in the series unit.
    """

    start: int
    end: int
    covered: int
    amount: float
    rank: int


def calendar_rank(start: int, end: int, tz: ZoneInfo) -> int:
    """The step of ``[start, end)`` as a nominal duration in seconds.

    Whole local days count 86,400 s each and whole local months a mean month each, so the
    25-hour day of the autumn clock change is a day like any other; any other span is its
    length.
    """
    seconds = end - start
    if seconds < 23 * 3600:
        return seconds
    first = datetime.fromtimestamp(start, tz)
    last = datetime.fromtimestamp(end, tz)
    if (first.hour, first.minute, first.second) != (0, 0, 0) or (
        last.hour,
        last.minute,
        last.second,
    ) != (0, 0, 0):
        return seconds
    if first.day == 1 and last.day == 1:
        return ((last.year - first.year) * 12 + last.month - first.month) * MEAN_MONTH
    return (last.date() - first.date()).days * DAY


def resolve(pieces: list[Piece]) -> list[tuple[int, float]]:
    """``(start, amount)`` of every piece as counted, finest steps first.

    Pieces of one rank never shadow each other. A piece whose time finer pieces (already
    counted) cover in full adds nothing; covered in part, it adds its remainder.
    """
    counted: list[tuple[int, float, float]] = []  # (start, covered, amount), sorted by start
    result: list[tuple[int, float]] = []
    for rank in sorted({p.rank for p in pieces}):
        level = [p for p in pieces if p.rank == rank]
        starts = [c[0] for c in counted]
        covered_sums = _prefix([c[1] for c in counted])
        amount_sums = _prefix([c[2] for c in counted])
        added: list[tuple[int, float, float]] = []
        for piece in level:
            lo = bisect.bisect_left(starts, piece.start)
            hi = bisect.bisect_left(starts, piece.end)
            finer_time = covered_sums[hi] - covered_sums[lo]
            if finer_time == 0:
                share, time = piece.amount, float(piece.covered)
            elif finer_time >= piece.covered:
                continue  # finer readings cover all of it: they win
            else:
                share = max(0.0, piece.amount - (amount_sums[hi] - amount_sums[lo]))
                time = piece.covered - finer_time
            added.append((piece.start, time, share))
            result.append((piece.start, share))
        counted = sorted(counted + added)
    return result


def _prefix(values: list[float]) -> list[float]:
    sums = [0.0]
    for value in values:
        sums.append(sums[-1] + value)
    return sums
