"""The interval length of each row of a load curve that does not say it (empty ``Pas``).

Rows are stamped at the end of their interval, so a row's step is the gap to the previous
stamp, except where the gap is not a step at all: a missing row (a 30-minute curve jumping
from 23:00 to 01:00) or an exact duplicate. The step is decided per row, never for the whole
file (FORMATS.md section 0: 60 -> 30 minutes inside one file happens):

* a gap that is a known step and not longer than the current step is the new step;
* a longer known step is taken only when the next gap confirms it (30 -> 60 minutes),
  otherwise it is a missing row and the current step goes on;
* any other gap (zero, negative, 90 minutes, a day) keeps the current step.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

STEPS = frozenset({60, 300, 600, 900, 1800, 3600})

Row = TypeVar("Row")


class StepInference(Generic[Row]):
    """Feed ``(end, row)`` in file order; get back ``(end, step, row)`` one row late.

    ``step`` is None only when a whole curve has no usable gap (a single reading) and no
    ``default`` was given: the caller rejects those rows.
    """

    def __init__(self, default: int | None = None) -> None:
        self.step = default
        self._waiting: list[tuple[int, Row]] = []  # rows before the first usable gap
        self._held: tuple[int, Row, int | None] | None = None  # (end, row, gap into it)

    def push(self, end: int, row: Row) -> Iterator[tuple[int, int | None, Row]]:
        held = self._held
        if held is None:
            self._held = (end, row, None)
            return
        gap = end - held[0]
        yield from self._decide(held, gap)
        self._held = (end, row, gap)

    def finish(self) -> Iterator[tuple[int, int | None, Row]]:
        if self._held is not None:
            yield from self._decide(self._held, None)
            self._held = None
        for end, row in self._waiting:
            yield end, self.step, row
        self._waiting.clear()

    def _decide(
        self, held: tuple[int, Row, int | None], next_gap: int | None
    ) -> Iterator[tuple[int, int | None, Row]]:
        end, row, gap = held
        current = self.step
        if gap is None or gap not in STEPS:
            if gap is None and current is None and next_gap in STEPS:
                current = next_gap  # the first row takes the step that follows it
        elif current is None or gap <= current or gap == next_gap:
            current = gap
        if current is None:
            self._waiting.append((end, row))
            return
        self.step = current
        for waiting_end, waiting_row in self._waiting:
            yield waiting_end, current, waiting_row
        self._waiting.clear()
        yield end, current, row
