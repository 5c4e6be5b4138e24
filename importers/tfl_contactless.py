"""TfL contactless journey statements (contactless.tfl.gov.uk, "Journey history", CSV).

Two layouts are read:

- 2016: ``Date,Start Time,End Time,Journey,Charged (GBP),Capped,Notes`` with two-digit years
  (``30-Apr-16``), charges written as negative amounts (``-1.50``) and ``Capped`` = ``Y``/``N``;
- later statements: ``Date,Start Time,End Time,Journey,Charge`` with ``dd/mm/yyyy`` days.

Fares are stored as positive cents whatever the sign in the file. Information rows such as
``Daily cap reached`` are not journeys and are skipped; refunds become money movements.
The statement names no card, so every row belongs to the card ``contactless``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from importers import transit
from importers.base import (
    OTHER_KIND,
    CardId,
    Detection,
    FileSample,
    Item,
    MoneyMovement,
    NotStored,
    ProgressCallback,
    Rejected,
    Trip,
    no_progress,
)
from importers.guard import NOT_CSV

HEADER_2016 = ["Date", "Start Time", "End Time", "Journey", "Charged (GBP)", "Capped", "Notes"]
HEADER_NEW = ["Date", "Start Time", "End Time", "Journey", "Charge"]
CARD = CardId("contactless")
CURRENCY = "GBP"
_INFORMATION = ("cap reached", "capped at", "daily cap", "weekly cap")


class ContactlessStatement:
    name = "tfl_contactless"
    version = "1"
    label = "TfL contactless journey statement (CSV)"
    datasets = ("mobility",)
    needs_confirmation = False
    source_tz = "Europe/London"

    def detect(self, sample: FileSample) -> Detection:
        header = transit.header_cells(sample.first_nonblank_line())
        if header in (HEADER_2016, HEADER_NEW):
            return Detection(1.0, "TfL contactless statement header")
        if header[:4] == HEADER_NEW[:4]:
            return Detection(
                0.3,
                "TfL contactless-like header",
                near_miss=transit.header_near_miss(HEADER_2016, header)
                + f" (or {', '.join(HEADER_NEW)})",
            )
        return Detection(0.0)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        header: list[str] | None = None
        for number, cells in transit.csv_rows(path, transit.file_encoding(path), ",", on_progress):
            if cells is None:
                yield Rejected(number, NOT_CSV)
                continue
            stripped = [c.strip() for c in cells]
            if stripped in (HEADER_2016, HEADER_NEW):
                header = stripped
                continue
            if header is None:
                yield Rejected(number, "line before the header row")
                continue
            if len(cells) < len(header):
                yield Rejected(number, f"expected {len(header)} columns, found {len(cells)}")
                continue
            row = dict(zip(header, stripped, strict=False))
            try:
                item = _record(row, header == HEADER_2016)
            except ValueError as exc:
                item = Rejected(number, str(exc))
            yield NotStored(OTHER_KIND, 1, number) if item is None else item


def _day(text: str) -> date:
    return transit.day_month_year(text) if "/" in text else transit.day_mon_year(text)


def _record(row: dict[str, str], old_layout: bool) -> Item | None:
    day = _day(row["Date"])
    start, end = transit.clock(row["Start Time"]), transit.clock(row["End Time"])
    journey = row["Journey"]
    lowered = journey.lower()
    charge = transit.money_cents(row["Charged (GBP)"] if old_layout else row["Charge"])
    fare = abs(charge) if charge is not None else None
    ends = transit.split_journey(journey)
    if ends is None and any(word in lowered for word in _INFORMATION):
        return None
    if ends is None and "refund" in lowered:
        at = transit.local_instant(day, start or end or (0, 0), transit.LONDON)
        return MoneyMovement(CARD, at, "refund", fare or 0, CURRENCY, journey)
    started, ended = transit.journey_times(day, start, end, transit.LONDON)
    if started is None and ended is None:
        raise ValueError("journey has neither a start nor an end time")
    trip = Trip(CARD, started, ended, "metro", "", "", "", fare, CURRENCY)
    route = transit.bus_route(journey)
    if ends is not None:
        origin, destination = ends
        trip = trip._replace(
            mode=transit.station_mode(origin, destination) or "metro",
            line=transit.station_line(origin, destination),
            origin=origin,
            destination=destination,
        )
    elif route is not None:
        trip = trip._replace(mode="bus", line=route)
    elif "tram" in lowered:
        trip = trip._replace(mode="tram")
    elif "riverboat" in lowered or "river bus" in lowered:
        trip = trip._replace(mode="boat")
    else:
        raise ValueError("journey not recognised")
    notes = []
    if old_layout and row.get("Capped", "").upper() == "Y":
        notes.append("capped")
    if ends is not None and not trip.origin:
        notes.append("no touch-in")
    if ends is not None and not trip.destination:
        notes.append("no touch-out")
    return trip._replace(note="; ".join(notes))


IMPORTER = ContactlessStatement()
