"""Import batches: their history, and undoing one as a whole."""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass
from typing import Any

from wallet import db
from wallet.errors import NotFound

# Every table whose rows belong to a batch.
BATCH_TABLES = (
    "energy_values",
    "trips",
    "money_movements",
    "payments",
    "benefit_documents",
    "stations",
    "tax_notices",
)


@dataclass(frozen=True)
class Batch:
    id: int
    file_name: str
    sha256: str
    importer: str
    importer_version: str
    source_tz: str
    imported_at: str
    added: int
    present: int
    rejected: int
    rows_now: int  # rows of this batch still in the wallet

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def list_batches(conn: db.Connection) -> list[Batch]:
    rows = conn.execute(
        "SELECT id, file_name, sha256, importer, importer_version, source_tz, imported_at, "
        "added, present, rejected FROM batches ORDER BY id"
    ).fetchall()
    counts = _rows_per_batch(conn)
    return [
        Batch(
            id=row[0],
            file_name=row[1],
            sha256=row[2],
            importer=row[3],
            importer_version=row[4],
            source_tz=row[5],
            imported_at=row[6],
            added=row[7],
            present=row[8],
            rejected=row[9],
            rows_now=counts.get(row[0], 0),
        )
        for row in rows
    ]


def _rows_per_batch(conn: db.Connection) -> dict[int, int]:
    counts: dict[int, int] = {}
    for table in BATCH_TABLES:
        for batch_id, count in conn.execute(
            f"SELECT batch_id, count(*) FROM {table} GROUP BY batch_id"
        ):
            counts[batch_id] = counts.get(batch_id, 0) + count
    return counts


def undo(conn: db.Connection, batch_id: int) -> int:
    """Remove every row the batch added, and the batch itself. Returns the rows removed."""
    if conn.execute("SELECT 1 FROM batches WHERE id = ?", (batch_id,)).fetchone() is None:
        raise NotFound(f"There is no import batch {batch_id}. 'selfdata imports' lists them.")
    removed = 0
    try:
        conn.execute("BEGIN IMMEDIATE")
        for table in BATCH_TABLES:
            removed += conn.execute(f"DELETE FROM {table} WHERE batch_id = ?", (batch_id,)).rowcount
        conn.execute("DELETE FROM batches WHERE id = ?", (batch_id,))
        # Channels, meters, cards and accounts no row refers to any more go too.
        conn.execute(
            "DELETE FROM channels WHERE id NOT IN (SELECT DISTINCT channel_id FROM energy_values)"
        )
        conn.execute(
            "DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM channels "
            "UNION SELECT entity_id FROM trips UNION SELECT entity_id FROM money_movements "
            "UNION SELECT entity_id FROM payments "
            "UNION SELECT entity_id FROM benefit_documents)"
        )
        conn.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(db.DatabaseError):
            conn.execute("ROLLBACK")
        if isinstance(exc, db.DatabaseError) and (mapped := db.storage_error(exc)):
            raise mapped from None
        raise
    return removed
