"""The helper process that reads a file while the wallet unlocks: same rows as reading it in
process, its errors surface as clear refusals with nothing stored, and it never outlives the
import (cancel, a different importer, a killed helper).

The mechanism is exercised through ``ParseAhead`` itself; ``start`` only adds the policy of
when it is worth and safe to fork: tested on its own, and through ``selfdata import`` in a
process of its own (this test process runs Qt's threads, so ``start`` rightly declines here).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bench.bench_importers_energy import write_r63
from importers.base import EnergyReading, MeterId, Rejected
from importers.blocks import EnergyBlock, gathered
from tests.conftest import PASSPHRASE, RESOURCE_SAMPLES
from tests.test_r63_blocks import BAD_AT, ROWS, write_curve
from wallet import parse_ahead
from wallet.errors import ImportCancelled, ImportRefused
from wallet.files import file_sha256
from wallet.keyslots import FAST_KDF
from wallet.logs import LOG_FILE
from wallet.parse_ahead import ParseAhead
from wallet.paths import log_dir
from wallet.vault import Wallet

HDM = RESOURCE_SAMPLES / "enedis_mes_mesures_courbe_de_charge.csv"


def energy_rows(wallet: Wallet) -> list[tuple[object, ...]]:
    return wallet.conn.execute(
        "SELECT channel_id, start_utc, end_utc, value, unit FROM energy_values "
        "ORDER BY channel_id, start_utc, end_utc"
    ).fetchall()


def second_wallet(tmp_path: Path) -> Wallet:
    return Wallet.create(tmp_path / "other", PASSPHRASE, kdf=FAST_KDF).wallet


@pytest.mark.parametrize("kind", ["r63 in blocks", "portal csv reading by reading"])
def test_same_rows_as_reading_in_process(tmp_path: Path, wallet: Wallet, kind: str) -> None:
    if kind.startswith("r63"):
        path = tmp_path / "r63_long.csv"
        write_curve(path)
    else:
        path = HDM
    ahead = ParseAhead(path, None)
    progress: list[tuple[int, int]] = []
    try:
        through_helper = wallet.import_file(
            path, reading=ahead.reading(None, on_progress=lambda d, t: progress.append((d, t)))
        )
    finally:
        ahead.close()
    other = second_wallet(tmp_path)
    in_process = other.import_file(path)
    assert through_helper.as_json() == in_process.as_json()
    assert energy_rows(wallet) == energy_rows(other)
    assert through_helper.added > 0
    # The batch records the file's digest, computed by the helper.
    (digest,) = wallet.conn.execute("SELECT sha256 FROM batches").fetchone()
    assert digest == file_sha256(path) == ahead.digest()  # the helper's stream was used
    assert progress and progress[-1][0] == progress[-1][1] == path.stat().st_size
    other.lock()


def test_rejected_lines_come_through_with_their_numbers(tmp_path: Path, wallet: Wallet) -> None:
    path = tmp_path / "r63_long.csv"
    write_curve(path)
    with_helper = ParseAhead(path, None)
    try:
        result = wallet.import_file(path, reading=with_helper.reading(None))
    finally:
        with_helper.close()
    assert result.added == ROWS - len(BAD_AT)
    assert [r.line for r in result.rejected] == [i + 2 for i in BAD_AT]


def test_strict_refusal_stores_nothing(tmp_path: Path, wallet: Wallet) -> None:
    path = tmp_path / "r63_long.csv"
    write_curve(path)
    ahead = ParseAhead(path, None)
    try:
        with pytest.raises(ImportRefused, match="line 15002"):
            wallet.import_file(path, reading=ahead.reading(None), strict=True)
    finally:
        ahead.close()
    assert wallet.conn.execute("SELECT count(*) FROM energy_values").fetchone() == (0,)
    assert wallet.conn.execute("SELECT count(*) FROM batches").fetchone() == (0,)


def test_the_helpers_refusal_is_the_same_refusal(tmp_path: Path, wallet: Wallet) -> None:
    """An importer's FileRefused, raised in the helper, reaches the person unchanged."""
    text = (RESOURCE_SAMPLES / "grdf_monespace_donnees_informatives.json").read_text("utf-8")
    path = tmp_path / "grdf_cut.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")  # a download cut short
    with pytest.raises(ImportRefused) as in_process:
        wallet.import_file(path)
    ahead = ParseAhead(path, None)
    try:
        with pytest.raises(ImportRefused) as through_helper:
            wallet.import_file(path, reading=ahead.reading(None))
    finally:
        ahead.close()
    assert (chosen := ahead.importer()) is not None and chosen.name == "grdf_json"
    assert str(through_helper.value) == str(in_process.value)
    assert wallet.conn.execute("SELECT count(*) FROM batches").fetchone() == (0,)


def test_cancel_stops_the_helper_and_stores_nothing(tmp_path: Path, wallet: Wallet) -> None:
    path = tmp_path / "r63_long.csv"
    write_curve(path)
    ahead = ParseAhead(path, None)
    try:
        with pytest.raises(ImportCancelled):
            wallet.import_file(path, reading=ahead.reading(None), cancelled=lambda: True)
    finally:
        ahead.close()
    assert not ahead.running()
    assert wallet.conn.execute("SELECT count(*) FROM energy_values").fetchone() == (0,)


