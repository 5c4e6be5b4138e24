"""The mapping importer: any CSV or XLSX, once a person has said which column is which.

A ``Mapping`` names the date column (and how dates are written), the value column, its unit,
the dataset, and the meter (a column, or one fixed id). ``MappingImporter`` is built from one
mapping: it accepts a file whose header has the same labels (accents, case and spaces aside)
and turns each row into an ``EnergyReading``. Mappings are stored and shared by
``wallet.mappings``; this module stays pure (file in, records out).

Each row covers one period of ``step`` (a day by default), which the date starts (``stamp =
"start"``) or ends. Day and month steps follow the local calendar, so a day at a clock change
lasts 23 or 25 hours; shorter steps resolve repeated autumn times by row order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from importers.base import (
    Detection,
    EnergyReading,
    FileSample,
    Item,
    MeterId,
    ProgressCallback,
    Rejected,
    no_progress,
)
from importers.labels import plain
from importers.localtime import LocalClock, iso_duration_seconds, parse_decimal
from importers.tabular import Row, head_rows, is_blank, rows, signature

SCHEMA_VERSION = "1.0"
FORMAT_NAME = "selfdata-mapping"
UNITS = {
    "electricity": ("kWh", "Wh", "MWh", "W", "kW"),
    "gas": ("kWh", "Wh", "MWh", "m3"),
    "water": ("L", "m3"),
}
_MONTHS = re.compile(r"^P(\d+)M$")
_NAME = re.compile(r"^[\w .,'()-]{1,60}$")
_TOKENS = re.compile(r"yyyy|yy|dd|mm|hh|ss", re.IGNORECASE)


class MappingError(ValueError):
    """A mapping that cannot work; the message says what to change."""


def strptime_format(friendly: str) -> str:
    """``dd/mm/yyyy hh:mm`` -> ``%d/%m/%Y %H:%M``; a format already using ``%`` is kept."""
    if "%" in friendly:
        return friendly
    seen_hour = False

    def token(match: re.Match[str]) -> str:
        nonlocal seen_hour
        word = match.group(0).lower()
        if word == "hh":
            seen_hour = True
            return "%H"
        if word == "mm":
            return "%M" if seen_hour else "%m"
        return {"yyyy": "%Y", "yy": "%y", "dd": "%d", "ss": "%S"}[word]

    return _TOKENS.sub(token, friendly)


@dataclass(frozen=True)
class Mapping:
    """What a person said about a file's columns. Columns are named by their header label."""

    name: str
    header: tuple[str, ...]
    date_column: str
    date_format: str  # "dd/mm/yyyy", "yyyy-mm-dd hh:mm", "iso" or a strptime format
    value_column: str
    unit: str
    dataset: str
    meter_column: str | None = None
    meter: str | None = None
    step: str = "P1D"  # how long a period each row covers (ISO 8601 duration)
    stamp: str = "start"  # the date marks the period's "start" or its "end"
    timezone: str = "Europe/Paris"
    delimiter: str | None = None  # CSV separator; None: found from the header line
    sheet: str | None = None  # XLSX sheet; None: the first
    note: str = field(default="", compare=False)

    @property
    def quantity(self) -> str:
        return "volume" if self.dataset == "gas" and self.unit == "m3" else "consumption"

    @property
    def signature(self) -> str:
        return signature(list(self.header))

    def validate(self) -> None:
        if not _NAME.match(self.name):
            raise MappingError(
                "A mapping name is 1 to 60 letters, digits, spaces or . , ' ( ) - _ characters."
            )
        if self.dataset not in UNITS:
            raise MappingError(f"The dataset must be one of {', '.join(UNITS)}.")
        if self.unit not in UNITS[self.dataset]:
            allowed = ", ".join(UNITS[self.dataset])
            raise MappingError(f"For {self.dataset} the unit must be one of {allowed}.")
        if (self.meter_column is None) == (self.meter is None):
            raise MappingError("Give either a meter column or one fixed meter id, not both.")
        if self.meter is not None and not self.meter.strip():
            raise MappingError("The fixed meter id cannot be empty.")
        labels = [plain(h) for h in self.header]
        for what, column in (
            ("date", self.date_column),
            ("value", self.value_column),
            ("meter", self.meter_column),
        ):
            if column is not None and plain(column) not in labels:
                raise MappingError(f"The {what} column is not in the file's header.")
        if self.stamp not in ("start", "end"):
            raise MappingError("The date must mark the 'start' or the 'end' of each period.")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise MappingError("The time zone is not a known IANA zone name.") from None
        months, seconds = step_parts(self.step)
        if not months and seconds < 60:
            raise MappingError("Each row must cover at least a minute.")
        pattern = self.date_format.strip().lower()
        if pattern != "iso":
            fmt = strptime_format(self.date_format)
            if not all(t in fmt for t in ("%d", "%m")) or not ("%Y" in fmt or "%y" in fmt):
                raise MappingError("The date format needs a day, a month and a year.")
            if not months and seconds < 86_400 and "%H" not in fmt:
                raise MappingError("Dates without a time need a step of at least a day (P1D).")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["header"] = list(self.header)
        return {"format": FORMAT_NAME, "version": SCHEMA_VERSION, **data}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mapping:
        if data.get("format") != FORMAT_NAME:
            raise MappingError("This is not a Self Data Wallet mapping file.")
        if str(data.get("version", "")).split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise MappingError("This mapping was written by a newer version of the wallet.")
        fields_ = {k: v for k, v in data.items() if k not in ("format", "version", "$schema")}
        unknown = set(fields_) - set(cls.__dataclass_fields__)
        if unknown:
            raise MappingError(f"Unknown mapping fields: {', '.join(sorted(unknown))}.")
        header = fields_.get("header")
        if not isinstance(header, list) or not all(isinstance(h, str) for h in header):
            raise MappingError("The mapping's header must be a list of column labels.")
        try:
            mapping = cls(**{**fields_, "header": tuple(header)})
        except TypeError:
            raise MappingError("The mapping misses a required field.") from None
        for key, value in asdict(mapping).items():
            if key != "header" and value is not None and not isinstance(value, str):
                raise MappingError(f"The mapping field {key} must be text.")
        mapping.validate()
        return mapping


