"""Property: every series total equals the readings it holds, converted to kWh, counted once.

Random load curves (5, 10, 15, 30 and 60-minute steps), local days and local months, stored in
W, kW, Wh or kWh, with gaps, across both Europe/Paris clock changes, are imported into a real
SQLCipher wallet as the wallet's own CSV; the day, week, month and year series must equal the
exported readings converted to kWh, per bucket and in total. Daily and monthly totals laid over
finer readings of the same time (in full or in part) must not count that time twice.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wallet import queries
from wallet.keyslots import FAST_KDF
from wallet.series import series
from wallet.timebuckets import edges
from wallet.vault import Wallet

PARIS = ZoneInfo("Europe/Paris")
HEADER = "dataset,meter,quantity,start,end,value,unit\n"
FINE_MINUTES = (5, 10, 15, 30, 60)
UNITS = ("W", "kW", "Wh", "kWh")
STARTS = (datetime(2024, 3, 29, tzinfo=PARIS), datetime(2024, 10, 25, tzinfo=PARIS))
_meters = itertools.count(1)


def kwh(value: float, unit: str, seconds: int) -> float:
    """Worked out here, apart from the wallet's own conversion."""
    hours = seconds / 3600
    return {"W": value / 1000 * hours, "kW": value * hours, "Wh": value / 1000, "kWh": value}[unit]


def stored(energy_kwh: float, unit: str, seconds: int) -> float:
    hours = seconds / 3600
    return {
        "W": energy_kwh * 1000 / hours,
        "kW": energy_kwh / hours,
        "Wh": energy_kwh * 1000,
        "kWh": energy_kwh,
    }[unit]


@dataclass
class Readings:
    """What a file holds, and the energy each instant truly carries (start, kWh)."""

    rows: list[tuple[int, int, float, str]] = field(default_factory=list)
    truth: list[tuple[int, float]] = field(default_factory=list)

    def add(self, start: int, end: int, value: float, unit: str, counts: bool = True) -> None:
        self.rows.append((start, end, value, unit))
        if counts:
            self.truth.append((start, kwh(value, unit, end - start)))


def next_midnight(instant: int) -> int:
    local = datetime.fromtimestamp(instant, PARIS)
    day = local.date() + timedelta(days=0 if local.time() == datetime.min.time() else 1)
    return int(datetime(day.year, day.month, day.day, tzinfo=PARIS).timestamp())


def next_month(instant: int) -> int:
    local = datetime.fromtimestamp(instant, PARIS)
    if (local.day, local.time()) == (1, datetime.min.time()):
        return instant
    first = date(local.year + (local.month == 12), local.month % 12 + 1, 1)
    return int(datetime(first.year, first.month, 1, tzinfo=PARIS).timestamp())


def midnight_of(instant: int) -> int:
    day = datetime.fromtimestamp(instant, PARIS).date()
    return int(datetime(day.year, day.month, day.day, tzinfo=PARIS).timestamp())


def day_after(instant: int, days: int = 1) -> int:
    day = datetime.fromtimestamp(instant, PARIS).date() + timedelta(days=days)
    return int(datetime(day.year, day.month, day.day, tzinfo=PARIS).timestamp())


def month_after(instant: int) -> int:
    local = datetime.fromtimestamp(instant, PARIS)
    first = date(local.year + (local.month == 12), local.month % 12 + 1, 1)
    return int(datetime(first.year, first.month, 1, tzinfo=PARIS).timestamp())


amounts = st.integers(min_value=0, max_value=4000)
segment = st.one_of(
    st.tuples(st.just("gap"), st.integers(1, 60), st.just(""), st.just(0)),
    st.tuples(
        st.just("fine"), st.sampled_from(FINE_MINUTES), st.sampled_from(UNITS), st.integers(1, 150)
    ),
    st.tuples(st.just("day"), st.integers(1, 9), st.sampled_from(UNITS), st.just(0)),
    st.tuples(st.just("month"), st.just(1), st.sampled_from(UNITS), st.just(0)),
)


@st.composite
def files(draw: st.DrawFn) -> Readings:
    """Disjoint runs laid end to end, then daily and monthly totals over some of them."""
    out = Readings()
    cursor = int(draw(st.sampled_from(STARTS)).timestamp()) + 3600 * draw(st.integers(0, 60))
    fine_by_day: dict[int, list[tuple[int, int, float]]] = defaultdict(list)  # midnight ->
    days_by_month: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for kind, size, unit, count in draw(st.lists(segment, min_size=1, max_size=8)):
        if kind == "gap":
            cursor += 3600 * size
        elif kind == "fine":
            step = 60 * size
            cursor += -cursor % step  # aligned on the step, after what came before
            for _ in range(count):
                value = float(draw(amounts))
                out.add(cursor, cursor + step, value, unit)
                fine_by_day[midnight_of(cursor)].append((cursor, step, kwh(value, unit, step)))
                cursor += step
        elif kind == "day":
            cursor = next_midnight(cursor)
            for _ in range(size):
                end = day_after(cursor)
                value = float(draw(amounts))
                out.add(cursor, end, value, unit)
                days_by_month[_month_of(cursor)].append(
                    (end - cursor, kwh(value, unit, end - cursor))
                )
                cursor = end
        else:
            cursor = next_month(cursor)
            end = month_after(cursor)
            out.add(cursor, end, float(draw(amounts)) * 30, unit)
            cursor = end
    if not out.rows:  # gaps only: one reading, so the file is not empty
        out.add(cursor, cursor + 1800, 1000.0, "W")
    _overlay_days(draw, out, fine_by_day)
    _overlay_months(draw, out, days_by_month)
    return out


