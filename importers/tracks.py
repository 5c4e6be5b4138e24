"""What GPX and GeoJSON tracks from phone trip trackers share: distance, mode, card, times.

A track becomes one ``Trip``: start and end are its first and last timed points, the distance
is the sum of great-circle (haversine) steps between consecutive points of each segment (a
gap between segments was not recorded and is not counted), and origin and destination are the
first and last points written ``lat,lon`` with 5 decimals (about a metre), which the places
module reads back as coordinates. The card is the app or device the file names, else
``tracker``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import UTC, datetime

from importers.base import CardId, Trip

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)
DEFAULT_CARD = CardId("tracker")

Point = tuple[float, float]  # (lat, lon) in degrees

# Activity names used by tracker apps, and the numeric GPX <type> codes Strava writes
# (1 ride, 4 hike, 9 run, 10 walk).
_MODES = {
    "walk": (
        "walk",
        "walking",
        "hike",
        "hiking",
        "run",
        "running",
        "jog",
        "jogging",
        "foot",
        "on_foot",
        "trail_running",
        "4",
        "9",
        "10",
    ),
    "bike": ("bike", "biking", "cycling", "cycle", "ride", "bicycle", "ebike", "e_bike", "1"),
    "car": ("car", "driving", "drive", "in_vehicle", "in_passenger_vehicle", "taxi", "motorcycle"),
    "bus": ("bus", "in_bus", "coach"),
    "metro": ("metro", "subway", "underground", "in_subway"),
    "rail": ("train", "rail", "railway", "in_train", "tgv", "ter"),
    "tram": ("tram", "in_tram", "light_rail", "tramway"),
    "boat": ("boat", "ferry", "sailing", "kayaking", "rowing", "canoeing"),
}
_LOOKUP = {word: mode for mode, words in _MODES.items() for word in words}


def haversine_m(a: Point, b: Point) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def path_length_m(points: Sequence[Point]) -> float:
    return sum(haversine_m(points[i - 1], points[i]) for i in range(1, len(points)))


def mode_of(text: str | None) -> str:
    """``Cycling``, ``on foot``, ``IN_BUS``, ``9`` -> bike, walk, bus, walk; else unknown."""
    if not text:
        return "unknown"
    key = re.sub(r"[\s\-]+", "_", text.strip().lower())
    if key in _LOOKUP:
        return _LOOKUP[key]
    for word in re.split(r"[_/,]+", key):
        if word in _LOOKUP and not word.isdigit():
            return _LOOKUP[word]
    return "unknown"


def card_of(creator: str | None) -> CardId:
    """The app or device that recorded the track, without its version number."""
    if not creator or not creator.strip():
        return DEFAULT_CARD
    # "OsmAnd~ 4.6.8" -> OsmAnd, "GPSLogger 131 - http://…" -> GPSLogger: a new app version
    # must not split one person's tracks over two cards.
    name = re.split(r"[\s~]+v?\d|\s+-\s+|\s*\(|\s+https?:", creator.strip())[0].strip(" ~-")
    return CardId(name or DEFAULT_CARD)


def parse_time(text: str) -> int:
    """An ISO 8601 time as UTC epoch seconds; GPX times without an offset are UTC."""
    moment = datetime.fromisoformat(text.strip().replace("z", "Z"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def place(point: Point) -> str:
    return f"{point[0]:.5f},{point[1]:.5f}"


def track_trip(
    card: CardId,
    segments: Sequence[Sequence[Point]],
    started: int,
    ended: int,
    mode: str,
    name: str,
) -> Trip:
    points = [p for segment in segments for p in segment]
    return Trip(
        card=card,
        started_at=started,
        ended_at=ended,
        mode=mode,
        line="",
        origin=place(points[0]),
        destination=place(points[-1]),
        fare_cents=None,
        currency="",
        distance_m=round(sum(path_length_m(s) for s in segments), 1),
        note=name,
    )
