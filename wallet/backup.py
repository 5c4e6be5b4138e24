"""Encrypted backup to one file, and restore from it.

A backup is a zip holding an encrypted copy of the database (made with ``sqlcipher_export``,
same data key), the key slots and a small manifest. Nothing in it is readable without the
passphrase or the recovery code. Restoring stages the new files, records the plan in a marker
file, then swaps; an interrupted restore is finished the next time the wallet is opened, so
the wallet is always the old one or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from wallet import db
from wallet.errors import InvalidInput, WrongSecretError
from wallet.files import (
    atomic_write,
    create_private,
    disk_error,
    fsync_dir,
    make_private_dir,
    make_private_file,
    private_output,
)
from wallet.keyslots import SlotFile
from wallet.paths import WalletPaths
from wallet.queries import counts
from wallet.vault import Wallet, _acquire

BACKUP_FORMAT = "selfdata-backup/1"
MANIFEST = "backup.json"
DB_NAME = "wallet.db"
SLOTS_NAME = "vault.json"
PENDING = "restore.pending"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: str
    schema_version: int
    rows: dict[str, int]


def backup(wallet: Wallet, target: Path) -> BackupInfo:
    """Write an encrypted backup of the open wallet to ``target`` (replaced atomically)."""
    conn = wallet.conn
    staging = wallet.paths.root / ".backup-staging.db"
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        os.close(create_private(staging))  # SQLCipher fills it; its journal copies the mode
        conn.execute(
            "ATTACH DATABASE ? AS backup KEY ?", (str(staging), f"x'{wallet.data_key.hex()}'")
        )
        try:
            conn.execute("SELECT sqlcipher_export('backup')")
            conn.execute(f"PRAGMA backup.user_version = {wallet.schema_version()}")
        finally:
            conn.execute("DETACH DATABASE backup")
        info = BackupInfo(
            target,
            datetime.now(UTC).isoformat(timespec="seconds"),
            wallet.schema_version(),
            counts(conn),
        )
        manifest = {
            "format": BACKUP_FORMAT,
            "created": info.created,
            "schema_version": info.schema_version,
            "rows": info.rows,
            "vault_id": wallet.vault_id,
        }
        with private_output(target) as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2))
            zf.write(wallet.paths.slots, SLOTS_NAME)
            zf.write(staging, DB_NAME)
    except OSError as exc:
        raise disk_error(exc) from exc
    finally:
        with contextlib.suppress(OSError):
            staging.unlink()
    return info


def read_manifest(source: Path) -> dict[str, object]:
    try:
        with zipfile.ZipFile(source) as zf:
            manifest = json.loads(zf.read(MANIFEST))
            names = set(zf.namelist())
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        raise InvalidInput(
            f"{source.name} is not a Self Data Wallet backup (or it is damaged)."
        ) from None
    if manifest.get("format") != BACKUP_FORMAT or not {DB_NAME, SLOTS_NAME} <= names:
        raise InvalidInput(f"{source.name} is not a Self Data Wallet backup.")
    return dict(manifest)


def restore(source: Path, root: Path, secret: str, *, recovery: bool = False) -> BackupInfo:
    """Replace the wallet in ``root`` (if any) with the backup, after checking it opens.

    ``secret`` is the passphrase (or recovery code) that was valid when the backup was made.
    The wallet being replaced is kept in a ``replaced-…`` folder beside the new one.
    """
    manifest = read_manifest(source)
    paths = WalletPaths(root)
    make_private_dir(root)
    lock = _acquire(paths)
    try:
        complete_pending_restore(paths)
        staged_db = root / f"{DB_NAME}.restoring"
        staged_slots = root / f"{SLOTS_NAME}.restoring"
        with zipfile.ZipFile(source) as zf:
            slot_bytes = zf.read(SLOTS_NAME)
            slot_file = SlotFile.load_bytes(slot_bytes)
            try:
                key = (
                    slot_file.unlock_recovery(secret)
                    if recovery
                    else slot_file.unlock_passphrase(secret)
                )
            except WrongSecretError as exc:
                raise WrongSecretError(
                    f"{exc} Use the passphrase that was valid when the backup was made."
                ) from None
            _extract(zf, DB_NAME, staged_db)
        atomic_write(staged_slots, slot_bytes)
        conn = db.connect(staged_db, key)
        try:
            problems = db.integrity_problems(conn)
            restored_rows = counts(conn)
            version = db.schema_version(conn)
        finally:
            conn.close()
        if problems:
            staged_db.unlink()
            staged_slots.unlink()
            raise InvalidInput(f"{source.name} is damaged; nothing was changed.")
        atomic_write(paths.root / PENDING, b"restore\n")
        complete_pending_restore(paths)
    except OSError as exc:
        raise disk_error(exc) from exc
    finally:
        lock.release()
    return BackupInfo(source, str(manifest.get("created", "")), version, restored_rows)


def _extract(zf: zipfile.ZipFile, name: str, target: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        target.unlink()  # a leftover of an earlier attempt; never written through
    fd = create_private(target)
    with os.fdopen(fd, "wb") as out, zf.open(name) as src:
        shutil.copyfileobj(src, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())


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
    if staged_db.exists() or staged_slots.exists():
        make_private_dir(replaced)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        journal = paths.root / f"{DB_NAME}-journal"
        if staged_db.exists() and journal.exists():
            # The old database's rollback journal must never be applied to the new one.
            os.replace(journal, replaced / f"{journal.name}.{stamp}")
        for current, staged in ((paths.database, staged_db), (paths.slots, staged_slots)):
            if staged.exists():
                if current.exists():
                    os.replace(current, replaced / f"{current.name}.{stamp}")
                os.replace(staged, current)
                make_private_file(current)
    fsync_dir(paths.root)
    marker.unlink()
    fsync_dir(paths.root)
