"""The Qt side of chart styling: a Theme from the widget palette, Formats from QLocale."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtGui import QColor, QPalette

from ui.charts.style import SERIES_COLOURS, Formats, Theme

_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF"}
# The same colours, lightest first: a dark blue line vanishes on a dark background.
DARK_COLOURS = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#FF7F50", "#0072B2")
_PATTERNS = {"year": "yyyy", "month": "MMM yyyy", "day": "d MMM", "time": "HH:mm"}


def currency_symbol(code: str) -> str:
    """The symbol an axis names a currency by (``€``, ``£``), else its ISO code."""
    return _SYMBOLS.get(code, code)


def palette_theme(palette: QPalette) -> Theme:
    """Figure colours that follow the window: dark palette, dark figure."""
    background = palette.color(QPalette.ColorRole.Base)
    foreground = palette.color(QPalette.ColorRole.Text)
    grid = _mix(background, foreground, 0.25)
    dark = background.lightness() < 128
    return Theme(
        background=background.name(),
        foreground=foreground.name(),
        grid=grid.name(),
        alert="#FF7F50" if dark else "#D55E00",
        heat_map="plasma" if dark else "viridis",  # low values stay visible on dark
        colours=DARK_COLOURS if dark else SERIES_COLOURS,
    )


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    )


def to_qdatetime(moment: datetime) -> QDateTime:
    """Wall-clock fields of an aware datetime (already in the wallet's time zone)."""
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )


def locale_formats(locale: QLocale | None = None) -> Formats:
    loc = locale or QLocale()

    def number(value: float, decimals: int) -> str:
        if decimals >= 0:
            return loc.toString(float(value), "f", decimals)
        return loc.toString(float(value), "g", 6)

    def moment(when: datetime, kind: str) -> str:
        stamp = to_qdatetime(when)
        if kind == "date":
            return loc.toString(stamp.date(), QLocale.FormatType.ShortFormat)
        if kind == "full":
            return loc.toString(stamp, QLocale.FormatType.ShortFormat)
        return loc.toString(stamp, _PATTERNS.get(kind, "d MMM yyyy"))

    def money(value: float, currency: str) -> str:
        return loc.toCurrencyString(float(value), _SYMBOLS.get(currency, currency))

    return Formats(number=number, moment=moment, money=money)
