"""Enedis Data Connect v5 JSON (``metering_data``), FORMATS.md section 1.5.

One answer of ``consumption_load_curve`` (mean power in W over the interval ending at
``date``, local time without offset, ``interval_length`` per item), ``daily_consumption``
(energy of the local day ``date``, Wh) or ``daily_consumption_max_power`` (the day's peak in
VA at the local time of the peak). Values are strings; a missing one is stored empty.

The item array is streamed: the envelope (meter, unit, kind) is read from the text around it
first, so a year of ten-minute readings never sits in memory as Python objects.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
from importers.guard import json_loads, json_raw_decode
from importers.localtime import iso_duration_seconds
from importers.textfile import number_or_none
from importers.wallclock import LocalStamps, next_day, seconds_of_day

ARRAY_KEY = b'"interval_reading"'
CHUNK = 1 << 20


class DataConnectError(ValueError):
    """The JSON is not a Data Connect answer the wallet can read."""


class EnedisDataConnect:
    name = "enedis_dataconnect"
    version = "1"
    label = "Enedis Data Connect v5 JSON"
    datasets = ("electricity",)
    needs_confirmation = False
    source_tz = "Europe/Paris"

    def detect(self, sample: FileSample) -> Detection:
        text = sample.text or ""
        if not text.lstrip().startswith(("{", "[")):
            return Detection(0.0)
        if '"meter_reading"' in text and '"interval_reading"' in text:
            return Detection(0.95, "Enedis Data Connect meter_reading.interval_reading")
        if '"meter_reading"' in text:
            return Detection(0.0, near_miss="expected meter_reading.interval_reading, not found")
        if '"no_data_found"' in text or "ADAM-ERR" in text:
            return Detection(
                0.0,
                near_miss="this is an Enedis error answer (no data for that meter and period), "
                "not measurements",
            )
        return Detection(0.0)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        try:
            envelope, bounds = _envelope(path)
        except DataConnectError as exc:
            yield Rejected(1, str(exc))
            return
        reading = envelope.get("meter_reading")
        if not isinstance(reading, dict):
            yield Rejected(1, "meter_reading is missing")
            return
        meter = MeterId(str(reading.get("usage_point_id") or "").strip())
        if not meter:
            yield Rejected(1, "usage_point_id is missing")
            return
        kind, unit = _kind(reading.get("reading_type") or {})
        try:
            yield from _readings(_items(path, bounds, on_progress), meter, kind, unit)
        except DataConnectError as exc:
            yield Rejected(1, str(exc))


def _readings(
    items: Iterator[tuple[int, Any]], meter: MeterId, kind: str, unit: str
) -> Iterator[Item]:
    clock = LocalStamps()
    last_step = 0
    for line, item in items:
        try:
            if not isinstance(item, dict):
                raise ValueError("item is not an object")
            value_text = item.get("value")
            value = None if value_text is None else number_or_none(str(value_text))
            stamp = str(item.get("date") or "").strip()
            if kind == "daily":
                start = clock.local_midnight(stamp[:10])
                end = clock.local_midnight(next_day(stamp[:10]))
                yield _reading(meter, "consumption", start, end, value, unit)
                continue
            if len(stamp) != 19:
                raise ValueError("date is not YYYY-MM-DD HH:MM:SS")
            if kind == "max_power":
                end = clock.resolve(stamp[:10], seconds_of_day(stamp[11:]), value_text)
                yield _reading(meter, "max_power", end, end, value, unit)
                continue
            length = item.get("interval_length")
            step = iso_duration_seconds(str(length)) if length else last_step
            if not step:
                raise ValueError("interval_length is missing")
            last_step = step
            end = clock.resolve(stamp[:10], seconds_of_day(stamp[11:]), value_text, step)
            yield _reading(meter, "consumption", end - step, end, value, unit)
        except ValueError as exc:
            yield Rejected(line, _reason(exc))


def _reading(
    meter: MeterId, quantity: str, start: int, end: int, value: float | None, unit: str
) -> EnergyReading:
    return EnergyReading("electricity", meter, quantity, start, end, value, unit)


def _kind(reading_type: dict[str, Any]) -> tuple[str, str]:
    aggregate = str(reading_type.get("aggregate", "")).lower()
    measured = str(reading_type.get("measurement_kind", "")).lower()
    unit = str(reading_type.get("unit", "")).strip()
    if aggregate == "maximum":
        return "max_power", "VA"
    if measured == "energy" or aggregate == "sum":
        return "daily", unit or "Wh"
    return "curve", unit or "W"


def _envelope(path: Path) -> tuple[dict[str, Any], tuple[int, int]]:
    """The JSON without its item array, and the byte span of the array's contents."""
    start = end = -1
    offset = 0
    carry = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            data = carry + chunk
            base = offset - len(carry)
            if start < 0:
                key = data.find(ARRAY_KEY)
                opening = data.find(b"[", key) if key >= 0 else -1
                if opening >= 0:
                    start = base + opening + 1
            if start >= 0:
                closing = data.find(b"]", max(start - base, 0))
                if closing >= 0:
                    end = base + closing
                    break
            carry = data[-len(ARRAY_KEY) :]
            offset += len(chunk)
        if start < 0 or end < 0:
            raise DataConnectError("interval_reading is missing")
        handle.seek(0)
        head = handle.read(start - 1)
        handle.seek(end + 1)
        tail = handle.read()
    try:
        envelope = json_loads(head + b"[]" + tail)
    except (ValueError, UnicodeDecodeError):
        raise DataConnectError("the file is not complete JSON") from None
    if not isinstance(envelope, dict):
        raise DataConnectError("meter_reading is missing")
    return envelope, (start, end)


def _items(
    path: Path, bounds: tuple[int, int], on_progress: ProgressCallback
) -> Iterator[tuple[int, Any]]:
    """The array's items with the line each starts on, decoded a chunk at a time."""
    start, end = bounds
    decoder = json.JSONDecoder()
    with open(path, "rb") as handle:
        line = handle.read(start).count(b"\n") + 1
        remaining = end - start
        buffer = ""
        position = 0
        text = codecs.getincrementaldecoder("utf-8")(errors="replace")
        while True:
            while position < len(buffer) and buffer[position] in " \t\r\n,":
                if buffer[position] == "\n":
                    line += 1
                position += 1
            if position >= len(buffer) - 4096 and remaining > 0:
                chunk = handle.read(min(CHUNK, remaining))
                remaining -= len(chunk)
                buffer = buffer[position:] + text.decode(chunk, final=remaining == 0)
                position = 0
                on_progress(end - remaining, end)
                continue
            if position >= len(buffer):
                return
            try:
                item, after = json_raw_decode(decoder, buffer, position)
            except ValueError:
                if remaining > 0:
                    chunk = handle.read(min(CHUNK, remaining))
                    remaining -= len(chunk)
                    buffer = buffer[position:] + text.decode(chunk, final=remaining == 0)
                    position = 0
                    continue
                raise DataConnectError(f"line {line}: the item is not valid JSON") from None
            yield line, item
            line += buffer.count("\n", position, after)
            position = after


def _reason(exc: ValueError) -> str:
    text = str(exc)
    return "value could not be read" if "'" in text else text


IMPORTER = EnedisDataConnect()
