"""Writing one batch: rows buffered per table and written with ``executemany``.

``wallet.importing`` owns the transaction and the stream of records; this writer turns each
record into its table's row, finds or makes the meter, card or account it belongs to, and
keeps the counts of the batch (added, already present, corrected, filled) as it goes.

Provider corrections: an energy reading whose natural key is already stored with another
value (or with none) takes the new value, and a trigger keeps the earlier one in
``energy_revisions`` with its batch (see ``wallet.batches.undo``). A first import never meets
a stored reading, so it runs the plain insert; the comparing insert and its trigger start with
the first reading found stored already. A later file that says the
value is missing never erases a stored value, and within one file the first row of a key wins.
Other records keep the first value stored (their natural keys include what a provider would
correct, such as a payment's amount).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from importers.base import (
    NOT_STORED_REASONS,
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
from wallet import db, identifiers
from wallet.errors import ImportRefused

ConfirmIdentifier = Callable[[str, str], bool]
"""``confirm(dataset, identifier)``: may a damaged number be read as this known one?"""


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
    corrected: int = 0  # stored values this file changed
    filled: int = 0  # values stored empty that this file gave
    not_stored: dict[str, int] = field(default_factory=dict)  # reason -> rows (NotStored)
    notes: list[str] = field(default_factory=list)  # importers.base.Note texts, each once

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
            "corrected": self.corrected,
            "filled": self.filled,
            "not_stored": dict(self.not_stored),
            "datasets": sorted(self.datasets),
            "notes": list(self.notes),
        }

    def not_stored_json(self) -> str:
        """The rows not stored on purpose, per reason, in a fixed order (the batch's record)."""
        known = [r for r in NOT_STORED_REASONS if r in self.not_stored]
        others = sorted(set(self.not_stored) - set(known))
        return json.dumps({r: self.not_stored[r] for r in known + others})


# A reading already stored takes the new value when it differs (or was empty); the trigger
# below keeps the earlier one. The same file never corrects itself (first row wins), and a
# file that says "missing" never erases a value.
ENERGY_UPSERT = (
    " ON CONFLICT DO UPDATE SET value = excluded.value, unit = excluded.unit, "
    "quality = excluded.quality, batch_id = excluded.batch_id "
    "WHERE excluded.value IS NOT NULL AND energy_values.batch_id != excluded.batch_id "
    "AND (energy_values.value IS NULL OR energy_values.value != excluded.value "
    "OR energy_values.unit != excluded.unit OR (energy_values.quality IS NOT NULL "
    "AND excluded.quality IS NOT NULL AND energy_values.quality != excluded.quality))"
)
ENERGY_NEW_ONLY = " ON CONFLICT DO NOTHING"

# Created inside the import's transaction once readings turn out to be stored already, so a
# first import runs without it (a trigger on the table slows every insert); gone at commit's
# end (dropped) or with a rollback.
KEEP_EARLIER = (
    "CREATE TEMP TRIGGER IF NOT EXISTS energy_values_keep_earlier AFTER UPDATE ON "
    "main.energy_values WHEN old.batch_id != new.batch_id BEGIN "
    "INSERT INTO energy_revisions (channel_id, start_utc, end_utc, value, unit, quality, "
    "batch_id, replaced_by) VALUES (old.channel_id, old.start_utc, old.end_utc, old.value, "
    "old.unit, old.quality, old.batch_id, new.batch_id); END"
)
ENERGY_INSERT = (
    "INSERT INTO energy_values "
    "(channel_id, start_utc, end_utc, value, unit, quality, batch_id) VALUES (?,?,?,?,?,?,?)"
)


MAX_IDENTIFIER = 128

INSERTS = {
    "energy": ENERGY_INSERT + ENERGY_NEW_ONLY,
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
        self,
        conn: db.Connection,
        result: ImportResult,
        account: str | None = None,
        confirm_identifier: ConfirmIdentifier | None = None,
    ) -> None:
        self.conn = conn
        self.result = result
        self.account = account
        self.confirm_identifier = confirm_identifier
        self.repaired: dict[tuple[str, str], str] = {}
        self.batch_id = 0
        self.entities: dict[tuple[str, str], int] = {}
        self.channels: dict[tuple[str, str, str], int] = {}
        self.buffers: dict[str, list[tuple[Any, ...]]] = {name: [] for name in INSERTS}
        self.pending = 0
        self.records = 0
        self.block_inserts: dict[tuple[int, str, str, bool], str] = {}
        self.correcting = False  # True once a reading of this file was found stored already

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
        if not self.account and identifiers.spreadsheet_damaged(identifier):
            identifier = self._repaired(dataset, identifier)
        key = (dataset, self.account or identifier)
        found = self.entities.get(key)
        if found is None:
            if len(key[1]) > MAX_IDENTIFIER:
                # Meter, card and account numbers are a few dozen characters at most; a crafted
                # file could otherwise store megabytes as one id. The import's one transaction
                # is rolled back: nothing is stored.
                raise ImportRefused(
                    "The file names a meter, card or account by an identifier longer than any "
                    f"real one ({MAX_IDENTIFIER} characters at most): it is not a real export. "
                    "Nothing was stored."
                )
            self.conn.execute(
                "INSERT OR IGNORE INTO entities (dataset, identifier) VALUES (?, ?)", key
            )
            row = self.conn.execute(
                "SELECT id FROM entities WHERE dataset = ? AND identifier = ?", key
            ).fetchone()
            found = self.entities[key] = int(row[0])
            self.result.datasets.add(dataset)
        return found

    def _repaired(self, dataset: str, damaged: str) -> str:
        """The one known meter or card a spreadsheet-damaged number can be, once confirmed;
        otherwise the whole file is refused (never a new meter from a damaged number)."""
        found = self.repaired.get((dataset, damaged))
        if found is not None:
            return found
        known = [
            row[0]
            for row in self.conn.execute(
                "SELECT identifier FROM entities WHERE dataset = ?", (dataset,)
            )
        ]
        matches = identifiers.candidates(damaged, known)
        what = "card" if dataset == "mobility" else "account" if dataset == "benefits" else "meter"
        confirmed = (
            len(matches) == 1
            and self.confirm_identifier is not None
            and self.confirm_identifier(dataset, matches[0])
        )
        if not confirmed:
            raise ImportRefused(identifiers.refusal(self.result.file_name, what, len(matches)))
        self.repaired[(dataset, damaged)] = matches[0]
        return matches[0]

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
        qualities = block.qualities
        if qualities is None or qualities.count(qualities[0]) == len(qualities):
            # One quality for the whole block (the usual case): written in, like the unit.
            (quality,) = self.conn.execute(
                "SELECT quote(?)", (qualities[0] if qualities else None,)
            ).fetchone()
            columns: tuple[Sequence[Any], ...] = (block.starts, block.ends, block.values)
        else:
            quality, columns = "?", (block.starts, block.ends, block.values, qualities)
        if not self.correcting:
            self.conn.executemany(
                self._block_insert(channel, block.unit, quality), zip(*columns, strict=True)
            )
            if self.conn.total_changes - before < len(block.ends):
                self._start_correcting()  # some were stored already: compare them
        if self.correcting:
            self.conn.executemany(
                self._block_insert(channel, block.unit, quality), zip(*columns, strict=True)
            )
        added = self.conn.total_changes - before
        self.result.added += added
        self.result.present += len(block.ends) - added
        self.records += len(block.ends)

    def _block_insert(self, channel: int, unit: str, quality: str = "NULL") -> str:
        """The energy insert with the block's constants written in, as SQLite quotes them.

        Binding the same channel, unit and batch again on each of half a million rows is a
        tenth of the insert's time. ``quality`` is ``?`` when the block has a quality column,
        else the block's one quality as an SQL literal.
        """
        key = (channel, unit, quality, self.correcting)
        found = self.block_inserts.get(key)
        if found is None:
            (literal,) = self.conn.execute("SELECT quote(?)", (unit,)).fetchone()
            found = self.block_inserts[key] = (  # quality: "?" or a literal from quote()
                "INSERT INTO energy_values (channel_id, start_utc, end_utc, value, unit, "
                f"quality, batch_id) VALUES ({int(channel)}, ?, ?, ?, {literal}, {quality}, "
                f"{int(self.batch_id)})" + (ENERGY_UPSERT if self.correcting else ENERGY_NEW_ONLY)
            )
        return found

    def _start_correcting(self) -> None:
        """From now on, readings already stored are compared and corrected, earlier kept.

        The block or rows just written are written again this way: those of this file are
        left alone (first row wins), those of earlier batches compared.
        """
        self.conn.execute(KEEP_EARLIER)
        self.correcting = True

    def flush(self) -> None:
        for table, rows in self.buffers.items():
            if rows:
                before = self.conn.total_changes
                if table == "energy" and self.correcting:
                    self.conn.executemany(ENERGY_INSERT + ENERGY_UPSERT, rows)
                else:
                    self.conn.executemany(INSERTS[table], rows)
                stored_already = self.conn.total_changes - before < len(rows)
                if table == "energy" and not self.correcting and stored_already:
                    self._start_correcting()
                    self.conn.executemany(ENERGY_INSERT + ENERGY_UPSERT, rows)
                added = self.conn.total_changes - before
                self.result.added += added
                self.result.present += len(rows) - added
                self.records += len(rows)
                rows.clear()
        self.pending = 0

    def finish(self, sha: str) -> None:
        self._count_corrections()
        self.conn.execute("DROP TRIGGER IF EXISTS temp.energy_values_keep_earlier")
        self.result.sha256 = sha
        self.conn.execute(
            "UPDATE batches SET sha256 = ?, added = ?, present = ?, rejected = ?, corrected = ?, "
            "filled = ?, not_stored = ? WHERE id = ?",
            (
                sha,
                self.result.added,
                self.result.present,
                self.result.rejected_count,
                self.result.corrected,
                self.result.filled,
                self.result.not_stored_json(),
                self.batch_id,
            ),
        )

    def _count_corrections(self) -> None:
        """Corrected and filled values, from the earlier values the trigger kept for this batch.

        SQLite's change count took each of them as two changes (the update and the kept
        value) and as no row already present: set the counts right.
        """
        replaced, had_value = self.conn.execute(
            "SELECT count(*), count(value) FROM energy_revisions WHERE replaced_by = ?",
            (self.batch_id,),
        ).fetchone()
        self.result.corrected = had_value
        self.result.filled = replaced - had_value
        self.result.added -= 2 * replaced
        self.result.present += replaced