def test_a_killed_helper_is_a_clear_refusal(tmp_path: Path, wallet: Wallet) -> None:
    path = tmp_path / "r63_long.csv"
    write_curve(path)
    ahead = ParseAhead(path, None)
    assert (chosen := ahead.importer()) is not None and chosen.name == "enedis_r63"
    os.kill(ahead.pid, signal.SIGKILL)

    def stalled() -> bool:
        return False

    try:
        with pytest.raises(ImportRefused, match="stopped unexpectedly"):
            # Whatever it had sent before dying may arrive; then its absence is noticed.
            wallet.import_file(path, reading=ahead.reading(None), cancelled=stalled)
    finally:
        ahead.close()
    assert wallet.conn.execute("SELECT count(*) FROM energy_values").fetchone() == (0,)


def test_a_different_importer_means_reading_in_process(tmp_path: Path, wallet: Wallet) -> None:
    """Here the helper was told another format than the vault chooses: it is stopped, unused."""
    path = tmp_path / "r63_long.csv"
    write_curve(path)
    ahead = ParseAhead(path, "enedis_hdm_csv")
    try:
        result = wallet.import_file(path, reading=ahead.reading(None))
    finally:
        ahead.close()
    assert result.importer == "enedis_r63"
    assert result.added == ROWS - len(BAD_AT)
    assert not ahead.running()


def test_start_declines_small_files_and_threaded_processes(tmp_path: Path) -> None:
    small = RESOURCE_SAMPLES / "enedis_r63_courbe_de_charge.csv"
    assert parse_ahead.start(small) is None  # too small to be worth a process
    big = tmp_path / "r63_long.csv"
    write_curve(big)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert parse_ahead.start(big, min_bytes=0) is None  # another thread: fork is unsafe
    finally:
        release.set()
        other.join()


def test_the_command_line_reads_a_big_file_ahead(tmp_path: Path) -> None:
    """``selfdata import`` is single-threaded when it forks: its helper reads the big file."""
    big = tmp_path / "r63_big.csv"
    rows = write_r63(big, 45_000)
    assert big.stat().st_size > parse_ahead.WORTH_BYTES
    wallet_dir = tmp_path / "wallet"
    command = [sys.executable, "-m", "wallet.cli", "--wallet", str(wallet_dir)]
    created = subprocess.run(
        [*command, "--passphrase-stdin", "init"],
        input=PASSPHRASE + "\n",
        text=True,
        capture_output=True,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    done = subprocess.run(
        [*command, "--passphrase-stdin", "--json", "import", str(big)],
        input=PASSPHRASE + "\n",
        text=True,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files"][0]["added"] == rows
    log = (log_dir() / LOG_FILE).read_text(encoding="utf-8")
    assert "A helper process read the file while the wallet unlocked (enedis_r63)" in log


def test_no_helper_outlives_a_refused_command(tmp_path: Path) -> None:
    """A wrong passphrase stops the command before it reads a row: its helper stops too."""
    big = tmp_path / "r63_big.csv"
    write_r63(big, 45_000)
    wallet_dir = tmp_path / "wallet-refused"
    command = [
        sys.executable,
        "-m",
        "wallet.cli",
        "--wallet",
        str(wallet_dir),
        "--passphrase-stdin",
    ]
    created = subprocess.run(
        [*command, "init"], input=PASSPHRASE + "\n", text=True, capture_output=True, check=False
    )
    assert created.returncode == 0, created.stderr
    done = subprocess.run(
        [*command, "import", str(big)],
        input="not the passphrase\n",
        text=True,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2
    assert "passphrase" in done.stderr.lower()
    # A helper is a fork of the command: it would carry the same command line.
    survivors = [
        entry.name
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and str(wallet_dir).encode() in _cmdline(entry)
    ]
    assert survivors == []


def _cmdline(entry: Path) -> bytes:
    try:
        return (entry / "cmdline").read_bytes()
    except OSError:
        return b""


def test_gathered_gives_each_channel_its_blocks() -> None:
    meter = MeterId("1")

    def reading(end: int, quantity: str = "consumption", unit: str = "W") -> EnergyReading:
        return EnergyReading("electricity", meter, quantity, end - 600, end, float(end), unit)

    bad = Rejected(9, "value could not be read")
    items = [
        reading(600),
        reading(1200),
        reading(1800),
        bad,
        reading(2400),
        reading(2400, unit="Wh"),  # another unit is another channel
        reading(3000, quantity="production", unit="Wh"),
        reading(3000, unit="Wh"),
        reading(3600, quantity="production", unit="Wh"),
    ]
    out = list(gathered(items, size=2))
    shapes = [(o.quantity, o.unit, list(o.ends)) if isinstance(o, EnergyBlock) else o for o in out]
    assert shapes == [
        ("consumption", "W", [600, 1200]),  # full: sent at once
        ("consumption", "W", [1800]),  # begun before the rejected line: sent before it
        bad,
        ("consumption", "Wh", [2400, 3000]),  # alternating channels still fill their blocks
        ("production", "Wh", [3000, 3600]),
        ("consumption", "W", [2400]),  # the rest, in the order the blocks were begun
    ]
    readings = [r for o in out if isinstance(o, EnergyBlock) for r in o.readings()]
    assert sorted(readings) == sorted(i for i in items if isinstance(i, EnergyReading))
    for channel in {(r.quantity, r.unit) for r in readings}:
        mine = [r for r in readings if (r.quantity, r.unit) == channel]
        assert mine == [
            i for i in items if isinstance(i, EnergyReading) and (i.quantity, i.unit) == channel
        ]
