"""Hypothesis strategies that build VALID exports of the text formats, beyond the fixed samples.

Each strategy draws a file (name suffix, bytes) that its importer must read with no rejection;
the fuzz test then damages it. Values are drawn with the shapes the real exports use: quoted
text with commas, accents, formulas (a name can legitimately start with ``=``), negative
amounts, the autumn hour, points across the antimeridian.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\ufeff"
    ),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() == s and s.strip())
NAME = st.one_of(TEXT, st.sampled_from(['=HYPERLINK("http://x","y")', "+cmd", "-1", "@SUM(A1)"]))
DAY = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
INSTANT = st.datetimes(
    min_value=datetime(2015, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
ID = st.from_regex(r"[A-Z0-9][A-Z0-9-]{2,12}", fullmatch=True)


def _csv(header: list[str], rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@st.composite
def selfdata_energy(draw: st.DrawFn) -> tuple[str, bytes]:
    meter = draw(ID)
    rows = []
    for day in sorted(draw(st.sets(DAY, min_size=1, max_size=15))):
        value = draw(st.one_of(st.just(""), st.decimals(0, 99999, places=3).map(str)))
        end = day + timedelta(days=1)
        span = [f"{day}T00:00:00+01:00", f"{end}T00:00:00+01:00"]
        rows.append(["electricity", meter, "consumption", *span, value, "kWh"])
    header = ["dataset", "meter", "quantity", "start", "end", "value", "unit"]
    return ".csv", _csv(header, rows)


@st.composite
def selfdata_trips(draw: st.DrawFn) -> tuple[str, bytes]:
    card = draw(ID)
    rows = []
    for start in draw(st.lists(INSTANT, min_size=1, max_size=15, unique=True)):
        minutes = draw(st.integers(1, 180))
        fare = draw(st.one_of(st.just(""), st.decimals(-50, 50, places=2).map(str)))
        rows.append(
            [
                card,
                start.isoformat(),
                (start + timedelta(minutes=minutes)).isoformat(),
                draw(st.sampled_from(["bus", "tram", "metro", "rail", "bike", "walk"])),
                draw(TEXT),
                draw(NAME),
                draw(NAME),
                fare,
                "EUR",
            ]
        )
    header = ["card", "started_at", "ended_at", "mode", "line", "origin", "destination"]
    return ".csv", _csv([*header, "fare", "currency"], rows)


@st.composite
def selfdata_payments(draw: st.DrawFn) -> tuple[str, bytes]:
    account = draw(ID)
    rows = []
    for day in sorted(draw(st.sets(DAY, min_size=1, max_size=15))):
        amount = draw(st.decimals(-5000, 5000, places=2).map(str))
        rows.append([account, "CAF", draw(NAME), str(day), "", "", amount, "EUR"])
    header = ["account", "payer", "benefit", "paid_on", "period_start", "period_end"]
    return ".csv", _csv([*header, "amount", "currency"], rows)


@st.composite
def oyster(draw: st.DrawFn) -> tuple[str, bytes]:
    rows = []
    for start in draw(st.lists(INSTANT, min_size=1, max_size=12)):
        end = start + timedelta(minutes=draw(st.integers(1, 90)))
        rows.append(
            [
                start.strftime("%d-%b-%Y"),
                start.strftime("%H:%M"),
                end.strftime("%H:%M"),
                f"{draw(TEXT.filter(lambda s: ' to ' not in s))} to {draw(TEXT)}",
                f"{draw(st.decimals(0, 20, places=2))}",
                "",
                f"{draw(st.decimals(-20, 90, places=2))}",
                "",
            ]
        )
    header = ["Date", "Start Time", "End Time", "Journey/Action", "Charge", "Credit"]
    return ".csv", b"\n" + _csv([*header, "Balance", "Note"], rows)


@st.composite
def gtfs_stops(draw: st.DrawFn) -> tuple[str, bytes]:
    ids = draw(st.lists(ID, min_size=1, max_size=12, unique=True))
    rows = [
        [
            stop,
            draw(NAME),
            f"{draw(st.floats(-90, 90)):.5f}",
            f"{draw(st.floats(-180, 180)):.5f}",
            str(draw(st.sampled_from([0, 1, 2]))),
        ]
        for stop in ids
    ]
    text = _csv(["stop_id", "stop_name", "stop_lat", "stop_lon", "location_type"], rows)
    if not draw(st.booleans()):
        return ".txt", text
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("agency.txt", _csv(["agency_name"], [[draw(TEXT)]]))
        archive.writestr("stops.txt", text)
    return ".zip", out.getvalue()


def _track_points(draw: st.DrawFn) -> list[tuple[float, float, datetime]]:
    start = draw(INSTANT)
    count = draw(st.integers(2, 20))
    lat, lon = draw(st.floats(-80, 80)), draw(st.floats(-179, 179))
    return [(lat + i * 1e-3, lon, start + timedelta(minutes=i)) for i in range(count)]


@st.composite
def gpx(draw: st.DrawFn) -> tuple[str, bytes]:
    tracks = []
    for _ in range(draw(st.integers(1, 3))):
        points = "".join(
            f'<trkpt lat="{lat:.6f}" lon="{lon:.6f}"><time>{at:%Y-%m-%dT%H:%M:%SZ}</time></trkpt>\n'
            for lat, lon, at in _track_points(draw)
        )
        name = draw(NAME).replace("&", "&amp;").replace("<", "&lt;")
        tracks.append(f"<trk><name>{name}</name><trkseg>\n{points}</trkseg></trk>\n")
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="fuzz" xmlns="http://www.topografix.com/GPX/1/1">\n'
        + "".join(tracks)
        + "</gpx>\n"
    )
    return ".gpx", document.encode("utf-8")


@st.composite
def geojson(draw: st.DrawFn) -> tuple[str, bytes]:
    features = []
    for _ in range(draw(st.integers(1, 3))):
        points = _track_points(draw)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": draw(NAME),
                    "mode": draw(st.sampled_from(["bus", "walk", "bike"])),
                    "coordTimes": [f"{at:%Y-%m-%dT%H:%M:%SZ}" for _, _, at in points],
                },
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[lon, lat] for lat, lon, _ in points],
                },
            }
        )
    document = {"type": "FeatureCollection", "features": features}
    return ".geojson", json.dumps(document, indent=1, ensure_ascii=False).encode("utf-8")


@st.composite
def caf_json(draw: st.DrawFn) -> tuple[str, bytes]:
    payments = [
        {
            "dateEmission": f"{day:%Y%m%d}",
            "dateElaboration": f"{day - timedelta(days=5):%Y%m%d}",
            "montantPaiement": f"{draw(st.decimals(0, 5000, places=2))}".replace(".", ","),
        }
        for day in draw(st.sets(DAY, min_size=1, max_size=12))
    ]
    return ".json", json.dumps({"paiements": payments}, indent=2).encode("utf-8")


VALID_FILES = {
    "selfdata_csv": selfdata_energy() | selfdata_trips() | selfdata_payments(),
    "tfl_oyster": oyster(),
    "gtfs_stops": gtfs_stops(),
    "gpx_track": gpx(),
    "geojson_track": geojson(),
    "caf_paiements_json": caf_json(),
}