def _month_of(instant: int) -> int:
    local = datetime.fromtimestamp(instant, PARIS)
    return int(datetime(local.year, local.month, 1, tzinfo=PARIS).timestamp())


def _overlay_days(
    draw: st.DrawFn, out: Readings, fine_by_day: dict[int, list[tuple[int, int, float]]]
) -> None:
    """Daily totals over days with a load curve: in full (counted once) or in part."""
    for midnight, readings in sorted(fine_by_day.items()):
        if not draw(st.booleans()):
            continue
        end = day_after(midnight)
        inside = [r for r in readings if midnight <= r[0] < end]
        covered = sum(step for _, step, _ in inside)
        missing = 0.0 if covered == end - midnight else float(draw(st.integers(0, 5000))) / 1000
        unit = draw(st.sampled_from(UNITS))
        total = sum(energy for *_, energy in inside) + missing
        out.add(midnight, end, stored(total, unit, end - midnight), unit, counts=False)
        out.truth.append((midnight, missing))  # the part of the day no finer reading holds


def _overlay_months(
    draw: st.DrawFn, out: Readings, days_by_month: dict[int, list[tuple[int, float]]]
) -> None:
    """A monthly total over a month some of whose days have daily readings."""
    for first, days in sorted(days_by_month.items()):
        end = month_after(first)
        if not draw(st.booleans()) or any(
            s <= first < e for s, e, *_ in out.rows if e - s > 40 * 86400
        ):
            continue
        if any(start == first and stop == end for start, stop, *_ in out.rows):
            continue  # a monthly reading is already there
        covered = sum(seconds for seconds, _ in days)
        full = covered == end - first
        missing = 0.0 if full else float(draw(st.integers(0, 90_000))) / 1000
        total = sum(energy for _, energy in days) + missing
        if not full and _fine_inside(out, first, end):
            continue  # keep the month's remainder simple: its gaps hold no load curve
        out.add(first, end, total, "kWh", counts=False)
        out.truth.append((first, missing))


def _fine_inside(out: Readings, first: int, end: int) -> bool:
    return any(first <= s < end and e - s <= 3600 for s, e, *_ in out.rows)


@pytest.fixture(scope="module")
def paris_wallet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Wallet, Path]]:
    folder = tmp_path_factory.mktemp("props")
    created = Wallet.create(folder / "wallet", "property passphrase", kdf=FAST_KDF)
    yield created.wallet, folder
    created.wallet.lock()


def _write(folder: Path, meter: str, rows: list[tuple[int, int, float, str]]) -> Path:
    path = folder / f"{meter}.csv"
    lines = [
        f"electricity,{meter},consumption,{datetime.fromtimestamp(s, PARIS).isoformat()},"
        f"{datetime.fromtimestamp(e, PARIS).isoformat()},{v!r},{u}\n"
        for s, e, v, u in rows
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(readings=files())
def test_series_totals_equal_the_readings_counted_once(
    paris_wallet: tuple[Wallet, Path], readings: Readings
) -> None:
    wallet, folder = paris_wallet
    meter = f"PRM-PROP-{next(_meters):05d}"
    result = wallet.import_file(_write(folder, meter, readings.rows))
    assert (result.added, result.rejected_count) == (len(readings.rows), 0)
    entity = wallet.conn.execute(
        "SELECT id FROM entities WHERE identifier = ?", (meter,)
    ).fetchone()[0]

    instants = [s for s, *_ in readings.rows] + [e for _, e, *_ in readings.rows]
    first = datetime.fromtimestamp(min(instants), PARIS).date()
    last = datetime.fromtimestamp(max(instants) - 1, PARIS).date()
    exported = [
        row
        for row in queries.export_rows(wallet.conn, "electricity", first, last, PARIS)
        if row[1] == meter
    ]
    as_stored = sorted((s, e, float(v), u) for s, e, v, u in readings.rows)
    assert (
        sorted(
            (
                int(datetime.fromisoformat(r[3]).timestamp()),
                int(datetime.fromisoformat(r[4]).timestamp()),
                float(r[5]),
                r[6],
            )
            for r in exported
        )
        == as_stored
    )

    whole = sum(energy for _, energy in readings.truth)
    for granularity in ("day", "week", "month", "year"):
        bounds = edges(first, last, granularity, PARIS)
        expected: dict[int, float] = defaultdict(float)
        for start, energy in readings.truth:
            for index in range(len(bounds) - 1):
                if bounds[index] <= start < bounds[index + 1]:
                    expected[index] += energy
        buckets = series(wallet.conn, "electricity", granularity, first, last, PARIS, [entity])
        got = {i: b.value for i, b in enumerate(buckets) if b.value is not None}
        assert set(got) <= set(expected), granularity
        for index, energy in expected.items():
            assert got.get(index, 0.0) == pytest.approx(energy, rel=1e-9, abs=2e-6), (
                granularity,
                index,
            )
        assert sum(v or 0.0 for v in got.values()) == pytest.approx(whole, rel=1e-9, abs=1e-5)