def step_parts(step: str) -> tuple[int, int]:
    """``P1M`` -> (1, 0); ``P1D`` -> (0, 86400); ``PT30M`` -> (0, 1800)."""
    if match := _MONTHS.match(step.strip().upper()):
        return int(match.group(1)), 0
    try:
        return 0, iso_duration_seconds(step)
    except ValueError:
        raise MappingError("The step must be an ISO 8601 duration such as P1D or PT30M.") from None


class MappingImporter:
    """An importer built from one saved mapping; not in the registry's module list."""

    version = "1"
    needs_confirmation = False

    def __init__(self, mapping: Mapping) -> None:
        mapping.validate()
        self.mapping = mapping
        self.name = f"mapping:{mapping.name}"
        self.label = f"the saved mapping '{mapping.name}'"
        self.datasets: tuple[str, ...] = (mapping.dataset,)
        self.source_tz = mapping.timezone

    def detect(self, sample: FileSample) -> Detection:
        wanted = self.mapping.signature
        head = head_rows(sample, self.mapping.delimiter, self.mapping.sheet)
        if any(signature(row) == wanted for row in head):
            return Detection(0.95, f"the header matches the saved mapping '{self.mapping.name}'")
        needed = {plain(self.mapping.date_column), plain(self.mapping.value_column)}
        for row in head:
            labels = {plain(cell) for cell in row}
            if needed <= labels:
                # Only the mapping's own labels are named: the file's cells are never quoted.
                expected = ", ".join(self.mapping.header)
                return Detection(
                    0.3,
                    near_miss=f"the saved mapping '{self.mapping.name}' expects the columns "
                    f"{expected}, and this header has other columns beside its date and value",
                )
        return Detection(0.0)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        total = path.stat().st_size
        wanted = self.mapping.signature
        reader: _RowReader | None = None
        header: Row = []
        for number, cells in rows(path, self.mapping.delimiter, self.mapping.sheet):
            if number % 4096 == 0:
                on_progress(number, max(number, total))
            if cells is None:
                yield Rejected(number, "line is not valid CSV (badly quoted or far too long)")
                continue
            if is_blank(cells):
                continue
            # Before the header, compare labels; after it, a repeat is the same cells again.
            if cells == header or (reader is None and signature(cells) == wanted):
                reader, header = _RowReader(self.mapping, cells), cells
                continue
            if reader is None:
                continue  # a title or notes above the header
            try:
                yield reader.reading(cells)
            except ValueError as exc:
                yield Rejected(number, str(exc))
        if reader is None:
            yield Rejected(1, f"the header of the saved mapping '{self.mapping.name}' is missing")
        on_progress(total, total)


