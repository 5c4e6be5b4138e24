"""TfL Oyster journey history CSV (oyster.tfl.gov.uk, "Journey history", CSV download).

The file opens with a blank line, lists the newest journey first, gives ``dd-Mon-yyyy`` days
and London wall-clock times. Journeys cross midnight (end before start), bus and tram rows
have no end, taps go missing (``[No touch-in]``), capped fares read ``.00``. Top-ups, refunds
and season tickets are money on the card, not journeys: they become ``MoneyMovement`` with a
positive amount for money put on the card and a negative one for money spent.

The history carries no card number, so every row belongs to the card ``oyster`` (one card per
wallet unless the person names the card another way when importing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from importers import transit
from importers.base import (
    CardId,
    Detection,
    FileSample,
    Item,
    MoneyMovement,
    ProgressCallback,
    Rejected,
    Trip,
    no_progress,
)
from importers.guard import NOT_CSV

HEADER = ["Date", "Start Time", "End Time", "Journey/Action", "Charge", "Credit", "Balance", "Note"]
CARD = CardId("oyster")
CURRENCY = "GBP"
_ENTERED = re.compile(r"^entered\s+(.+?)(\s+tram stop)?$", re.IGNORECASE)


class OysterHistory:
    name = "tfl_oyster"
    version = "1"
    label = "TfL Oyster journey history (CSV)"
    datasets = ("mobility",)
    needs_confirmation = False
    source_tz = "Europe/London"

    def detect(self, sample: FileSample) -> Detection:
        header = transit.header_cells(sample.first_nonblank_line())
        if header == HEADER:
            return Detection(1.0, "Oyster journey history header")
        if header[:3] == HEADER[:3] and "Journey/Action" in header:
            return Detection(
                0.3, "Oyster-like header", near_miss=transit.header_near_miss(HEADER, header)
            )
        return Detection(0.0)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        encoding = transit.file_encoding(path)
        columns: dict[str, int] | None = None
        for number, cells in transit.csv_rows(path, encoding, ",", on_progress):
            if cells is None:
                yield Rejected(number, NOT_CSV)
                continue
            stripped = [c.strip() for c in cells]
            if stripped[:2] == HEADER[:2]:
                columns = {name: i for i, name in enumerate(stripped)}
                missing = [c for c in HEADER if c not in columns]
                if missing:
                    yield Rejected(number, "header lacks columns " + ", ".join(missing))
                    return
                continue  # the header, or a header repeated by joining two files
            if columns is None:
                yield Rejected(number, "line before the header row")
                continue
            if len(cells) < len(columns):
                yield Rejected(number, f"expected {len(columns)} columns, found {len(cells)}")
                continue
            row = {name: cells[i].strip() for name, i in columns.items()}
            try:
                item = _record(row)
            except ValueError as exc:
                item = Rejected(number, str(exc))
            if item is not None:
                yield item


def _record(row: dict[str, str]) -> Trip | MoneyMovement | Rejected | None:
    day = transit.day_mon_year(row["Date"])
    start, end = transit.clock(row["Start Time"]), transit.clock(row["End Time"])
    action = row["Journey/Action"]
    lowered = action.lower()
    charge = transit.money_cents(row["Charge"])
    credit = transit.money_cents(row["Credit"])
    ends = transit.split_journey(action)
    # Money rows read "<action>, <station>": only their first part names the action, so a
    # station whose name holds "refund" stays a journey.
    money_kind = _money_kind(lowered.split(",", 1)[0]) if ends is None else None
    if money_kind is not None:
        return _movement(day, start or end, money_kind, charge, credit, action)
    started, ended = transit.journey_times(day, start, end, transit.LONDON)
    if started is None and ended is None:
        raise ValueError("journey has neither a start nor an end time")
    trip = Trip(CARD, started, ended, "metro", "", "", "", charge, CURRENCY)
    route = transit.bus_route(action) if ends is None else None
    entered = _ENTERED.match(action)
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
    elif "riverboat" in lowered or "river bus" in lowered:
        trip = trip._replace(mode="boat")
    elif entered:
        mode = "tram" if entered.group(2) else transit.station_mode(action) or "metro"
        trip = trip._replace(mode=mode, origin=entered.group(1))
    elif charge is None and credit is None:
        raise ValueError("journey or action not recognised")
    else:
        return _movement(day, start or end, "other", charge, credit, action)
    return trip._replace(note=_note(row["Note"], trip))


def _money_kind(lowered: str) -> str | None:
    if "top-up" in lowered or "topped up" in lowered or "top up" in lowered:
        return "topup"
    if "refund" in lowered:
        return "refund"
    if "season ticket" in lowered or "travelcard" in lowered:
        return "other"
    return None


def _movement(
    day: date,
    at: tuple[int, int] | None,
    kind: str,
    charge: int | None,
    credit: int | None,
    label: str,
) -> MoneyMovement:
    # A row without a time is stamped at local midnight, the same in every file.
    instant = transit.local_instant(day, at or (0, 0), transit.LONDON)
    amount = (credit or 0) - (charge or 0)
    return MoneyMovement(CARD, instant, kind, amount, CURRENCY, label)


def _note(text: str, trip: Trip) -> str:
    """Short, stable notes instead of TfL's sentences."""
    lowered = text.lower()
    notes = []
    if "capped" in lowered:
        notes.append("capped")
    if trip.started_at is None or "where you touched in" in lowered:
        notes.append("no touch-in")
    if (trip.ended_at is None and trip.mode not in ("bus", "tram", "boat")) or (
        "where you touched out" in lowered
    ):
        notes.append("no touch-out")
    if "not covered by your travelcard" in lowered:
        notes.append("extension fare")
    return "; ".join(notes)


IMPORTER = OysterHistory()
