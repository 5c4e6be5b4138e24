"""What can be asked for: one Table Schema per dataset and granularity.

These definitions are the single source; ``resources/schemas/table-<dataset>-<granularity>.json``
are written from them (``python -m wallet.sharing.tables``) and a test keeps the two in step.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any

from wallet.sharing.resources import SCHEMAS

DATASETS = (
    "electricity",
    "gas",
    "water",
    "mobility",
    "transit_payments",
    "benefits",
    "rights",
)
# Finest first: "finer than asked" means a smaller index.
GRANULARITIES = ("raw", "hour", "day", "week", "month")
IDENTIFIERS = {"meter_id", "card_id", "account_id"}
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = False

    @property
    def is_identifier(self) -> bool:
        return self.name in IDENTIFIERS

    def as_table_field(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": self.description,
        }
        if self.required:
            found["constraints"] = {"required": True}
        return found


_START = Field("period_start", "datetime", "Start of the period (local time, with offset).", True)
_END = Field("period_end", "datetime", "End of the period, exclusive.", True)
_MEASURE = {
    "electricity": Field("energy_kwh", "number", "Energy used in the period, in kWh."),
    "gas": Field("energy_kwh", "number", "Energy used in the period, in kWh."),
    "water": Field("volume_l", "number", "Water used in the period, in litres."),
}
_METER = Field(
    "meter_id", "string", "The meter number, or a pseudonym stable for this service only."
)

_ENERGY_RAW = (
    _METER,
    Field("quantity", "string", "consumption, volume, max_power or index:<register>.", True),
    _START,
    _END,
    Field("value", "number", "The value as the provider gave it; empty when missing."),
    Field("unit", "string", "W, kW, Wh, kWh, VA, m3 or L.", True),
)
_MOBILITY_RAW = (
    Field("card_id", "string", "The card number, or a pseudonym stable for this service only."),
    Field("started_at", "datetime", "Tap-in time; empty when missing."),
    Field("ended_at", "datetime", "Tap-out time; empty when missing."),
    Field("mode", "string", "bus, metro, rail, tram, boat, bike, walk, car or unknown.", True),
    Field("line", "string", "The line, as the operator names it."),
    Field("origin", "string", "Where the trip started."),
    Field("destination", "string", "Where the trip ended."),
    Field("fare", "number", "The fare paid, in the currency given; empty when unknown."),
    Field("currency", "string", "ISO 4217 currency of the fare.", True),
)
_MOBILITY_AGGREGATE = (
    _START,
    _END,
    Field("trips", "integer", "Number of trips in the period paid in this currency.", True),
    Field("fares", "number", "Sum of those trips' fares, in this row's currency.", True),
    Field("currency", "string", "ISO 4217 currency: one row per currency, never a sum across."),
)
_CARD = Field("card_id", "string", "The card number, or a pseudonym stable for this service only.")
_TRANSIT_PAYMENTS_RAW = (
    _CARD,
    Field("at", "datetime", "When the money moved (local time, with offset).", True),
    Field("kind", "string", "topup, refund, purchase or other.", True),
    Field(
        "amount", "number", "Positive: money onto the card or back to you; negative: spent.", True
    ),
    Field("currency", "string", "ISO 4217 currency of the amount.", True),
    Field("label", "string", "The operator's wording of the movement."),
)
_TRANSIT_PAYMENTS_AGGREGATE = (
    _START,
    _END,
    Field("topped_up", "number", "Money put on transit cards in the period.", True),
    Field("refunded", "number", "Money refunded in the period.", True),
    Field("products", "number", "Money spent on products loaded on the card (negative).", True),
    Field("currency", "string", "ISO 4217 currency: one row per currency, never a sum across."),
)
_BENEFITS_RAW = (
    Field("account_id", "string", "The benefit account, or a pseudonym for this service only."),
    Field("payer", "string", "The body that paid (CAF, France Travail, ...).", True),
    Field("benefit", "string", "The benefit paid.", True),
    Field("paid_on", "date", "The payment date.", True),
    Field("period_start", "date", "First day of the period the payment covers, when known."),
    Field("period_end", "date", "Last day of the period the payment covers, when known."),
    Field("amount", "number", "The amount paid.", True),
    Field("currency", "string", "ISO 4217 currency of the amount.", True),
)
_BENEFITS_AGGREGATE = (
    _START,
    _END,
    Field("amount_eur", "number", "Sum of the benefits received in the period, in euros.", True),
)


_RIGHTS_MONTH = (
    _START,
    _END,
    Field(
        "benefit",
        "string",
        "The benefit (rsa, ppa, aides_logement, af, cf, asf, aah, aspa, css).",
        True,
    ),
    Field(
        "estimate_eur",
        "number",
        "The estimated entitlement for the month, in euros (CSS: its monthly participation).",
        True,
    ),
    Field(
        "paid_eur",
        "number",
        "What the wallet saw paid for the month, in euros; empty when it cannot tell.",
    ),
    Field("difference_eur", "number", "Estimate less paid, in euros; empty when unknown."),
    Field("model_version", "string", "The OpenFisca-France version that made the estimate.", True),
    Field("legislation_date", "date", "The newest benefit rule the model knows.", True),
)


def granularities(dataset: str) -> tuple[str, ...]:
    """The granularities a dataset is published at: rights estimates exist per month only."""
    return ("month",) if dataset == "rights" else GRANULARITIES


def fields(dataset: str, granularity: str) -> tuple[Field, ...]:
    """The fields that can be asked for at that granularity, in column order."""
    if dataset in _MEASURE:
        if granularity == "raw":
            return _ENERGY_RAW
        return (_START, _END, _METER, _MEASURE[dataset])
    if dataset == "mobility":
        return _MOBILITY_RAW if granularity == "raw" else _MOBILITY_AGGREGATE
    if dataset == "transit_payments":
        return _TRANSIT_PAYMENTS_RAW if granularity == "raw" else _TRANSIT_PAYMENTS_AGGREGATE
    if dataset == "benefits":
        return _BENEFITS_RAW if granularity == "raw" else _BENEFITS_AGGREGATE
    if dataset == "rights":
        return _RIGHTS_MONTH if granularity == "month" else ()
    raise KeyError(dataset)


def field_names(dataset: str, granularity: str) -> list[str]:
    return [f.name for f in fields(dataset, granularity)]


def all_field_names(dataset: str) -> set[str]:
    return {name for g in GRANULARITIES for name in field_names(dataset, g)}


def table_schema(dataset: str, granularity: str, chosen: list[str] | None = None) -> dict[str, Any]:
    """The Table Schema, restricted to ``chosen`` fields when given (in published order)."""
    kept = [f for f in fields(dataset, granularity) if chosen is None or f.name in chosen]
    return {
        "$schema": TABLE_SCHEMA_PROFILE,
        "fields": [f.as_table_field() for f in kept],
        "missingValues": [""],
    }


def resource_name(dataset: str, granularity: str) -> str:
    return f"{dataset}-{granularity}"


def published_file(dataset: str, granularity: str) -> str:
    return f"table-{resource_name(dataset, granularity)}.json"


def write_published() -> None:
    """Write every published Table Schema into resources/schemas/."""
    for dataset in DATASETS:
        for granularity in granularities(dataset):
            schema = table_schema(dataset, granularity)
            schema["title"] = f"{dataset}, {granularity}"
            text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
            (SCHEMAS / published_file(dataset, granularity)).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_published()
    sys.stdout.write(f"Table Schemas written to {SCHEMAS}\n")