class _RowReader:
    """Reads rows under one header: column positions, the clock, the step."""

    def __init__(self, mapping: Mapping, header: Row) -> None:
        labels = [plain(cell) for cell in header]
        self.mapping = mapping
        self.date_at = labels.index(plain(mapping.date_column))
        self.value_at = labels.index(plain(mapping.value_column))
        self.meter_at = labels.index(plain(mapping.meter_column)) if mapping.meter_column else None
        self.tz = ZoneInfo(mapping.timezone)
        self.clock = LocalClock(self.tz)
        self.months, self.seconds = step_parts(mapping.step)
        self.iso = mapping.date_format.strip().lower() == "iso"
        self.fmt = "" if self.iso else strptime_format(mapping.date_format)
        self.width = max(self.date_at, self.value_at, self.meter_at or 0) + 1

    def reading(self, cells: Row) -> EnergyReading:
        if len(cells) < self.width:
            raise ValueError(f"expected at least {self.width} columns, found {len(cells)}")
        start, end = self._period(self._moment(cells[self.date_at]))
        return EnergyReading(
            self.mapping.dataset,
            self._meter(cells),
            self.mapping.quantity,
            start,
            end,
            _value(cells[self.value_at]),
            self.mapping.unit,
        )

    def _meter(self, cells: Row) -> MeterId:
        if self.meter_at is None:
            return MeterId(str(self.mapping.meter).strip())
        text = "" if cells[self.meter_at] is None else str(cells[self.meter_at]).strip()
        if not text:
            raise ValueError("the meter column is empty")
        return MeterId(text[:-2] if text.endswith(".0") else text)

    def _moment(self, cell: Any) -> datetime:
        if isinstance(cell, datetime):
            return cell
        if isinstance(cell, date):
            return datetime(cell.year, cell.month, cell.day)
        text = "" if cell is None else str(cell).strip()
        if not text:
            raise ValueError("date is empty")
        try:
            if self.iso:
                return datetime.fromisoformat(text)
            return datetime.strptime(text, self.fmt)
        except ValueError:
            raise ValueError(f"date is not written {self.mapping.date_format}") from None

    def _period(self, moment: datetime) -> tuple[int, int]:
        if moment.tzinfo is not None:
            instant = int(moment.timestamp())
            span = self.seconds or 0
            if self.months:
                raise ValueError("monthly rows need local dates, without a UTC offset")
            return (
                (instant, instant + span)
                if self.mapping.stamp == "start"
                else (instant - span, instant)
            )
        if self.months or self.seconds % 86_400 == 0:
            # Calendar steps: whole local days or months, 23 or 25 hours at a clock change.
            sign = 1 if self.mapping.stamp == "start" else -1
            other = _shift(moment, sign * self.months, sign * self.seconds // 86_400)
            first, last = (moment, other) if sign == 1 else (other, moment)
            return self._local(first), self._local(last)
        instant = self.clock.to_utc(moment)
        if self.mapping.stamp == "start":
            return instant, instant + self.seconds
        return instant - self.seconds, instant

    def _local(self, moment: datetime) -> int:
        return int(moment.replace(tzinfo=self.tz).timestamp())


def _shift(moment: datetime, months: int, days: int) -> datetime:
    if months:
        index = moment.year * 12 + moment.month - 1 + months
        try:
            moment = moment.replace(year=index // 12, month=index % 12 + 1)
        except ValueError:
            raise ValueError(
                "a monthly date must be a day that every month has (1 to 28)"
            ) from None
    return moment + timedelta(days=days)


def _value(cell: Any) -> float | None:
    """A number, or text with a decimal comma or dot; an empty cell is missing, not zero."""
    if cell is None:
        return None
    if isinstance(cell, bool | datetime | date):
        raise ValueError("value is not a number")
    if isinstance(cell, int | float):
        return float(cell)
    text = str(cell).strip()
    return parse_decimal(text) if text else None
