"""Min/max decimation: draw at most a few points per pixel column, whatever the series length.

A year of 10-minute readings is 52,560 points; a chart 1,000 pixels wide cannot show more than
four meaningful points per column (where the line enters, its lowest and highest point, where
it leaves). Keeping exactly those keeps every peak and trough visible, unlike averaging or
taking every n-th point, and makes drawing and panning cost O(width) instead of O(points).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

Point = tuple[float, float | None]


def decimate(
    points: Sequence[Point],
    width: int,
    x_range: tuple[float, float] | None = None,
) -> list[Point]:
    """Per pixel column keep the first, minimum, maximum and last point, in time order.

    ``points`` must be sorted by time. A point whose value is ``None`` is a gap: it is kept
    (once per run of gaps) so a line drawn from the result breaks there instead of joining
    across missing data. ``x_range`` is the visible span (default: the data's own span);
    points outside it are dropped, except the nearest one on each side, so a line still runs
    to the edge of a zoomed view.
    """
    if width <= 0:
        raise ValueError("width must be positive")
    if len(points) <= 4 * width:
        return list(points)
    lo, hi = x_range if x_range is not None else (points[0][0], points[-1][0])
    span = hi - lo
    if span <= 0:
        return list(points)
    scale = width / span
    result: list[Point] = []
    column: int | None = None
    run: list[int] = []  # indices of [first, min, max, last] of the current column
    low = high = 0.0

    def flush() -> None:
        if run:
            for index in sorted(set(run)):
                result.append(points[index])
            run.clear()

    start, stop = _visible(points, lo, hi)
    gap = False
    for index in range(start, stop):
        t, value = points[index]
        if value is None:
            flush()
            column = None
            if not gap:
                result.append(points[index])
            gap = True
            continue
        gap = False
        col = min(math.floor((t - lo) * scale), width - 1)
        if col != column:
            flush()
            column = col
            run.extend((index, index, index, index))
            low = high = value
            continue
        if value < low:
            run[1], low = index, value
        elif value > high:
            run[2], high = index, value
        run[3] = index
    flush()
    return result


def _visible(points: Sequence[Point], lo: float, hi: float) -> tuple[int, int]:
    """Index range covering [lo, hi] plus one neighbour on each side."""
    times = _Times(points)
    start = max(bisect.bisect_left(times, lo) - 1, 0)
    stop = min(bisect.bisect_right(times, hi) + 1, len(points))
    return start, stop


class _Times(Sequence[float]):
    """The time column of ``points`` as a sequence, without copying it (for bisect)."""

    def __init__(self, points: Sequence[Point]) -> None:
        self._points = points

    def __len__(self) -> int:
        return len(self._points)

    def __getitem__(self, index: int) -> float:  # type: ignore[override]
        return self._points[index][0]
