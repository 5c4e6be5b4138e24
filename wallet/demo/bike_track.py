"""The demo household's bike rides, written as the GPX file a phone's trip tracker exports.

The demo imports this file with the GPX importer, as a resident would import theirs: a ride
is a loop from home up the Erdre and back, one point every 15 seconds at a cyclist's pace.
"""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime
from xml.sax.saxutils import escape

from wallet.demo.household import TZ, Span, away, weekday_in

CREATOR = "DEMO-TRACKER"
# Sunday rides in the fine months of the trips' year: (month, which Sunday), morning rides.
RIDES = ((4, 1), (5, 1), (5, -1), (6, 2), (7, 1), (7, -1), (9, 1), (9, -1), (10, 2))
HOME = (47.2376, -1.5583)  # near the tram stop the household lives by
NORTH = (47.2920, -1.5230)  # up the river, where the loop turns back
STEP_S = 15


def _point(
    start: tuple[float, float], end: tuple[float, float], share: float, bend: float
) -> tuple[float, float]:
    """A point ``share`` of the way, pushed sideways so the loop has a river's curves."""
    lat = start[0] + (end[0] - start[0]) * share
    lon = start[1] + (end[1] - start[1]) * share
    return lat, lon + bend * math.sin(share * math.pi * 3)


def ride(day: date, rng: random.Random) -> list[tuple[float, float, int]]:
    """(lat, lon, UTC epoch seconds) of one ride."""
    leave = datetime(day.year, day.month, day.day, 10, rng.randrange(0, 40), tzinfo=TZ)
    turn = rng.uniform(0.55, 1.0)  # how far up the river this time
    speed = rng.uniform(4.2, 5.0)  # m/s, 15 to 18 km/h
    far = (HOME[0] + (NORTH[0] - HOME[0]) * turn, HOME[1] + (NORTH[1] - HOME[1]) * turn)
    leg_m = 111_000 * math.dist(HOME, far) * 1.15
    steps = max(4, int(leg_m / (speed * STEP_S)))
    points = []
    at = int(leave.timestamp())
    for out, bend in ((True, 0.004), (False, -0.003)):
        for index in range(steps):
            share = index / steps if out else 1 - index / steps
            lat, lon = _point(HOME, far, share, bend)
            points.append((lat + rng.gauss(0, 0.00002), lon + rng.gauss(0, 0.00002), at))
            at += STEP_S
    points.append((HOME[0], HOME[1], at))
    return points


def ride_days(span: Span) -> list[date]:
    found = []
    for month in span.months(span.trips_first):
        for which in (nth for ride_month, nth in RIDES if ride_month == month.month):
            day = weekday_in(month, 6, which)
            if day <= span.last and not away(day):
                found.append(day)
    return found


def gpx(span: Span, rng: random.Random) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gpx version="1.1" creator="{CREATOR}" xmlns="http://www.topografix.com/GPX/1/1">',
    ]
    for day in ride_days(span):
        lines += ["  <trk>", f"    <name>{escape(f'Erdre {day.isoformat()}')}</name>"]
        lines += ["    <type>cycling</type>", "    <trkseg>"]
        for lat, lon, at in ride(day, rng):
            stamp = datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            lines.append(
                f'      <trkpt lat="{lat:.6f}" lon="{lon:.6f}"><time>{stamp}</time></trkpt>'
            )
        lines += ["    </trkseg>", "  </trk>"]
    lines.append("</gpx>")
    return "\n".join(lines) + "\n"
