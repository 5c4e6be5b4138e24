"""What GRDF's XLSX and JSON exports share: the gas day, missing readings, numbers as text.

A GRDF "journée gazière" runs from 06:00 to 06:00 Paris local time, so a day's reading starts
at 06:00 in winter (05:00 UTC) and in summer (04:00 UTC). Weekly and monthly totals follow the
same boundary: they start at 06:00 on their first gas day and end at 06:00 after their last.

Both importers read a file as a stream of periods, ``(meter, start, end, kWh, m3)`` tuples
(with a sixth item, the quality, where the file qualifies its readings: ``importers.quality``)
and ``Rejected`` lines, then hand it on as readings (``gas_items``, for ``parse``) or as
blocks of each quantity (``gas_blocks``, for ``parse_blocks``: a reading's two quantities are
two channels, so a plain stream of them alternates channel on every reading).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta

from importers.base import EnergyReading, Item, MeterId, Rejected
from importers.blocks import BlockItem, EnergyBlock
from importers.localtime import PARIS, parse_decimal

GAS_DAY_HOUR = 6
ABSENT = "absence de donn"  # "Absence de Données": GRDF writes 0 there, the value is missing
UNKNOWN_PCE = MeterId("GRDF")  # used when an export leaves the PCE number out
BLOCK_PERIODS = 10_000
DAY = 86_400
_SIX = time(GAS_DAY_HOUR, tzinfo=PARIS)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_SECOND = timedelta(seconds=1)

GasPeriod = (
    tuple[MeterId, int, int, float | None, float | None]
    | tuple[MeterId, int, int, float | None, float | None, str | None]
)


@functools.lru_cache(maxsize=256)
def gas_day_start(day: date) -> int:
    """UTC epoch of 06:00 Paris time on ``day`` (never ambiguous: clocks change at 02:00-03:00).

    Worked out as ``datetime.timestamp()`` does (the day's seconds less the zone's offset),
    without the float; cached: a day's end is the next day's start.
    """
    offset = datetime.combine(day, _SIX).utcoffset()
    assert offset is not None  # PARIS always has one
    return (day.toordinal() - _EPOCH_ORDINAL) * DAY + GAS_DAY_HOUR * 3600 - offset // _SECOND


def gas_days(first: date, last: date) -> tuple[int, int]:
    """``[start, end)`` of the gas days ``first`` to ``last`` inclusive."""
    return gas_day_start(first), gas_day_start(last + timedelta(days=1))


def is_absent(qualification: object) -> bool:
    return isinstance(qualification, str) and ABSENT in qualification.strip().casefold()


def number(cell: object) -> float | None:
    """A numeric cell or JSON value: int, float or text with a decimal comma; empty is None."""
    if cell is None or isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        return float(cell)
    if isinstance(cell, str):
        if not cell.strip():
            return None
        return parse_decimal(cell)
    raise ValueError("value is not a number")


def gas_items(periods: Iterable[GasPeriod | Rejected]) -> Iterator[Item]:
    """Each period as its energy and volume readings; rejected lines as they come."""
    for period in periods:
        if isinstance(period, Rejected):
            yield period
        else:
            meter, start, end, kwh, m3, *said = period
            quality = said[0] if said else None
            yield EnergyReading("gas", meter, "consumption", start, end, kwh, "kWh", quality)
            yield EnergyReading("gas", meter, "volume", start, end, m3, "m3", quality)


def gas_blocks(
    periods: Iterable[GasPeriod | Rejected], size: int = BLOCK_PERIODS
) -> Iterator[BlockItem]:
    """The readings of ``gas_items`` as an energy block and a volume block per run of periods.

    Each quantity keeps its file order; rejected lines are passed on at once, ahead of the
    readings still gathering (the vault counts them alike).
    """
    meter: MeterId | None = None
    starts: list[int] = []
    ends: list[int] = []
    kwhs: list[float | None] = []
    m3s: list[float | None] = []
    qualities: list[str | None] = []
    for period in periods:
        if isinstance(period, Rejected):
            yield period
            continue
        here, start, end, kwh, m3, *said = period
        if here != meter or len(ends) >= size:
            if meter is not None and ends:
                yield from _pair(meter, starts, ends, kwhs, m3s, qualities)
            meter, starts, ends, kwhs, m3s, qualities = here, [], [], [], [], []
        starts.append(start)
        ends.append(end)
        kwhs.append(kwh)
        m3s.append(m3)
        qualities.append(said[0] if said else None)
    if meter is not None and ends:
        yield from _pair(meter, starts, ends, kwhs, m3s, qualities)


def _pair(
    meter: MeterId,
    starts: list[int],
    ends: list[int],
    kwhs: list[float | None],
    m3s: list[float | None],
    qualities: list[str | None],
) -> tuple[EnergyBlock, EnergyBlock]:
    said = qualities if qualities.count(None) != len(qualities) else None
    return (
        EnergyBlock("gas", meter, "consumption", "kWh", starts, ends, kwhs, said),
        EnergyBlock("gas", meter, "volume", "m3", starts, ends, m3s, said),
    )
