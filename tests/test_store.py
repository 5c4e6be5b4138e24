"""The store: one writer at a time, readers of their own that see only committed rows.

Both defects of the shared connection are reproduced here on real threads and a real wallet:
a reader on another thread saw an import's rows before they were committed, and a second
writer that failed ended the first writer's transaction. The operations the front ends use
each say whether they read or write.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from wallet import operations
from wallet.errors import NotFound, WalletBusy
from wallet.vault import Wallet

HEADER = "dataset,meter,quantity,start,end,value,unit\n"


def energy_csv(path: Path, days: int, meter: str = "PRM-STORE-001") -> Path:
    """``days`` daily readings of 1 kWh from 2020-01-01 (UTC offsets written out)."""
    from datetime import date, timedelta

    lines = [HEADER]
    day = date(2020, 1, 1)
    for _ in range(days):
        nxt = day + timedelta(days=1)
        lines.append(
            f"electricity,{meter},consumption,{day}T00:00:00+00:00,{nxt}T00:00:00+00:00,1,kWh\n"
        )
        day = nxt
    path.write_text("".join(lines), encoding="utf-8")
    return path


def energy_rows(wallet: Wallet) -> int:
    return wallet.counts()["electricity"]


class Paused:
    """An import's ``cancelled`` callback that stops inside the transaction, once, until told."""

    def __init__(self) -> None:
        self.inside = threading.Event()
        self.go = threading.Event()

    def __call__(self) -> bool:
        if not self.inside.is_set():
            self.inside.set()
            assert self.go.wait(120), "the test never let the import go on"
        return False


def in_thread(work: Callable[[], object]) -> tuple[threading.Thread, dict[str, object]]:
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the test thread
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


class PausedImport:
    """An import of 50,000 readings on another thread, stopped inside its transaction."""

    def __init__(self, wallet: Wallet, path: Path) -> None:
        self.paused = Paused()
        self.thread, self.outcome = in_thread(
            lambda: wallet.import_file(path, cancelled=self.paused)
        )
        assert self.paused.inside.wait(120)

    def finish(self) -> object:
        self.paused.go.set()
        self.thread.join(120)
        assert not self.thread.is_alive()
        assert "error" not in self.outcome, self.outcome
        return self.outcome["value"]


@pytest.fixture
def paused_import(tmp_path: Path, wallet: Wallet) -> Iterator[PausedImport]:
    running = PausedImport(wallet, energy_csv(tmp_path / "big.csv", 50_000))
    yield running
    running.paused.go.set()
    running.thread.join(120)


def test_a_reader_on_another_thread_never_sees_rows_not_yet_committed(
    wallet: Wallet, paused_import: PausedImport
) -> None:
    # The import has written its first block into its open transaction by now.
    with pytest.raises(WalletBusy):  # (the bare connection would see them: refused)
        _ = wallet.conn
    assert energy_rows(wallet) == 0
    reader, read = in_thread(lambda: energy_rows(wallet))
    reader.join(60)
    assert read == {"value": 0}
    paused_import.finish()
    assert energy_rows(wallet) == 50_000


def test_a_second_writer_that_fails_leaves_the_first_writers_transaction_whole(
    wallet: Wallet, paused_import: PausedImport
) -> None:
    # The second writer asks to undo a batch that does not exist: its transaction fails.
    second, second_outcome = in_thread(lambda: wallet.undo_batch(999))
    second.join(0.5)
    assert second.is_alive(), "the second writer must wait for the first one's transaction"
    # Nor may anyone slip a statement into the first writer's transaction by the bare
    # connection (it is meant for programs with one thread).
    with pytest.raises(WalletBusy):
        _ = wallet.conn
    paused_import.finish()
    second.join(120)
    assert isinstance(second_outcome.get("error"), NotFound)
    assert energy_rows(wallet) == 50_000
    (batch,) = wallet.batches()
    assert batch.rows_now == 50_000


def test_a_write_inside_a_write_joins_its_transaction(wallet: Wallet) -> None:
    with pytest.raises(RuntimeError), wallet.store.write() as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('outer', '1')")
        wallet.set_meta("inner", "2")  # the same thread: joins the open transaction
        assert wallet.get_meta("inner") == "2"  # a writer reads its own work
        raise RuntimeError("the outer block fails")
    assert wallet.get_meta("outer") is None
    assert wallet.get_meta("inner") is None


def test_readers_cannot_write(wallet: Wallet) -> None:
    with wallet.store.read() as conn, pytest.raises(Exception, match=r"readonly|read-only"):
        conn.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")


def test_the_journal_is_wal_and_locking_closes_every_connection(
    wallet_dir: Path, wallet: Wallet
) -> None:
    assert wallet.conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    reader, _ = in_thread(lambda: energy_rows(wallet))  # opens a reader of its own
    reader.join()
    wallet.lock()
    # With every connection closed, the WAL went back into the database file.
    assert not (wallet_dir / "wallet.db-wal").exists()
    reopened = Wallet.unlock(wallet_dir, PASSPHRASE)
    assert reopened.counts()["electricity"] == 0
    reopened.lock()


def test_every_operation_says_whether_it_reads_or_writes() -> None:
    public = [
        name
        for name, member in vars(operations.Operations).items()
        if callable(member) and not name.startswith("_")
    ]
    assert "import_file" in public and "undo_batch" in public
    undeclared = [
        name
        for name in public
        if getattr(getattr(operations.Operations, name), "access", None)
        not in (operations.READ, operations.WRITE)
    ]
    assert undeclared == []
    assert operations.Operations.import_file.access == operations.WRITE  # type: ignore[attr-defined]
    assert operations.Operations.counts.access == operations.READ  # type: ignore[attr-defined]
