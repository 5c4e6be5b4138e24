"""What the mobility page shows: trips by mode and line, most used stops, time of day, fares.

Counts over time come from ``wallet.series`` (trips per calendar bucket, fares beside them);
this module counts what a calendar aggregate cannot: modes, lines, stops and hours of the day.
Stops are counted by the names the trips table holds, so no stop reference data is needed.
Money is totalled per currency (a TfL history in GBP and an OV-chipkaart one in EUR stay two
totals), fares as the card money movements (top-ups, refunds, products) beside them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from wallet import db
from wallet.timebuckets import local_date, local_midnight

K = TypeVar("K", str, tuple[str, str])


@dataclass(frozen=True)
class MobilitySummary:
    trips: int
    by_mode: list[tuple[str, int]]  # most used first
    by_line: list[tuple[str, str, int]]  # (mode, line, trips), most used first
    top_stops: list[tuple[str, int]]  # a stop counts once per trip it starts or ends
    weekday_hours: list[int] = field(default_factory=lambda: [0] * 24)
    weekend_hours: list[int] = field(default_factory=lambda: [0] * 24)
    fares: dict[str, int] = field(default_factory=dict)  # currency -> cents, never summed across
    unpriced: int = 0  # trips without a known fare (season tickets, missing taps)
    money: dict[str, dict[str, int]] = field(default_factory=dict)  # currency -> kind -> cents

    @property
    def currencies(self) -> list[str]:
        """Every currency of the period's fares and card payments, most fares first."""
        found = set(self.fares) | set(self.money)
        return sorted(found, key=lambda c: (-self.fares.get(c, 0), c))


def trips_span(conn: db.Connection, tz: ZoneInfo) -> tuple[date, date] | None:
    """The days of the first and last trip or card payment, None when there is neither."""
    row = conn.execute(
        "SELECT min(a), max(b) FROM (SELECT min(at_utc) AS a, max(at_utc) AS b FROM trips "
        "UNION ALL SELECT min(at_utc), max(at_utc) FROM money_movements)"
    ).fetchone()
    if row is None or row[0] is None:
        return None
    return local_date(row[0], tz), local_date(row[1], tz)


def summary(
    conn: db.Connection, first: date, last: date, tz: ZoneInfo, *, top: int = 10
) -> MobilitySummary:
    """Trips between the local days ``first`` and ``last`` inclusive, counted several ways."""
    lo, hi = local_midnight(first, tz), local_midnight(last + timedelta(days=1), tz)
    modes: Counter[str] = Counter()
    lines: Counter[tuple[str, str]] = Counter()
    stops: Counter[str] = Counter()
    fares: Counter[str] = Counter()
    hours = {False: [0] * 24, True: [0] * 24}
    total = unpriced = 0
    rows = conn.execute(
        "SELECT at_utc, mode, line, origin, destination, fare_cents, currency FROM trips "
        "WHERE at_utc >= ? AND at_utc < ?",
        (lo, hi),
    )
    for at, mode, line, origin, destination, fare, currency in rows:
        total += 1
        modes[mode or "unknown"] += 1
        if line:
            lines[(mode or "unknown", line)] += 1
        for stop in {origin.strip(), destination.strip()} - {""}:
            stops[stop] += 1
        moment = datetime.fromtimestamp(at, tz)
        hours[moment.weekday() >= 5][moment.hour] += 1
        if fare is None:
            unpriced += 1
        else:
            fares[currency] += fare
    money: dict[str, dict[str, int]] = {}
    for kind, cents, currency in conn.execute(
        "SELECT kind, amount_cents, currency FROM money_movements WHERE at_utc >= ? AND at_utc < ?",
        (lo, hi),
    ):
        per_kind = money.setdefault(currency, {})
        per_kind[kind] = per_kind.get(kind, 0) + cents
    return MobilitySummary(
        trips=total,
        by_mode=_ranked(modes.items(), None),
        by_line=[(m, ln, n) for (m, ln), n in _ranked(lines.items(), top)],
        top_stops=_ranked(stops.items(), top),
        weekday_hours=hours[False],
        weekend_hours=hours[True],
        fares=dict(fares),
        unpriced=unpriced,
        money=money,
    )


def _ranked(items: Iterable[tuple[K, int]], top: int | None) -> list[tuple[K, int]]:
    """Most counted first; ties in name order so the result does not depend on row order."""
    ordered = sorted(items, key=lambda kv: (-kv[1], kv[0]))
    return ordered[:top] if top is not None else ordered
