"""Import batches: their history, and undoing one as a whole.

Undo and provider corrections (``energy_revisions``, schema 5):

* undoing a batch that corrected values puts the values it replaced back exactly, with the
  batches that stored them;
* undoing a batch whose values a later batch corrected removes them from the history only:
  the later values stay (they are then the only ones left), and what the undone batch had
  itself replaced is linked to the later batch, so undoing that one later restores it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
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
    corrected: int = 0  # stored values this batch changed
    filled: int = 0  # empty values this batch gave
    not_stored: dict[str, int] = field(default_factory=dict)  # rows of the file kept out

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Undone:
    """What undoing a batch did."""

    batch: int
    removed: int  # rows of the batch that left the wallet
    restored: int  # earlier values the batch had corrected or filled, current again
    kept_later: int  # values of the batch a later import had corrected: the later ones stay

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        text = f"Import batch {self.batch} undone: {self.removed} rows removed."
        if self.restored:
            text += (
                f" {self.restored} values it had corrected or filled are back to what they were."
            )
        if self.kept_later:
            text += (
                f" {self.kept_later} of its values had been corrected by a later import; "
                "those later values stay (undo that import to go further back)."
            )
        return text


def list_batches(conn: db.Connection) -> list[Batch]:
    rows = conn.execute(
        "SELECT id, file_name, sha256, importer, importer_version, source_tz, imported_at, "
        "added, present, rejected, corrected, filled, not_stored FROM batches ORDER BY id"
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
            corrected=row[10],
            filled=row[11],
            not_stored=json.loads(row[12] or "{}"),
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


def undo(conn: db.Connection, batch_id: int) -> Undone:
    """Remove every row the batch added, and the batch itself; put back what it corrected."""
    if conn.execute("SELECT 1 FROM batches WHERE id = ?", (batch_id,)).fetchone() is None:
        raise NotFound(f"There is no import batch {batch_id}. 'selfdata imports' lists them.")
    with db.transaction(conn):
        return _delete(conn, batch_id)


def _delete(conn: db.Connection, batch_id: int) -> Undone:
    removed = 0
    kept_later = _forget_corrected(conn, batch_id)
    restored = _restore_earlier(conn, batch_id)
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
    return Undone(batch_id, removed, restored, kept_later)


def _forget_corrected(conn: db.Connection, batch_id: int) -> int:
    """Drop the batch's values that later batches replaced; link what they replaced onward.

    Returns how many of its values a later batch had corrected (those later values stay).
    """
    conn.execute(
        "CREATE TEMP TABLE undo_links AS SELECT channel_id, start_utc, end_utc, replaced_by "
        "FROM energy_revisions WHERE batch_id = ?",
        (batch_id,),
    )
    try:
        conn.execute("DELETE FROM energy_revisions WHERE batch_id = ?", (batch_id,))
        conn.execute(
            "UPDATE energy_revisions AS r SET replaced_by = l.replaced_by FROM undo_links AS l "
            "WHERE r.replaced_by = ? AND l.channel_id = r.channel_id "
            "AND l.start_utc = r.start_utc AND l.end_utc = r.end_utc",
            (batch_id,),
        )
        (count,) = conn.execute("SELECT count(*) FROM undo_links").fetchone()
    finally:
        conn.execute("DROP TABLE temp.undo_links")
    return int(count)


def _restore_earlier(conn: db.Connection, batch_id: int) -> int:
    """Put back, exactly, the values the batch corrected or filled. Returns how many."""
    # Deleted and inserted again: each earlier value goes back exactly as it was stored.
    conn.execute(
        "DELETE FROM energy_values WHERE batch_id = ?1 AND EXISTS (SELECT 1 FROM "
        "energy_revisions r WHERE r.replaced_by = ?1 AND r.channel_id = energy_values.channel_id "
        "AND r.start_utc = energy_values.start_utc AND r.end_utc = energy_values.end_utc)",
        (batch_id,),
    )
    restored = conn.execute(
        "INSERT INTO energy_values (channel_id, start_utc, end_utc, value, unit, quality, "
        "batch_id) SELECT channel_id, start_utc, end_utc, value, unit, quality, batch_id "
        "FROM energy_revisions WHERE replaced_by = ?",
        (batch_id,),
    ).rowcount
    conn.execute("DELETE FROM energy_revisions WHERE replaced_by = ?", (batch_id,))
    return int(restored)
