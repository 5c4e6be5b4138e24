"""Series totals on Enedis Data Connect answers: the 25-hour day and a step change at noon.

Defects 1 and 2 of issue 14, each with a file in the layout Data Connect really answers
(metering_data v5, values as strings, local times without offset), totals worked out by hand.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tests.conftest import run_cli

PRM = "24115050360011"


def init(wallet_dir: Path) -> None:
    assert run_cli(wallet_dir, "init").code == 0


def series(wallet_dir: Path, granularity: str, first: str, last: str) -> list[dict[str, Any]]:
    result = run_cli(
        wallet_dir,
        "--json",
        "series",
        "electricity",
        "--granularity",
        granularity,
        "--from",
        first,
        "--to",
        last,
    )
    assert result.code == 0, result.out
    rows: list[dict[str, Any]] = json.loads(result.out)
    return rows


def data_connect(path: Path, reading_type: dict[str, str], items: list[dict[str, str]]) -> Path:
    answer = {
        "meter_reading": {
            "usage_point_id": PRM,
            "start": items[0]["date"][:10],
            "end": items[-1]["date"][:10],
            "quality": "BRUT",
            "reading_type": reading_type,
            "interval_reading": items,
        }
    }
    path.write_text(json.dumps(answer, indent=1), encoding="utf-8")
    return path


DAILY = {"measurement_kind": "energy", "measuring_period": "P1D", "unit": "Wh", "aggregate": "sum"}
CURVE = {"measurement_kind": "power", "unit": "W", "aggregate": "average"}


def test_the_25_hour_day_counts_in_week_month_and_year(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    # 21 October to 3 November 2024, one value a day in Wh. 27 October (a Sunday) has 25 hours.
    days = [datetime(2024, 10, 21) + timedelta(days=n) for n in range(14)]
    values = [10_000 + 1_000 * n for n in range(14)]  # 10 kWh, 11 kWh, ... 23 kWh
    items = [
        {"value": str(v), "date": d.strftime("%Y-%m-%d")} for d, v in zip(days, values, strict=True)
    ]
    path = data_connect(tmp_path / "daily_consumption.json", DAILY, items)
    assert run_cli(wallet_dir, "import", str(path)).code == 0

    by_day = series(wallet_dir, "day", "2024-10-27", "2024-10-27")
    assert by_day[0]["value"] == 16.0  # 27 October: the seventh day, 16 kWh
    assert by_day[0]["end"] == "2024-10-28T00:00:00+01:00"

    # Week of 21-27 October: 10+11+12+13+14+15+16 = 91 kWh; the next one 17+...+23 = 140.
    weeks = series(wallet_dir, "week", "2024-10-21", "2024-11-03")
    assert [w["value"] for w in weeks] == [91.0, 140.0]
    # October (21 to 31): 10+...+20 = 165 kWh; November (1 to 3): 21+22+23 = 66.
    months = series(wallet_dir, "month", "2024-10-01", "2024-11-30")
    assert [m["value"] for m in months] == [165.0, 66.0]
    assert series(wallet_dir, "year", "2024-01-01", "2024-12-31")[0]["value"] == 231.0


def _curve_items(day: datetime) -> list[dict[str, str]]:
    """A day at 600 W in 10-minute steps until noon, then 1,000 W in 30-minute steps."""
    items = []
    for n in range(1, 73):  # stamps 00:10 ... 12:00, end of each interval
        end = day + timedelta(minutes=10 * n)
        items.append(
            {
                "value": "600",
                "date": end.strftime("%Y-%m-%d %H:%M:%S"),
                "interval_length": "PT10M",
                "measure_type": "B",
            }
        )
    for n in range(1, 25):  # 12:30 ... 24:00 (the next day's 00:00)
        end = day + timedelta(hours=12, minutes=30 * n)
        items.append(
            {
                "value": "1000",
                "date": end.strftime("%Y-%m-%d %H:%M:%S"),
                "interval_length": "PT30M",
                "measure_type": "B",
            }
        )
    return items


def test_a_step_change_at_noon_keeps_the_whole_day(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    path = data_connect(
        tmp_path / "consumption_load_curve.json", CURVE, _curve_items(datetime(2024, 5, 14))
    )
    assert run_cli(wallet_dir, "import", str(path)).code == 0
    # Morning: 72 x 0.6 kW x 1/6 h = 7.2 kWh; afternoon: 24 x 1 kW x 0.5 h = 12 kWh.
    hours = series(wallet_dir, "hour", "2024-05-14", "2024-05-14")
    assert sum(float(h["value"]) for h in hours if h["value"] is not None) == 19.2
    for granularity in ("day", "week", "month", "year"):
        rows = series(wallet_dir, granularity, "2024-05-14", "2024-05-14")
        assert [r["value"] for r in rows] == [19.2], granularity


def test_daily_totals_beside_a_half_day_curve_give_the_whole_day(
    tmp_path: Path, wallet_dir: Path
) -> None:
    """The curve covers the afternoon only: the daily total keeps the morning (counted once)."""
    init(wallet_dir)
    afternoon = [i for i in _curve_items(datetime(2024, 5, 14)) if i["interval_length"] == "PT30M"]
    curve = data_connect(tmp_path / "curve.json", CURVE, afternoon)
    daily = data_connect(tmp_path / "daily.json", DAILY, [{"value": "19200", "date": "2024-05-14"}])
    assert run_cli(wallet_dir, "import", str(curve), str(daily)).code == 0
    assert [r["value"] for r in series(wallet_dir, "day", "2024-05-14", "2024-05-14")] == [19.2]
    # Per hour, only the curve can say: 12 kWh over the afternoon, nothing in the morning.
    hours = series(wallet_dir, "hour", "2024-05-14", "2024-05-14")
    assert [h["value"] for h in hours[:12]] == [None] * 12
    assert sum(float(h["value"]) for h in hours[12:]) == 12.0
