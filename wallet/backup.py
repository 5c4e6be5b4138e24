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
from typing import TYPE_CHECKING

from wallet import db
from wallet.errors import InvalidInput, WrongSecretError
from wallet.files import atomic_write, disk_error, fsync_dir, make_private_dir
from wallet.folder_lock import acquire
from wallet.keyslots import SlotFile
from wallet.paths import WalletPaths
from wallet.queries import counts
from wallet.staged_restore import DB_NAME, PENDING, SLOTS_NAME, complete_pending_restore

if TYPE_CHECKING:
    from wallet.vault import Wallet

__all__ = ["BackupInfo", "backup", "complete_pending_restore", "read_manifest", "restore"]

BACKUP_FORMAT = "selfdata-backup/1"
MANIFEST = "backup.json"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: str
    schema_version: int
    rows: dict[str, int]


def backup(wallet: Wallet, target: Path) -> BackupInfo:
    """Write an encrypted backup of the open wallet to ``target`` (replaced atomically).

    Made on the write connection (``ATTACH`` needs one outside a transaction), while other
    writers wait: the copy holds every committed row and nothing half-written.
    """
    with wallet.store.exclusive() as conn:
        return _backup(wallet, conn, target)


def _backup(wallet: Wallet, conn: db.Connection, target: Path) -> BackupInfo:
    schema_version = db.schema_version(conn)
    staging = wallet.paths.root / ".backup-staging.db"
    tmp_zip = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        conn.execute(
            "ATTACH DATABASE ? AS backup KEY ?", (str(staging), f"x'{wallet.data_key.hex()}'")
        )
        try:
            conn.execute("SELECT sqlcipher_export('backup')")
            conn.execute(f"PRAGMA backup.user_version = {schema_version}")
        finally:
            conn.execute("DETACH DATABASE backup")
        info = BackupInfo(
            target,
            datetime.now(UTC).isoformat(timespec="seconds"),
            schema_version,
            counts(conn),
        )
        manifest = {
            "format": BACKUP_FORMAT,
            "created": info.created,
            "schema_version": info.schema_version,
            "rows": info.rows,
            "vault_id": wallet.vault_id,
        }
        fd = os.open(tmp_zip, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2))
            zf.write(wallet.paths.slots, SLOTS_NAME)
            zf.write(staging, DB_NAME)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp_zip, target)
        fsync_dir(target.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp_zip.unlink()
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
    lock = acquire(paths)
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
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, zf.open(name) as src:
        shutil.copyfileobj(src, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())
