"""The aggregates the charts draw: one value per calendar bucket of the wallet's time zone.

Energy buckets hold kWh (electricity, gas) or litres (water), converted explicitly from the
unit each reading was stored in. Where a meter's readings of several steps overlap in time (a
load curve and daily totals), the finest wins there and every other reading counts once
(``wallet.overlaps``), so nothing is counted twice and nothing is left out.
"""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from wallet import db, overlaps
from wallet.errors import InvalidInput
from wallet.timebuckets import edges, iso_local, local_date, local_midnight

DAY = 86_400

# Factor from (value x hours) or value to the series unit, per stored unit.
_POWER_TO_KWH = {"W": 0.001, "kW": 1.0}  # mean power: multiply by hours
_ENERGY_TO_KWH = {"Wh": 0.001, "kWh": 1.0, "MWh": 1000.0}
_VOLUME_TO_L = {"L": 1.0, "l": 1.0, "m3": 1000.0}

SERIES_UNITS = {
    "electricity": "kWh",
    "gas": "kWh",
    "water": "L",
    "mobility": "trips",
    "transit_payments": "movements",
    "benefits": "EUR",
}
MONEY_KINDS = ("topup", "refund", "purchase", "other")  # of transit card money movements


@dataclass(frozen=True)
class Bucket:
    start: int  # UTC epoch seconds
    end: int
    value: float | None  # None: no data in this bucket (missing is not zero)
    unit: str
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self, tz: ZoneInfo) -> dict[str, Any]:
        return {
            "start": iso_local(self.start, tz),
            "end": iso_local(self.end, tz),
            "value": self.value,
            "unit": self.unit,
            **self.extra,
        }


def series(
    conn: db.Connection,
    dataset: str,
    granularity: str,
    first: date,
    last: date,
    tz: ZoneInfo,
    entity_ids: Iterable[int] | None = None,
) -> list[Bucket]:
    if dataset not in SERIES_UNITS:
        raise InvalidInput(f"Unknown dataset '{dataset}'. Use one of {', '.join(SERIES_UNITS)}.")
    if last < first:
        raise InvalidInput("The end date is before the start date.")
    try:
        bounds = edges(first, last, granularity, tz)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    if dataset == "mobility":
        return _trips(conn, bounds)
    if dataset == "transit_payments":
        return _transit_payments(conn, bounds)
    if dataset == "benefits":
        return _payments(conn, bounds, tz)
    ids = list(entity_ids) if entity_ids is not None else _entities(conn, dataset)
    return _energy(conn, dataset, granularity, bounds, ids, tz)


def _entities(conn: db.Connection, dataset: str) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM entities WHERE dataset = ?", (dataset,))]


def _amount(dataset: str, value: float, unit: str, seconds: int) -> float | None:
    """One reading in the series unit, or None when its unit cannot be converted."""
    if dataset == "water":
        factor = _VOLUME_TO_L.get(unit)
        return None if factor is None else value * factor
    if unit in _ENERGY_TO_KWH:
        return value * _ENERGY_TO_KWH[unit]
    if unit in _POWER_TO_KWH:
        return value * _POWER_TO_KWH[unit] * seconds / 3600.0
    return None


def _energy(
    conn: db.Connection,
    dataset: str,
    granularity: str,
    bounds: list[int],
    ids: list[int],
    tz: ZoneInfo,
) -> list[Bucket]:
    unit = SERIES_UNITS[dataset]
    totals: dict[int, float] = defaultdict(float)
    for entity_id in ids:
        channel = _consumption_channel(conn, entity_id)
        if channel is None:
            continue
        per_bucket = _one_step(conn, dataset, granularity, bounds, channel)
        if per_bucket is None:
            per_bucket = _mixed_steps(conn, dataset, granularity, bounds, channel, tz)
        for index, amount in per_bucket.items():
            totals[index] += amount
    return [
        Bucket(bounds[i], bounds[i + 1], round(totals[i], 6) if i in totals else None, unit)
        for i in range(len(bounds) - 1)
    ]


def _consumption_channel(conn: db.Connection, entity_id: int) -> int | None:
    row = conn.execute(
        "SELECT id FROM channels WHERE entity_id = ? AND quantity = 'consumption'", (entity_id,)
    ).fetchone()
    return None if row is None else int(row[0])


