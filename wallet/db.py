"""Opening the SQLCipher database and applying numbered migrations.

The database is keyed with the raw 32-byte data key (``PRAGMA key = "x'…'"``); a passphrase
never reaches SQL. Missing files are never created except by the explicit create flow.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlcipher3 import dbapi2 as sqlcipher

from wallet.damage import wallet_damaged
from wallet.errors import DiskFull, SchemaTooNew, VaultDamaged, WalletError, WalletNotFound
from wallet.files import create_private, make_private_file

if TYPE_CHECKING:
    # sqlcipher3 ships no type stubs; its DB-API mirrors the standard sqlite3 module.
    from sqlite3 import Connection, DatabaseError, IntegrityError, ProgrammingError
else:
    Connection = sqlcipher.Connection
    DatabaseError = sqlcipher.DatabaseError
    IntegrityError = sqlcipher.IntegrityError
    ProgrammingError = sqlcipher.ProgrammingError

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str]]:
    """All migrations shipped with the program, as (version, SQL), in order."""
    found = []
    for entry in resources.files("wallet.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    found.sort()
    return found


def latest_version() -> int:
    return migrations()[-1][0]


def database_uri(path: Path, mode: str) -> str:
    """A SQLite URI for ``path``: every character of the folder names escaped.

    Left raw, ``#`` or ``?`` in a folder name ends the path (the database lands in another
    file) and ``%xx`` points elsewhere; ``Path.as_uri`` percent-encodes them.
    """
    return f"{path.absolute().as_uri()}?mode={mode}"


def connect(path: Path, data_key: bytes, *, create: bool = False, wal: bool = False) -> Connection:
    """An open, keyed connection. Raises WalletNotFound rather than creating a missing file.

    ``wal``: switch the database to the WAL journal (the store's writer does; it persists in
    the file), so readers of their own see committed rows while a writer works.
    """
    if not create and not path.is_file():
        raise WalletNotFound(f"There is no wallet database at {path}.")
    mode = "rwc" if create else "rw"
    # check_same_thread off: the store closes every thread's connection when the wallet locks.
    if create and not path.exists():
        # Private from the start; SQLite gives its journal files the database file's mode.
        os.close(create_private(path))
    conn: Connection = sqlcipher.connect(
        database_uri(path, mode), uri=True, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if wal:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
    except DatabaseError:
        conn.close()
        # The key comes out of an authenticated slot, so it is right: the file is damaged.
        raise wallet_damaged(path.parent, ["page 1"]) from None
    if create:
        make_private_file(path)
    return conn


def connect_reader(path: Path, data_key: bytes) -> Connection:
    """A connection that reads only (``query_only``): one per reading thread of the store."""
    conn = connect(path, data_key)
    conn.execute("PRAGMA query_only = ON")
    return conn


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[None]:
    """The one place a write transaction begins and ends: ``BEGIN IMMEDIATE`` … ``COMMIT``,
    or ``ROLLBACK`` when the block fails (a storage failure then raised as ``storage_error``
    says it). Inside a transaction already begun, it joins it.

    Only a transaction this call began is rolled back: a ``BEGIN`` that failed (the database
    busy) must not end a transaction someone else began.
    """
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            with contextlib.suppress(DatabaseError):
                conn.execute("ROLLBACK")
        if isinstance(exc, DatabaseError) and (mapped := storage_error(exc)):
            raise mapped from None  # a full disk or a damaged file, said for a person
        raise


@contextlib.contextmanager
def snapshot(conn: Connection) -> Iterator[None]:
    """A read transaction: every query of the block sees the same committed state."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            with contextlib.suppress(DatabaseError):
                conn.execute("COMMIT")


@contextlib.contextmanager
def own_references(conn: Connection) -> Iterator[None]:
    """Foreign keys unchecked, for a writer that made or looked up every id it writes itself.

    Checking each row's parents again takes a fifth of a big import's time. SQLite ignores the
    pragma inside a transaction, so this wraps the whole transaction.
    """
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def schema_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, path: Path | None = None) -> int:
    """Apply pending migrations, each in one transaction. Returns the schema version."""
    current = schema_version(conn)
    known = migrations()
    newest = known[-1][0]
    if current > newest:
        raise SchemaTooNew(
            f"This wallet was made by a newer version of the program (schema {current}; this "
            f"program knows up to {newest}). Install the newer version; the wallet was not changed."
        )
    pending = [(version, sql) for version, sql in known if version > current]
    if pending and current > 0 and path is not None:
        # A copy before changing the schema, kept encrypted beside the database; committed
        # rows still in the WAL go into the file first.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        shutil.copy2(path, path.with_name(f"{path.name}.before-schema-{pending[0][0]}"))
    for version, sql in pending:
        apply_migration(conn, version, sql)
    return schema_version(conn)


def apply_migration(conn: Connection, version: int, sql: str) -> None:
    try:
        conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
    except DatabaseError:
        with contextlib.suppress(DatabaseError):
            conn.execute("ROLLBACK")
        raise


def integrity_problems(conn: Connection) -> list[str]:
    """Rows from ``PRAGMA cipher_integrity_check`` and ``integrity_check``; empty when healthy."""
    problems = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
    rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        problems.extend(rows)
    return problems


def storage_error(exc: Exception) -> WalletError | None:
    """The person's version of a SQLite write failure, or None when it is not one of those."""
    text = str(exc).lower()
    if "full" in text or "disk i/o error" in text:
        return DiskFull(
            "The wallet could not write to the disk (it is full, or a size limit was reached), "
            "so nothing was stored and your wallet is unchanged. Free some space and try again."
        )
    if "malformed" in text or "not a database" in text:
        return VaultDamaged("The wallet database is damaged. Restore it from a backup.")
    return None
