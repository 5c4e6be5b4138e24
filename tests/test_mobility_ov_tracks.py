"""OV-chipkaart histories and GPX/GeoJSON tracks: counts, fares and distances by hand."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path

from importers import registry
from importers.base import MoneyMovement, Rejected, Trip
from importers.geojson_track import IMPORTER as GEOJSON
from importers.gpx_track import IMPORTER as GPX
from importers.ovchipkaart import IMPORTER as OV
from tests.conftest import RESOURCE_SAMPLES

OV_SAMPLE = RESOURCE_SAMPLES / "ovchipkaart_transacties.csv"
GPX_SAMPLE = RESOURCE_SAMPLES / "tracker_osmand_trajets.gpx"
GEOJSON_SAMPLE = RESOURCE_SAMPLES / "tracker_trajets.geojson"
# One thousandth of a degree along a meridian, on a sphere of the mean Earth radius.
MILLI_DEGREE_M = 6_371_008.8 * math.pi / 180 / 1000  # 111.195 m


def utc(*parts: int) -> int:
    return int(datetime(*parts, tzinfo=UTC).timestamp())


def test_ovchipkaart_sample_trips_fares_and_top_up() -> None:
    assert registry.choose(OV_SAMPLE).importer.name == "ovchipkaart"
    items = list(OV.parse(OV_SAMPLE))
    trips = [i for i in items if isinstance(i, Trip)]
    money = [i for i in items if isinstance(i, MoneyMovement)]
    assert not [i for i in items if isinstance(i, Rejected)]
    # 26 rows: one automatic top-up, 25 journeys (23 at 8,50, one at 1,48, one lone check-in).
    assert len(trips) == 25
    assert sum(t.fare_cents or 0 for t in trips) == 23 * 850 + 148 + 400
    assert [(m.kind, m.amount_cents, m.currency) for m in money] == [("topup", 2000, "EUR")]
    assert money[0].at == utc(2025, 2, 4, 11, 10)  # 12:10 in Amsterdam in winter
    assert {t.card for t in trips} == {"3528000000000000"}
    lone = next(t for t in trips if t.ended_at is None)
    assert (lone.origin, lone.note, lone.fare_cents) == ("Utrecht Centraal", "no check-out", 400)
    first = trips[0]
    assert (first.started_at, first.ended_at) == (utc(2025, 2, 3, 7, 2), utc(2025, 2, 3, 7, 29))
    assert first.mode == "rail"
    assert next(t for t in trips if t.fare_cents == 148).mode == "unknown"


def test_ovchipkaart_cp1252_midnight_english_header_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    text = (
        "Date;Check-in;Departure;Check-out;Destination;Amount;Transaction;Class;Product;"
        "Comments;Name;Card number\r\n"
        "14-03-2025;23:50;Den Haag Centraal;00:40;Groningen;25,30;Reis;2;;;Zoë;"
        "3528 1111 1111 1111\r\n"
        "15-03-2025;10:00;;;;10,00;Saldo opgeladen;;;;Zoë;3528 1111 1111 1111\r\n"
        "16-03-2025;10:00;;;;3,00;Iets geheims;;;;Zoë;3528 1111 1111 1111\r\n"
        "16-03-2025;ab:cd;Delft;10:20;Rotterdam;3,00;Reis;2;;;Zoë;3528 1111 1111 1111\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    assert registry.choose(path).importer.name == "ovchipkaart"
    items = list(OV.parse(path))
    trips = [i for i in items if isinstance(i, Trip)]
    money = [i for i in items if isinstance(i, MoneyMovement)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert len(trips) == 1 and len(money) == 1
    assert trips[0].ended_at == utc(2025, 3, 14, 23, 40)  # 00:40 CET on the 15th
    assert trips[0].fare_cents == 2530
    assert [r.line for r in rejected] == [4, 5]
    assert all("geheim" not in r.reason and "ab" not in r.reason for r in rejected)


def test_gpx_tracks_distance_mode_card_and_times() -> None:
    assert registry.choose(GPX_SAMPLE).importer.name == "gpx_track"
    items = list(GPX.parse(GPX_SAMPLE))
    assert not [i for i in items if isinstance(i, Rejected)]
    ride, walk = (i for i in items if isinstance(i, Trip))
    # Ride: segments of 6 and 4 points, 0.001 degree apart on one meridian: 5 + 3 steps;
    # the gap between the segments was not recorded and is not counted.
    assert math.isclose(ride.distance_m or 0, 8 * MILLI_DEGREE_M, abs_tol=0.1)
    assert (ride.mode, ride.card, ride.note) == ("bike", "OsmAnd", "Vélo au travail")
    assert (ride.started_at, ride.ended_at) == (utc(2025, 5, 20, 7, 0), utc(2025, 5, 20, 7, 13))
    assert (ride.origin, ride.destination) == ("46.15000,-1.15000", "46.16300,-1.15000")
    # Walk: Strava's numeric type 10, whose <link> carries a <type> of its own.
    assert math.isclose(walk.distance_m or 0, 3 * MILLI_DEGREE_M, abs_tol=0.1)
    assert walk.mode == "walk"
    assert (walk.started_at, walk.ended_at) == (utc(2025, 5, 20, 17, 30), utc(2025, 5, 20, 17, 45))


def test_gpx_refuses_document_types_and_reports_tracks_without_times(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.gpx"
    hostile.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY a "aaaa">]>\n'
        '<gpx creator="x"><trk><trkseg><trkpt lat="1" lon="2"/></trkseg></trk></gpx>\n',
        encoding="utf-8",
    )
    assert [r.line for r in GPX.parse(hostile) if isinstance(r, Rejected)] == [2]
    untimed = tmp_path / "untimed.gpx"
    untimed.write_text(
        '<gpx creator="GPSLogger 131 - http://gpslogger.app">\n<trk><name>x</name><trkseg>\n'
        '<trkpt lat="46.1" lon="-1.1"/>\n<trkpt lat="46.2" lon="-1.1"/>\n</trkseg></trk>\n</gpx>\n',
        encoding="utf-8",
    )
    items = list(GPX.parse(untimed))
    assert items == [Rejected(5, "track points have no readable times")]


def test_geojson_lines_multilines_and_timed_points(tmp_path: Path) -> None:
    assert registry.choose(GEOJSON_SAMPLE).importer.name == "geojson_track"
    items = list(GEOJSON.parse(GEOJSON_SAMPLE))
    assert not [i for i in items if isinstance(i, Rejected)]
    bus, walk = (i for i in items if isinstance(i, Trip))  # the polygon is not a track
    assert (bus.mode, bus.card) == ("bus", "OpenTracks")
    assert math.isclose(bus.distance_m or 0, 5 * MILLI_DEGREE_M, abs_tol=0.1)
    assert (bus.started_at, bus.ended_at) == (utc(2025, 5, 21, 8, 0), utc(2025, 5, 21, 8, 10))
    assert walk.mode == "walk"
    assert math.isclose(walk.distance_m or 0, 2 * MILLI_DEGREE_M, abs_tol=0.1)
    assert walk.started_at == utc(2025, 5, 21, 17, 0)  # 19:00+02:00

    points = tmp_path / "points.geojson"
    points.write_text(
        '{"type": "FeatureCollection", "features": ['
        '{"type": "Feature", "properties": {"time": 1747900920000, "activity": "cycling",'
        ' "device": "Pixel 8"}, "geometry": {"type": "Point", "coordinates": [-1.1, 46.101]}},'
        '{"type": "Feature", "properties": {"time": 1747900800000},'
        ' "geometry": {"type": "Point", "coordinates": [-1.1, 46.1]}},'
        '{"type": "Feature", "properties": {"time": "not a time"},'
        ' "geometry": {"type": "Point", "coordinates": [-1.1, 46.2]}}]}',
        encoding="utf-8",
    )
    found = list(GEOJSON.parse(points))
    rejected = [i for i in found if isinstance(i, Rejected)]
    (track,) = (i for i in found if isinstance(i, Trip))
    assert (track.started_at, track.ended_at) == (1747900800, 1747900920)
    assert (track.mode, track.card) == ("bike", "Pixel 8")
    assert math.isclose(track.distance_m or 0, MILLI_DEGREE_M, abs_tol=0.1)
    assert len(rejected) == 1 and "feature 3" in rejected[0].reason
    assert "not a time" not in rejected[0].reason


OV_REAL = Path(__file__).parent / "data" / "mobility" / "ovchipkaart_checkin_checkuit.csv"


def test_ovchipkaart_check_in_and_check_out_rows_pair_into_one_trip() -> None:
    # The real export, newest first, every cell quoted: 10 rows. Three journeys as a
    # Check-in row and a Check-uit row each, one lone check-in ("Geen check-uit"), an
    # automatic top-up, a product loaded on the card and a balance refund.
    # Trips: 8,50 + 8,50 + 1,12 (fares on the check-out rows) + 4,00 (lone) = 22,12 euros.
    items = list(OV.parse(OV_REAL))
    assert not [i for i in items if isinstance(i, Rejected)]
    trips = sorted((i for i in items if isinstance(i, Trip)), key=lambda t: t.started_at or 0)
    money = sorted((i for i in items if isinstance(i, MoneyMovement)), key=lambda m: m.at)
    assert len(trips) == 4
    assert sum(t.fare_cents or 0 for t in trips) == 2212
    lone, tram, morning, evening = trips
    assert (lone.origin, lone.ended_at, lone.note, lone.fare_cents) == (
        "Utrecht Centraal",
        None,
        "no check-out",
        400,
    )
    # 20/03 19:10 -> 19:22 in Amsterdam (CET, UTC+1).
    assert (tram.started_at, tram.ended_at) == (utc(2025, 3, 20, 18, 10), utc(2025, 3, 20, 18, 22))
    assert (tram.origin, tram.destination, tram.fare_cents, tram.note) == (
        "Utrecht, Vaartsche Rijn",
        "Utrecht, Neude",
        112,
        "",
    )
    assert (morning.started_at, morning.ended_at) == (
        utc(2025, 3, 21, 7, 4),
        utc(2025, 3, 21, 7, 33),
    )
    assert (morning.origin, morning.destination, morning.mode) == (
        "Utrecht Centraal",
        "Amsterdam Centraal",
        "rail",
    )
    assert (evening.origin, evening.destination, evening.fare_cents) == (
        "Amsterdam Centraal",
        "Utrecht Centraal",
        850,
    )
    # +20,00 topped up, -7,50 for the product, +12,40 refunded.
    assert [(m.kind, m.amount_cents) for m in money] == [
        ("refund", 1240),
        ("purchase", -750),
        ("topup", 2000),
    ]


def test_ovchipkaart_english_check_out_and_money_rows(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    rows = [
        '"Date";"Check-in";"Departure";"Check-out";"Destination";"Amount";"Transaction";'
        '"Class";"Product";"Comments";"Name";"Card number"',
        '"02-04-2025";"09:01";"Leiden Centraal";"";"";"0,00";"Check-in";"2";"";"";"A";"3528 9"',
        '"02-04-2025";"";"Leiden Centraal";"09:36";"Den Haag HS";"3,90";"Check-out";"2";"";"";"A";'
        '"3528 9"',
        '"02-04-2025";"12:00";"";"";"";"15,00";"Balance automatically reloaded";"";"";"";"A";'
        '"3528 9"',
        '"03-04-2025";"12:00";"";"";"";"5,00";"Product loaded on card";"";"";"";"A";"3528 9"',
        '"04-04-2025";"12:00";"";"";"";"2,10";"Balance refund";"";"";"";"A";"3528 9"',
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = list(OV.parse(path))
    assert not [i for i in items if isinstance(i, Rejected)]
    [trip] = [i for i in items if isinstance(i, Trip)]
    assert (trip.origin, trip.destination, trip.fare_cents) == (
        "Leiden Centraal",
        "Den Haag HS",
        390,
    )
    assert (trip.started_at, trip.ended_at) == (utc(2025, 4, 2, 7, 1), utc(2025, 4, 2, 7, 36))
    money = [(m.kind, m.amount_cents) for m in items if isinstance(m, MoneyMovement)]
    assert money == [("topup", 1500), ("purchase", -500), ("refund", 210)]


def test_ovchipkaart_check_out_after_midnight_pairs_with_the_evening_check_in(
    tmp_path: Path,
) -> None:
    path = tmp_path / "nacht.csv"
    header = (
        '"Datum";"Check-in";"Vertrek";"Check-uit";"Bestemming";"Bedrag";"Transactie";"Klasse";'
        '"Product";"Opmerkingen";"Naam";"Kaartnummer"'
    )
    rows = [
        '"15-03-2025";"";"Den Haag Centraal";"00:40";"Groningen";"25,30";"Check-uit";"2";"";"";'
        '"Z";"3528 1"',
        '"14-03-2025";"23:50";"Den Haag Centraal";"";"";"0,00";"Check-in";"2";"";"";"Z";"3528 1"',
    ]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    [trip] = [i for i in OV.parse(path) if isinstance(i, Trip)]
    # 23:50 and 00:40 in Amsterdam (CET): 22:50 and 23:40 UTC on the 14th.
    assert (trip.started_at, trip.ended_at) == (utc(2025, 3, 14, 22, 50), utc(2025, 3, 14, 23, 40))
    assert (trip.origin, trip.destination, trip.fare_cents) == (
        "Den Haag Centraal",
        "Groningen",
        2530,
    )
