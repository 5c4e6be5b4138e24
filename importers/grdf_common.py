"""What GRDF's XLSX and JSON exports share: the gas day, missing readings, numbers as text.

A GRDF "journée gazière" runs from 06:00 to 06:00 Paris local time, so a day's reading starts
at 06:00 in winter (05:00 UTC) and in summer (04:00 UTC). Weekly and monthly totals follow the
same boundary: they start at 06:00 on their first gas day and end at 06:00 after their last.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from importers.base import EnergyReading, MeterId
from importers.localtime import PARIS, parse_decimal

GAS_DAY_HOUR = 6
ABSENT = "absence de donn"  # "Absence de Données": GRDF writes 0 there, the value is missing
UNKNOWN_PCE = MeterId("GRDF")  # used when an export leaves the PCE number out


def gas_day_start(day: date) -> int:
    """UTC epoch of 06:00 Paris time on ``day`` (never ambiguous: clocks change at 02:00-03:00)."""
    return int(datetime(day.year, day.month, day.day, GAS_DAY_HOUR, tzinfo=PARIS).timestamp())


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


def gas_readings(
    meter: MeterId, start: int, end: int, kwh: float | None, m3: float | None
) -> tuple[EnergyReading, EnergyReading]:
    """The energy (kWh) and gross volume (m3) of one period, ``None`` where missing."""
    return (
        EnergyReading("gas", meter, "consumption", start, end, kwh, "kWh"),
        EnergyReading("gas", meter, "volume", start, end, m3, "m3"),
    )
