"""GeoJSON tracks from phone trip trackers.

Each ``LineString`` or ``MultiLineString`` feature becomes one trip. Times come from the
feature's properties: per-point ``coordTimes``/``times`` lists (the togeojson convention),
else start and end keys (``startTime``/``endTime``, ``start_time``/``end_time``,
``started_at``/``ended_at``, ``start``/``end``). Timed ``Point`` features (trackers that log one
feature per fix) form one track per file, in time order. The mode comes from ``mode``,
``activity``, ``activity_type``, ``transport_mode`` or ``type`` properties; the card from a
``device`` or ``creator`` property, else ``tracker``.

GeoJSON is one JSON document, read whole: files above ``MAX_BYTES`` are refused with advice.
Rejections name the feature's position (``feature 3``) as line 0, since JSON has no lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from importers import tracks
from importers.base import (
    CardId,
    Detection,
    FileSample,
    Item,
    ProgressCallback,
    Rejected,
    no_progress,
)
from importers.guard import json_loads

MAX_BYTES = 64 * 1024 * 1024
_MODE_KEYS = ("mode", "activity", "activity_type", "activityType", "transport_mode", "type")
_START_KEYS = ("startTime", "start_time", "started_at", "start", "time", "timestamp")
_END_KEYS = ("endTime", "end_time", "ended_at", "end")
_TIMES_KEYS = ("coordTimes", "coordinateTimes", "times")


class GeoJsonTracks:
    name = "geojson_track"
    version = "1"
    label = "GeoJSON track from a trip tracker"
    datasets = ("mobility",)
    needs_confirmation = False
    source_tz = "UTC"

    def detect(self, sample: FileSample) -> Detection:
        text = (sample.text or "").lstrip()
        if not text.startswith("{"):
            return Detection(0.0)
        compact = text[:SNIFF].replace(" ", "")
        if '"type":"FeatureCollection"' in compact or '"type":"Feature"' in compact:
            if "LineString" in text or '"Point"' in compact:
                return Detection(1.0, "GeoJSON with tracks or points")
            return Detection(0.3, near_miss="GeoJSON without LineString or Point features")
        return Detection(0.0)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield Rejected(0, "the GeoJSON file is too large; export one file per trip or month")
            return
        try:
            with open(path, encoding="utf-8-sig") as handle:
                document = json_loads(handle.read())
        except (ValueError, UnicodeDecodeError):
            yield Rejected(0, "the file is not valid JSON")
            return
        on_progress(size, max(size, 1))
        features = _features(document)
        card = _card(document.get("properties") if isinstance(document, dict) else None)
        points: list[tuple[int, tracks.Point]] = []
        point_props: dict[str, Any] = {}
        for index, feature in enumerate(features, start=1):
            geometry = feature.get("geometry") or {}
            props = feature.get("properties") or {}
            kind = geometry.get("type")
            if kind == "Point":
                timed = _timed_point(geometry, props)
                if timed is None:
                    yield Rejected(0, f"feature {index}: point has no readable time")
                else:
                    points.append(timed)
                    point_props = point_props or props
                continue
            if kind not in ("LineString", "MultiLineString"):
                continue
            try:
                yield _line_trip(geometry, props, _card(props) or card)
            except (ValueError, TypeError, IndexError) as exc:
                yield Rejected(0, f"feature {index}: {_reason(exc)}")
        if points:
            points.sort()
            yield tracks.track_trip(
                _card(point_props) or card or tracks.DEFAULT_CARD,
                [[p for _, p in points]],
                points[0][0],
                points[-1][0],
                _mode(point_props),
                str(point_props.get("name", "")),
            )


SNIFF = 4096


def _features(document: Any) -> list[dict[str, Any]]:
    if not isinstance(document, dict):
        return []
    if document.get("type") == "Feature":
        return [document]
    found = document.get("features")
    return [f for f in found if isinstance(f, dict)] if isinstance(found, list) else []


def _card(props: Any) -> CardId | None:
    if not isinstance(props, dict):
        return None
    device = props.get("device")
    if isinstance(device, str) and device.strip():
        return CardId(device.strip())  # a device name such as "Pixel 8" keeps its number
    for key in ("creator", "app"):
        value = props.get(key)
        if isinstance(value, str) and value.strip():
            return tracks.card_of(value)
    return None


def _mode(props: dict[str, Any]) -> str:
    for key in _MODE_KEYS:
        value = props.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool):
            mode = tracks.mode_of(str(value))
            if mode != "unknown":
                return mode
    return "unknown"


def _point(coordinates: Any) -> tracks.Point:
    lon, lat = float(coordinates[0]), float(coordinates[1])  # GeoJSON order is lon, lat
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError("coordinate is out of range")
    return lat, lon


def _time(value: Any) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Epoch milliseconds (JavaScript) are told from seconds by their size.
        return int(value / 1000) if value > 1e11 else int(value)
    if isinstance(value, str):
        return tracks.parse_time(value)
    raise ValueError("time is not readable")


def _timed_point(
    geometry: dict[str, Any], props: dict[str, Any]
) -> tuple[int, tracks.Point] | None:
    for key in _START_KEYS:
        if key in props:
            try:
                return _time(props[key]), _point(geometry.get("coordinates"))
            except (ValueError, TypeError, IndexError):
                return None
    return None


def _line_trip(geometry: dict[str, Any], props: dict[str, Any], card: CardId | None) -> Item:
    raw = geometry.get("coordinates") or []
    lines = raw if geometry.get("type") == "MultiLineString" else [raw]
    segments = [[_point(c) for c in line] for line in lines]
    segments = [s for s in segments if s]
    if not segments:
        raise ValueError("track has no points")
    times = _times(props)
    if not times:
        raise ValueError("track has no readable times")
    return tracks.track_trip(
        card or tracks.DEFAULT_CARD,
        segments,
        min(times),
        max(times),
        _mode(props),
        str(props.get("name", "")),
    )


def _times(props: dict[str, Any]) -> list[int]:
    for key in _TIMES_KEYS:
        listed = props.get(key)
        if isinstance(listed, list):
            flat = [t for item in listed for t in (item if isinstance(item, list) else [item])]
            return [_time(t) for t in flat if t is not None]
    start = next((props[k] for k in _START_KEYS if props.get(k) is not None), None)
    end = next((props[k] for k in _END_KEYS if props.get(k) is not None), None)
    return [_time(t) for t in (start, end) if t is not None]


def _reason(exc: Exception) -> str:
    text = str(exc)
    # Messages from float() and fromisoformat() quote the value; keep only the kind.
    if "'" in text or "could not convert" in text or "isoformat" in text:
        return "a coordinate or time is not readable"
    return text or "feature not readable"


IMPORTER = GeoJsonTracks()
