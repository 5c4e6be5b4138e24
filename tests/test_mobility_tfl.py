"""TfL Oyster and contactless histories: quirks, counts and fares worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from importers import registry
from importers.base import MoneyMovement, Rejected, Trip, read_sample
from importers.tfl_contactless import IMPORTER as CONTACTLESS
from importers.tfl_oyster import IMPORTER as OYSTER
from tests.conftest import RESOURCE_SAMPLES
from wallet.vault import Wallet

OYSTER_SAMPLE = RESOURCE_SAMPLES / "tfl_oyster_journey_history.csv"
OYSTER_QUIRKS = RESOURCE_SAMPLES / "tfl_oyster_quirks.csv"
CONTACTLESS_2016 = RESOURCE_SAMPLES / "tfl_contactless_journey_history_2016.csv"
CONTACTLESS_2026 = RESOURCE_SAMPLES / "tfl_contactless_statement_2026.csv"


def utc(*parts: int) -> int:
    return int(datetime(*parts, tzinfo=UTC).timestamp())


def split(items: list[object]) -> tuple[list[Trip], list[MoneyMovement], list[Rejected]]:
    trips = [i for i in items if isinstance(i, Trip)]
    money = [i for i in items if isinstance(i, MoneyMovement)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    return trips, money, rejected


def test_oyster_sample_trips_fares_and_money() -> None:
    trips, money, rejected = split(list(OYSTER.parse(OYSTER_SAMPLE)))
    assert rejected == []
    # 20 rows: 2 top-ups, 1 refund, 1 season ticket are money; the riverboat ticket, the tram
    # entry and the capped and missing-tap journeys are trips.
    assert len(trips) == 16
    assert len(money) == 4
    # 280+280+0+175+890+890+280+280+644+0+0+560+280+280+280+280
    assert sum(t.fare_cents or 0 for t in trips) == 5399
    assert sorted((m.kind, m.amount_cents) for m in money) == [
        ("other", 0),
        ("refund", 570),
        ("topup", 2000),
        ("topup", 2000),
    ]
    assert {t.card for t in trips} == {"oyster"}


def test_oyster_midnight_crossing_ends_next_day() -> None:
    trips, _, _ = split(list(OYSTER.parse(OYSTER_SAMPLE)))
    waterloo = next(t for t in trips if t.origin.startswith("Waterloo"))
    # 13 March 2025 is winter time in London: local time is UTC.
    assert waterloo.started_at == utc(2025, 3, 13, 23, 49)
    assert waterloo.ended_at == utc(2025, 3, 14, 0, 9)
    assert waterloo.fare_cents == 0 and waterloo.note == "capped"


def test_oyster_missing_taps_bus_tram_and_qualifiers() -> None:
    trips, _, _ = split(list(OYSTER.parse(OYSTER_SAMPLE)))
    farringdon = next(t for t in trips if t.destination == "Farringdon")
    assert farringdon.started_at is None and farringdon.origin == ""
    assert farringdon.ended_at == utc(2025, 3, 12, 9, 22)
    assert farringdon.note == "no touch-in"
    no_out = next(t for t in trips if t.fare_cents == 890 and t.origin == "Bank")
    assert no_out.ended_at is None and no_out.note == "no touch-out"
    bus = next(t for t in trips if t.mode == "bus")
    assert (bus.line, bus.ended_at, bus.fare_cents) == ("55", None, 175)
    tram = next(t for t in trips if t.mode == "tram")
    assert tram.origin == "Wandle Park"
    boat = next(t for t in trips if t.mode == "boat")
    assert boat.fare_cents == 644
    croydon = [t for t in trips if "East Croydon" in t.origin + t.destination]
    assert {t.mode for t in croydon} == {"rail"}
    overground = next(t for t in trips if t.origin == "Honor Oak Park")
    assert (overground.mode, overground.line) == ("rail", "London Overground")


def test_oyster_quirks_clock_change_new_year_repeated_header() -> None:
    # BOM, CRLF, a blank line and a second header from two downloads pasted together.
    trips, money, rejected = split(list(OYSTER.parse(OYSTER_QUIRKS)))
    assert rejected == []
    assert len(trips) == 5 and len(money) == 2
    night = next(t for t in trips if t.origin == "Oxford Circus")
    # 26 Oct 2025: 01:50 BST (00:50 UTC) to 01:10 GMT after the clock went back: 20 minutes.
    assert night.started_at == utc(2025, 10, 26, 0, 50)
    assert night.ended_at == utc(2025, 10, 26, 1, 10)
    new_year = next(t for t in trips if t.origin == "Westminster")
    assert new_year.ended_at == utc(2025, 1, 1, 0, 20)
    assert next(t for t in trips if t.mode == "bus").line == "N29"
    no_out = next(t for t in trips if t.fare_cents == 890)
    assert no_out.destination == "" and no_out.note == "no touch-out"
    assert sorted((m.kind, m.amount_cents) for m in money) == [("refund", 350), ("topup", 2000)]


def test_oyster_bad_lines_are_reported_without_values(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    path.write_text(
        "\nDate,Start Time,End Time,Journey/Action,Charge,Credit,Balance,Note\n"
        '14-Mar-2025,18:02,18:31,"Bank to Finchley Road",2.80,,6.90,""\n'
        '31-Foo-2025,18:02,18:31,"Secret Street to Bank",2.80,,6.90,""\n'
        '14-Mar-2025,25:99,18:31,"Secret Street to Bank",2.80,,6.90,""\n'
        '14-Mar-2025,18:02,18:31,"Secret Street to Bank",abc,,6.90,""\n'
        "14-Mar-2025,18:02\n",
        encoding="utf-8",
    )
    items = list(OYSTER.parse(path))
    trips, _, rejected = split(items)
    assert len(trips) == 1
    assert [r.line for r in rejected] == [4, 5, 6, 7]
    for r in rejected:
        assert "Secret" not in r.reason and "Foo" not in r.reason and "abc" not in r.reason


def test_oyster_detection_and_near_miss() -> None:
    assert registry.choose(OYSTER_SAMPLE).importer.name == "tfl_oyster"
    drifted = read_sample(OYSTER_SAMPLE)
    drifted.lines = ["", "Date,Start Time,End Time,Journey/Action,Amount,Balance"]
    detection = OYSTER.detect(drifted)
    assert detection.confidence < registry.ACCEPT_THRESHOLD
    assert "Charge" in detection.near_miss


def test_contactless_2016_two_digit_years_negative_charges() -> None:
    assert registry.choose(CONTACTLESS_2016).importer.name == "tfl_contactless"
    trips, money, rejected = split(list(CONTACTLESS.parse(CONTACTLESS_2016)))
    # 20 rows; "Daily cap reached" is information, not a journey.
    assert rejected == [] and money == []
    assert len(trips) == 19
    # 5 buses at 1.50, 4 fares at 2.90, 1 at 1.60, 9 at 2.40
    assert sum(t.fare_cents or 0 for t in trips) == 5 * 150 + 4 * 290 + 160 + 9 * 240
    first = trips[0]
    assert (first.mode, first.line, first.fare_cents) == ("bus", "78", 150)
    assert first.started_at == utc(2016, 4, 30, 12, 14)  # 13:14 BST
    assert sum(1 for t in trips if t.note == "capped") == 2


def test_contactless_newer_layout_day_first_dates() -> None:
    trips, money, rejected = split(list(CONTACTLESS.parse(CONTACTLESS_2026)))
    assert rejected == []
    assert len(trips) == 5
    assert [(m.kind, m.amount_cents) for m in money] == [("refund", 610)]
    assert sum(t.fare_cents or 0 for t in trips) == 280 + 175 + 280 + 890 + 210
    late = trips[0]
    # 4 July 2026, 23:41 BST to 00:12 BST on the 5th.
    assert late.started_at == utc(2026, 7, 4, 22, 41)
    assert late.ended_at == utc(2026, 7, 4, 23, 12)
    assert trips[3].started_at is None and trips[3].note == "no touch-in"


# --- overlapping 8-week histories --------------------------------------------------------
def _history(days: range) -> str:
    """One commute per day of March-May 2025 and a top-up every seventh day, newest first."""
    lines = ["", "Date,Start Time,End Time,Journey/Action,Charge,Credit,Balance,Note"]
    for n in reversed(days):
        day = datetime.fromordinal(datetime(2025, 3, 1).toordinal() + n - 1)
        stamp = day.strftime("%d-%b-%Y")
        lines.append(f'{stamp},23:40,00:15,"Bank to Stratford",2.80,,10.00,""')
        if n % 7 == 0:
            lines.append(f'{stamp},08:00,,"Auto top-up, Bank",,20.00,30.00,""')
    return "\n".join(lines) + "\n"


def test_overlapping_eight_week_files_add_nothing_twice(wallet: Wallet, tmp_path: Path) -> None:
    first, second = tmp_path / "weeks_1_8.csv", tmp_path / "weeks_5_12.csv"
    first.write_text(_history(range(1, 57)), encoding="utf-8")
    second.write_text(_history(range(29, 85)), encoding="utf-8")
    a = wallet.import_file(first)
    assert (a.added, a.present) == (56 + 8, 0)
    b = wallet.import_file(second)
    # Days 29-56 (28 trips, top-ups on days 35, 42, 49, 56) were in the first file already.
    assert (b.added, b.present) == (28 + 4, 28 + 4)
    assert wallet.conn.execute("SELECT count(*) FROM trips").fetchone()[0] == 84
    assert wallet.conn.execute("SELECT count(*) FROM money_movements").fetchone()[0] == 12
    again = wallet.import_file(first)
    assert again.added == 0
