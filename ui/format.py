"""Numbers, money and times in the person's locale (QLocale's default, set with the language)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QLocale, QTimeZone


def number(value: float | int | None, decimals: int = 2) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return QLocale().toString(value)
    return QLocale().toString(float(value), "f", decimals)


def money(cents: int | None, currency: str = "EUR") -> str:
    if cents is None:
        return ""
    symbol = "€" if currency == "EUR" else currency
    return QLocale().toCurrencyString(cents / 100, symbol)


def percent(fraction: float) -> str:
    return QLocale().toString(round(fraction * 100)) + " %"


def instant(epoch: int | None, tz: ZoneInfo) -> str:
    """A stored UTC instant shown in the wallet's time zone."""
    if epoch is None:
        return ""
    moment = QDateTime.fromSecsSinceEpoch(epoch, QTimeZone(tz.key.encode()))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def iso_instant(text: str, tz: ZoneInfo) -> str:
    """An ISO 8601 time from the vault (batches' ``imported_at``) in the wallet's time zone."""
    try:
        return instant(int(datetime.fromisoformat(text).timestamp()), tz)
    except ValueError:
        return text


def iso_date(text: str | None) -> str:
    if not text:
        return ""
    day = QDate.fromString(text, "yyyy-MM-dd")
    return QLocale().toString(day, QLocale.FormatType.ShortFormat) if day.isValid() else text
