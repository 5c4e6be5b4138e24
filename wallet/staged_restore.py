"""Finishing a restore that was interrupted after its files were staged.

Apart from ``wallet.backup`` because the vault finishes such a restore when it opens a wallet,
and a backup is made of an open wallet: the two would otherwise import each other.
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime

from wallet.files import fsync_dir, make_private_dir, make_private_file
from wallet.paths import WalletPaths

DB_NAME = "wallet.db"
SLOTS_NAME = "vault.json"
PENDING = "restore.pending"
RESTORE = b"restore\n"  # the marker's text: the replaced files are kept aside
ROTATE = b"rotate\n"  # a new data key: the replaced files, under the old key, are deleted


def complete_pending_restore(paths: WalletPaths) -> None:
    """Finish a restore that was interrupted after its files were staged (idempotent)."""
    marker = paths.root / PENDING
    if not marker.exists():
        # Staged files without a marker belong to a restore that never committed.
        for name in (f"{DB_NAME}.restoring", f"{SLOTS_NAME}.restoring"):
            with contextlib.suppress(FileNotFoundError):
                (paths.root / name).unlink()
        return
    staged_db = paths.root / f"{DB_NAME}.restoring"
    staged_slots = paths.root / f"{SLOTS_NAME}.restoring"
    replaced = paths.root / "replaced-by-restore"
    # After a rotation, what the old key opened is not kept: the new files replace the old
    # ones in place (a disk may still hold the old blocks until they are overwritten).
    keep_aside = marker.read_bytes() != ROTATE
    if staged_db.exists() or staged_slots.exists():
        if keep_aside:
            make_private_dir(replaced)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        for suffix in ("-journal", "-wal", "-shm"):
            journal = paths.root / f"{DB_NAME}{suffix}"
            if staged_db.exists() and journal.exists():
                # The old database's journal (rollback or WAL) must never be applied to the new.
                if keep_aside:
                    os.replace(journal, replaced / f"{journal.name}.{stamp}")
                else:
                    journal.unlink()
        for current, staged in ((paths.database, staged_db), (paths.slots, staged_slots)):
            if staged.exists():
                if current.exists() and keep_aside:
                    os.replace(current, replaced / f"{current.name}.{stamp}")
                os.replace(staged, current)
                make_private_file(current)
    fsync_dir(paths.root)
    marker.unlink()
    fsync_dir(paths.root)
