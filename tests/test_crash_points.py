"""SIGKILL at many points of every write: the wallet opens with the old or the new state.

Each operation runs in a child process that says when it starts the write; the parent kills it
after a growing fraction of the time a full write takes. Afterwards the wallet must open, pass `PRAGMA integrity_check`, and show
either the state before the operation or the state after it, never a mix.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.test_crash_safety import big_energy_csv
from wallet.backup import backup, read_manifest
from wallet.batches import list_batches
from wallet.errors import WrongSecretError
from wallet.keyslots import FAST_KDF
from wallet.queries import counts
from wallet.vault import Wallet

KILLS = 8

CHILD = """
import sys
from pathlib import Path
from wallet.keyslots import FAST_KDF
from wallet.vault import Wallet
from wallet import backup, batches
op, root, arg = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
if op == "restore":
    print("go", flush=True)
    backup.restore(Path(arg), root, "{pw}")
else:
    w = Wallet.unlock(root, "{pw}")
    print("go", flush=True)
    if op == "undo":
        batches.undo(w.conn, int(arg))
    elif op == "backup":
        backup.backup(w, Path(arg))
    elif op == "passphrase":
        w.change_passphrase(arg, kdf=FAST_KDF)
    w.lock()
print("done", flush=True)
""".replace("{pw}", PASSPHRASE)


def run_child(op: str, root: Path, arg: str, kill_after: float | None) -> float:
    """Run the operation; kill it ``kill_after`` seconds into its write. Returns the write time."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, op, str(root), arg], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "go"
    started = time.monotonic()
    if kill_after is None:
        assert proc.stdout.readline().strip() == "done"
        elapsed = time.monotonic() - started
        assert proc.wait(timeout=300) == 0
        return elapsed
    try:
        proc.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    return time.monotonic() - started


def kill_at_many_points(
    op: str, root: Path, arg: str, check: Callable[[], None], reset: Callable[[], None]
) -> None:
    full = run_child(op, root, arg, None)
    check()
    for i in range(KILLS):
        reset()
        run_child(op, root, arg, full * i / KILLS)
        check()


def state(root: Path, passphrase: str = PASSPHRASE) -> tuple[int, int]:
    with Wallet.unlock(root, passphrase) as wallet:
        assert wallet.integrity_problems() == []
        return counts(wallet.conn)["electricity"], len(list_batches(wallet.conn))


@pytest.fixture
def filled(tmp_path: Path, wallet_dir: Path) -> Path:
    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF)
    created.wallet.import_file(big_energy_csv(tmp_path / "a.csv", 100, start=1_600_000_000))
    created.wallet.import_file(big_energy_csv(tmp_path / "b.csv", 60_000))
    created.wallet.lock()
    return wallet_dir


@pytest.mark.slow
def test_undo_killed_anywhere(filled: Path, tmp_path: Path) -> None:
    def reset() -> None:
        if state(filled) == (100, 1):
            with Wallet.unlock(filled, PASSPHRASE) as wallet:
                wallet.import_file(tmp_path / "b.csv")

    def check() -> None:
        assert state(filled) in ((100, 1), (60_100, 2))

    batch = str(max(b.id for b in _batches(filled)))
    kill_at_many_points("undo", filled, batch, check, reset)


def _batches(root: Path) -> list:  # type: ignore[type-arg]
    with Wallet.unlock(root, PASSPHRASE) as wallet:
        return list_batches(wallet.conn)


@pytest.mark.slow
def test_backup_killed_anywhere(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "wallet.backup"

    def check() -> None:
        assert state(filled) == (60_100, 2)
        if target.exists():
            assert read_manifest(target)["rows"]["electricity"] == 60_100  # type: ignore[index]

    kill_at_many_points("backup", filled, str(target), check, lambda: None)


@pytest.mark.slow
def test_restore_killed_anywhere(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "wallet.backup"
    with Wallet.unlock(filled, PASSPHRASE) as wallet:
        backup(wallet, target)  # the backup holds both batches

    def reset() -> None:
        with Wallet.unlock(filled, PASSPHRASE) as wallet:
            for batch in list_batches(wallet.conn)[1:]:
                from wallet.batches import undo

                undo(wallet.conn, batch.id)

    def check() -> None:
        assert state(filled) in ((100, 1), (60_100, 2))

    reset()
    kill_at_many_points("restore", filled, str(target), check, reset)


@pytest.mark.slow
def test_passphrase_change_killed_anywhere(filled: Path) -> None:
    def opens_with_old_or_new() -> None:
        for passphrase in (PASSPHRASE, "the new one"):
            try:
                assert state(filled, passphrase) == (60_100, 2)
                return
            except WrongSecretError:
                continue
        pytest.fail("neither the old nor the new passphrase opens the wallet")

    def reset() -> None:
        try:
            with Wallet.unlock(filled, "the new one", sleep=lambda s: None) as wallet:
                wallet.change_passphrase(PASSPHRASE, kdf=FAST_KDF)
        except WrongSecretError:
            pass

    kill_at_many_points("passphrase", filled, "the new one", opens_with_old_or_new, reset)
