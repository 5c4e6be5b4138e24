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
from wallet.damage import remember_backup
from wallet.errors import DiskFull, InvalidInput, VaultDamaged, WrongSecretError
from wallet.files import (
    atomic_write,
    create_private,
    disk_error,
    make_private_dir,
    private_output,
)
from wallet.folder_lock import acquire
from wallet.keyslots import KeyFileDamaged, SlotFile
from wallet.paths import WalletPaths
from wallet.queries import counts
from wallet.staged_restore import (
    DB_NAME,
    PENDING,
    RESTORE,
    SLOTS_NAME,
    complete_pending_restore,
)

if TYPE_CHECKING:
    from wallet.vault import Wallet

__all__ = ["BackupInfo", "backup", "complete_pending_restore", "read_manifest", "restore"]

BACKUP_FORMAT = "selfdata-backup/1"
MANIFEST = "backup.json"
MAX_SMALL_MEMBER = 64 * 1024  # the manifest and the key file are a few hundred bytes
DISK_MARGIN = 16 * 1024 * 1024


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
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        os.close(create_private(staging))  # SQLCipher fills it; its journal copies the mode
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
        with private_output(target) as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2))
            zf.write(wallet.paths.slots, SLOTS_NAME)
            zf.write(staging, DB_NAME)
    except OSError as exc:
        raise disk_error(exc) from exc
    finally:
        with contextlib.suppress(OSError):
            staging.unlink()
    remember_backup(wallet.paths.root, target, info.created)
    return info


def read_manifest(source: Path) -> dict[str, object]:
    try:
        with zipfile.ZipFile(source) as zf:
            manifest = json.loads(_read_small(zf, MANIFEST, source))
            names = zf.namelist()
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, RecursionError):
        raise _not_a_backup(source) from None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != BACKUP_FORMAT
        or not {DB_NAME, SLOTS_NAME} <= set(names)
        or len(names) != len(set(names))  # two members of one name: which one is restored?
    ):
        raise InvalidInput(f"{source.name} is not a Self Data Wallet backup.")
    return dict(manifest)


def _not_a_backup(source: Path) -> InvalidInput:
    return InvalidInput(f"{source.name} is not a Self Data Wallet backup (or it is damaged).")


def _read_small(zf: zipfile.ZipFile, name: str, source: Path) -> bytes:
    """A small member (manifest, key slots), refused before reading when it would be large."""
    info = zf.getinfo(name)
    if info.file_size > MAX_SMALL_MEMBER:
        raise InvalidInput(
            f"{source.name} is not a real Self Data Wallet backup: its {name} is far too large. "
            "Nothing was changed."
        )
    with zf.open(info) as member:
        data = member.read(MAX_SMALL_MEMBER + 1)  # the declared size could lie: read no more
    if len(data) > MAX_SMALL_MEMBER:
        raise InvalidInput(f"{source.name} is not a real Self Data Wallet backup.")
    return data


def _check_database_member(zf: zipfile.ZipFile, source: Path, root: Path) -> None:
    """The database member fits the archive (backups are stored, not compressed) and the disk."""
    info = zf.getinfo(DB_NAME)
    archive_size = source.stat().st_size
    if info.compress_type != zipfile.ZIP_STORED or info.file_size > archive_size:
        raise InvalidInput(
            f"{source.name} is not a real Self Data Wallet backup: its database would unpack "
            "to more than the file holds. Nothing was changed."
        )
    free = shutil.disk_usage(root).free
    if info.file_size + DISK_MARGIN > free:
        raise DiskFull(
            f"Restoring {source.name} needs {info.file_size // 1_000_000 + 1} MB of free disk "
            "space beside the wallet. Free some space and try again; nothing was changed."
        )


def restore(source: Path, root: Path, secret: str, *, recovery: bool = False) -> BackupInfo:
    """Replace the wallet in ``root`` (if any) with the backup, after checking it opens.

    ``secret`` is the passphrase (or recovery code) that was valid when the backup was made.
    The wallet being replaced is kept in a ``replaced-…`` folder beside the new one. On any
    failure the staged files are removed and the wallet is left as it was.
    """
    manifest = read_manifest(source)
    paths = WalletPaths(root)
    make_private_dir(root)
    lock = acquire(paths)
    staged_db = root / f"{DB_NAME}.restoring"
    staged_slots = root / f"{SLOTS_NAME}.restoring"
    try:
        complete_pending_restore(paths)
        try:
            key = _stage(source, root, secret, recovery, staged_db)
            atomic_write(staged_slots, _slot_bytes(source))
            version, restored_rows = _check_staged(source, staged_db, key)
        except BaseException:
            for staged in (staged_db, staged_slots):
                with contextlib.suppress(OSError):
                    staged.unlink()
            raise
        atomic_write(paths.root / PENDING, RESTORE)
        complete_pending_restore(paths)
    except OSError as exc:
        raise disk_error(exc) from exc
    finally:
        lock.release()
    return BackupInfo(source, str(manifest.get("created", "")), version, restored_rows)


def _slot_bytes(source: Path) -> bytes:
    try:
        with zipfile.ZipFile(source) as zf:
            return _read_small(zf, SLOTS_NAME, source)
    except (zipfile.BadZipFile, KeyError):
        raise _not_a_backup(source) from None


def _stage(source: Path, root: Path, secret: str, recovery: bool, staged_db: Path) -> bytes:
    """The backup's data key (from its own key file), and its database staged beside ours."""
    try:
        with zipfile.ZipFile(source) as zf:
            try:
                slot_file = SlotFile.load_bytes(_read_small(zf, SLOTS_NAME, source))
            except KeyFileDamaged as exc:
                raise VaultDamaged(
                    f"The backup {source.name} is damaged (its key file: {exc.why}). "
                    "Your wallet was not changed."
                ) from None
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
            _check_database_member(zf, source, root)
            _extract(zf, DB_NAME, staged_db)
    except (zipfile.BadZipFile, KeyError, EOFError):
        raise InvalidInput(
            f"The backup {source.name} is damaged (a part cannot be unpacked). "
            "Your wallet was not changed."
        ) from None
    return key


def _check_staged(source: Path, staged_db: Path, key: bytes) -> tuple[int, dict[str, int]]:
    """The staged database opens with the backup's key and passes SQLite's checks."""
    damaged = InvalidInput(
        f"The backup {source.name} is damaged: its database does not pass the integrity "
        "check. Your wallet was not changed; try an older backup."
    )
    try:
        conn = db.connect(staged_db, key)
    except VaultDamaged:
        raise damaged from None
    try:
        problems = db.integrity_problems(conn)
        restored_rows = counts(conn)
        version = db.schema_version(conn)
    except db.DatabaseError:
        raise damaged from None
    finally:
        conn.close()
    if problems:
        raise damaged
    return version, restored_rows


def _extract(zf: zipfile.ZipFile, name: str, target: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        target.unlink()  # a leftover of an earlier attempt; never written through
    fd = create_private(target)
    with os.fdopen(fd, "wb") as out, zf.open(name) as src:
        shutil.copyfileobj(src, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())
