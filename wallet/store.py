"""The store: who may use which connection to the wallet database, and where transactions are.

One write connection, used by one writer at a time: every write takes ``Store.write()``, which
holds a lock for the whole transaction and begins and ends it (``db.transaction``). A lock
rather than a writer thread fed by a queue: an import writes half a million rows from the
thread that reads them, and handing each block to another thread would make the two convoy on
the GIL that SQLite releases on every row (see ``wallet.parse_ahead``).

Readers get a connection of their own, one per thread, keyed with the same data key (no key
derivation: the raw key is given) and unable to write (``query_only``). The journal is WAL,
so a reader sees the last committed state while an import runs, never rows not yet committed.
A thread that holds the write lock reads through the write connection, so it sees its own
work.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from wallet import db
from wallet.errors import VaultLocked, WalletBusy


class Store:
    """The connections of one open wallet database; ``close()`` ends them all."""

    def __init__(self, path: Path, data_key: bytes, writer: db.Connection) -> None:
        self.path = path
        self._key: bytes | None = data_key
        self._writer: db.Connection | None = writer
        self._write_lock = threading.RLock()
        self._owner: int | None = None  # the thread holding the write lock
        self._local = threading.local()
        self._readers: list[db.Connection] = []
        self._readers_lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self._writer is not None

    # --- writing ----------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self, *, own_references: bool = False) -> Iterator[db.Connection]:
        """The write connection inside one transaction, for this thread alone until it ends.

        Another writer waits here until this one has committed or rolled back. Nested in a
        ``write()`` of the same thread, it joins the transaction already begun.
        ``own_references``: see ``db.own_references`` (the import's writer).
        """
        with self._write_lock:
            conn = self._writer_conn()
            outer = self._owner is None
            self._owner = threading.get_ident()
            try:
                if outer and own_references:
                    with db.own_references(conn), db.transaction(conn):
                        yield conn
                else:
                    with db.transaction(conn):
                        yield conn
            finally:
                if outer:
                    self._owner = None

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[db.Connection]:
        """The write connection with no transaction begun, for statements SQLite refuses inside
        one (``ATTACH`` for a backup); other writers wait as for ``write()``."""
        with self._write_lock:
            conn = self._writer_conn()
            outer = self._owner is None
            self._owner = threading.get_ident()
            try:
                yield conn
            finally:
                if outer:
                    self._owner = None

    def holds_write_lock(self) -> bool:
        return self._owner == threading.get_ident()

    def bare_writer(self) -> db.Connection:
        """The write connection with no lock taken: only for a program with one thread.

        Refused while another thread writes: its statements would land in that transaction.
        """
        owner = self._owner
        if owner is not None and owner != threading.get_ident():
            raise WalletBusy("Another task is writing to the wallet; wait until it has finished.")
        return self._writer_conn()

    def _writer_conn(self) -> db.Connection:
        if self._writer is None:
            raise VaultLocked("The wallet is locked. Unlock it to continue.")
        return self._writer

    # --- reading ----------------------------------------------------------------------
    @contextlib.contextmanager
    def read(self) -> Iterator[db.Connection]:
        """A connection that sees only committed rows, one snapshot for the whole block.

        In a thread that is writing, the write connection (its own work is visible to it).
        """
        if self.holds_write_lock():
            yield self._writer_conn()
            return
        conn = self._reader()
        depth: int = getattr(self._local, "depth", 0)
        self._local.depth = depth + 1
        try:
            if depth == 0:
                with db.snapshot(conn):
                    yield conn
            else:
                yield conn
        finally:
            self._local.depth = depth

    def connection(self) -> db.Connection:
        """This thread's connection as it stands: the write connection while this thread
        writes, else its own reader (each statement then sees the latest commit)."""
        if self.holds_write_lock():
            return self._writer_conn()
        return self._reader()

    def _reader(self) -> db.Connection:
        conn: db.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and self._writer is not None:
            return conn
        if self._key is None:
            raise VaultLocked("The wallet is locked. Unlock it to continue.")
        conn = db.connect_reader(self.path, self._key)
        with self._readers_lock:
            if self._writer is None:  # locked while this one was opening
                conn.close()
                raise VaultLocked("The wallet is locked. Unlock it to continue.")
            self._readers.append(conn)
        self._local.conn = conn
        return conn

    # --- closing ----------------------------------------------------------------------
    def close(self) -> None:
        """Close every connection (readers first, so the writer's close checkpoints the WAL
        into the database file and removes it); safe to call twice."""
        with self._readers_lock:
            readers, self._readers = self._readers, []
            writer, self._writer = self._writer, None
            self._key = None
        for conn in readers:
            with contextlib.suppress(db.DatabaseError, db.ProgrammingError):
                conn.close()
        if writer is not None:
            with contextlib.suppress(db.DatabaseError, db.ProgrammingError):
                writer.close()
