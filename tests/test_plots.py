"""The drawing functions on a plain Agg figure: what is drawn, and what hovering says."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from tests import chartdata
from tests.chartdata import PARIS
from ui.charts import activity_plots, energy_plots, hover
from ui.charts.style import Formats, Theme, apply_theme
from wallet.analytics import benefits, energy
from wallet.vault import Wallet

FMT = Formats()
THEME = Theme()


def figure() -> Figure:
    fig = Figure(figsize=(8, 4), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def pointer(fig: Figure, ax_index: int, x: float, y: float) -> MouseEvent:
    """A motion event at data coordinates (x, y) of one axes."""
    ax = fig.axes[ax_index]
    px, py = ax.transData.transform((x, y))
    return MouseEvent("motion_notify_event", fig.canvas, px, py)


def test_a_long_curve_is_drawn_decimated_and_redecimated_on_zoom() -> None:
    points = [(1_700_000_000.0 + i * 600, float(i % 144)) for i in range(52_560)]
    fig = figure()
    ax = fig.add_subplot()
    line = energy_plots.plot_curve(ax, points, PARIS, FMT, THEME, label="E", unit="kW")
    fig.canvas.draw()
    assert len(line.get_xdata()) <= 4 * int(ax.bbox.width) + 2
    assert max(line.get_ydata()) == 143.0
    # Zoom on one day: every 10-minute point of that day is drawn again.
    day = 1_700_000_000.0 / 86_400 + 10
    ax.set_xlim(day, day + 1)
    visible = [x for x in line.get_xdata() if day <= x <= day + 1]
    assert len(visible) >= 144


def test_curve_hover_names_time_and_value() -> None:
    start = chartdata.local_ts(date(2024, 1, 3), 19)
    fig = figure()
    ax = fig.add_subplot()
    energy_plots.plot_curve(
        ax, [(start, 6.0), (start + 1800, 5.5)], PARIS, FMT, THEME, label="E", unit="kW"
    )
    fig.canvas.draw()
    text = hover.describe(ax, pointer(fig, 0, start / 86_400, 6.0))
    assert text is not None and "19:00" in text and "6.00 kW" in text


def test_heat_map_and_profile_from_a_real_wallet(wallet: Wallet, tmp_path: Path) -> None:
    chartdata.fill(wallet, tmp_path)
    buckets = energy.hourly(wallet.conn, "electricity", date(2024, 1, 1), date(2024, 1, 7), PARIS)
    fig = figure()
    ax = fig.add_subplot()
    energy_plots.plot_heat_map(
        ax, energy.heat_map(buckets, PARIS), PARIS, FMT, THEME, unit="kWh", hour_label="h"
    )
    fig.canvas.draw()
    wednesday_evening = chartdata.local_ts(date(2024, 1, 3), 12) / 86_400
    text = hover.describe(ax, pointer(fig, 0, wednesday_evening, 19.5))
    assert text is not None and "03 Jan 2024, 19:00" in text and "6.00 kWh" in text
    image = ax.get_images()[0].get_array()
    assert image.shape == (24, 7)
    assert math.isclose(image[19][2], 6.0)


def test_peaks_over_subscribed_power_in_alert_colour() -> None:
    peaks = energy.PeakPower([date(2024, 1, 1), date(2024, 1, 2)], [5.0, 7.0], 6.0)
    fig = figure()
    ax = fig.add_subplot()
    energy_plots.plot_peaks(ax, peaks, PARIS, FMT, THEME, peak_label="p", subscribed_label="s")
    colours = [p.get_facecolor() for p in ax.patches]
    assert colours[0] != colours[1]
    assert ax.get_lines()[0].get_ydata()[0] == 6.0


def test_benefits_gap_is_shaded_and_change_marked(wallet: Wallet, tmp_path: Path) -> None:
    chartdata.fill(wallet, tmp_path)
    summary = benefits.summarise(benefits.payments(wallet.conn, None, None))
    fig = figure()
    ax = fig.add_subplot()
    activity_plots.plot_benefits(
        ax, summary, PARIS, FMT, THEME, gap_label="gap", change_label="change"
    )
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "change" in labels and labels[-1] == "gap"
    assert len(ax.collections) == 1  # the change markers
    may = chartdata.local_ts(date(2024, 5, 10), 0) / 86_400
    text = hover.describe(ax, pointer(fig, 0, may, 100.0))
    assert text is not None and "230.00 EUR" in text


def test_dark_theme_paints_figure_and_text() -> None:
    dark = Theme(background="#202124", foreground="#e8eaed", grid="#5f6368")
    fig = figure()
    ax = fig.add_subplot()
    activity_plots.plot_ranked(ax, [("tram", 3), ("bus", 1)], FMT, dark, unit="trips")
    apply_theme(fig, dark)
    assert fig.get_facecolor()[:3] == pytest.approx((0x20 / 255, 0x21 / 255, 0x24 / 255))
    assert ax.xaxis.label.get_color() == "#e8eaed"
    # Most used on top: tram sits higher than bus.
    ticks = dict(zip([t.get_text() for t in ax.get_yticklabels()], ax.get_yticks(), strict=True))
    assert ticks["tram"] > ticks["bus"]
