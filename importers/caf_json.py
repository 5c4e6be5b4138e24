"""CAF payments list (JSON), as the caf.fr account serves it to the "Mes paiements" page.

``{"paiements": [{"dateEmission": "YYYYMMDD", "dateElaboration": "YYYYMMDD",
"montantPaiement": "312,47"}]}``. The file names neither the benefit nor the person's file
number, so every payment goes to the account ``caf`` with an empty benefit name.

Period: ``dateElaboration`` is the day CAF drew the payment up. CAF files each payment under
the month of that day: its monthly "attestation de paiement" for a month lists the payments
drawn up in it (the attestation URL is built from that month). The regular payment is drawn
up on the last day of the month of entitlement and paid early the next month, so the period
stored is the calendar month of ``dateElaboration``. A catch-up payment (a "rappel") may make
good an earlier month; the file does not say so, and the period stays the attestation month.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from importers.base import (
    Detection,
    FileSample,
    Item,
    Payment,
    ProgressCallback,
    Rejected,
    no_progress,
)
from importers.benefit_terms import CAF_ACCOUNT, month_span
from importers.jsonitems import list_items, load_text, top_level_keys, yyyymmdd
from importers.localtime import parse_cents

FIELDS = ("dateEmission", "dateElaboration", "montantPaiement")


class CafPaymentsJson:
    name = "caf_paiements_json"
    version = "1"
    label = "CAF payments list (JSON)"
    datasets = ("benefits",)
    needs_confirmation = False
    source_tz = "Europe/Paris"

    def detect(self, sample: FileSample) -> Detection:
        text = sample.text or ""
        if '"paiements"' not in text:
            return Detection(0.0)
        if all(f'"{field}"' in text for field in FIELDS):
            return Detection(0.95, "a JSON list 'paiements' with CAF payment fields")
        missing = [field for field in FIELDS if f'"{field}"' not in text]
        return Detection(
            0.0,
            near_miss=f"a list 'paiements' without the fields {', '.join(missing)}",
        )

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        text = load_text(path)
        data, why = top_level_keys(text)
        if data is None:
            yield Rejected(1, f"{why}; download the payments list again")
            return
        items = list(list_items(text, data, "paiements"))
        for done, (line, item) in enumerate(items, start=1):
            try:
                yield payment(item)
            except ValueError as exc:
                yield Rejected(line or done, str(exc))
            on_progress(done, len(items))


def payment(item: Any) -> Payment:
    if not isinstance(item, dict):
        raise ValueError("a payment is not a JSON object")
    paid_on = yyyymmdd(item.get("dateEmission"), "dateEmission")
    period_start = period_end = None
    if item.get("dateElaboration") not in (None, ""):
        drawn_up = date.fromisoformat(yyyymmdd(item["dateElaboration"], "dateElaboration"))
        period_start, period_end = month_span(drawn_up.year, drawn_up.month)
    amount = item.get("montantPaiement")
    if isinstance(amount, int | float) and not isinstance(amount, bool):
        amount = str(amount)
    if not isinstance(amount, str):
        raise ValueError("montantPaiement is missing")
    try:
        cents = parse_cents(amount)
    except ValueError:
        raise ValueError("montantPaiement is not an amount") from None
    return Payment(
        account=CAF_ACCOUNT,
        payer="CAF",
        benefit="",
        paid_on=paid_on,
        period_start=period_start,
        period_end=period_end,
        amount_cents=cents,
    )


IMPORTER = CafPaymentsJson()
