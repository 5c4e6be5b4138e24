"""Chart analytics on real wallets, with expected values worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests import chartdata
from tests.chartdata import PARIS
from wallet.analytics import benefits, energy, mobility
from wallet.series import series
from wallet.vault import Wallet


@pytest.fixture
def week(wallet: Wallet, tmp_path: Path) -> Wallet:
    chartdata.fill(wallet, tmp_path)
    return wallet


def test_daily_profile_of_a_known_load_curve(week: Wallet) -> None:
    buckets = energy.hourly(week.conn, "electricity", date(2024, 1, 1), date(2024, 1, 7), PARIS)
    profile = energy.daily_profile(buckets, PARIS)
    assert (profile.weekday_days, profile.weekend_days) == (5, 2)
    # Weekday evening hour: 3, 3, 6, 3, 3 kWh over five days.
    assert profile.weekday[19] == pytest.approx(3.6)
    assert profile.weekday[8] == pytest.approx(1.0)
    assert profile.weekend == [pytest.approx(2.0)] * 24


def test_heat_map_is_day_by_hour(week: Wallet) -> None:
    buckets = energy.hourly(week.conn, "electricity", date(2024, 1, 1), date(2024, 1, 7), PARIS)
    grid = energy.heat_map(buckets, PARIS)
    assert grid.days[0] == date(2024, 1, 1) and len(grid.days) == 7
    assert grid.values[2][19] == pytest.approx(6.0)  # Wednesday evening
    assert grid.values[0][3] == pytest.approx(1.0)
    assert grid.values[5][3] == pytest.approx(2.0)  # Saturday


def test_load_curve_in_kw_and_kwh(week: Wallet) -> None:
    day = date(2024, 1, 3)
    kw = energy.load_curve(week.conn, "electricity", day, day, PARIS, unit="kW")
    kwh = energy.load_curve(week.conn, "electricity", day, day, PARIS, unit="kWh")
    assert kw.step == 1800 and len(kw.points) == 48
    assert kw.points[38][1] == pytest.approx(6.0)  # 19:00 at 6000 W
    assert kwh.points[38][1] == pytest.approx(3.0)  # half an hour at 6 kW
    assert kw.points[0][0] == chartdata.local_ts(day, 0)


def test_load_curve_breaks_at_a_hole(wallet: Wallet, tmp_path: Path) -> None:
    rows = chartdata.week_load_curve()[:4] + chartdata.week_load_curve()[6:8]
    chartdata.import_rows(wallet, tmp_path, "holes.csv", chartdata.ENERGY_HEADER, rows)
    curve = energy.load_curve(wallet.conn, "electricity", date(2024, 1, 1), date(2024, 1, 1), PARIS)
    values = [v for _, v in curve.points]
    assert values == [1.0, 1.0, 1.0, 1.0, None, 1.0, 1.0]
    assert curve.points[4][0] == chartdata.local_ts(date(2024, 1, 1), 2)


def test_granularities_follow_the_data(week: Wallet) -> None:
    first, last = date(2024, 1, 1), date(2024, 1, 7)
    assert energy.finest_step(week.conn, "electricity", first, last, PARIS) == 1800
    assert energy.granularities(1800) == ["curve", "hour", "day", "week", "month", "year"]
    assert energy.finest_step(week.conn, "gas", first, last, PARIS) == 86_400
    assert energy.granularities(86_400) == ["day", "week", "month", "year"]
    assert energy.granularities(30 * 86_400) == ["month", "year"]
    assert energy.granularities(0) == []


def test_peak_power_against_subscribed(week: Wallet) -> None:
    energy.set_subscribed_power(week, 6.0)
    assert energy.subscribed_power(week) == 6.0
    peaks = energy.peak_power(
        week.conn, date(2024, 1, 1), date(2024, 1, 7), PARIS, energy.subscribed_power(week)
    )
    assert peaks.kva == [4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0]
    assert peaks.over == [date(2024, 1, 6), date(2024, 1, 7)]
    energy.set_subscribed_power(week, None)
    assert energy.subscribed_power(week) is None
    with pytest.raises(ValueError):
        energy.set_subscribed_power(week, -3)


def test_periods_and_month_comparison(week: Wallet) -> None:
    assert energy.period("week", date(2024, 1, 3)) == (date(2024, 1, 1), date(2024, 1, 7))
    assert energy.period("month", date(2024, 2, 10)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert energy.shift_period("month", date(2024, 1, 1), -1) == (
        date(2023, 12, 1),
        date(2023, 12, 31),
    )
    assert energy.shift_period("year", date(2024, 1, 1), 1)[0] == date(2025, 1, 1)
    assert energy.data_span(week.conn, "electricity", PARIS) == (date(2024, 1, 1), date(2024, 1, 7))
    assert energy.datasets_with_data(week.conn) == ["electricity", "gas"]
    found = energy.month_comparison(week.conn, "electricity", PARIS)
    assert found is not None and found.month == date(2024, 1, 1)
    # 5 weekdays x (23 x 1 + evening) + 2 weekend days x 24 x 2 kWh.
    assert found.value == pytest.approx(5 * 23 + (3 + 3 + 6 + 3 + 3) + 2 * 48)
    assert found.previous_year is None


def test_mobility_counts_modes_lines_stops_hours(week: Wallet) -> None:
    found = mobility.summary(week.conn, date(2024, 3, 1), date(2024, 3, 31), PARIS, top=3)
    assert found.trips == 5
    assert found.by_mode == [("tram", 3), ("bike", 1), ("bus", 1)]
    assert found.by_line == [("tram", "1", 3), ("bus", "11", 1)]
    # Gare: trips 1, 2, 3, 4, 5; Place du Commerce: 1, 2; Plage: 4, 5.
    assert found.top_stops == [("Gare", 5), ("Place du Commerce", 2), ("Plage", 2)]
    assert found.weekday_hours[8] == 2 and found.weekday_hours[18] == 1
    assert found.weekend_hours[14] == 1 and found.weekend_hours[17] == 1
    assert found.fares == {"EUR": 4 * 170} and found.unpriced == 1
    assert mobility.trips_span(week.conn, PARIS) == (date(2024, 3, 4), date(2024, 3, 9))


def test_benefits_gap_and_change_detected(week: Wallet) -> None:
    found = benefits.summarise(benefits.payments(week.conn, None, None))
    housing = "Aide personnalisée au logement"
    assert found.regular == [housing]
    assert found.gaps == [benefits.Gap(housing, date(2024, 3, 1))]
    assert found.changes == [benefits.AmountChange(housing, date(2024, 5, 1), 25000, 23000)]
    assert found.by_benefit["Prime de Noël"] == {date(2024, 12, 1): 15245}
    # Paid in 2024: Jan to May housing aid (June's is paid in July, also 2024) and the bonus.
    assert found.total_cents(2024) == 3 * 25000 + 2 * 23000 + 15245


def test_benefit_totals_per_month_come_from_the_series(week: Wallet) -> None:
    months = series(week.conn, "benefits", "month", date(2024, 5, 1), date(2024, 6, 30), PARIS)
    # April's aid is paid on 5 May, May's on 5 June.
    assert [b.value for b in months] == [250.0, 230.0]


def test_one_payment_is_not_a_rhythm() -> None:
    assert not benefits.is_monthly({date(2024, 1, 1): 100, date(2024, 2, 1): 100})
    assert benefits.missing_months({date(2024, 1, 1): 1, date(2024, 4, 1): 1}) == [
        date(2024, 2, 1),
        date(2024, 3, 1),
    ]


def test_chart_analytics_import_neither_qt_nor_matplotlib() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.modules['PySide6'] = None\n"
        "sys.modules['matplotlib'] = None\n"
        "import wallet.analytics.views, wallet.decimate\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
