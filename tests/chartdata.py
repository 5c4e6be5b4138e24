"""Test data for the charts, written in the wallet's own CSV format and imported for real."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from importers.selfdata_csv import BENEFITS_HEADER, ENERGY_HEADER, MOBILITY_HEADER
from wallet.vault import Wallet

PARIS = ZoneInfo("Europe/Paris")


def iso(day: date, hour: int, minute: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS).isoformat()


def local_ts(day: date, hour: int) -> float:
    return datetime(day.year, day.month, day.day, hour, tzinfo=PARIS).timestamp()


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    lines = [",".join(header)] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_rows(
    wallet: Wallet, tmp: Path, name: str, header: list[str], rows: list[list[str]]
) -> None:
    result = wallet.import_file(write_rows(tmp / name, header, rows))
    assert result.rejected_count == 0, result.rejected


def week_load_curve() -> list[list[str]]:
    """Monday 2024-01-01 to Sunday 2024-01-07, 30-minute mean power in W.

    Weekdays draw 1000 W, except 19:00-20:00 at 3000 W (6000 W on Wednesday the 3rd);
    the weekend draws 2000 W all day. So one weekday hour is 1 kWh, the evening hour 3 kWh
    (6 kWh on Wednesday), a weekend hour 2 kWh.
    """
    rows = []
    for offset in range(7):
        day = date(2024, 1, 1) + timedelta(days=offset)
        for half in range(48):
            hour, minute = divmod(half * 30, 60)
            if day.weekday() >= 5:
                watts = 2000
            elif hour == 19:
                watts = 6000 if day.day == 3 else 3000
            else:
                watts = 1000
            start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)
            end = start + timedelta(minutes=30)
            rows.append(
                [
                    "electricity",
                    "PRM1",
                    "consumption",
                    start.isoformat(),
                    end.isoformat(),
                    str(watts),
                    "W",
                ]
            )
    return rows


def daily_gas(first: date, days: int, kwh: float) -> list[list[str]]:
    return [
        [
            "gas",
            "PCE1",
            "consumption",
            iso(first + timedelta(days=i), 0),
            iso(first + timedelta(days=i + 1), 0),
            str(kwh),
            "kWh",
        ]
        for i in range(days)
    ]


def max_power(days: list[tuple[date, int]]) -> list[list[str]]:
    return [
        ["electricity", "PRM1", "max_power", iso(d, 18), iso(d, 18), str(va), "VA"]
        for d, va in days
    ]


def benefit_payments() -> list[list[str]]:
    """Housing aid for January to June 2024 without March, lowered in May; one Christmas bonus."""
    rows = []
    for month, amount in (
        (1, "250.00"),
        (2, "250.00"),
        (4, "250.00"),
        (5, "230.00"),
        (6, "230.00"),
    ):
        start = date(2024, month, 1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        paid = end + timedelta(days=5)
        rows.append(
            [
                "ACC1",
                "CAF",
                "Aide personnalisée au logement",
                paid.isoformat(),
                start.isoformat(),
                end.isoformat(),
                amount,
                "EUR",
            ]
        )
    rows.append(["ACC1", "CAF", "Prime de Noël", "2024-12-16", "", "", "152.45", "EUR"])
    return rows


def trips() -> list[list[str]]:
    """Five trips in March 2024: three by tram line 1, one bus 11, one bike (no fare)."""
    day = date(2024, 3, 4)  # a Monday
    saturday = date(2024, 3, 9)
    return [
        [
            "CARD1",
            iso(day, 8, 5),
            iso(day, 8, 25),
            "tram",
            "1",
            "Gare",
            "Place du Commerce",
            "1.70",
            "EUR",
        ],
        [
            "CARD1",
            iso(day, 18, 10),
            iso(day, 18, 30),
            "tram",
            "1",
            "Place du Commerce",
            "Gare",
            "1.70",
            "EUR",
        ],
        ["CARD1", iso(day + timedelta(days=1), 8, 0), "", "tram", "1", "Gare", "", "1.70", "EUR"],
        [
            "CARD1",
            iso(saturday, 14, 0),
            iso(saturday, 14, 20),
            "bus",
            "11",
            "Gare",
            "Plage",
            "1.70",
            "EUR",
        ],
        [
            "CARD1",
            iso(saturday, 17, 0),
            iso(saturday, 17, 30),
            "bike",
            "",
            "Plage",
            "Gare",
            "",
            "EUR",
        ],
    ]


HEADERS = {"energy": ENERGY_HEADER, "mobility": MOBILITY_HEADER, "benefits": BENEFITS_HEADER}


def fill(wallet: Wallet, tmp: Path) -> None:
    """Electricity, gas, peaks, trips and benefits, as the pages tests use them."""
    import_rows(wallet, tmp, "elec.csv", ENERGY_HEADER, week_load_curve())
    import_rows(wallet, tmp, "gas.csv", ENERGY_HEADER, daily_gas(date(2024, 1, 1), 7, 30.0))
    peaks = [(date(2024, 1, 1) + timedelta(days=i), 4000 + 500 * i) for i in range(7)]
    import_rows(wallet, tmp, "pmax.csv", ENERGY_HEADER, max_power(peaks))
    import_rows(wallet, tmp, "trips.csv", MOBILITY_HEADER, trips())
    import_rows(wallet, tmp, "caf.csv", BENEFITS_HEADER, benefit_payments())
