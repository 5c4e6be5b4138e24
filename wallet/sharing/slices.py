"""A slice: dataset(s), period, fields and granularity, and the exact rows it yields.

Aggregates come from ``wallet.series`` and raw rows from ``wallet.queries``; this module only
picks, renames and (when asked) pseudonymises columns. A period is shrunk to whole buckets
of its granularity, so no bucket reaches outside what the person chose.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from wallet import db, queries, series
from wallet.errors import InvalidInput
from wallet.sharing import tables
from wallet.sharing.descriptor import Descriptor, Request
from wallet.sharing.durations import parse_duration
from wallet.sharing.keys import Pseudonyms
from wallet.timebuckets import edges, iso_local, local_midnight, next_bucket

DEFAULT_LOOKBACK = "P12M"


@dataclass(frozen=True)
class SlicePart:
    dataset: str
    granularity: str
    fields: tuple[str, ...]
    first: date
    last: date  # inclusive

    @property
    def resource(self) -> str:
        return tables.resource_name(self.dataset, self.granularity)

    def as_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "fields": list(self.fields),
            "granularity": self.granularity,
            "period": {"start": self.first.isoformat(), "end": self.last.isoformat()},
        }


@dataclass(frozen=True)
class Slice:
    parts: tuple[SlicePart, ...]
    pseudonymise: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"parts": [p.as_json() for p in self.parts], "pseudonymise": self.pseudonymise}

    @property
    def identifiers(self) -> list[str]:
        return sorted({f for p in self.parts for f in p.fields if f in tables.IDENTIFIERS})


@dataclass
class Table:
    part: SlicePart
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


def align(first: date, last: date, granularity: str) -> tuple[date, date]:
    """The largest run of whole buckets inside [first, last]; InvalidInput when none fits."""
    if last < first:
        raise InvalidInput("The end date is before the start date.")
    if granularity in ("week", "month"):
        start = first
        if granularity == "week" and start.weekday() != 0:
            start += timedelta(days=7 - start.weekday())
        if granularity == "month" and start.day != 1:
            start = next_bucket(start.replace(day=1), "month")
        end = start
        while next_bucket(end, granularity) - timedelta(days=1) <= last:
            end = next_bucket(end, granularity)
        if end == start:
            raise InvalidInput(
                f"The period holds no whole {granularity}. Choose a longer period or a finer "
                "granularity."
            )
        return start, end - timedelta(days=1)
    return first, last


def default_period(request: Request, today: date) -> tuple[date, date]:
    lookback = request.default_lookback or parse_duration(DEFAULT_LOOKBACK)
    last = today - timedelta(days=1)
    return lookback.before(today), last


def suggest(descriptor: Descriptor, today: date, datasets: list[str] | None = None) -> Slice:
    """The least the service needs: coarsest allowed granularity, required fields, no ids."""
    parts = []
    for request in descriptor.requests:
        if datasets is not None and request.dataset not in datasets:
            continue
        granularity = request.coarsest
        available = tables.field_names(request.dataset, granularity)
        wanted = [f for f in request.required_fields if f in available]
        if not wanted:
            wanted = [f for f in request.fields if f in available and f not in tables.IDENTIFIERS]
        first, last = default_period(request, today)
        with contextlib.suppress(InvalidInput):  # left as is; the preview explains why
            first, last = align(first, last, granularity)
        ordered = tuple(f for f in available if f in wanted)
        parts.append(SlicePart(request.dataset, granularity, ordered, first, last))
    if not parts:
        raise InvalidInput("The service asks for none of the chosen datasets.")
    identifiers = any(f in tables.IDENTIFIERS for p in parts for f in p.fields)
    return Slice(tuple(parts), pseudonymise=identifiers)


def allowed_text(request: Request) -> str:
    """What a request allows, in a sentence: granularities and how far back."""
    text = f"{request.dataset} at {' or '.join(request.allowed)} granularity"
    if request.max_lookback is not None:
        text += f", at most {request.raw['period']['max_lookback']} back"
    return text


def earliest_start(request: Request, today: date) -> date | None:
    """The first day a slice for ``request`` may start on; None when the service sets no limit."""
    return request.max_lookback.before(today) if request.max_lookback is not None else None


def check_within(descriptor: Descriptor, request: Request, part: SlicePart, today: date) -> None:
    """Refuse a part the service's descriptor does not allow (the consent asked is the limit)."""
    name = descriptor.name()
    if part.granularity not in request.allowed:
        raise InvalidInput(
            f"{name} does not ask for {part.dataset} at {part.granularity} granularity; the "
            f"service allows {allowed_text(request)}. Nothing was shared."
        )
    earliest = earliest_start(request, today)
    if earliest is not None and part.first < earliest:
        raise InvalidInput(
            f"{name} asks for {part.dataset} from {earliest.isoformat()} at the earliest "
            f"({request.raw['period']['max_lookback']} back); the chosen period starts on "
            f"{part.first.isoformat()}. The service allows {allowed_text(request)}. "
            "Nothing was shared."
        )


