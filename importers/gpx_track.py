"""GPX tracks from phone trip trackers (OsmAnd, OpenTracks, Strava, GPSLogger, ...).

Each ``<trk>`` becomes one trip: first and last timed point, haversine distance, and the mode
from ``<type>`` when the app writes one. The card is the ``creator`` of the ``<gpx>`` element
without its version, else ``tracker``. The file is read line by line with a pull parser, so a
long recording stays in bounded memory; a document type declaration is refused, since GPX
never needs one and entities are how XML files attack parsers.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import cast

from importers import tracks
from importers.base import (
    CardId,
    Detection,
    FileSample,
    Item,
    ProgressCallback,
    Rejected,
    no_progress,
    open_text,
)

_Event = tuple[str, ET.Element]
_DOCTYPE = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Track:
    def __init__(self) -> None:
        self.name = ""
        self.kind = ""
        self.segments: list[list[tracks.Point]] = []
        self.times: list[int] = []
        self.bad_times = 0


class GpxTracks:
    name = "gpx_track"
    version = "1"
    label = "GPX track from a trip tracker"
    datasets = ("mobility",)
    needs_confirmation = False
    source_tz = "UTC"  # GPX times are UTC

    def detect(self, sample: FileSample) -> Detection:
        text = sample.text or ""
        if "<gpx" not in text[:4096]:
            return Detection(0.0)
        if "<trk" in text or "<rte" in text or "<wpt" in text:
            return Detection(1.0, "GPX document")
        return Detection(0.9, "GPX document (no track seen at its start)")

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        total = max(path.stat().st_size, 1)
        parser: ET.XMLPullParser = ET.XMLPullParser(events=("start", "end"))
        card = tracks.DEFAULT_CARD
        track: _Track | None = None
        open_elements: list[ET.Element] = []  # from the root to the element being read
        done = 0
        for number, line in open_text(path, "utf-8-sig"):
            done += len(line) + 1
            if number % 4096 == 0:
                on_progress(min(done, total), total)
            if _DOCTYPE.search(line):
                yield Rejected(number, "the file declares a document type, which GPX never does")
                return
            try:
                parser.feed(line + "\n")
                events = [cast(_Event, pair) for pair in parser.read_events()]
            except ET.ParseError:
                yield Rejected(number, "the file is not well-formed XML from here on")
                return
            for event, element in events:
                tag = _local(element.tag)
                if event == "start":
                    open_elements.append(element)
                    if tag == "gpx":
                        card = tracks.card_of(element.get("creator"))
                    elif tag == "trk":
                        track = _Track()
                    elif tag == "trkseg" and track is not None:
                        track.segments.append([])
                    continue
                open_elements.pop()
                if track is None:
                    continue
                if tag == "trkpt":
                    _add_point(track, element)
                    if open_elements:
                        # Keeps memory bounded on long recordings. The parent is the element
                        # still open, which in a damaged file need not be a <trkseg>.
                        open_elements[-1].remove(element)
                elif tag == "name" and not track.segments and not track.name:
                    # <name> also appears in links and points; the track's comes first.
                    track.name = (element.text or "").strip()
                elif tag == "type" and not track.segments:
                    track.kind = (element.text or "").strip()
                elif tag == "trk":
                    yield _trip(card, track, number)
                    track = None
                    element.clear()
        on_progress(total, total)


def _add_point(track: _Track, element: ET.Element) -> None:
    if not track.segments:
        track.segments.append([])
    try:
        point = (float(element.get("lat", "")), float(element.get("lon", "")))
    except ValueError:
        return
    track.segments[-1].append(point)
    for child in element:
        if _local(child.tag) == "time" and child.text:
            try:
                track.times.append(tracks.parse_time(child.text))
            except ValueError:
                track.bad_times += 1


def _trip(card: CardId, track: _Track, line: int) -> Item:
    segments = [s for s in track.segments if s]
    if not segments:
        return Rejected(line, "track has no points with coordinates")
    if not track.times:
        return Rejected(line, "track points have no readable times")
    return tracks.track_trip(
        card,
        segments,
        min(track.times),
        max(track.times),
        tracks.mode_of(track.kind),
        track.name,
    )


IMPORTER = GpxTracks()
