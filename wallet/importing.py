"""The vault's import step: one file, one transaction, one batch with its provenance.

Records stream from the importer into ``INSERT OR IGNORE`` on natural keys, so re-importing
the same or an overlapping file adds only what is new. A crash, a cancel, a refused file or a
full disk rolls the whole batch back: never a half-imported file.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from importers import registry
from importers.base import (
    BenefitDocument,
    EnergyReading,
    FileRefused,
    Importer,
    Item,
    MoneyMovement,
    Payment,
    ProgressCallback,
    Record,
    Rejected,
    Station,
    Trip,
    no_progress,
)
from importers.blocks import BlockItem, EnergyBlock
from wallet import db, logs, mappings
from wallet.errors import ImportCancelled, ImportRefused, WalletError
from wallet.helpdesk import outcomes

if TYPE_CHECKING:
    from wallet.parse_ahead import ParseAhead

log = logs.get_logger("importing")

FLUSH_ROWS = 20_000
KEEP_REJECTED = 1_000  # line numbers kept for the summary; the count is always exact

T = TypeVar("T")
Confirm = Callable[[Sequence[Record], Sequence[Rejected]], bool]
Cancelled = Callable[[], bool]


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


@dataclass
class Preview:
    """What an import would store, before anything is written."""

    importer: Importer
    candidates: list[registry.Candidate]
    records: list[Record]
    record_count: int
    rejected: list[Rejected]
    rejected_count: int


_INSERTS = {
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
    "stations": "INSERT OR IGNORE INTO stations (network, stop_id, name, lat, lon, location_type, "
    "parent_station, batch_id) VALUES (?,?,?,?,?,?,?,?)",
}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def choose_importer(
    path: Path, source: str | None, extra_importers: Sequence[Importer] = ()
) -> registry.Candidate:
    """``extra_importers``: built from saved mappings; they compete with the built-in ones."""
    try:
        return registry.choose(path, source, extra_importers)
    except (registry.UnrecognisedFile, registry.UnknownSource) as exc:
        refused = ImportRefused(str(exc))
        outcomes.record(path, outcome="refused", error=refused)
        raise refused from None


def preview(
    path: Path,
    source: str | None = None,
    *,
    max_records: int = 200,
    on_progress: ProgressCallback = no_progress,
    cancelled: Cancelled | None = None,
    extra_importers: Sequence[Importer] = (),
) -> Preview:
    """Parse the whole file without storing anything: first records, every rejection counted."""
    chosen = choose_importer(path, source, extra_importers)
    ranked = registry.rank(registry.read_sample(path), extra_importers)
    records: list[Record] = []
    rejected: list[Rejected] = []
    counts = [0, 0]
    for item in _parse(chosen.importer, path, on_progress):
        if isinstance(item, Rejected):
            counts[1] += 1
            if len(rejected) < KEEP_REJECTED:
                rejected.append(item)
        else:
            counts[0] += 1
            if len(records) < max_records:
                records.append(item)
        if cancelled is not None and (counts[0] + counts[1]) % 4096 == 0 and cancelled():
            raise ImportCancelled("The preview was cancelled.")
    return Preview(chosen.importer, ranked, records, counts[0], rejected, counts[1])


def import_file(
    conn: db.Connection,
    path: Path,
    *,
    source: str | None = None,
    strict: bool = False,
    on_progress: ProgressCallback = no_progress,
    cancelled: Cancelled | None = None,
    confirm: Confirm | None = None,
    account: str | None = None,
    extra_importers: Sequence[Importer] | None = None,
    ahead: ParseAhead | None = None,
) -> ImportResult:
    """Import one file in one transaction. Raises ImportRefused when nothing was stored.

    ``account`` names the meter, card, account (or GTFS network) every record of the file
    belongs to, for exports that carry no number of their own or to keep two cards apart.
    ``extra_importers`` defaults to the mappings saved in this wallet, so a file whose header
    matches one is imported with it. ``ahead``: a helper already reading this file
    (``wallet.parse_ahead``); its stream is used when it chose the same importer.
    """
    if extra_importers is None:
        extra_importers = mappings.saved_importers(conn)
    importer = choose_importer(path, source, extra_importers).importer
    items: Iterable[BlockItem]
    digest: Callable[[], str] = partial(file_sha256, path)
    if ahead is not None and (importer.needs_confirmation or ahead.importer() != importer.name):
        ahead.close()  # it read the file another way: stop it taking the CPU
        ahead = None
        log.info("The helper's reading was not used: the wallet chose another importer.")
    if ahead is not None:
        log.info("A helper process read the file while the wallet unlocked (%s).", importer.name)
        items = _guarded(importer, path, partial(ahead.items, on_progress))
        digest = ahead.digest
    elif importer.needs_confirmation:
        try:
            items = _confirmed(list(_parse(importer, path, on_progress)), confirm)
        except BaseException as exc:
            _note_failure(path, ImportResult(path.name, importer.name, importer.label), exc)
            raise
    else:
        items = _parse_blocks(importer, path, on_progress)
    result = import_items(
        conn,
        items,
        importer,
        path.name,
        digest,
        strict=strict,
        cancelled=cancelled,
        account=account,
        on_failure=lambda partial, exc: _note_failure(path, partial, exc),
    )
    outcomes.record(
        path,
        outcome="partial" if result.rejected_count else "imported",
        importer=result.importer,
        added=result.added,
        present=result.present,
        rejected=result.rejected,
        rejected_count=result.rejected_count,
    )
    return result


def import_items(
    conn: db.Connection,
    items: Iterable[BlockItem],
    importer: Importer,
    file_name: str,
    digest: Callable[[], str],
    *,
    strict: bool = False,
    cancelled: Cancelled | None = None,
    account: str | None = None,
    on_failure: Callable[[ImportResult, BaseException], None] | None = None,
) -> ImportResult:
    """Store a stream of records as one batch, in one transaction (the vault's insert path).

    ``digest`` gives the file's SHA-256 for the batch once every record is read.
    ``on_failure`` hears what was read before a refusal, cancel or crash rolled it back.
    """
    result = ImportResult(file_name, importer.name, importer.label)
    writer = _BatchWriter(conn, result, account.strip() if account else None)
    with db.own_references(conn):
        try:
            conn.execute("BEGIN IMMEDIATE")
            writer.start(importer)
            energy = writer.buffers["energy"]
            channel_key: tuple[str, str, str] | None = None
            channel = 0
            batch_id = writer.batch_id
            for item in items:
                # The hot path: a load curve is millions of readings of one channel.
                if item.__class__ is EnergyReading:
                    if channel_key is None or (item[0], item[1], item[2]) != channel_key:
                        channel_key = (item[0], item[1], item[2])
                        channel = writer.channel(*channel_key)
                    energy.append((channel, item[3], item[4], item[5], item[6], batch_id))
                    writer.pending += 1
                elif isinstance(item, EnergyBlock):
                    writer.block(item)
                    _stop_if_cancelled(cancelled)
                    continue
                elif isinstance(item, Rejected):
                    result.rejected_count += 1
                    if len(result.rejected) < KEEP_REJECTED:
                        result.rejected.append(item)
                    if strict:
                        raise ImportRefused(_strict_message(file_name, item))
                    continue
                else:
                    writer.add(item)
                if writer.pending >= FLUSH_ROWS:
                    writer.flush()
                    _stop_if_cancelled(cancelled)
            writer.flush()
            if writer.records == 0:
                raise ImportRefused(_empty_message(file_name, importer, result))
            writer.finish(digest())
            conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(db.DatabaseError):
                conn.execute("ROLLBACK")
            if on_failure is not None:
                on_failure(result, exc)
            if isinstance(exc, db.DatabaseError) and (mapped := db.storage_error(exc)):
                raise mapped from None
            if isinstance(exc, OSError):
                raise ImportRefused(f"{file_name} could not be read ({exc.strerror}).") from None
            raise
    return result


def _stop_if_cancelled(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled("The import was cancelled; nothing was stored.")


def _note_failure(path: Path, result: ImportResult, exc: BaseException) -> None:
    """Tell the help-desk notes why nothing was stored (the structure, never the values)."""
    if isinstance(exc, ImportCancelled | KeyboardInterrupt):
        outcome = "cancelled"
    elif isinstance(exc, ImportRefused | OSError):
        outcome = "refused"
    else:
        outcome = "failed"
    outcomes.record(
        path,
        outcome=outcome,
        importer=result.importer,
        rejected=result.rejected,
        rejected_count=result.rejected_count,
        error=exc,
    )


def _parse(importer: Importer, path: Path, on_progress: ProgressCallback) -> Iterable[Item]:
    return _guarded(importer, path, lambda: importer.parse(path, on_progress))


def _parse_blocks(
    importer: Importer, path: Path, on_progress: ProgressCallback
) -> Iterable[BlockItem]:
    """Readings in ``EnergyBlock`` form from importers that offer ``parse_blocks``."""
    parse: Callable[[Path, ProgressCallback], Iterable[BlockItem]]
    parse = getattr(importer, "parse_blocks", importer.parse)
    return _guarded(importer, path, lambda: parse(path, on_progress))


def _guarded(importer: Importer, path: Path, parse: Callable[[], Iterable[T]]) -> Iterator[T]:
    """The importer's stream, with its unexpected failures turned into a clear refusal."""
    try:
        yield from parse()
    except (WalletError, OSError):
        raise
    except FileRefused as exc:
        raise ImportRefused(f"{path.name} was not imported: {exc} Nothing was stored.") from None
    except Exception as exc:  # an importer bug or a file it cannot handle: refuse the file
        raise ImportRefused(
            f"{path.name} could not be read as {importer.label} ({type(exc).__name__}). "
            "Nothing was stored. Check the file, or send a support report."
        ) from None


def _confirmed(items: list[Item], confirm: Confirm | None) -> list[Item]:
    records = [i for i in items if not isinstance(i, Rejected)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    if confirm is None or not confirm(records, rejected):
        raise ImportRefused("The payments found were not confirmed, so nothing was stored.")
    return items


def _strict_message(file_name: str, first: Rejected) -> str:
    return (
        f"{file_name} was not imported because line {first.line} cannot be read "
        f"({first.reason}) and --strict refuses files with bad lines. Nothing was stored."
    )


def _empty_message(file_name: str, importer: Importer, result: ImportResult) -> str:
    if result.rejected_count:
        lines = ", ".join(str(r.line) for r in result.rejected[:5])
        return (
            f"{file_name} was recognised as {importer.label}, but none of its "
            f"{result.rejected_count} data lines could be read (lines {lines}…: "
            f"{result.rejected[0].reason}). Nothing was stored."
        )
    return (
        f"{file_name} was recognised as {importer.label}, but it holds no data rows. "
        "Check the period you chose when downloading it. Nothing was stored."
    )


class _BatchWriter:
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
        self.buffers: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _INSERTS}
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
                self.conn.executemany(_INSERTS[table], rows)
                added = self.conn.total_changes - before
                self.result.added += added
                self.result.present += len(rows) - added
                self.records += len(rows)
                rows.clear()
        self.pending = 0

    def finish(self, sha: str) -> None:
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
