"""What the wallet holds, and the rows of a dataset for export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from importers.selfdata_csv import (
    BENEFITS_HEADER,
    ENERGY_HEADER,
    MOBILITY_HEADER,
    TRANSIT_PAYMENTS_HEADER,
)
from wallet import db
from wallet.errors import InvalidInput
from wallet.timebuckets import iso_local, local_midnight

DATASETS = ("electricity", "gas", "water", "mobility", "transit_payments", "benefits")


@dataclass(frozen=True)
class DatasetSummary:
    dataset: str
    entity: str  # meter, card or account identifier
    label: str
    first: str | None
    last: str | None
    rows: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def check_dataset(name: str) -> str:
    if name not in DATASETS:
        raise InvalidInput(f"Unknown dataset '{name}'. Use one of {', '.join(DATASETS)}.")
    return name


def datasets(conn: db.Connection, tz: ZoneInfo) -> list[DatasetSummary]:
    result: list[DatasetSummary] = []
    per_entity: dict[int, list[int]] = {}
    for entity_id, first, last, rows in _channel_spans(conn):
        span = per_entity.setdefault(entity_id, [first, last, 0])
        span[0], span[1], span[2] = min(span[0], first), max(span[1], last), span[2] + rows
    entities = conn.execute(
        "SELECT id, dataset, identifier, label FROM entities ORDER BY dataset, identifier"
    )
    for entity_id, dataset, ident, label in entities:
        if entity_id in per_entity:
            first, last, rows = per_entity[entity_id]
            result.append(
                DatasetSummary(
                    dataset, ident, label, iso_local(first, tz), iso_local(last, tz), rows
                )
            )
    trips = conn.execute(
        "SELECT e.identifier, e.label, min(t.at_utc), max(t.at_utc), count(*) "
        "FROM trips t JOIN entities e ON e.id = t.entity_id GROUP BY e.id ORDER BY e.identifier"
    )
    for ident, label, first, last, rows in trips:
        result.append(
            DatasetSummary(
                "mobility", ident, label, iso_local(first, tz), iso_local(last, tz), rows
            )
        )
    movements = conn.execute(
        "SELECT e.identifier, e.label, min(m.at_utc), max(m.at_utc), count(*) "
        "FROM money_movements m JOIN entities e ON e.id = m.entity_id GROUP BY e.id "
        "ORDER BY e.identifier"
    )
    for ident, label, first, last, rows in movements:
        result.append(
            DatasetSummary(
                "transit_payments", ident, label, iso_local(first, tz), iso_local(last, tz), rows
            )
        )
    payments = conn.execute(
        "SELECT e.identifier, e.label, min(p.paid_on), max(p.paid_on), count(*) "
        "FROM payments p JOIN entities e ON e.id = p.entity_id GROUP BY e.id "
        "ORDER BY e.identifier"
    )
    for ident, label, first, last, rows in payments:
        result.append(DatasetSummary("benefits", ident, label, first, last, rows))
    return result


def _channel_spans(conn: db.Connection) -> list[tuple[int, int, int, int]]:
    """(entity, first start, last end, rows) per channel that has readings.

    Read straight from energy_values, whose primary key keeps each channel's rows together
    and in time order: one pass, no join and no sort over the readings.
    """
    owners = dict(conn.execute("SELECT id, entity_id FROM channels").fetchall())
    return [
        (owners[channel], first, last, rows)
        for channel, first, last, rows in conn.execute(
            "SELECT channel_id, min(start_utc), max(end_utc), count(*) FROM energy_values "
            "GROUP BY channel_id"
        )
    ]


def counts(conn: db.Connection) -> dict[str, int]:
    """Rows per dataset (stations and benefit letters counted apart)."""
    found = dict.fromkeys(DATASETS, 0)
    # One count per channel over the primary key: no join or sort over the readings.
    for dataset, rows in conn.execute(
        "SELECT e.dataset, (SELECT count(*) FROM energy_values v WHERE v.channel_id = c.id) "
        "FROM channels c JOIN entities e ON e.id = c.entity_id"
    ):
        found[dataset] += rows
    found["mobility"] = conn.execute("SELECT count(*) FROM trips").fetchone()[0]
    found["benefits"] = conn.execute("SELECT count(*) FROM payments").fetchone()[0]
    found["transit_payments"] = conn.execute("SELECT count(*) FROM money_movements").fetchone()[0]
    found["stations"] = conn.execute("SELECT count(*) FROM stations").fetchone()[0]
    found["benefit_documents"] = conn.execute("SELECT count(*) FROM benefit_documents").fetchone()[
        0
    ]
    return found


def _window(first: date | None, last: date | None, tz: ZoneInfo) -> tuple[int, int]:
    lo = local_midnight(first, tz) if first else -(2**62)
    hi = local_midnight(last + timedelta(days=1), tz) if last else 2**62
    return lo, hi


def export_header(dataset: str) -> list[str]:
    if dataset == "mobility":
        return MOBILITY_HEADER
    if dataset == "transit_payments":
        return TRANSIT_PAYMENTS_HEADER
    if dataset == "benefits":
        return BENEFITS_HEADER
    return ENERGY_HEADER


def export_rows(
    conn: db.Connection, dataset: str, first: date | None, last: date | None, tz: ZoneInfo
) -> Iterator[list[Any]]:
    """Rows in the wallet's own CSV layout (see importers/selfdata_csv.py), oldest first."""
    check_dataset(dataset)
    lo, hi = _window(first, last, tz)
    if dataset == "mobility":
        for row in conn.execute(
            "SELECT e.identifier, t.started_utc, t.ended_utc, t.mode, t.line, t.origin, "
            "t.destination, t.fare_cents, t.currency FROM trips t JOIN entities e "
            "ON e.id = t.entity_id WHERE t.at_utc >= ? AND t.at_utc < ? ORDER BY t.at_utc",
            (lo, hi),
        ):
            card, started, ended, mode, line, origin, dest, fare, currency = row
            yield [
                card,
                iso_local(started, tz) if started is not None else "",
                iso_local(ended, tz) if ended is not None else "",
                mode,
                line,
                origin,
                dest,
                f"{fare / 100:.2f}" if fare is not None else "",
                currency,
            ]
        return
    if dataset == "transit_payments":
        for card, at, kind, cents, currency, label in conn.execute(
            "SELECT e.identifier, m.at_utc, m.kind, m.amount_cents, m.currency, m.label "
            "FROM money_movements m JOIN entities e ON e.id = m.entity_id "
            "WHERE m.at_utc >= ? AND m.at_utc < ? ORDER BY m.at_utc, m.id",
            (lo, hi),
        ):
            yield [card, iso_local(at, tz), kind, f"{cents / 100:.2f}", currency, label]
        return
    if dataset == "benefits":
        first_day = first.isoformat() if first else "0000-01-01"
        last_day = last.isoformat() if last else "9999-12-31"
        for row in conn.execute(
            "SELECT e.identifier, p.payer, p.benefit, p.paid_on, p.period_start, p.period_end, "
            "p.amount_cents, p.currency FROM payments p JOIN entities e ON e.id = p.entity_id "
            "WHERE p.paid_on >= ? AND p.paid_on <= ? ORDER BY p.paid_on, p.id",
            (first_day, last_day),
        ):
            account, payer, benefit, paid_on, p_start, p_end, cents, currency = row
            yield [
                account,
                payer,
                benefit,
                paid_on,
                p_start or "",
                p_end or "",
                f"{cents / 100:.2f}",
                currency,
            ]
        return
    for row in conn.execute(
        "SELECT e.identifier, r.quantity, r.start_utc, r.end_utc, r.value, r.unit "
        "FROM energy_readings r JOIN entities e ON e.id = r.entity_id "
        "WHERE e.dataset = ? AND r.start_utc >= ? AND r.start_utc < ? "
        "ORDER BY r.start_utc, e.identifier, r.quantity",
        (dataset, lo, hi),
    ):
        meter, quantity, start, end, value, unit = row
        yield [
            dataset,
            meter,
            quantity,
            iso_local(start, tz),
            iso_local(end, tz),
            "" if value is None else repr(value) if value != int(value) else str(int(value)),
            unit,
        ]


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Any) -> Any:
    """Keep spreadsheets from running a text cell as a formula; numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        try:
            float(cell)
            return cell  # a negative number written as text is still a number
        except ValueError:
            return "'" + cell
    return cell


def write_csv(out: TextIO, header: list[str], rows: Iterator[list[Any]]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    # csv quotes a field holding the line terminator but not a lone CR, which a reader then
    # takes for a line end: a row with one is written with every text field quoted.
    quoting = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(header)
    count = 0
    for row in rows:
        cells = [neutralise(cell) for cell in row]
        has_cr = any(isinstance(cell, str) and "\r" in cell for cell in cells)
        (quoting if has_cr else writer).writerow(cells)
        count += 1
    return count


def write_json(out: TextIO, header: list[str], rows: Iterator[list[Any]]) -> int:
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False))
        count += 1
    out.write("\n]\n")
    return count


def to_csv_text(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    write_csv(buffer, header, iter(rows))
    return buffer.getvalue()
