"""The wallet's own CSV format, one layout per domain (documented in README.md).

It is what ``selfdata export DATASET --format csv`` writes, so an export can be imported into
another wallet. Times are ISO 8601 with an offset; money in decimal units with a dot.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from importers.base import (
    AccountId,
    CardId,
    Detection,
    EnergyReading,
    FileSample,
    Item,
    MeterId,
    MoneyMovement,
    Payment,
    ProgressCallback,
    Rejected,
    Trip,
    no_progress,
    open_text,
)

ENERGY_HEADER = ["dataset", "meter", "quantity", "start", "end", "value", "unit"]
MOBILITY_HEADER = [
    "card",
    "started_at",
    "ended_at",
    "mode",
    "line",
    "origin",
    "destination",
    "fare",
    "currency",
]
BENEFITS_HEADER = [
    "account",
    "payer",
    "benefit",
    "paid_on",
    "period_start",
    "period_end",
    "amount",
    "currency",
]
TRANSIT_PAYMENTS_HEADER = ["card", "at", "kind", "amount", "currency", "label"]
HEADERS = {
    "energy": ENERGY_HEADER,
    "mobility": MOBILITY_HEADER,
    "transit payments": TRANSIT_PAYMENTS_HEADER,
    "benefits": BENEFITS_HEADER,
}
MONEY_KINDS = ("topup", "refund", "purchase", "other")


def _header_of(line: str) -> list[str]:
    try:
        return [cell.strip() for cell in next(csv.reader([line]), [])]
    except csv.Error:
        return []


def instant(text: str) -> int:
    """An ISO 8601 time with offset as UTC epoch seconds. Naive times are refused."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        raise ValueError("time without offset")
    return int(moment.timestamp())


def optional_instant(text: str) -> int | None:
    return instant(text) if text.strip() else None


def cents(text: str) -> int:
    try:
        amount = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError("amount is not a number") from None
    return int((amount * 100).to_integral_value())


def iso_date(text: str) -> str:
    return datetime.strptime(text.strip(), "%Y-%m-%d").date().isoformat()


class SelfDataCsv:
    name = "selfdata_csv"
    version = "1"
    label = "Self Data Wallet CSV"
    datasets: tuple[str, ...] = (
        "electricity",
        "gas",
        "water",
        "mobility",
        "transit_payments",
        "benefits",
    )
    needs_confirmation = False
    source_tz = "UTC"  # every time carries its offset

    def detect(self, sample: FileSample) -> Detection:
        header = _header_of(sample.first_nonblank_line())
        for domain, expected in HEADERS.items():
            if header == expected:
                return Detection(1.0, f"Self Data Wallet {domain} CSV header")
            if header[:2] == expected[:2]:
                return Detection(
                    0.0,
                    near_miss=f"expected columns {','.join(expected)}, found {','.join(header)}",
                )
        return Detection(0.0)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        total = path.stat().st_size
        lines = open_text(path, "utf-8-sig")
        header: list[str] | None = None
        done = 0
        for number, line in lines:
            done += len(line) + 1
            if number % 4096 == 0:
                on_progress(min(done, total), total)
            if not line.strip():
                continue
            try:
                cells = next(csv.reader([line]))
            except csv.Error:
                yield Rejected(number, "line is not valid CSV (badly quoted or far too long)")
                continue
            if header is None:
                header = [cell.strip() for cell in cells]
                continue
            if cells == header:
                continue  # a repeated header, e.g. two exports pasted together
            if len(cells) != len(header):
                yield Rejected(number, f"expected {len(header)} columns, found {len(cells)}")
                continue
            try:
                yield self._record(header, cells)
            except (ValueError, KeyError) as exc:
                yield Rejected(number, _reason(exc))
        on_progress(total, total)

    def _record(self, header: list[str], cells: list[str]) -> Item:
        row = dict(zip(header, cells, strict=True))
        if header == ENERGY_HEADER:
            if row["dataset"] not in ("electricity", "gas", "water"):
                raise ValueError("unknown dataset")
            value = row["value"].strip()
            return EnergyReading(
                dataset=row["dataset"],
                meter=MeterId(row["meter"].strip()),
                quantity=row["quantity"].strip(),
                start=instant(row["start"]),
                end=instant(row["end"]),
                value=float(value) if value else None,
                unit=row["unit"].strip(),
            )
        if header == MOBILITY_HEADER:
            started, ended = optional_instant(row["started_at"]), optional_instant(row["ended_at"])
            if started is None and ended is None:
                raise ValueError("a trip needs a start or an end time")
            fare = row["fare"].strip()
            return Trip(
                card=CardId(row["card"].strip()),
                started_at=started,
                ended_at=ended,
                mode=row["mode"].strip() or "unknown",
                line=row["line"].strip(),
                origin=row["origin"].strip(),
                destination=row["destination"].strip(),
                fare_cents=cents(fare) if fare else None,
                currency=row["currency"].strip() or "EUR",
            )
        if header == TRANSIT_PAYMENTS_HEADER:
            kind = row["kind"].strip()
            if kind not in MONEY_KINDS:
                raise ValueError("kind is not topup, refund, purchase or other")
            return MoneyMovement(
                card=CardId(row["card"].strip()),
                at=instant(row["at"]),
                kind=kind,
                amount_cents=cents(row["amount"]),
                currency=row["currency"].strip() or "EUR",
                label=row["label"].strip(),
            )
        period_start, period_end = row["period_start"].strip(), row["period_end"].strip()
        return Payment(
            account=AccountId(row["account"].strip()),
            payer=row["payer"].strip(),
            benefit=row["benefit"].strip(),
            paid_on=iso_date(row["paid_on"]),
            period_start=iso_date(period_start) if period_start else None,
            period_end=iso_date(period_end) if period_end else None,
            amount_cents=cents(row["amount"]),
            currency=row["currency"].strip() or "EUR",
        )


def _reason(exc: Exception) -> str:
    # Messages from fromisoformat/float quote the bad value; keep only their kind.
    text = str(exc)
    if "isoformat" in text or "does not match format" in text:
        return "date or time is not in ISO 8601 form"
    if "could not convert" in text:
        return "value is not a number"
    if "'" in text:
        return "value could not be read"
    return text


IMPORTER = SelfDataCsv()
