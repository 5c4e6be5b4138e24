"""Writing one batch: rows buffered per table and written with ``executemany``.

``wallet.importing`` owns the transaction and the stream of records; this writer turns each
record into its table's row, finds or makes the meter, card or account it belongs to, and
keeps the counts of the batch (added, already present) as it goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from importers.base import (
    BenefitDocument,
    Importer,
    MoneyMovement,
    Payment,
    Record,
    Rejected,
    Station,
    TaxNotice,
    Trip,
)
from importers.blocks import EnergyBlock
from wallet import db


@dataclass
class ImportResult:
    file_name: str
    importer: str
    importer_label: str
    batch_id: int | None = None
    added: int = 0
    present: int = 0
    rejected_count: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    datasets: set[str] = field(default_factory=set)
    sha256: str = ""  # of the file, once the batch is written

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected_count else 0

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "importer": self.importer,
            "batch": self.batch_id,
            "added": self.added,
            "already_present": self.present,
            "rejected": self.rejected_count,
            "rejected_lines": [{"line": r.line, "reason": r.reason} for r in self.rejected],
            "datasets": sorted(self.datasets),
        }


INSERTS = {
    "energy": "INSERT OR IGNORE INTO energy_values "
    "(channel_id, start_utc, end_utc, value, unit, batch_id) VALUES (?,?,?,?,?,?)",
    "trips": "INSERT OR IGNORE INTO trips (entity_id, at_utc, started_utc, ended_utc, mode, line, "
    "origin, destination, fare_cents, currency, distance_m, note, batch_id) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "money": "INSERT OR IGNORE INTO money_movements "
    "(entity_id, at_utc, kind, amount_cents, currency, label, batch_id) VALUES (?,?,?,?,?,?,?)",
    "payments": "INSERT OR IGNORE INTO payments (entity_id, payer, benefit, paid_on, period_start, "
    "period_end, amount_cents, currency, batch_id) VALUES (?,?,?,?,?,?,?,?,?)",
    "documents": "INSERT OR IGNORE INTO benefit_documents (entity_id, issuer, kind, issued_on, "
    "document_id, batch_id) VALUES (?,?,?,?,?,?)",
    "tax_notices": "INSERT OR IGNORE INTO tax_notices (income_year, reference_income_cents, "
    "parts_hundredths, batch_id) VALUES (?,?,?,?)",
    "stations": "INSERT OR IGNORE INTO stations (network, stop_id, name, lat, lon, location_type, "
    "parent_station, batch_id) VALUES (?,?,?,?,?,?,?,?)",
}


class BatchWriter:
    """Buffers rows per table and writes them with executemany inside the open transaction."""

    def __init__(
        self, conn: db.Connection, result: ImportResult, account: str | None = None
    ) -> None:
        self.conn = conn
        self.result = result
        self.account = account
        self.batch_id = 0
        self.entities: dict[tuple[str, str], int] = {}
        self.channels: dict[tuple[str, str, str], int] = {}
        self.buffers: dict[str, list[tuple[Any, ...]]] = {name: [] for name in INSERTS}
        self.pending = 0
        self.records = 0
        self.block_inserts: dict[tuple[int, str], str] = {}

    def start(self, importer: Importer) -> None:
        """The batch row; its digest and counts are filled in by ``finish``."""
        cursor = self.conn.execute(
            "INSERT INTO batches (file_name, sha256, importer, importer_version, source_tz, "
            "imported_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                self.result.file_name,
                "",
                importer.name,
                importer.version,
                importer.source_tz,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        self.batch_id = int(cursor.lastrowid or 0)
        self.result.batch_id = self.batch_id

    def entity(self, dataset: str, identifier: str) -> int:
        key = (dataset, self.account or identifier)
        found = self.entities.get(key)
        if found is None:
            self.conn.execute(
                "INSERT OR IGNORE INTO entities (dataset, identifier) VALUES (?, ?)", key
            )
            row = self.conn.execute(
                "SELECT id FROM entities WHERE dataset = ? AND identifier = ?", key
            ).fetchone()
            found = self.entities[key] = int(row[0])
            self.result.datasets.add(dataset)
        return found

    def channel(self, dataset: str, meter: str, quantity: str) -> int:
        key = (dataset, meter, quantity)
        found = self.channels.get(key)
        if found is None:
            entity_id = self.entity(dataset, meter)
            self.conn.execute(
                "INSERT OR IGNORE INTO channels (entity_id, quantity) VALUES (?, ?)",
                (entity_id, quantity),
            )
            row = self.conn.execute(
                "SELECT id FROM channels WHERE entity_id = ? AND quantity = ?",
                (entity_id, quantity),
            ).fetchone()
            found = self.channels[key] = int(row[0])
        return found

    def add(self, record: Record) -> None:
        """Every record but energy readings, which import_items buffers itself."""
        batch = self.batch_id
        if isinstance(record, Trip):
            eid = self.entity("mobility", record.card)
            at = record.started_at if record.started_at is not None else record.ended_at
            self.buffers["trips"].append(
                (
                    eid,
                    at,
                    record.started_at,
                    record.ended_at,
                    record.mode,
                    record.line,
                    record.origin,
                    record.destination,
                    record.fare_cents,
                    record.currency,
                    record.distance_m,
                    record.note,
                    batch,
                )
            )
        elif isinstance(record, MoneyMovement):
            eid = self.entity("mobility", record.card)
            self.buffers["money"].append(
                (
                    eid,
                    record.at,
                    record.kind,
                    record.amount_cents,
                    record.currency,
                    record.label,
                    batch,
                )
            )
        elif isinstance(record, Payment):
            eid = self.entity("benefits", record.account)
            self.buffers["payments"].append(
                (
                    eid,
                    record.payer,
                    record.benefit,
                    record.paid_on,
                    record.period_start,
                    record.period_end,
                    record.amount_cents,
                    record.currency,
                    batch,
                )
            )
        elif isinstance(record, BenefitDocument):
            eid = self.entity("benefits", record.account)
            self.buffers["documents"].append(
                (eid, record.issuer, record.kind, record.issued_on, record.document_id, batch)
            )
        elif isinstance(record, TaxNotice):
            self.result.datasets.add("household")
            self.buffers["tax_notices"].append(
                (
                    record.income_year,
                    record.reference_income_cents,
                    record.parts_hundredths,
                    batch,
                )
            )
        elif isinstance(record, Station):
            self.result.datasets.add("stations")
            network = self.account or record.network
            self.buffers["stations"].append((*record._replace(network=network), batch))
        else:
            raise TypeError(f"unknown record type {type(record).__name__}")
        self.pending += 1

    def block(self, block: EnergyBlock) -> None:
        """A block of one channel's readings, written straight from its columns."""
        self.flush()  # what came before it first: with equal keys, the first row wins
        channel = self.channel(block.dataset, block.meter, block.quantity)
        before = self.conn.total_changes
        self.conn.executemany(
            self._block_insert(channel, block.unit),
            zip(block.starts, block.ends, block.values, strict=True),
        )
        added = self.conn.total_changes - before
        self.result.added += added
        self.result.present += len(block.ends) - added
        self.records += len(block.ends)

    def _block_insert(self, channel: int, unit: str) -> str:
        """The energy insert with the block's constants written in, as SQLite quotes them.

        Binding the same channel, unit and batch again on each of half a million rows is a
        tenth of the insert's time.
        """
        key = (channel, unit)
        found = self.block_inserts.get(key)
        if found is None:
            (literal,) = self.conn.execute("SELECT quote(?)", (unit,)).fetchone()
            found = self.block_inserts[key] = (
                "INSERT OR IGNORE INTO energy_values (channel_id, start_utc, end_utc, value, "
                f"unit, batch_id) VALUES ({int(channel)}, ?, ?, ?, {literal}, {int(self.batch_id)})"
            )
        return found

    def flush(self) -> None:
        for table, rows in self.buffers.items():
            if rows:
                before = self.conn.total_changes
                self.conn.executemany(INSERTS[table], rows)
                added = self.conn.total_changes - before
                self.result.added += added
                self.result.present += len(rows) - added
                self.records += len(rows)
                rows.clear()
        self.pending = 0

    def finish(self, sha: str) -> None:
        self.result.sha256 = sha
        self.conn.execute(
            "UPDATE batches SET sha256 = ?, added = ?, present = ?, rejected = ? WHERE id = ?",
            (
                sha,
                self.result.added,
                self.result.present,
                self.result.rejected_count,
                self.batch_id,
            ),
        )