def normalise(descriptor: Descriptor, chosen: Slice, today: date) -> Slice:
    """Refuse what the service did not ask for; order fields; shrink periods to whole buckets."""
    parts = []
    seen: set[str] = set()
    for part in chosen.parts:
        request = descriptor.request_for(part.dataset)
        if request is None:
            raise InvalidInput(f"The service does not ask for {part.dataset} data.")
        if part.dataset in seen:
            raise InvalidInput(f"{part.dataset} is chosen twice.")
        seen.add(part.dataset)
        if part.granularity not in tables.GRANULARITIES:
            raise InvalidInput(
                f"Unknown granularity. Use one of {', '.join(tables.GRANULARITIES)}."
            )
        available = tables.field_names(part.dataset, part.granularity)
        not_asked = [f for f in part.fields if f not in request.fields]
        if not_asked:
            raise InvalidInput(
                f"The service did not ask for {', '.join(not_asked)}; the wallet shares only "
                "what a service asks for."
            )
        missing = [f for f in part.fields if f not in available]
        if missing:
            raise InvalidInput(
                f"{', '.join(missing)} cannot be shared at {part.granularity} granularity for "
                f"{part.dataset}."
            )
        if not part.fields:
            raise InvalidInput(f"Choose at least one field of {part.dataset} to share.")
        check_within(descriptor, request, part, today)
        first, last = align(part.first, part.last, part.granularity)
        ordered = tuple(f for f in available if f in part.fields)
        parts.append(replace(part, fields=ordered, first=first, last=last))
    if not parts:
        raise InvalidInput("Choose at least one dataset to share.")
    return Slice(tuple(parts), chosen.pseudonymise)


def warnings(descriptor: Descriptor, chosen: Slice, language: str = "en") -> list[str]:
    """What the person should know before sending (the slice is already normalised)."""
    found = []
    name = descriptor.name(language)
    for part in chosen.parts:
        request = descriptor.request_for(part.dataset)
        assert request is not None
        absent = [f for f in request.required_fields if f not in part.fields]
        if absent:
            found.append(
                f"{part.dataset}: {name} says it needs {', '.join(absent)}; without it the "
                "service may not work."
            )
    if chosen.identifiers and not chosen.pseudonymise:
        found.append(
            "Identifiers (" + ", ".join(chosen.identifiers) + ") will leave as they are. "
            "Choose pseudonyms to send a code that only this service sees instead."
        )
    return found


def build_table(
    conn: db.Connection, tz: ZoneInfo, part: SlicePart, pseudonyms: Pseudonyms | None
) -> Table:
    """The exact rows of one part, as CSV cells, in the consented columns only."""
    table = Table(part, list(part.fields))
    if part.dataset == "rights":
        full = _rights_rows(conn, tz, part)
    elif part.granularity == "raw":
        full = _raw_rows(conn, tz, part)
    else:
        full = _aggregate_rows(conn, tz, part, "meter_id" in part.fields)
    for row in full:
        for ident in tables.IDENTIFIERS & row.keys():
            if pseudonyms is not None and row[ident]:
                row[ident] = pseudonyms.identifier(part.dataset, row[ident])
        table.rows.append([row[name] for name in part.fields])
    return table


def _number(value: float) -> str:
    rounded = round(value, 6)
    return str(int(rounded)) if rounded == int(rounded) else repr(rounded)


def _aggregate_rows(
    conn: db.Connection, tz: ZoneInfo, part: SlicePart, per_meter: bool
) -> list[dict[str, str]]:
    if part.dataset in ("mobility", "transit_payments"):
        return _money_rows(conn, tz, part)
    measure = tables.fields(part.dataset, part.granularity)[-1].name
    groups: list[tuple[str, list[int] | None]] = [("", None)]
    if per_meter:
        groups = [
            (str(ident), [int(eid)])
            for eid, ident in conn.execute(
                "SELECT id, identifier FROM entities WHERE dataset = ? ORDER BY identifier",
                (part.dataset,),
            )
        ]
    rows: list[dict[str, str]] = []
    for ident, ids in groups:
        buckets = series.series(
            conn, part.dataset, part.granularity, part.first, part.last, tz, ids
        )
        for bucket in buckets:
            if bucket.value is None:
                continue  # no data is not zero: leave the period out
            row = {
                "period_start": iso_local(bucket.start, tz),
                "period_end": iso_local(bucket.end, tz),
                "meter_id": ident,
            }
            row[measure] = _number(bucket.value)
            rows.append(row)
    rows.sort(key=lambda r: (r["period_start"], r["meter_id"]))
    return rows


