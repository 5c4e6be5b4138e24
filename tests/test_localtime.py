"""Local times without offset: both clock changes, resolved by row order."""

from __future__ import annotations

from datetime import datetime

import pytest

from importers.localtime import (
    LocalClock,
    NonexistentLocalTime,
    iso_duration_seconds,
    parse_cents,
    parse_decimal,
)


def test_autumn_repeated_hour_by_row_order() -> None:
    clock = LocalClock()
    # 2024-10-27: 02:00 CEST is 00:00 UTC; 02:00 CET is 01:00 UTC.
    first = clock.to_utc(datetime(2024, 10, 27, 2, 0))
    second = clock.to_utc(datetime(2024, 10, 27, 2, 0))
    assert first == int(datetime.fromisoformat("2024-10-27T00:00:00+00:00").timestamp())
    assert second - first == 3600


def test_spring_gap_is_refused() -> None:
    clock = LocalClock()
    with pytest.raises(NonexistentLocalTime):
        clock.to_utc(datetime(2024, 3, 31, 2, 30))
    before = clock.to_utc(datetime(2024, 3, 31, 1, 30))
    after = clock.to_utc(datetime(2024, 3, 31, 3, 0))
    assert after - before == 1800  # 01:30 CET to 03:00 CEST is half an hour


def test_durations_and_decimals() -> None:
    assert iso_duration_seconds("PT30M") == 1800
    assert iso_duration_seconds("PT5M") == 300
    assert iso_duration_seconds("P1D") == 86400
    with pytest.raises(ValueError):
        iso_duration_seconds("30")
    assert parse_decimal("2,906") == pytest.approx(2.906)
    assert parse_decimal("1 234,5") == pytest.approx(1234.5)
    assert parse_cents(".00") == 0
    assert parse_cents("312,47") == 31247
    assert parse_cents("-1.50") == -150
