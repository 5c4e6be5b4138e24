"""Readings in blocks: a big load curve read as columns instead of half a million tuples.

An importer that reads its file a block of lines at a time can hand the vault a whole block
of one channel's readings (``EnergyBlock``) from ``parse_blocks``; the vault then writes it
with one ``executemany`` over the columns. ``parse`` stays the plain stream of records, so
previews, tests and every other reader see the same readings one by one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from typing import NamedTuple

from importers.base import EnergyReading, Item, MeterId


class EnergyBlock(NamedTuple):
    """Readings of one meter, quantity and unit, in file order, as three equal columns."""

    dataset: str
    meter: MeterId
    quantity: str
    unit: str
    starts: Sequence[int]
    ends: Sequence[int]
    values: Sequence[float | None]

    def readings(self) -> Iterator[EnergyReading]:
        return map(
            EnergyReading._make,
            zip(
                repeat(self.dataset),
                repeat(self.meter),
                repeat(self.quantity),
                self.starts,
                self.ends,
                self.values,
                repeat(self.unit),
            ),
        )


BlockItem = Item | EnergyBlock


def expand(items: Iterable[BlockItem]) -> Iterator[Item]:
    """The stream with every block turned back into readings, in order."""
    for item in items:
        if isinstance(item, EnergyBlock):
            yield from item.readings()
        else:
            yield item


def gathered(items: Iterable[BlockItem], size: int = 10_000) -> Iterator[BlockItem]:
    """The stream with runs of one channel's readings joined into blocks, in order."""
    key: tuple[str, MeterId, str, str] | None = None
    starts: list[int] = []
    ends: list[int] = []
    values: list[float | None] = []
    for item in items:
        if isinstance(item, EnergyReading):
            here = (item.dataset, item.meter, item.quantity, item.unit)
            if here != key or len(ends) >= size:
                if key is not None:
                    yield EnergyBlock(*key, starts, ends, values)
                key, starts, ends, values = here, [], [], []
            starts.append(item.start)
            ends.append(item.end)
            values.append(item.value)
            continue
        if key is not None:
            yield EnergyBlock(*key, starts, ends, values)
            key = None
        yield item
    if key is not None:
        yield EnergyBlock(*key, starts, ends, values)
