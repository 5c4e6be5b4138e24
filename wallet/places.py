"""Where trips went: stop names from travel histories matched to GTFS stations with coordinates.

Histories write stop names their own way (``Victoria [London Underground]``,
``Victoria (platforms 9-19) [National Rail]``, ``HOTEL DE VILLE``, ``Limehouse DLR``); GTFS
feeds write them another. Both sides are reduced to a key without case, accents, punctuation,
bracketed qualifiers or trailing mode words (``station``, ``DLR``, ``tram stop``), and a stop
resolves to its parent station (``location_type`` 1) when it has one. Trips from trackers
carry ``lat,lon`` as origin and destination and are placed directly.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from wallet import db

_BRACKETS = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
# Words naming the mode rather than the place, dropped from the end of a name.
_MODE_WORDS = frozenset(
    {
        "station",
        "stn",
        "stop",
        "dlr",
        "tram",
        "tube",
        "underground",
        "overground",
        "rail",
        "railway",
        "metro",
        "halt",
    }
)


def stop_key(name: str) -> str:
    """The matching key of a stop name: ``Hôtel-de-Ville [Tram]`` -> ``hotel de ville``."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _BRACKETS.sub(" ", text).replace("&", " and ")
    text = text.replace("'", "").replace("\u2019", "")  # King's -> kings, as feeds often write
    words = _NOT_WORD.sub(" ", text).split()
    trimmed = list(words)
    while trimmed and trimmed[-1] in _MODE_WORDS:
        trimmed.pop()
    return " ".join(trimmed or words)


def display_name(name: str) -> str:
    """A history's stop name without its bracketed qualifiers, for people to read."""
    return " ".join(_BRACKETS.sub(" ", name).split()) or name.strip()


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float
    network: str = ""
    stop_id: str = ""


@dataclass(frozen=True)
class PlaceCount:
    name: str
    lat: float
    lon: float
    count: int


@dataclass(frozen=True)
class StopUse:
    name: str
    count: int
    lat: float | None
    lon: float | None


class StationIndex:
    """Every station of every network in the wallet, looked up by name key or stop id."""

    def __init__(self, conn: db.Connection) -> None:
        rows = conn.execute(
            "SELECT network, stop_id, name, lat, lon, location_type, parent_station FROM stations"
        ).fetchall()
        by_id = {(r[0], r[1]): r for r in rows}
        self._by_key: dict[str, list[tuple[int, str, str, Place]]] = {}
        self._by_id: dict[str, Place] = {}
        for network, stop_id, name, _lat, _lon, _kind, parent in rows:
            root = by_id.get((network, parent)) if parent else None
            root = root or by_id[(network, stop_id)]
            place = Place(str(root[2]), float(root[3]), float(root[4]), str(root[0]), str(root[1]))
            # Parent stations (location_type 1) first, then a stable order by network and id.
            rank = (0 if int(root[5]) == 1 else 1, place.network, place.stop_id, place)
            for key in {stop_key(str(name)), stop_key(place.name)}:
                if key:
                    self._by_key.setdefault(key, []).append(rank)
            self._by_id.setdefault(str(stop_id).lower(), place)
        for candidates in self._by_key.values():
            candidates.sort(key=lambda c: c[:3])

    def __len__(self) -> int:
        return len(self._by_id)

    def match(self, name: str) -> Place | None:
        """The station a history's stop name (or stop id, or ``lat,lon``) stands for."""
        if not name.strip():
            return None
        point = _COORDINATES.match(name)
        if point:
            lat, lon = float(point.group(1)), float(point.group(2))
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return Place(name.strip(), lat, lon)
        key = stop_key(name)
        found = self._by_key.get(key)
        if not found and "," in name:
            # "Utrecht, Vaartsche Rijn": Dutch and some French histories put the town first.
            found = self._by_key.get(stop_key(name.rsplit(",", 1)[1]))
        if found:
            return found[0][3]
        return self._by_id.get(name.strip().lower())


def _stop_counts(conn: db.Connection, since: int | None, until: int | None) -> Counter[str]:
    where, params = "", []
    if since is not None:
        where += " AND at_utc >= ?"
        params.append(since)
    if until is not None:
        where += " AND at_utc < ?"
        params.append(until)
    counts: Counter[str] = Counter()
    for column in ("origin", "destination"):
        sql = f"SELECT {column}, count(*) FROM trips WHERE {column} != ''{where} GROUP BY {column}"
        for name, count in conn.execute(sql, params):
            counts[str(name)] += int(count)
    return counts


def places_for_trips(
    conn: db.Connection, since: int | None = None, until: int | None = None
) -> list[PlaceCount]:
    """Places trips started or ended at, with how often, for the map. Unplaced stops are left
    out (``most_used_stops`` lists them). ``since``/``until`` are UTC epoch bounds."""
    index = StationIndex(conn)
    totals: Counter[Place] = Counter()
    for name, count in _stop_counts(conn, since, until).items():
        place = index.match(name)
        if place is not None:
            totals[place] += count
    ordered = sorted(totals.items(), key=lambda item: (-item[1], item[0].name))
    return [PlaceCount(p.name, p.lat, p.lon, count) for p, count in ordered]


def most_used_stops(
    conn: db.Connection, limit: int = 10, since: int | None = None, until: int | None = None
) -> list[StopUse]:
    """The stops used most, placed or not; tracker start and end points are not stops."""
    index = StationIndex(conn)
    totals: Counter[tuple[str, float | None, float | None]] = Counter()
    unplaced: dict[str, str] = {}  # key -> the first name seen, so spellings of one stop merge
    for name, count in sorted(_stop_counts(conn, since, until).items()):
        if _COORDINATES.match(name):
            continue
        place = index.match(name)
        if place is not None:
            totals[(place.name, place.lat, place.lon)] += count
        else:
            shown = unplaced.setdefault(stop_key(name), display_name(name))
            totals[(shown, None, None)] += count
    ordered = sorted(totals.items(), key=lambda item: (-item[1], item[0][0]))
    return [StopUse(name, count, lat, lon) for (name, lat, lon), count in ordered[:limit]]
