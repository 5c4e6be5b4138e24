"""Min/max decimation keeps what a pixel column can show: entry, low, high, exit, and gaps."""

from __future__ import annotations

import pytest

from wallet.decimate import decimate


def test_short_series_is_returned_as_is() -> None:
    points = [(float(t), float(t % 3)) for t in range(8)]
    assert decimate(points, width=2) == points


def test_each_column_keeps_first_min_max_last() -> None:
    # 20 points over [0, 20) in 2 columns of 10 time units each.
    values = [5, 7, 1, 9, 4, 4, 4, 4, 4, 6, 3, 3, 8, 3, 0, 3, 3, 3, 3, 2]
    points = [(float(t), float(v)) for t, v in enumerate(values)]
    kept = decimate(points, width=2, x_range=(0.0, 20.0))
    # Column 0 (t 0..9): first t0=5, min t2=1, max t3=9, last t9=6.
    # Column 1 (t 10..19): first t10=3, max t12=8, min t14=0, last t19=2.
    assert kept == [
        (0.0, 5.0), (2.0, 1.0), (3.0, 9.0), (9.0, 6.0),
        (10.0, 3.0), (12.0, 8.0), (14.0, 0.0), (19.0, 2.0),
    ]  # fmt: skip


def test_a_year_of_ten_minute_readings_fits_the_width() -> None:
    points = [(float(i * 600), float((i * 7919) % 1000)) for i in range(52_560)]
    kept = decimate(points, width=1000)
    assert len(kept) <= 4 * 1000
    assert max(v for _, v in kept if v is not None) == 999.0
    assert min(v for _, v in kept if v is not None) == 0.0
    assert kept[0] == points[0] and kept[-1] == points[-1]


def test_gaps_are_kept_once_and_break_columns() -> None:
    points: list[tuple[float, float | None]] = [(float(t), 1.0) for t in range(10)]
    points += [(10.0, None), (11.0, None), (12.0, None)]
    points += [(float(t), 2.0) for t in range(13, 30)]
    kept = decimate(points, width=3, x_range=(0.0, 30.0))
    nones = [p for p in kept if p[1] is None]
    assert nones == [(10.0, None)]
    # The gap sits between the last point before it and the first after it.
    index = kept.index((10.0, None))
    assert kept[index - 1] == (9.0, 1.0)
    assert kept[index + 1] == (13.0, 2.0)


def test_zoomed_range_keeps_one_neighbour_each_side() -> None:
    points = [(float(t), float(t)) for t in range(100)]
    kept = decimate(points, width=2, x_range=(40.0, 60.0))
    assert kept[0] == (39.0, 39.0)
    assert kept[-1] == (61.0, 61.0)
    assert all(39.0 <= t <= 61.0 for t, _ in kept)


def test_width_must_be_positive() -> None:
    with pytest.raises(ValueError):
        decimate([(0.0, 1.0)], width=0)
