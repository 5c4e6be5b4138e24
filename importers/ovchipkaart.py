"""OV-chipkaart travel history CSV (ov-chipkaart.nl, "Reisoverzicht", download as CSV).

Semicolon separated, amounts with a decimal comma (``8,50``), ``dd-mm-yyyy`` days and
Amsterdam wall-clock check-in and check-out times. ``Reis`` rows are journeys, a lone
``Check-in`` is a journey without a check-out (the boarding fare was kept). Balance loads
(``Saldo automatisch opgeladen``, ``Saldo opgeladen``) and refunds are money movements.
The card is the ``Kaartnummer`` column with its spaces removed; the ``Naam`` column (the
holder's name) is never stored. The English export's column names are read too.
"""

from __future__ import annotations

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
_PURCHASE = ("gekocht", "aankoop", "purchase")


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
                yield _record(row)
            except ValueError as exc:
                yield Rejected(number, str(exc))


def _record(row: dict[str, str]) -> Item:
    day = transit.day_month_year(row["Datum"])
    check_in, check_out = transit.clock(row["Check-in"]), transit.clock(row["Check-uit"])
    amount = transit.money_cents(row["Bedrag"])
    card = CardId("".join(row.get("Kaartnummer", "").split()) or DEFAULT_CARD)
    kind = row["Transactie"].lower()
    departure, destination = row["Vertrek"], row["Bestemming"]
    money_kind = _money_kind(kind)
    if money_kind is not None:
        return _movement(card, day, check_in or check_out, money_kind, amount, row["Transactie"])
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
        mode="rail" if row.get("Klasse", "") in ("1", "2") else "unknown",
        line="",
        origin=departure,
        destination=destination,
        fare_cents=abs(amount) if amount is not None else None,
        currency=CURRENCY,
        note="; ".join(notes),
    )


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
        raise ValueError("balance change has no amount")
    instant = transit.local_instant(day, at or (0, 0), transit.AMSTERDAM)
    signed = -abs(amount) if kind == "purchase" else abs(amount)
    return MoneyMovement(card, instant, kind, signed, CURRENCY, label)


IMPORTER = OvChipkaart()
