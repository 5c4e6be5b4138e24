"""OV-chipkaart travel history CSV (ov-chipkaart.nl, "Reisoverzicht", download as CSV).

Semicolon separated (every cell quoted in the real export), amounts with a decimal comma
(``8,50``), ``dd-mm-yyyy`` days and Amsterdam wall-clock check-in and check-out times.

The real export lists a journey as two rows: ``Check-in`` (the departure and its time) and
``Check-uit`` (departure, destination, check-out time and the fare). They are paired into one
trip: each check-out takes the latest check-in of the same card before it, from the same
stop when both name one, at most ``MAX_JOURNEY`` earlier, whatever order the file lists them
in. A check-in left without a check-out is a trip without an end (the boarding fare kept), a
check-out without a check-in a trip without a start. A ``Reis`` row (one row per journey, as
some exports have it) is a trip on its own.

Balance loads (``Saldo automatisch opgeladen``, ``Saldo opgeladen``), products loaded on the
card (``Product op kaart geladen``) and refunds (``Saldo teruggave``), and their English
equivalents, are money movements. The card is the ``Kaartnummer`` column with its spaces
removed; the ``Naam`` column (the holder's name) is never stored. The English export's column
names are read too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from importers import transit
from importers.base import (
    CardId,
    Detection,
    FileSample,
    Item,
    MoneyMovement,
    Note,
    ProgressCallback,
    Rejected,
    Trip,
    no_progress,
)
from importers.guard import NOT_CSV

HEADER = [
    "Datum",
    "Check-in",
    "Vertrek",
    "Check-uit",
    "Bestemming",
    "Bedrag",
    "Transactie",
    "Klasse",
    "Product",
    "Opmerkingen",
    "Naam",
    "Kaartnummer",
]
# The English export names the same columns differently; map them to the Dutch ones.
ENGLISH = {
    "Date": "Datum",
    "Check-out": "Check-uit",
    "Departure": "Vertrek",
    "Destination": "Bestemming",
    "Amount": "Bedrag",
    "Transaction": "Transactie",
    "Class": "Klasse",
    "Comments": "Opmerkingen",
    "Name": "Naam",
    "Card number": "Kaartnummer",
}
REQUIRED = ("Datum", "Check-in", "Vertrek", "Check-uit", "Bestemming", "Bedrag", "Transactie")
DEFAULT_CARD = "ov-chipkaart"
CURRENCY = "EUR"
_TOPUP = ("opgeladen", "oplading", "top-up", "top up", "reload")
_REFUND = ("teruggave", "terugbetaling", "restitutie", "refund")
_PURCHASE = ("gekocht", "aankoop", "purchase", "op kaart geladen", "loaded on card", "product")
CHECK_IN = ("check-in",)
CHECK_OUT = ("check-uit", "check-out")
MAX_JOURNEY = 12 * 3600  # a check-in further back than this is not the same journey


def _columns(line_cells: list[str]) -> list[str]:
    return [ENGLISH.get(cell.strip(), cell.strip()) for cell in line_cells]


class OvChipkaart:
    name = "ovchipkaart"
    version = "1"
    label = "OV-chipkaart travel history (CSV)"
    datasets = ("mobility",)
    needs_confirmation = False
    source_tz = "Europe/Amsterdam"

    def detect(self, sample: FileSample) -> Detection:
        header = _columns(transit.header_cells(sample.first_nonblank_line(), ";"))
        if all(name in header for name in REQUIRED):
            return Detection(1.0, "OV-chipkaart travel history header")
        if header[:1] == ["Datum"] and ("Check-in" in header or "Vertrek" in header):
            return Detection(
                0.3, "OV-chipkaart-like header", near_miss=transit.header_near_miss(HEADER, header)
            )
        return Detection(0.0)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        columns: dict[str, int] | None = None
        taps = _Taps()
        rows = transit.csv_rows(path, transit.file_encoding(path), ";", on_progress)
        for number, cells in rows:
            if cells is None:
                yield Rejected(number, NOT_CSV)
                continue
            names = _columns(cells)
            if names[:1] == ["Datum"]:
                columns = {name: i for i, name in enumerate(names)}
                missing = [c for c in REQUIRED if c not in columns]
                if missing:
                    yield Rejected(number, "header lacks columns " + ", ".join(missing))
                    return
                continue
            if columns is None:
                yield Rejected(number, "line before the header row")
                continue
            row = {name: cells[i].strip() for name, i in columns.items() if i < len(cells)}
            if any(name not in row for name in REQUIRED):
                yield Rejected(number, f"expected {len(columns)} columns, found {len(cells)}")
                continue
            try:
                found = _record(row, number)
            except ValueError as exc:
                yield Rejected(number, str(exc))
                continue
            if isinstance(found, _Tap):
                taps.add(found)
            else:
                yield found
        yield from taps.trips()
        if taps.paired_rows:
            # Until the vault's count of rows not stored on their own names these, say it here.
            yield Note(
                f"{taps.paired_rows} check-in and check-out rows paired into "
                f"{taps.paired_rows // 2} trips"
            )


@dataclass
class _Tap:
    """One ``Check-in`` or ``Check-uit`` row, waiting for its other half."""

    line: int
    card: CardId
    check_out: bool
    at: int  # the instant of this tap
    started: int | None  # a check-out row's own check-in time, when it gives one
    departure: str
    destination: str
    amount: int | None
    mode: str

    def trip(self, start: _Tap | None = None) -> Trip:
        notes = []
        started = start.at if start is not None else self.started if self.check_out else self.at
        ended = self.at if self.check_out else None
        if ended is None:
            notes.append("no check-out")
        if started is None:
            notes.append("no check-in")
        return Trip(
            card=self.card,
            started_at=started,
            ended_at=ended,
            mode=self.mode if start is None or self.mode != "unknown" else start.mode,
            line="",
            origin=self.departure or (start.departure if start is not None else ""),
            destination=self.destination,
            fare_cents=abs(self.amount) if self.amount is not None else None,
            currency=CURRENCY,
            note="; ".join(notes),
        )


class _Taps:
    """The check-in and check-out rows of a file, paired into trips once all are read."""

    def __init__(self) -> None:
        self.taps: list[_Tap] = []
        self.paired_rows = 0

    def add(self, tap: _Tap) -> None:
        self.taps.append(tap)

    def trips(self) -> Iterator[Trip]:
        ordered = sorted(self.taps, key=lambda t: (t.at, not t.check_out, t.line))
        waiting: list[_Tap] = []  # check-ins not yet paired, oldest first
        for tap in ordered:
            if not tap.check_out:
                waiting.append(tap)
                continue
            start = self._match(tap, waiting)
            if start is not None:
                waiting.remove(start)
                self.paired_rows += 2
            yield tap.trip(start)
        for left in waiting:
            yield left.trip()

    @staticmethod
    def _match(out: _Tap, waiting: list[_Tap]) -> _Tap | None:
        """The check-in this check-out closes: the latest one of the card before it, from the
        same stop, at the check-in time the check-out row gives when it gives one (else, or
        when none has that time, e.g. a row dated on the day after midnight, the latest)."""
        usable = [
            c
            for c in waiting
            if c.card == out.card
            and 0 <= out.at - c.at <= MAX_JOURNEY
            and not (out.departure and c.departure and out.departure != c.departure)
        ]
        exact = [c for c in usable if out.started is not None and c.at == out.started]
        found = exact or usable
        return found[-1] if found else None


def _record(row: dict[str, str], line: int) -> Item | _Tap:
    day = transit.day_month_year(row["Datum"])
    check_in, check_out = transit.clock(row["Check-in"]), transit.clock(row["Check-uit"])
    amount = transit.money_cents(row["Bedrag"])
    card = CardId("".join(row.get("Kaartnummer", "").split()) or DEFAULT_CARD)
    kind = row["Transactie"].lower()
    departure, destination = row["Vertrek"], row["Bestemming"]
    mode = "rail" if row.get("Klasse", "") in ("1", "2") else "unknown"
    money_kind = _money_kind(kind)
    if money_kind is not None:
        return _movement(card, day, check_in or check_out, money_kind, amount, row["Transactie"])
    if kind.strip() in CHECK_IN + CHECK_OUT:
        return _tap(line, card, kind.strip() in CHECK_OUT, day, check_in, check_out, row, mode)
    if not departure and not destination:
        raise ValueError("transaction type not recognised and no stop given")
    started, ended = transit.journey_times(day, check_in, check_out, transit.AMSTERDAM)
    if started is None and ended is None:
        raise ValueError("journey has neither a check-in nor a check-out time")
    notes = []
    if ended is None:
        notes.append("no check-out")
    if started is None:
        notes.append("no check-in")
    return Trip(
        card=card,
        started_at=started,
        ended_at=ended,
        # Only trains sell first and second class; a stop name alone does not tell bus from tram.
        mode=mode,
        line="",
        origin=departure,
        destination=destination,
        fare_cents=abs(amount) if amount is not None else None,
        currency=CURRENCY,
        note="; ".join(notes),
    )


def _tap(
    line: int,
    card: CardId,
    is_out: bool,
    day: date,
    check_in: tuple[int, int] | None,
    check_out: tuple[int, int] | None,
    row: dict[str, str],
    mode: str,
) -> _Tap:
    own = check_out if is_out else check_in
    if own is None:
        raise ValueError(
            "check-out row has no check-out time" if is_out else "check-in row has no check-in time"
        )
    started = None
    if is_out and check_in is not None:
        started, at = transit.journey_times(day, check_in, check_out, transit.AMSTERDAM)
        assert at is not None
    else:
        at = transit.local_instant(day, own, transit.AMSTERDAM)
    amount = transit.money_cents(row["Bedrag"])
    return _Tap(line, card, is_out, at, started, row["Vertrek"], row["Bestemming"], amount, mode)


def _money_kind(kind: str) -> str | None:
    for words, name in ((_TOPUP, "topup"), (_REFUND, "refund"), (_PURCHASE, "purchase")):
        if any(word in kind for word in words):
            return name
    return None


def _movement(
    card: CardId,
    day: date,
    at: tuple[int, int] | None,
    kind: str,
    amount: int | None,
    label: str,
) -> MoneyMovement:
    if amount is None:
        if kind != "purchase":
            raise ValueError("balance change has no amount")
        amount = 0  # a product loaded on the card, paid for elsewhere
    instant = transit.local_instant(day, at or (0, 0), transit.AMSTERDAM)
    signed = -abs(amount) if kind == "purchase" else abs(amount)
    return MoneyMovement(card, instant, kind, signed, CURRENCY, label)


IMPORTER = OvChipkaart()
