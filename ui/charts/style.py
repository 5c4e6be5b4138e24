"""Colours, number and date formats, and time axes for the charts. No Qt here.

The Qt side builds a ``Theme`` from the widget palette (so a dark palette gives dark figures)
and ``Formats`` from QLocale (so French gets a decimal comma); the drawing functions only see
these plain objects, which keeps them testable with the Agg backend.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

# Colour-blind-safe qualitative colours (Okabe and Ito), readable on light and dark grounds.
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")


@dataclass(frozen=True)
class Theme:
    background: str = "#ffffff"
    foreground: str = "#202020"
    grid: str = "#d0d0d0"
    alert: str = "#D55E00"
    colours: tuple[str, ...] = SERIES_COLOURS
    heat_map: str = "viridis"

    def colour(self, index: int) -> str:
        return self.colours[index % len(self.colours)]


def _plain_number(value: float, decimals: int = -1) -> str:
    if decimals >= 0:
        return f"{value:,.{decimals}f}".replace(",", "\u202f")
    return f"{value:g}"


def _plain_moment(moment: datetime, kind: str) -> str:
    patterns = {"year": "%Y", "month": "%b %Y", "day": "%d %b", "date": "%d %b %Y", "time": "%H:%M"}
    return moment.strftime(patterns.get(kind, "%d %b %Y %H:%M"))


@dataclass(frozen=True)
class Formats:
    """How numbers and times are written: the UI passes QLocale-based functions."""

    number: Callable[[float, int], str] = _plain_number  # (value, decimals or -1 for short)
    moment: Callable[[datetime, str], str] = _plain_moment  # kind: year|month|day|date|time|full
    money: Callable[[float, str], str] = field(default=lambda v, c: f"{v:.2f} {c}")

    def value(self, value: float | None, unit: str = "") -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        decimals = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
        text = self.number(value, decimals)
        return f"{text} {unit}".strip()


_TIME_AXES: weakref.WeakKeyDictionary[Axes, ZoneInfo] = weakref.WeakKeyDictionary()


def to_days(epoch: float) -> float:
    """UTC epoch seconds as matplotlib date numbers (days since 1970-01-01 UTC)."""
    return epoch / 86_400.0


def from_days(days: float, tz: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(days * 86_400.0, tz)


def time_axis(ax: Axes, tz: ZoneInfo, formats: Formats, *, max_ticks: int = 8) -> None:
    """Make the x axis a time axis in the wallet's time zone, with labels fitted to the zoom."""
    _TIME_AXES[ax] = tz
    ax.xaxis.set_major_locator(
        mdates.AutoDateLocator(tz=tz, minticks=min(3, max_ticks), maxticks=max_ticks)
    )

    def label(x: float, _pos: int | None) -> str:
        lo, hi = ax.get_xlim()
        span = hi - lo
        moment = from_days(x, tz)
        if span > 2 * 366:
            return formats.moment(moment, "year")
        if span > 75:
            return formats.moment(moment, "month")
        if span > 2.5:
            return formats.moment(moment, "day")
        if moment.hour == 0 and moment.minute == 0:
            return formats.moment(moment, "day")
        return formats.moment(moment, "time")

    ax.xaxis.set_major_formatter(FuncFormatter(label))


def time_zone_of(ax: Axes) -> ZoneInfo | None:
    return _TIME_AXES.get(ax)


def number_axis(ax: Axes, formats: Formats, *, which: str = "y", integer: bool = False) -> None:
    axis = ax.yaxis if which == "y" else ax.xaxis
    if integer:
        axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: formats.number(v, -1)))


def apply_theme(figure: Figure, theme: Theme) -> None:
    """Paint the figure in the theme's colours (after drawing, so every artist exists)."""
    figure.set_facecolor(theme.background)
    for ax in figure.axes:
        ax.set_facecolor(theme.background)
        for spine in ax.spines.values():
            spine.set_color(theme.grid)
        ax.tick_params(colors=theme.foreground, which="both")
        ax.xaxis.label.set_color(theme.foreground)
        ax.yaxis.label.set_color(theme.foreground)
        ax.title.set_color(theme.foreground)
        legend = ax.get_legend()
        if legend is not None:
            legend.get_frame().set_facecolor(theme.background)
            legend.get_frame().set_edgecolor(theme.grid)
            for text in legend.get_texts():
                text.set_color(theme.foreground)
    for text in figure.texts:
        text.set_color(theme.foreground)


def grid(ax: Axes, theme: Theme, axis: str = "y") -> None:
    ax.grid(True, axis=axis, color=theme.grid, linewidth=0.6, alpha=0.7)  # type: ignore[arg-type]
    ax.set_axisbelow(True)
