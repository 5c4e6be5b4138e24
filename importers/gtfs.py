"""GTFS stops as reference data: a whole GTFS zip, or its ``stops.txt`` on its own.

A city hands its network's GTFS feed to pilot testers; the wallet keeps the stops per network
so stop names in a travel history can be placed on a map. The network is named, in order:
by ``--account NAME`` when importing; by the first ``agency_name`` of ``agency.txt`` in a zip;
else after the file (its name without the words ``stops`` and ``gtfs``; for a bare
``stops.txt``, its folder's name), else ``gtfs``. Nodes and boarding areas
(``location_type`` 3 and 4) without coordinates are of no use for places and are skipped.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from importers.base import (
    OTHER_KIND,
    Detection,
    FileSample,
    Item,
    NotStored,
    ProgressCallback,
    Rejected,
    Station,
    no_progress,
)
from importers.guard import (
    NOT_CSV,
    csv_records,
    first_record,
    guarded_stream,
    refused_when_damaged,
)

REQUIRED = ("stop_id", "stop_name", "stop_lat", "stop_lon")
_SKIPPABLE_TYPES = (3, 4)
_FILE_WORDS = ("stops", "gtfs", "txt", "zip")
FEED = "GTFS feed (ZIP)"


def _header(line: str) -> list[str]:
    return [cell.strip().lstrip("\ufeff") for cell in first_record(line)]


def _stops_member(archive: zipfile.ZipFile) -> str | None:
    names = [n for n in archive.namelist() if n.rsplit("/", 1)[-1] == "stops.txt"]
    return min(names, key=len) if names else None


class GtfsStops:
    name = "gtfs_stops"
    version = "1"
    label = "GTFS transit stops (zip or stops.txt)"
    datasets = ("stations",)
    needs_confirmation = False
    source_tz = "UTC"  # stops have no times

    def detect(self, sample: FileSample) -> Detection:
        if sample.is_zip:
            try:
                with zipfile.ZipFile(sample.path) as archive:
                    found = _stops_member(archive)
                    has_agency = any(n.endswith("agency.txt") for n in archive.namelist())
            except (zipfile.BadZipFile, OSError):
                return Detection(0.0)
            if found:
                return Detection(1.0, "GTFS feed with stops.txt")
            if has_agency:
                return Detection(0.2, near_miss="a GTFS feed, but it holds no stops.txt")
            return Detection(0.0)
        header = _header(sample.first_nonblank_line())
        if all(column in header for column in REQUIRED):
            return Detection(1.0, "GTFS stops.txt header")
        if "stop_id" in header and "stop_name" in header:
            missing = [c for c in REQUIRED if c not in header]
            return Detection(0.3, near_miss="GTFS stops without columns " + ", ".join(missing))
        return Detection(0.0)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        if zipfile.is_zipfile(path):
            with refused_when_damaged(FEED):
                archive = zipfile.ZipFile(path)
            with archive:
                with refused_when_damaged(FEED):
                    member = _stops_member(archive)
                    if member is None:
                        yield Rejected(0, "the GTFS zip holds no stops.txt")
                        return
                    network = _agency_name(archive) or _network_from_path(path)
                    size = archive.getinfo(member).file_size
                    raw = archive.open(member)
                with raw:
                    yield from _stations(guarded_stream(raw, FEED), size, network, on_progress)
            return
        with open(path, "rb") as raw:
            total = path.stat().st_size
            yield from _stations(raw, total, _network_from_path(path), on_progress)


def _network_from_path(path: Path) -> str:
    """``yelo_stops.txt`` -> ``yelo``; ``gtfs-yelo/stops.txt`` -> ``yelo``; else ``gtfs``."""
    names = [path.stem] if path.stem.lower() != "stops" else [path.stem, path.parent.name]
    for name in names:
        words = [w for w in re.split(r"[\s_\-.]+", name) if w and w.lower() not in _FILE_WORDS]
        if words:
            return " ".join(words)
    return "gtfs"


def _agency_name(archive: zipfile.ZipFile) -> str:
    names = [n for n in archive.namelist() if n.rsplit("/", 1)[-1] == "agency.txt"]
    if not names:
        return ""
    with archive.open(min(names, key=len)) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        try:
            for row in csv.DictReader(text):
                name = (row.get("agency_name") or "").strip()
                if name:
                    return name
        except csv.Error:  # a damaged agency.txt only costs the network its name
            return ""
    return ""


def _stations(
    raw: IO[bytes], total: int, network: str, on_progress: ProgressCallback
) -> Iterator[Item]:
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
    reader = csv.reader(text)
    records = csv_records(reader)
    header = [cell.strip() for cell in next(records, None) or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        yield Rejected(1, "stops.txt lacks columns " + ", ".join(missing))
        return
    index = {name: i for i, name in enumerate(header)}
    for count, cells in enumerate(records, start=1):
        if count % 4096 == 0:
            on_progress(min(raw.tell(), total), total)
        if cells is None:
            yield Rejected(reader.line_num, NOT_CSV)
            continue
        if not any(cell.strip() for cell in cells):
            continue
        try:
            station = _station(network, index, cells)
        except ValueError as exc:
            yield Rejected(reader.line_num, str(exc))
            continue
        # An entrance or node without coordinates is of no use for places: said, not stored.
        yield NotStored(OTHER_KIND, 1, reader.line_num) if station is None else station
    on_progress(total, total)


def _station(network: str, index: dict[str, int], cells: list[str]) -> Station | None:
    def cell(name: str) -> str:
        position = index.get(name)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    stop_id = cell("stop_id")
    if not stop_id:
        raise ValueError("stop has no stop_id")
    kind_text = cell("location_type")
    if kind_text and not kind_text.isdigit():
        raise ValueError("location_type is not a number")
    kind = int(kind_text or 0)
    lat_text, lon_text = cell("stop_lat"), cell("stop_lon")
    if not lat_text or not lon_text:
        if kind in _SKIPPABLE_TYPES:
            return None
        raise ValueError("stop has no coordinates")
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise ValueError("coordinate is not a number") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError("coordinate is out of range")
    return Station(network, stop_id, cell("stop_name"), lat, lon, kind, cell("parent_station"))


IMPORTER = GtfsStops()