def _one_step(
    conn: db.Connection,
    dataset: str,
    granularity: str,
    bounds: list[int],
    channel: int,
) -> dict[int, float] | None:
    """Buckets of a channel whose readings in the window share one step and unit.

    That is the usual case (one load curve): no two readings overlap, so SQL sums each bucket
    over the primary key, with no sort. Returns None when the readings mix steps or units.
    """
    lo, hi = bounds[0], bounds[-1]
    row = conn.execute(
        "SELECT min(end_utc - start_utc), max(end_utc - start_utc), min(unit), max(unit) "
        "FROM energy_values WHERE channel_id = ? AND start_utc >= ? AND start_utc < ? "
        "AND value IS NOT NULL",
        (channel, lo, hi),
    ).fetchone()
    low_step, step, low_unit, stored_unit = row
    if step is None:
        return {}  # no readings in the window
    if low_step != step or low_unit != stored_unit:
        return None
    if granularity == "hour" and step > 3600:
        return {}  # a daily total cannot be spread over hours
    pairs = json.dumps([[bounds[i], bounds[i + 1]] for i in range(len(bounds) - 1)])
    sums = conn.execute(
        "SELECT b.key, (SELECT sum(v.value) FROM energy_values v WHERE v.channel_id = ? "
        "AND v.start_utc >= b.value ->> 0 AND v.start_utc < b.value ->> 1) FROM json_each(?) b",
        (channel, pairs),
    )
    found: dict[int, float] = {}
    for index, total in sums:
        if total is None:
            continue
        amount = _amount(dataset, total, stored_unit, step)
        if amount is None:
            return {}  # a unit the series cannot convert: nothing to add
        found[index] = amount
    return found


def _mixed_steps(
    conn: db.Connection,
    dataset: str,
    granularity: str,
    bounds: list[int],
    channel: int,
    tz: ZoneInfo,
) -> dict[int, float]:
    """Buckets of a channel with several steps or units: each stretch of time counted once.

    Readings of an hour or less are summed per hour, step and unit in SQL (a year of 10-minute
    readings becomes a few thousand pieces before Python sees it); an hour holding two steps is
    read reading by reading. Longer readings (days, weeks, months) come one by one. Where they
    overlap, ``wallet.overlaps`` lets the finest step win.
    """
    pieces = _short_pieces(conn, dataset, bounds, channel)
    if granularity != "hour":  # a daily total cannot be spread over hours
        pieces += _long_pieces(conn, dataset, bounds, channel, tz)
    found: dict[int, float] = defaultdict(float)
    for start, amount in overlaps.resolve(pieces):
        found[bisect.bisect_right(bounds, start) - 1] += amount
    return found


def _short_pieces(
    conn: db.Connection, dataset: str, bounds: list[int], channel: int
) -> list[overlaps.Piece]:
    lo, hi = bounds[0], bounds[-1]
    # Hours counted from the window's first local midnight, so no hour straddles two days.
    rows = conn.execute(
        "SELECT start_utc - (start_utc - ?1) % 3600 AS slot, end_utc - start_utc AS step, unit, "
        "sum(value), min(start_utc), max(end_utc), count(*) FROM energy_values "
        "WHERE channel_id = ?2 AND start_utc >= ?1 AND start_utc < ?3 AND value IS NOT NULL "
        "AND end_utc - start_utc <= 3600 GROUP BY slot, step, unit",
        (lo, channel, hi),
    ).fetchall()
    steps_per_slot: dict[int, set[int]] = defaultdict(set)
    for slot, step, *_ in rows:
        steps_per_slot[slot].add(step)
    pieces: list[overlaps.Piece] = []
    for slot, step, stored_unit, total, first, last, count in rows:
        if len(steps_per_slot[slot]) > 1:
            continue  # read one by one below
        amount = _amount(dataset, total, stored_unit, step)
        if amount is not None:
            pieces.append(overlaps.Piece(first, last, step * count, amount, step))
    for slot in sorted(s for s, steps in steps_per_slot.items() if len(steps) > 1):
        readings = conn.execute(
            "SELECT start_utc, end_utc, value, unit FROM energy_values WHERE channel_id = ? "
            "AND start_utc >= ? AND start_utc < ? AND value IS NOT NULL "
            "AND end_utc - start_utc <= 3600",
            (channel, slot, slot + 3600),
        )
        pieces += _pieces(dataset, readings, lambda start, end: end - start)
    return pieces


def _long_pieces(
    conn: db.Connection, dataset: str, bounds: list[int], channel: int, tz: ZoneInfo
) -> list[overlaps.Piece]:
    readings = conn.execute(
        "SELECT start_utc, end_utc, value, unit FROM energy_values WHERE channel_id = ? "
        "AND start_utc >= ? AND start_utc < ? AND value IS NOT NULL "
        "AND end_utc - start_utc > 3600",
        (channel, bounds[0], bounds[-1]),
    )
    return _pieces(dataset, readings, lambda start, end: overlaps.calendar_rank(start, end, tz))


