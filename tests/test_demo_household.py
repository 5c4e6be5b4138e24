"""The demo household, opened as if on 15 January 2026: its two years are 2024 and 2025.

Figures worked out by hand from the household's description (wallet/demo/household.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from wallet.analytics.energy import month_comparison, subscribed_power
from wallet.demo import DEMO_META, DEMO_NOTE, DemoWallet, create_demo
from wallet.demo.household import Span
from wallet.series import series
from wallet.sharing.shares import Sharing

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2026, 1, 15)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoWallet]:
    made = create_demo(tmp_path_factory.mktemp("demo") / "wallet", today=TODAY)
    yield made
    made.wallet.lock()


def readings_on(demo: DemoWallet, day: date) -> int:
    start = datetime(day.year, day.month, day.day, tzinfo=PARIS).timestamp()
    end = datetime.fromordinal(day.toordinal() + 1).replace(tzinfo=PARIS).timestamp()
    query = (
        "SELECT count(*) FROM energy_readings WHERE quantity = 'consumption' AND unit = 'W' "
        "AND start_utc >= ? AND start_utc < ?"
    )
    return int(demo.wallet.conn.execute(query, (start, end)).fetchone()[0])


def test_the_span_is_the_24_months_before_the_current_one() -> None:
    assert Span.before(TODAY) == Span(date(2024, 1, 1), date(2025, 12, 31))
    assert Span.before(date(2026, 3, 1)) == Span(date(2024, 3, 1), date(2026, 2, 28))


def test_two_full_years_of_half_hours_with_both_clock_changes(demo: DemoWallet) -> None:
    conn = demo.wallet.conn
    # 731 days (2024 is a leap year) of 48 half-hours; two springs lose 2, two autumns add 2.
    count = "SELECT count(*) FROM energy_readings WHERE quantity = ? AND unit IN ('W', 'VA')"
    assert conn.execute(count, ("consumption",)).fetchone()[0] == 731 * 48
    assert conn.execute(count, ("max_power",)).fetchone()[0] == 731
    assert readings_on(demo, date(2024, 3, 31)) == 46
    assert readings_on(demo, date(2024, 10, 27)) == 50
    assert readings_on(demo, date(2025, 3, 30)) == 46
    assert readings_on(demo, date(2025, 10, 26)) == 50
    assert readings_on(demo, date(2025, 6, 18)) == 48


def test_about_2500_kwh_a_year_a_little_less_the_second_year(demo: DemoWallet) -> None:
    years = series(
        demo.wallet.conn, "electricity", "year", date(2024, 1, 1), date(2025, 12, 31), PARIS
    )
    kwh = [b.value for b in years]
    # Each half-hour is rounded to the watt: at most 0.25 Wh off, 4.4 kWh over a year.
    assert kwh[0] == pytest.approx(2560, abs=5)
    assert kwh[1] == pytest.approx(2470, abs=5)


def test_winter_evenings_draw_more_than_summer_afternoons(demo: DemoWallet) -> None:
    def mean_w(first: date, last: date, hour: int) -> float:
        rows = series(demo.wallet.conn, "electricity", "hour", first, last, PARIS)
        at_hour = [b.value for b in rows if datetime.fromtimestamp(b.start, PARIS).hour == hour]
        return sum(v for v in at_hour if v is not None) / len(at_hour) * 1000

    assert mean_w(date(2025, 1, 6), date(2025, 1, 10), 19) > 3 * mean_w(
        date(2025, 6, 16), date(2025, 6, 20), 14
    )


def test_the_overview_compares_the_last_month_with_a_year_before(demo: DemoWallet) -> None:
    found = month_comparison(demo.wallet.conn, "electricity", PARIS, today=TODAY)
    assert found is not None
    assert found.month == date(2025, 12, 1)
    assert found.value and found.previous_year


def test_gas_water_and_the_subscribed_power(demo: DemoWallet) -> None:
    conn = demo.wallet.conn
    per_dataset = (
        "SELECT e.dataset, count(*) FROM energy_readings r JOIN entities e ON e.id = r.entity_id "
        "WHERE e.dataset IN ('gas', 'water') GROUP BY e.dataset"
    )
    assert dict(conn.execute(per_dataset).fetchall()) == {"gas": 731, "water": 731}
    months = series(conn, "gas", "month", date(2025, 1, 1), date(2025, 12, 31), PARIS)
    january, july = months[0].value, months[6].value
    assert january is not None and july is not None and january > 4 * july  # heating
    assert subscribed_power(demo.wallet) == 6.0


def test_a_year_of_trips_by_tram_bus_train_and_bike_with_top_ups(demo: DemoWallet) -> None:
    conn = demo.wallet.conn
    modes = dict(conn.execute("SELECT mode, count(*) FROM trips GROUP BY mode").fetchall())
    assert set(modes) == {"tram", "bus", "rail", "bike"}
    assert modes["rail"] == 18  # nine weekends away, out and back
    first, last = conn.execute("SELECT min(started_utc), max(started_utc) FROM trips").fetchone()
    assert datetime.fromtimestamp(first, PARIS).date() >= date(2025, 1, 1)
    assert datetime.fromtimestamp(last, PARIS).date() <= date(2025, 12, 31)
    fares = conn.execute(
        "SELECT sum(fare_cents) FROM trips t JOIN entities e ON e.id = t.entity_id "
        "WHERE e.identifier = 'DEMO-NAOLIB'"
    ).fetchone()[0]
    top_ups = conn.execute("SELECT sum(amount_cents) FROM money_movements").fetchone()[0]
    # The card is topped up with 20 euros whenever it cannot pay a 1.70 ticket.
    assert 0 <= top_ups - fares < 2000
    bikes = conn.execute("SELECT distance_m FROM trips WHERE mode = 'bike'").fetchall()
    assert all(5_000 < d < 25_000 for (d,) in bikes)


def test_two_years_of_monthly_benefits_with_changes_and_an_attestation(demo: DemoWallet) -> None:
    conn = demo.wallet.conn
    rows = conn.execute(
        "SELECT paid_on, amount_cents FROM payments WHERE benefit LIKE 'Aide%' ORDER BY paid_on"
    ).fetchall()
    assert [r[0] for r in rows][:2] == ["2024-01-05", "2024-02-05"]
    assert len(rows) == 24 and rows[-1][0] == "2025-12-05"
    # 198.40 until September 2024 (paid in October), +2.7 % each October, -8.4 % from July
    # 2025: 198.40 x 1.027 = 203.76; x 0.916 = 186.64; x 1.027 again = 191.68.
    amounts = {paid: cents for paid, cents in rows}
    assert amounts["2024-10-05"] == 19840
    assert amounts["2024-11-05"] == 20376
    assert amounts["2025-08-05"] == 18664
    assert amounts["2025-11-05"] == 19168
    assert conn.execute("SELECT count(*) FROM payments").fetchone()[0] == 48
    assert conn.execute("SELECT count(*) FROM benefit_documents").fetchone()[0] == 1


def test_the_ledger_holds_a_past_share_and_a_revoked_one(demo: DemoWallet) -> None:
    sharing = Sharing(demo.wallet)
    assert len(sharing.services()) == 3  # every example service
    shares = {view.service_id: view for view in sharing.shares()}
    assert len(shares) == 2
    energy = next(v for k, v in shares.items() if "coach" in k)
    mobility = next(v for k, v in shares.items() if "coach" not in k)
    assert energy.created.startswith("2025-12-17") and energy.revocation == ""
    assert energy.rows > 0
    assert mobility.revocation == "pending"  # the demo tells no service
    assert mobility.created.startswith("2025-06-03")
    assert sharing.verify_ledger().ok


def test_the_demo_says_it_is_made_up(demo: DemoWallet, tmp_path: Path) -> None:
    assert demo.wallet.get_meta(DEMO_META) == DEMO_NOTE
    ids = [r[0] for r in demo.wallet.conn.execute("SELECT identifier FROM entities")]
    assert ids and all(i.startswith("DEMO-") for i in ids)
