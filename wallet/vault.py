"""The vault: create, unlock and lock a wallet folder, and manage its key slots.

A wallet is a private folder holding ``wallet.db`` (SQLCipher 4, keyed with a random data key)
and ``vault.json`` (the key slots). ``Wallet`` is the one façade the CLI and the UI use.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import filelock

from wallet import db, keyring_slot
from wallet.errors import (
    KeyringUnavailable,
    VaultDamaged,
    VaultLocked,
    WalletExists,
    WalletNotFound,
    WrongSecretError,
)
from wallet.files import atomic_write, make_private_dir
from wallet.folder_lock import acquire
from wallet.keyslots import KEY_BYTES, KdfParams, SlotFile, new_recovery_code, tune_kdf
from wallet.operations import Operations
from wallet.paths import WalletPaths
from wallet.staged_restore import complete_pending_restore
from wallet.store import Store

if TYPE_CHECKING:
    from datetime import date

    from wallet.rights.alerts import Alert
    from wallet.rights.estimate import RightsReport
    from wallet.rights.household import Household
    from wallet.rights.store import SavedHousehold

DEFAULT_TIMEZONE = "Europe/Paris"
FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 30.0

Sleep = Callable[[float], None]


@dataclass(frozen=True)
class Created:
    wallet: Wallet
    recovery_code: str  # shown once; never stored in clear
    keyring_note: str = ""  # why "remember on this computer" could not be honoured


def failure_delay(failures: int) -> float:
    """Seconds to wait after the n-th wrong secret in a row: none at first, then doubling."""
    if failures <= FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_SECONDS, 2.0 ** (failures - FREE_ATTEMPTS - 1))


class Wallet(Operations):
    """An unlocked wallet. Every data call raises ``VaultLocked`` once ``lock()`` was called.

    The front ends use its operations (``wallet.operations``); the connections belong to its
    ``store``.
    """

    def __init__(
        self,
        paths: WalletPaths,
        conn: db.Connection,
        slot_file: SlotFile,
        data_key: bytes,
        writer_lock: filelock.BaseFileLock,
    ) -> None:
        self.paths = paths
        self.store = Store(paths.database, data_key, conn)
        self._slot_file = slot_file
        self._data_key: bytes | None = data_key
        self._writer_lock = writer_lock

    # --- opening ----------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        root: Path,
        passphrase: str,
        *,
        kdf: KdfParams | None = None,
        remember: bool = False,
        timezone: str = DEFAULT_TIMEZONE,
    ) -> Created:
        paths = WalletPaths(root)
        if paths.database.exists() or paths.slots.exists():
            raise WalletExists(
                f"A wallet already exists in {root}. Open it, or choose another folder."
            )
        if not passphrase:
            raise WrongSecretError("The passphrase cannot be empty.")
        make_private_dir(root)
        data_key = os.urandom(KEY_BYTES)
        recovery_code = new_recovery_code()
        slot_file = SlotFile.new()
        slot_file.set_passphrase(passphrase, data_key, kdf or tune_kdf())
        slot_file.set_recovery(recovery_code, data_key)
        lock = acquire(paths)
        try:
            conn = db.connect(paths.database, data_key, create=True, wal=True)
            db.migrate(conn)
            conn.execute("INSERT INTO meta (key, value) VALUES ('timezone', ?)", (timezone,))
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('vault_id', ?)", (slot_file.vault_id,)
            )
            # The wallet's own signing key (Ed25519) and pseudonym secret, inside the database.
            # Imported here: only a new wallet needs the sharing keys (and their JSON signing),
            # every other command opens the vault without loading them.
            from wallet.sharing import keys as sharing_keys

            sharing_keys.create_wallet_keys(conn, slot_file.created)
            slot_file.save(paths.slots)
        except BaseException:
            lock.release()
            raise
        wallet = cls(paths, conn, slot_file, data_key, lock)
        note = ""
        if remember:
            try:
                wallet.remember_on_this_computer()
            except KeyringUnavailable as exc:
                note = str(exc)
        return Created(wallet, recovery_code, note)

    @classmethod
    def unlock(cls, root: Path, passphrase: str, *, sleep: Sleep = time.sleep) -> Wallet:
        slot_file = _load_slots(root)
        data_key = _with_failure_delay(
            WalletPaths(root), lambda: slot_file.unlock_passphrase(passphrase), sleep
        )
        return cls._open(WalletPaths(root), slot_file, data_key)

    @classmethod
    def unlock_with_recovery(cls, root: Path, code: str, *, sleep: Sleep = time.sleep) -> Wallet:
        slot_file = _load_slots(root)
        data_key = _with_failure_delay(
            WalletPaths(root), lambda: slot_file.unlock_recovery(code), sleep
        )
        return cls._open(WalletPaths(root), slot_file, data_key)

    @classmethod
    def unlock_with_keyring(cls, root: Path) -> Wallet | None:
        """The wallet opened with the key remembered on this computer, or None."""
        slot_file = _load_slots(root)
        recorded = slot_file.keyring_backend
        if recorded is None:
            return None
        current = keyring_slot.status()
        if current.backend != recorded:
            return None  # the keyring changed: ask for the passphrase instead of failing
        data_key = keyring_slot.load(slot_file.vault_id)
        if data_key is None or not _key_matches(WalletPaths(root), data_key):
            return None
        return cls._open(WalletPaths(root), slot_file, data_key)

    @classmethod
    def _open(cls, paths: WalletPaths, slot_file: SlotFile, data_key: bytes) -> Wallet:
        lock = acquire(paths)
        try:
            conn = db.connect(paths.database, data_key, wal=True)
            try:
                db.migrate(conn, paths.database)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.release()
            raise
        return cls(paths, conn, slot_file, data_key, lock)

    # --- state ------------------------------------------------------------------------
    @property
    def conn(self) -> db.Connection:
        """The write connection, bare: for a program with one thread (tests, benchmarks).

        Code that may run beside another thread uses ``store.read()`` / ``store.write()``, and
        the front ends use the operations; neither touches this.
        """
        return self.store.bare_writer()

    @property
    def is_open(self) -> bool:
        return self.store.is_open

    @property
    def vault_id(self) -> str:
        return self._slot_file.vault_id

    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            raise VaultLocked("The wallet is locked. Unlock it to continue.")
        return self._data_key

    @property
    def timezone(self) -> str:
        return self.get_meta("timezone") or DEFAULT_TIMEZONE

    def lock(self) -> None:
        """Close the database and drop the key; safe to call twice."""
        self.store.close()
        self._data_key = None
        if self._writer_lock.is_locked:
            self._writer_lock.release()

    close = lock

    def __enter__(self) -> Wallet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()

    # --- key slots --------------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        if not new_passphrase:
            raise WrongSecretError("The new passphrase cannot be empty.")
        self._slot_file.set_passphrase(new_passphrase, self.data_key, kdf or tune_kdf())
        self._slot_file.save(self.paths.slots)

    def rotate_data_key(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> str:
        """A new data key and a new recovery code (returned, shown once); see wallet.rotation.

        The keyring entry holds the old key: it is forgotten, and the person may remember
        the wallet on this computer again.
        """
        from wallet import rotation  # rotation imports backup, which imports this module

        if not new_passphrase:
            raise WrongSecretError("The new passphrase cannot be empty.")
        if self._slot_file.keyring_backend is not None:
            self.forget_this_computer()
        with self.store.exclusive() as conn:
            # Everything committed goes into the database file before it is copied.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            rotated = rotation.stage_and_swap(
                self.paths,
                conn,
                self.data_key,
                self._slot_file,
                new_passphrase,
                kdf,
                close=self.store.close,
            )
        self._data_key = rotated.data_key
        self._slot_file = rotated.slot_file
        self.store = Store(
            self.paths.database,
            rotated.data_key,
            db.connect(self.paths.database, rotated.data_key, wal=True),
        )
        return rotated.recovery_code

    def remember_on_this_computer(self) -> str:
        backend = keyring_slot.store(self.vault_id, self.data_key)
        self._slot_file.set_keyring(backend)
        self._slot_file.save(self.paths.slots)
        return backend

    def forget_this_computer(self) -> None:
        if self._slot_file.keyring_backend is not None:
            keyring_slot.forget(self.vault_id)
        self._slot_file.clear_keyring()
        self._slot_file.save(self.paths.slots)

    @property
    def remembered(self) -> bool:
        return self._slot_file.keyring_backend is not None

    def integrity_problems(self) -> list[str]:
        with self.store.read() as conn:
            try:
                return db.integrity_problems(conn)
            except db.DatabaseError as exc:  # a page so damaged the check itself stops
                return [str(exc)]

    def schema_version(self) -> int:
        with self.store.read() as conn:
            return db.schema_version(conn)

    def set_meta(self, key: str, value: str) -> None:
        with self.store.write() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def get_meta(self, key: str) -> str | None:
        with self.store.read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def describe_slots(self) -> dict[str, Any]:
        return {
            "vault_id": self.vault_id,
            "slots": sorted(self._slot_file.slots),
            "kdf": self._slot_file.passphrase_params().as_json(),
            "keyring_backend": self._slot_file.keyring_backend,
        }

    # --- rights (wallet/rights): the household, its estimates and alerts ----------------
    def household(self) -> SavedHousehold | None:
        from wallet.rights import store

        with self.store.read() as conn:
            return store.current_household(conn)

    def save_household(self, household: Household) -> SavedHousehold:
        from wallet.rights import store

        with self.store.write() as conn:
            return store.save_household(conn, household)

    def rights(
        self,
        today: date,
        *,
        month: str | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> RightsReport:
        """Estimate with OpenFisca-France (loaded once per process); seconds the first time."""
        from wallet.rights import estimate, store

        with self.store.read() as conn:
            inputs = estimate.gather(conn, today, month)
        report, kept = estimate.estimate_from(inputs, on_progress or _quiet)
        with self.store.write() as conn:
            store.save_estimates(conn, kept)
        return report

    def stored_rights(self, today: date) -> RightsReport | None:
        """The last estimate kept for the current months (the model is not loaded)."""
        from wallet.rights import estimate

        with self.store.read() as conn:
            return estimate.stored_report(conn, today)

    def rights_alerts(self, today: date) -> list[Alert]:
        from wallet.rights import alerts

        with self.store.read() as conn:
            return alerts.unclaimed(conn, today)

    def dismiss_rights_alert(self, benefit: str) -> None:
        from wallet.rights import store

        with self.store.write() as conn:
            store.dismiss(conn, benefit)


def _quiet(done: int, total: int) -> None:
    """No progress wanted."""


def wallet_exists(root: Path) -> bool:
    return WalletPaths(root).exists()


def _load_slots(root: Path) -> SlotFile:
    paths = WalletPaths(root)
    staged = ("restore.pending", "wallet.db.restoring", "vault.json.restoring")
    if any((root / name).exists() for name in staged):
        # Finish a swap that was planned, or remove what a crash left staged without a plan.
        lock = acquire(paths)
        try:
            complete_pending_restore(paths)
        finally:
            lock.release()
    if not paths.exists():
        raise WalletNotFound(
            f"There is no wallet in {root}. Create one with 'selfdata init', or choose its "
            "folder with --wallet."
        )
    return SlotFile.load(paths.slots)


def _with_failure_delay(paths: WalletPaths, attempt: Callable[[], bytes], sleep: Sleep) -> bytes:
    """Run an unlock attempt; after repeated failures, wait longer and longer before answering."""
    try:
        key = attempt()
    except WrongSecretError:
        failures = _read_failures(paths) + 1
        _write_failures(paths, failures)
        sleep(failure_delay(failures))
        raise
    if paths.failures.exists():
        with contextlib.suppress(OSError):
            paths.failures.unlink()
    return key


def _read_failures(paths: WalletPaths) -> int:
    try:
        return int(paths.failures.read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return 0


def _write_failures(paths: WalletPaths, count: int) -> None:
    with contextlib.suppress(OSError):
        atomic_write(paths.failures, f"{count}\n".encode("ascii"))


def _key_matches(paths: WalletPaths, data_key: bytes) -> bool:
    """Whether a key from the keyring opens this wallet's database (reading only)."""
    if len(data_key) != KEY_BYTES:
        return False
    try:
        conn = db.connect(paths.database, data_key)
    except (VaultDamaged, WalletNotFound):
        return False
    conn.close()
    return True
