"""GTFS stops kept per network, and trip stop names placed on them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from importers.base import OTHER_KIND, NotStored, Rejected, Station
from importers.gtfs import IMPORTER as GTFS
from tests.conftest import RESOURCE_SAMPLES, run_cli
from wallet.places import StationIndex, most_used_stops, places_for_trips, stop_key
from wallet.vault import Wallet

STOPS = RESOURCE_SAMPLES / "gtfs_stops.txt"
HEADER = "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n"


def stations(conn: object) -> dict[str, tuple[str, float, float]]:
    rows = conn.execute("SELECT stop_id, network, lat, lon FROM stations")  # type: ignore[attr-defined]
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def test_stops_txt_sample_becomes_stations_named_after_the_file(wallet: Wallet) -> None:
    result = wallet.import_file(STOPS)
    assert (result.importer, result.added, result.rejected_count) == ("gtfs_stops", 8, 0)
    found = stations(wallet.conn)
    assert found["SA:HDV"] == ("gtfs", 46.1599, -1.1518)  # gtfs_stops.txt names no network
    assert found["PORTNEUF_1"] == ("gtfs", 46.1648, -1.1823)


def test_gtfs_zip_network_from_agency_and_skipped_nodes(tmp_path: Path, wallet: Wallet) -> None:
    feed = tmp_path / "feed.zip"
    with zipfile.ZipFile(feed, "w") as archive:
        archive.writestr("yelo/agency.txt", "agency_id,agency_name,agency_url\nY,Yélo,http://x\n")
        archive.writestr(
            "yelo/stops.txt",
            "\ufeff" + HEADER + "S1,Place de Verdun,46.16,-1.15,1,\r\n"
            "S1a,Place de Verdun,46.1601,-1.1501,0,S1\r\n"
            "N1,Couloir,,,3,S1\r\n"  # a node without coordinates: skipped, not rejected
            'S2,"Vieux Port, quai",46.155,-1.152,0,\r\n',
        )
    items = list(GTFS.parse(feed))
    found = [i for i in items if isinstance(i, Station)]
    assert len(found) == 3 and {i.network for i in found} == {"Yélo"}
    assert [i for i in items if not isinstance(i, Station)] == [NotStored(OTHER_KIND, 1, 4)]
    result = wallet.import_file(feed)
    assert (result.added, result.not_stored) == (3, {OTHER_KIND: 1})
    # The person names the network when a bare stops.txt carries none.
    other = tmp_path / "stops.txt"
    other.write_text(HEADER + "A1,Gare,46.15,-1.14,0,\n", encoding="utf-8")
    wallet.import_file(other, account="Niort")
    assert stations(wallet.conn)["A1"][0] == "Niort"


def test_gtfs_bad_rows_are_numbered_without_values(tmp_path: Path) -> None:
    path = tmp_path / "reseau_stops.txt"
    path.write_text(
        HEADER + "A,Alpha,46.1,-1.1,0,\nB,Secret,north,-1.1,0,\nC,Gamma,95.0,-1.1,0,\n"
        "D,Delta,,,0,\n",
        encoding="utf-8",
    )
    items = list(GTFS.parse(path))
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [r.line for r in rejected] == [3, 4, 5]
    assert all("north" not in r.reason and "95" not in r.reason for r in rejected)
    assert [i.network for i in items if isinstance(i, Station)] == ["reseau"]


@pytest.mark.parametrize(
    ("history_name", "gtfs_name"),
    [
        ("Victoria [London Underground]", "Victoria"),
        ("Victoria (platforms 9-19) [National Rail]", "Victoria Station"),
        ("Limehouse DLR", "Limehouse"),
        ("King's Cross St. Pancras", "Kings Cross St Pancras"),
        ("HOTEL DE VILLE", "Hôtel de Ville"),
        ("hotel-de-ville [Tram]", "Hôtel de Ville"),
        ("Heathrow Terminals 2 & 3", "Heathrow Terminals 2 and 3"),
    ],
)
def test_stop_keys_are_tolerant(history_name: str, gtfs_name: str) -> None:
    assert stop_key(history_name) == stop_key(gtfs_name)


def test_distinct_stops_keep_distinct_keys() -> None:
    assert stop_key("Bank") != stop_key("Bankside")
    assert stop_key("Station") == "station"  # a name made only of mode words is kept


def _trips_csv(tmp_path: Path, stops: list[tuple[str, str]]) -> Path:
    path = tmp_path / "trips.csv"
    lines = ["card,started_at,ended_at,mode,line,origin,destination,fare,currency"]
    for n, (origin, destination) in enumerate(stops):
        lines.append(
            f'yelo,2025-05-0{n + 1}T08:00:00+02:00,,bus,1,"{origin}","{destination}",1.30,EUR'
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_trip_stops_are_placed_on_parent_stations(tmp_path: Path, wallet_dir: Path) -> None:
    assert run_cli(wallet_dir, "init").code == 0
    assert run_cli(wallet_dir, "import", str(RESOURCE_SAMPLES / "gtfs_stops.txt")).code == 0
    trips = _trips_csv(
        tmp_path,
        [
            ("HOTEL DE VILLE", "Gare SNCF (quai A)"),
            ("hôtel-de-ville [Tram]", "les minimes"),
            ("Gare SNCF station", "PORTNEUF_1"),
            ("Hôtel de Ville", "Nowhere Street"),
        ],
    )
    assert run_cli(wallet_dir, "import", str(trips)).code == 0
    with Wallet.unlock(wallet_dir, "correct horse battery staple") as wallet:
        index = StationIndex(wallet.conn)
        assert len(index) == 8
        minimes = index.match("LES MINIMES")
        assert minimes is not None and (minimes.lat, minimes.lon) == (46.1442, -1.1661)
        places = places_for_trips(wallet.conn)
        used = most_used_stops(wallet.conn, limit=3)
    # Hôtel de Ville 3 times on its parent SA:HDV, Gare SNCF twice on SA:GARE, the rest once.
    assert [(p.name, p.lat, p.lon, p.count) for p in places] == [
        ("Hôtel de Ville", 46.1599, -1.1518, 3),
        ("Gare SNCF", 46.1529, -1.1453, 2),
        ("Les Minimes", 46.1442, -1.1661, 1),
        ("Port Neuf", 46.1648, -1.1823, 1),
    ]
    assert [(u.name, u.count) for u in used] == [
        ("Hôtel de Ville", 3),
        ("Gare SNCF", 2),
        ("Les Minimes", 1),
    ]
    everything = {u.name: u for u in most_used_stops_all(wallet_dir)}
    assert everything["Nowhere Street"].lat is None


def most_used_stops_all(wallet_dir: Path) -> list[object]:
    with Wallet.unlock(wallet_dir, "correct horse battery staple") as wallet:
        return list(most_used_stops(wallet.conn, limit=100))


def test_tracker_points_are_places_by_their_coordinates(wallet: Wallet) -> None:
    wallet.import_file(RESOURCE_SAMPLES / "tracker_osmand_trajets.gpx")
    places = {(p.lat, p.lon): p.count for p in places_for_trips(wallet.conn)}
    assert places[(46.15, -1.15)] == 1 and places[(46.167, -1.16)] == 1
    assert most_used_stops(wallet.conn) == []  # start and end points are not stops