def _pieces(
    dataset: str,
    readings: Iterable[tuple[int, int, float, str]],
    rank: Callable[[int, int], int],
) -> list[overlaps.Piece]:
    pieces = []
    for start, end, value, stored_unit in readings:
        amount = _amount(dataset, value, stored_unit, end - start)
        if amount is not None:
            pieces.append(overlaps.Piece(start, end, end - start, amount, rank(start, end)))
    return pieces


def trips_by_currency(conn: db.Connection, bounds: list[int]) -> list[dict[str, list[int]]]:
    """Per bucket, ``currency -> [trips, fare cents]``: money is never added across currencies."""
    found: list[dict[str, list[int]]] = [{} for _ in range(len(bounds) - 1)]
    rows = conn.execute(
        "SELECT at_utc, fare_cents, currency FROM trips WHERE at_utc >= ? AND at_utc < ?",
        (bounds[0], bounds[-1]),
    )
    for at, fare, currency in rows:
        index = bisect.bisect_right(bounds, at) - 1
        cell = found[index].setdefault(currency, [0, 0])
        cell[0] += 1
        cell[1] += fare or 0
    return found


def _trips(conn: db.Connection, bounds: list[int]) -> list[Bucket]:
    """Trips per bucket, with the fares beside them as ``fares_<CURRENCY>``, one per currency
    the period holds (``fares_EUR``, ``fares_GBP``): never one sum across currencies."""
    per_bucket = trips_by_currency(conn, bounds)
    currencies = sorted({c for cells in per_bucket for c in cells}) or ["EUR"]
    return [
        Bucket(
            bounds[i],
            bounds[i + 1],
            float(sum(n for n, _ in cells.values())),
            "trips",
            {f"fares_{c}": cells.get(c, [0, 0])[1] / 100 for c in currencies},
        )
        for i, cells in enumerate(per_bucket)
    ]


def money_by_kind(conn: db.Connection, bounds: list[int]) -> list[dict[tuple[str, str], int]]:
    """Per bucket, ``(kind, currency) -> cents`` of the transit cards' money movements."""
    found: list[dict[tuple[str, str], int]] = [{} for _ in range(len(bounds) - 1)]
    rows = conn.execute(
        "SELECT at_utc, kind, amount_cents, currency FROM money_movements "
        "WHERE at_utc >= ? AND at_utc < ?",
        (bounds[0], bounds[-1]),
    )
    for at, kind, cents, currency in rows:
        index = bisect.bisect_right(bounds, at) - 1
        key = (kind if kind in MONEY_KINDS else "other", currency)
        found[index][key] = found[index].get(key, 0) + cents
    return found


def _transit_payments(conn: db.Connection, bounds: list[int]) -> list[Bucket]:
    """Money movements per bucket (``value``: how many), with the amount of each kind and
    currency beside them: ``topup_EUR``, ``refund_GBP``, ``purchase_EUR`` (negative)."""
    counts = [0] * (len(bounds) - 1)
    for (at,) in conn.execute(
        "SELECT at_utc FROM money_movements WHERE at_utc >= ? AND at_utc < ?",
        (bounds[0], bounds[-1]),
    ):
        counts[bisect.bisect_right(bounds, at) - 1] += 1
    per_bucket = money_by_kind(conn, bounds)
    keys = sorted({key for cells in per_bucket for key in cells})
    return [
        Bucket(
            bounds[i],
            bounds[i + 1],
            float(counts[i]),
            "movements",
            {f"{kind}_{currency}": cells.get((kind, currency), 0) / 100 for kind, currency in keys},
        )
        for i, cells in enumerate(per_bucket)
    ]


def _payments(conn: db.Connection, bounds: list[int], tz: ZoneInfo) -> list[Bucket]:
    totals = [0] * (len(bounds) - 1)
    first_day = local_date(bounds[0], tz).isoformat()
    last_day = local_date(bounds[-1] - 1, tz).isoformat()
    rows = conn.execute(
        "SELECT paid_on, amount_cents FROM payments WHERE paid_on >= ? AND paid_on <= ?",
        (first_day, last_day),
    )
    for paid_on, cents in rows:
        instant = local_midnight(date.fromisoformat(paid_on), tz)
        index = bisect.bisect_right(bounds, instant) - 1
        totals[index] += cents
    return [Bucket(bounds[i], bounds[i + 1], totals[i] / 100, "EUR") for i in range(len(totals))]
