"""A killed import leaves the wallet as it was: `kill -9` mid-transaction, a full disk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from wallet.batches import list_batches
from wallet.keyslots import FAST_KDF
from wallet.queries import counts
from wallet.vault import Wallet

ROWS = 200_000


def big_energy_csv(path: Path, rows: int, start: int = 1_700_000_000) -> Path:
    """A load curve in the wallet's own CSV format: ``rows`` 10-minute readings from ``start``."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("dataset,meter,quantity,start,end,value,unit\n")
        for i in range(rows):
            begin = datetime.fromtimestamp(start + i * 600, UTC).isoformat()
            end = datetime.fromtimestamp(start + i * 600 + 600, UTC).isoformat()
            out.write(f"electricity,M1,consumption,{begin},{end},{i % 997},W\n")
    return path


IMPORTER_SCRIPT = """
import sys
from pathlib import Path
from wallet.vault import Wallet
wallet = Wallet.unlock(Path(sys.argv[1]), sys.argv[2])
wallet.import_file(Path(sys.argv[3]))
print("finished", flush=True)
"""


def _writing(wal: Path) -> bool:
    """More than the WAL of an open wallet holds: the import's transaction is under way."""
    try:
        return wal.stat().st_size > 512 * 1024
    except FileNotFoundError:
        return False


@pytest.mark.slow
def test_kill_9_during_import_leaves_no_partial_batch(tmp_path: Path, wallet_dir: Path) -> None:
    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF)
    small = big_energy_csv(tmp_path / "small.csv", 100, start=1_600_000_000)
    created.wallet.import_file(small)
    created.wallet.lock()
    big = big_energy_csv(tmp_path / "big.csv", ROWS)
    # The journal is WAL: the import's pages go to it before the commit does.
    journal = wallet_dir / "wallet.db-wal"
    killed_mid_write = 0
    for attempt in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-c", IMPORTER_SCRIPT, str(wallet_dir), PASSPHRASE, str(big)],
            stdout=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while not _writing(journal) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(0.05 * attempt)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed_mid_write += 1
        proc.wait()
        with Wallet.unlock(wallet_dir, PASSPHRASE) as wallet:
            assert wallet.integrity_problems() == []
            rows = counts(wallet.conn)["electricity"]
            batches = list_batches(wallet.conn)
            # The old state (100 rows, one batch) or, had an attempt finished, the whole new
            # batch (a later attempt that finished adds a batch of nothing new).
            assert rows in (100, 100 + ROWS)
            if rows == 100:
                assert [b.file_name for b in batches] == ["small.csv"]
            else:
                assert sorted(b.added for b in batches if b.file_name == "big.csv")[-1] == ROWS
                assert sum(b.added for b in batches) == 100 + ROWS
    assert killed_mid_write >= 1


def test_full_disk_fails_cleanly_and_keeps_the_old_state(tmp_path: Path, wallet_dir: Path) -> None:
    """A file-size limit stands in for a full disk: the write fails, nothing changes."""
    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF)
    created.wallet.import_file(big_energy_csv(tmp_path / "small.csv", 100))
    created.wallet.lock()
    big = big_energy_csv(tmp_path / "big.csv", 50_000, start=1_650_000_000)
    limit = (wallet_dir / "wallet.db").stat().st_size + 64 * 1024
    script = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "from wallet.vault import Wallet\n"
        "from wallet.errors import DiskFull, WalletError\n"
        "w = Wallet.unlock(Path(sys.argv[1]), sys.argv[2])\n"
        "try:\n"
        "    w.import_file(Path(sys.argv[3]))\n"
        "except WalletError as exc:\n"
        "    print(type(exc).__name__, exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(wallet_dir), PASSPHRASE, str(big)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.stdout.startswith("DiskFull"), out.stdout + out.stderr
    assert "Free some space" in out.stdout
    with Wallet.unlock(wallet_dir, PASSPHRASE) as wallet:
        assert wallet.integrity_problems() == []
        assert counts(wallet.conn)["electricity"] == 100
        assert len(list_batches(wallet.conn)) == 1