def _money_rows(conn: db.Connection, tz: ZoneInfo, part: SlicePart) -> list[dict[str, str]]:
    """Trips or card payments per period, one row per currency: money is never added across
    currencies. Every currency of the slice has a row in every period (zero when nothing)."""
    bounds = edges(part.first, part.last, part.granularity, tz)
    rows: list[dict[str, str]] = []
    if part.dataset == "mobility":
        trips = series.trips_by_currency(conn, bounds)
        currencies = sorted({c for cells in trips for c in cells})
        for i, cells in enumerate(trips):
            for currency in currencies:
                count, cents = cells.get(currency, [0, 0])
                rows.append(
                    _period_row(bounds, i, tz)
                    | {"trips": str(count), "fares": _number(cents / 100), "currency": currency}
                )
        return rows
    money = series.money_by_kind(conn, bounds)
    currencies = sorted({currency for moved in money for _kind, currency in moved})
    for i, moved in enumerate(money):
        for currency in currencies:
            amounts = {
                name: _number(moved.get((kind, currency), 0) / 100)
                for name, kind in (("topped_up", "topup"), ("refunded", "refund"))
            }
            products = moved.get(("purchase", currency), 0) + moved.get(("other", currency), 0)
            rows.append(
                _period_row(bounds, i, tz)
                | amounts
                | {"products": _number(products / 100), "currency": currency}
            )
    return rows


def _period_row(bounds: list[int], index: int, tz: ZoneInfo) -> dict[str, str]:
    return {
        "period_start": iso_local(bounds[index], tz),
        "period_end": iso_local(bounds[index + 1], tz),
    }


def _rights_rows(conn: db.Connection, tz: ZoneInfo, part: SlicePart) -> list[dict[str, str]]:
    """The rights estimates kept in the wallet for the whole months of the period."""
    from wallet.rights.store import stored_estimates  # only a rights share needs it

    rows = []
    first, last = part.first.strftime("%Y-%m"), part.last.strftime("%Y-%m")
    for found in stored_estimates(conn, first, last):
        if len(found.month) != 7:
            continue  # a yearly figure (chèque énergie) is not a month's
        start = date.fromisoformat(found.month + "-01")
        rows.append(
            {
                "period_start": iso_local(local_midnight(start, tz), tz),
                "period_end": iso_local(local_midnight(next_bucket(start, "month"), tz), tz),
                "benefit": found.benefit,
                "estimate_eur": _number(found.estimate_cents / 100),
                "paid_eur": "" if found.paid_cents is None else _number(found.paid_cents / 100),
                "difference_eur": ""
                if found.paid_cents is None
                else _number((found.estimate_cents - found.paid_cents) / 100),
                "model_version": found.model_version,
                "legislation_date": found.legislation_date,
            }
        )
    return rows


def _raw_rows(conn: db.Connection, tz: ZoneInfo, part: SlicePart) -> list[dict[str, str]]:
    names = {
        dataset: tables.field_names(dataset, "raw")
        for dataset in ("mobility", "transit_payments", "benefits")
    }
    rows = []
    for cells in queries.export_rows(conn, part.dataset, part.first, part.last, tz):
        if part.dataset in names:
            rows.append(dict(zip(names[part.dataset], (str(c) for c in cells), strict=True)))
        else:
            _dataset, meter, quantity, start, end, value, unit = cells
            rows.append(
                {
                    "meter_id": str(meter),
                    "quantity": str(quantity),
                    "period_start": str(start),
                    "period_end": str(end),
                    "value": str(value),
                    "unit": str(unit),
                }
            )
    return rows


def for_request(
    request: Request,
    today: date,
    *,
    granularity: str | None = None,
    fields: list[str] | None = None,
    first: date | None = None,
    last: date | None = None,
) -> SlicePart:
    """One part built from the person's choices, the rest filled with the least needed."""
    chosen = granularity or request.coarsest
    if chosen not in tables.GRANULARITIES:
        raise InvalidInput(f"Unknown granularity. Use one of {', '.join(tables.GRANULARITIES)}.")
    available = tables.field_names(request.dataset, chosen)
    if fields is None:
        fields = [f for f in request.required_fields if f in available] or [
            f for f in request.fields if f in available and f not in tables.IDENTIFIERS
        ]
    start, end = default_period(request, today)
    return SlicePart(request.dataset, chosen, tuple(fields), first or start, last or end)
