"""A new data key, for when a passphrase or the recovery code may be known to someone.

Changing the passphrase rewraps one slot: an old ``vault.json`` (every backup holds one) and
the old passphrase still unwrap the same data key, and so still open the current database. A
rotation draws a new data key, re-encrypts the database with it (SQLCipher's ``PRAGMA rekey``
on a staged copy), and writes new slots: a new passphrase and a new recovery code. The old
key then opens nothing in the wallet folder (backups made before keep their own copy).

Crash safety is the restore's: the new database and slots are staged beside the wallet, a
marker records the plan, then the files are swapped; an interrupted swap is finished the
next time the wallet is opened, and staged files without a marker are removed. The old,
replaced files are deleted, not kept aside as a restore keeps them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass

from wallet import db
from wallet.files import atomic_write, create_private
from wallet.keyslots import KEY_BYTES, KdfParams, SlotFile, new_recovery_code, tune_kdf
from wallet.paths import WalletPaths
from wallet.staged_restore import DB_NAME, PENDING, ROTATE, SLOTS_NAME, complete_pending_restore


@dataclass(frozen=True)
class Rotated:
    data_key: bytes
    slot_file: SlotFile
    recovery_code: str  # shown once


def stage_and_swap(
    paths: WalletPaths,
    conn: db.Connection,
    old_key: bytes,
    old_slots: SlotFile,
    new_passphrase: str,
    kdf: KdfParams | None,
    close: Callable[[], None],
) -> Rotated:
    """Re-encrypt under a new key and swap it in; ``close`` ends every connection to the old
    database (``conn`` among them) just before the swap.

    The caller holds the wallet's folder lock. Before the marker is written any failure
    leaves the wallet as it was (staged files removed); after it, the swap completes.
    """
    new_key = os.urandom(KEY_BYTES)
    code = new_recovery_code()
    slots = SlotFile(old_slots.vault_id, old_slots.created, {})
    slots.set_passphrase(new_passphrase, new_key, kdf or tune_kdf())
    slots.set_recovery(code, new_key)
    staged_db = paths.root / f"{DB_NAME}.restoring"
    staged_slots = paths.root / f"{SLOTS_NAME}.restoring"
    try:
        if conn.in_transaction:
            conn.execute("COMMIT")
        for stale in (staged_db, staged_slots):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
        with os.fdopen(create_private(staged_db), "wb") as out, open(paths.database, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        staged = db.connect(staged_db, old_key)
        try:
            staged.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        finally:
            staged.close()
        check = db.connect(staged_db, new_key)  # the copy opens with the new key, and only it
        try:
            if db.integrity_problems(check):
                raise db.DatabaseError("the re-encrypted copy does not pass the integrity check")
        finally:
            check.close()
        atomic_write(staged_slots, slots.to_bytes())
    except BaseException:
        for staged_file in (staged_db, staged_slots):
            with contextlib.suppress(OSError):
                staged_file.unlink()
        raise
    close()
    atomic_write(paths.root / PENDING, ROTATE)
    complete_pending_restore(paths)
    return Rotated(new_key, slots, code)
