"""Readings in blocks: a big load curve read as columns instead of half a million tuples.

An importer that reads its file a block of lines at a time can hand the vault a whole block
of one channel's readings (``EnergyBlock``) from ``parse_blocks``; the vault then writes it
with one ``executemany`` over the columns. ``parse`` stays the plain stream of records, so
previews, tests and every other reader see the same readings one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from importers.base import EnergyReading, Importer, Item, MeterId, ProgressCallback


class EnergyBlock(NamedTuple):
    """Readings of one meter, quantity and unit, in file order, as equal columns.

    ``qualities`` (``EnergyReading.quality`` of each reading) is None when the file says
    nothing of any of them.
    """

    dataset: str
    meter: MeterId
    quantity: str
    unit: str
    starts: Sequence[int]
    ends: Sequence[int]
    values: Sequence[float | None]
    qualities: Sequence[str | None] | None = None

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
                repeat(None) if self.qualities is None else self.qualities,
            ),
        )


BlockItem = Item | EnergyBlock


def read_blocks(
    importer: Importer, path: Path, on_progress: ProgressCallback
) -> Iterable[BlockItem]:
    """The importer's stream with whole blocks where it offers ``parse_blocks``."""
    parse: Callable[[Path, ProgressCallback], Iterable[BlockItem]]
    parse = getattr(importer, "parse_blocks", importer.parse)
    return parse(path, on_progress)


def expand(items: Iterable[BlockItem]) -> Iterator[Item]:
    """The stream with every block turned back into readings, in order."""
    for item in items:
        if isinstance(item, EnergyBlock):
            yield from item.readings()
        else:
            yield item


_Channel = tuple[str, MeterId, str, str]  # dataset, meter, quantity, unit
_Columns = tuple[list[int], list[int], list[float | None], list[str | None]]


def gathered(items: Iterable[BlockItem], size: int = 10_000) -> Iterator[BlockItem]:
    """The stream with each channel's readings joined into blocks of up to ``size``.

    Readings of several channels often alternate (a gas day gives kWh then m3): each channel
    gathers its own block. Within a channel the order is kept, and so is the order of readings
    against any other item, which flushes every block begun before it. Readings of different
    channels never share a key, so their relative order does not change what is stored.
    """
    pending: dict[_Channel, _Columns] = {}
    held = 0
    for item in items:
        if isinstance(item, EnergyReading):
            key = (item.dataset, item.meter, item.quantity, item.unit)
            columns = pending.get(key)
            if columns is None:
                columns = pending[key] = ([], [], [], [])
            columns[0].append(item.start)
            columns[1].append(item.end)
            columns[2].append(item.value)
            columns[3].append(item.quality)
            held += 1
            if len(columns[1]) >= size:
                yield _block(key, pending.pop(key))
                held -= size
            elif held >= 4 * size:  # many channels at once: memory stays bounded
                yield from _blocks(pending)
                held = 0
            continue
        yield from _blocks(pending)
        held = 0
        yield item
    yield from _blocks(pending)


def _blocks(pending: dict[_Channel, _Columns]) -> Iterator[EnergyBlock]:
    """Every block begun, in the order they were begun; ``pending`` is left empty."""
    for key, columns in pending.items():
        yield _block(key, columns)
    pending.clear()


def _block(key: _Channel, columns: _Columns) -> EnergyBlock:
    starts, ends, values, qualities = columns
    said = qualities.count(None) != len(qualities)
    return EnergyBlock(*key, starts, ends, values, qualities if said else None)
