"""What the energy page shows: load curve, daily profile, heat map, peak power, periods.

Aggregates come from ``wallet.series`` (calendar buckets in the wallet's time zone, finest data
wins); this module only reshapes them, plus the raw load curve and the daily peaks that a
calendar aggregate cannot express.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from wallet import db
from wallet.series import DAY, Bucket, series
from wallet.series import _amount as in_series_unit  # the one unit conversion of the vault
from wallet.timebuckets import bucket_start, local_date, local_midnight, next_bucket

if TYPE_CHECKING:  # the vault's operations use this module: no import back at run time
    from wallet.vault import Wallet

LOAD_CURVE_MAX_STEP = 3600  # readings at most an hour long make a load curve
SUBSCRIBED_POWER_KEY = "subscribed_power_kva"
_TO_KVA = {"VA": 0.001, "kVA": 1.0, "W": 0.001, "kW": 1.0}

Point = tuple[float, float | None]


@dataclass(frozen=True)
class Curve:
    """A load curve: one point per reading at its start (UTC epoch), ``None`` where missing."""

    points: list[Point]
    unit: str  # "kW" (mean power over each interval) or "kWh" (energy per interval)
    step: int  # the readings' interval in seconds (the finest when mixed)


@dataclass(frozen=True)
class DailyProfile:
    """The average day: mean energy in each local clock hour (kWh in an hour = mean kW)."""

    weekday: list[float | None]  # 24 values, None where no weekday had data at that hour
    weekend: list[float | None]
    weekday_days: int
    weekend_days: int
    unit: str = "kW"


@dataclass(frozen=True)
class HeatMap:
    """Energy per local day (rows) and clock hour (columns)."""

    days: list[date]
    values: list[list[float | None]]
    unit: str = "kWh"


@dataclass(frozen=True)
class PeakPower:
    """The highest apparent power reached each local day, and the subscribed power if known."""

    days: list[date]
    kva: list[float]
    subscribed_kva: float | None

    @property
    def over(self) -> list[date]:
        limit = self.subscribed_kva
        return (
            []
            if limit is None
            else [d for d, v in zip(self.days, self.kva, strict=True) if v > limit]
        )


@dataclass(frozen=True)
class MonthComparison:
    month: date  # first day of the latest month with data
    value: float | None
    previous_year: float | None
    unit: str


def data_span(conn: db.Connection, dataset: str, tz: ZoneInfo) -> tuple[date, date] | None:
    """First and last local day with consumption data for a dataset, or None."""
    row = conn.execute(
        "SELECT min(r.start_utc), max(r.end_utc) FROM energy_readings r "
        "JOIN entities e ON e.id = r.entity_id WHERE e.dataset = ? AND r.quantity = 'consumption'",
        (dataset,),
    ).fetchone()
    if row is None or row[0] is None:
        return None
    return local_date(row[0], tz), local_date(max(row[0], row[1] - 1), tz)


def datasets_with_data(conn: db.Connection) -> list[str]:
    found = {
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT e.dataset FROM entities e WHERE e.dataset IN "
            "('electricity', 'gas', 'water') AND EXISTS (SELECT 1 FROM energy_readings r "
            "WHERE r.entity_id = e.id AND r.quantity = 'consumption')"
        )
    }
    return [d for d in ("electricity", "gas", "water") if d in found]


def finest_step(conn: db.Connection, dataset: str, first: date, last: date, tz: ZoneInfo) -> int:
    """The shortest reading interval in the period, in seconds (0 when there is none)."""
    lo, hi = local_midnight(first, tz), local_midnight(last + timedelta(days=1), tz)
    row = conn.execute(
        "SELECT min(r.end_utc - r.start_utc) FROM energy_readings r JOIN entities e "
        "ON e.id = r.entity_id WHERE e.dataset = ? AND r.quantity = 'consumption' "
        "AND r.end_utc > r.start_utc AND r.start_utc >= ? AND r.start_utc < ?",
        (dataset, lo, hi),
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def granularities(step: int) -> list[str]:
    """The granularities the data allows: never finer than what was measured."""
    if step <= 0:
        return []
    allowed = ["curve", "hour"] if step <= LOAD_CURVE_MAX_STEP else []
    if step <= DAY:
        allowed.append("day")
    if step <= 7 * DAY:
        allowed.append("week")
    if step <= 31 * DAY:
        allowed.append("month")
    allowed.append("year")
    return allowed


def period(kind: str, anchor: date) -> tuple[date, date]:
    """The calendar week, month or year holding ``anchor``, as inclusive local days."""
    if kind not in ("week", "month", "year"):
        raise ValueError("period must be week, month or year")
    first = bucket_start(anchor, kind)
    return first, next_bucket(first, kind) - timedelta(days=1)


def shift_period(kind: str, first: date, steps: int) -> tuple[date, date]:
    """The period ``steps`` periods before (negative) or after ``first``."""
    day = first
    for _ in range(abs(steps)):
        day = next_bucket(day, kind) if steps > 0 else bucket_start(day - timedelta(days=1), kind)
    return period(kind, day)


def load_curve(
    conn: db.Connection,
    dataset: str,
    first: date,
    last: date,
    tz: ZoneInfo,
    *,
    unit: str = "kW",
) -> Curve:
    """Readings of at most an hour, summed over meters, as mean power or energy per interval.

    A hole between two readings becomes a ``None`` point, so a line drawn through the curve
    breaks there rather than inventing a straight segment across missing data.
    """
    if unit not in ("kW", "kWh"):
        raise ValueError("unit must be kW or kWh")
    lo, hi = local_midnight(first, tz), local_midnight(last + timedelta(days=1), tz)
    one = _one_step_curve(conn, dataset, lo, hi, unit)
    if one is not None:
        return one
    rows = conn.execute(
        "SELECT r.start_utc, r.end_utc, r.value, r.unit FROM energy_readings r "
        "JOIN entities e ON e.id = r.entity_id WHERE e.dataset = ? "
        "AND r.quantity = 'consumption' AND r.start_utc >= ? AND r.start_utc < ? "
        "AND r.end_utc - r.start_utc BETWEEN 1 AND ? ORDER BY r.start_utc",
        (dataset, lo, hi, LOAD_CURVE_MAX_STEP),
    )
    sums: dict[int, float | None] = {}
    ends: dict[int, int] = {}
    step = 0
    for start, end, value, stored_unit in rows:
        seconds = end - start
        step = seconds if step == 0 else min(step, seconds)
        amount = None if value is None else in_series_unit(dataset, value, stored_unit, seconds)
        if amount is not None and unit == "kW":
            amount = amount * 3600.0 / seconds
        if start in sums:
            previous = sums[start]
            sums[start] = None if previous is None or amount is None else previous + amount
        else:
            sums[start] = amount
        ends[start] = max(ends.get(start, end), end)
    points: list[Point] = []
    previous_end: int | None = None
    for start in sorted(sums):
        if previous_end is not None and start > previous_end:
            points.append((float(previous_end), None))
        points.append((float(start), sums[start]))
        previous_end = ends[start]
    return Curve(points, unit, step)


def _one_step_curve(conn: db.Connection, dataset: str, lo: int, hi: int, unit: str) -> Curve | None:
    """The usual case, read faster: one meter whose readings share one step and unit.

    Its rows come in primary-key order (one per start, no sort) and need no summing over
    meters; None when there are several meters, steps or units.
    """
    channels = conn.execute(
        "SELECT c.id FROM channels c JOIN entities e ON e.id = c.entity_id "
        "WHERE e.dataset = ? AND c.quantity = 'consumption'",
        (dataset,),
    ).fetchall()
    if len(channels) != 1:
        return None
    window = (channels[0][0], lo, hi, LOAD_CURVE_MAX_STEP)
    where = (
        "FROM energy_values WHERE channel_id = ? AND start_utc >= ? AND start_utc < ? "
        "AND end_utc - start_utc BETWEEN 1 AND ?"
    )
    low, step, low_unit, stored_unit = conn.execute(
        f"SELECT min(end_utc - start_utc), max(end_utc - start_utc), min(unit), max(unit) {where}",
        window,
    ).fetchone()
    if step is None:
        return Curve([], unit, 0)
    if low != step or low_unit != stored_unit:
        return None
    points: list[Point] = []
    previous_end: int | None = None
    mean_power = unit == "kW"
    for start, value in conn.execute(f"SELECT start_utc, value {where}", window):
        if previous_end is not None and start > previous_end:
            points.append((float(previous_end), None))
        amount = None if value is None else in_series_unit(dataset, value, stored_unit, step)
        if amount is not None and mean_power:
            amount = amount * 3600.0 / step
        points.append((float(start), amount))
        previous_end = start + step
    return Curve(points, unit, step)


def hourly(
    conn: db.Connection, dataset: str, first: date, last: date, tz: ZoneInfo
) -> list[Bucket]:
    """Energy per clock hour of the load curve (the vault's own hourly aggregate)."""
    return series(conn, dataset, "hour", first, last, tz)


def daily_profile(buckets: list[Bucket], tz: ZoneInfo) -> DailyProfile:
    """The average weekday and weekend day from hourly buckets (Saturday and Sunday = weekend)."""
    sums = {False: [0.0] * 24, True: [0.0] * 24}
    counts = {False: [0] * 24, True: [0] * 24}
    days: dict[bool, set[date]] = {False: set(), True: set()}
    for bucket in buckets:
        if bucket.value is None:
            continue
        moment = datetime.fromtimestamp(bucket.start, tz)
        weekend = moment.weekday() >= 5
        sums[weekend][moment.hour] += bucket.value
        counts[weekend][moment.hour] += 1
        days[weekend].add(moment.date())

    def means(weekend: bool) -> list[float | None]:
        return [
            round(s / n, 6) if n else None
            for s, n in zip(sums[weekend], counts[weekend], strict=True)
        ]

    return DailyProfile(means(False), means(True), len(days[False]), len(days[True]))


def heat_map(buckets: list[Bucket], tz: ZoneInfo) -> HeatMap:
    """Day x hour matrix from the first to the last day with data.

    On the autumn clock change the repeated hour holds both hours' energy.
    """
    rows: dict[date, list[float | None]] = {}
    for bucket in buckets:
        moment = datetime.fromtimestamp(bucket.start, tz)
        row = rows.setdefault(moment.date(), [None] * 24)
        if bucket.value is not None:
            current = row[moment.hour]
            row[moment.hour] = bucket.value + (current or 0.0)
    # Days before the first and after the last reading are left out, not drawn blank.
    days = [d for d in sorted(rows) if any(v is not None for v in rows[d])]
    if days:
        days = [d for d in sorted(rows) if days[0] <= d <= days[-1]]
    return HeatMap(days, [rows[d] for d in days])


def peak_power(
    conn: db.Connection, first: date, last: date, tz: ZoneInfo, subscribed_kva: float | None
) -> PeakPower:
    """The day's highest ``max_power`` reading (VA or kVA in the vault), per local day, in kVA."""
    lo, hi = local_midnight(first, tz), local_midnight(last + timedelta(days=1), tz)
    rows = conn.execute(
        "SELECT r.start_utc, r.value, r.unit FROM energy_readings r JOIN entities e "
        "ON e.id = r.entity_id WHERE e.dataset = 'electricity' AND r.quantity = 'max_power' "
        "AND r.value IS NOT NULL AND r.start_utc >= ? AND r.start_utc < ?",
        (lo, hi),
    )
    best: dict[date, float] = defaultdict(float)
    for start, value, unit in rows:
        factor = _TO_KVA.get(unit)
        if factor is None:
            continue
        day = local_date(start, tz)
        best[day] = max(best[day], value * factor)
    days = sorted(best)
    return PeakPower(days, [round(best[d], 3) for d in days], subscribed_kva)


def subscribed_power(wallet: Wallet) -> float | None:
    """The subscribed power (kVA) the person entered, or None when they have not."""
    text = wallet.get_meta(SUBSCRIBED_POWER_KEY)
    try:
        return float(text) if text else None
    except ValueError:
        return None


def set_subscribed_power(wallet: Wallet, kva: float | None) -> None:
    if kva is not None and not 0 < kva <= 1000:
        raise ValueError("the subscribed power must be between 0 and 1000 kVA")
    wallet.set_meta(SUBSCRIBED_POWER_KEY, "" if kva is None else repr(float(kva)))


def month_comparison(
    conn: db.Connection, dataset: str, tz: ZoneInfo, today: date | None = None
) -> MonthComparison | None:
    """The latest month with data (at most ``today``'s) against the same month a year before."""
    span = data_span(conn, dataset, tz)
    if span is None:
        return None
    latest = min(span[1], today) if today else span[1]
    month = latest.replace(day=1)
    before = month.replace(year=month.year - 1)
    buckets = series(conn, dataset, "month", before, month, tz)
    first_of = {local_date(b.start, tz): b for b in buckets}
    current, previous = first_of.get(month), first_of.get(before)
    return MonthComparison(
        month,
        current.value if current else None,
        previous.value if previous else None,
        buckets[0].unit if buckets else "kWh",
    )
