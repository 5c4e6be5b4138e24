"""Crafted backups (a few MB each, built here) are refused before they cost memory or disk.

A manifest or a key file that inflates to a gigabyte, a database member declaring more bytes
than the archive holds: ``selfdata restore`` refuses each, in a separate process whose peak
memory is measured, leaves no staged file and does not touch the wallet.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REPO, run_cli
from wallet.vault import Wallet

PEAK_LIMIT_KB = 400 * 1024
CHUNK = b"\0" * (1 << 20)


def _bomb_member(zf: zipfile.ZipFile, name: str, megabytes: int, prefix: bytes = b"") -> None:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zf.open(info, "w", force_zip64=True) as member:
        member.write(prefix)
        for _ in range(megabytes):
            member.write(CHUNK)


def _copy_except(source: Path, zf: zipfile.ZipFile, skip: str) -> None:
    with zipfile.ZipFile(source) as good:
        for info in good.infolist():
            if info.filename != skip:
                zf.writestr(info, good.read(info))


def _restore_in_a_process(root: Path, backup: Path) -> tuple[int, str, int]:
    """Run ``selfdata restore`` in its own process: (exit code, stderr, peak memory in KB)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "wallet.cli", "--wallet", str(root), "--passphrase-stdin"]
    process = subprocess.Popen(
        [*command, "restore", str(backup)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdin is not None and process.stderr is not None
    process.stdin.write(f"{PASSPHRASE}\n".encode())
    process.stdin.close()
    err = process.stderr.read().decode()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, err, usage.ru_maxrss


@pytest.fixture
def good_backup(wallet: Wallet, wallet_dir: Path, tmp_path: Path) -> Path:
    wallet.lock()
    target = tmp_path / "good.zip"
    assert run_cli(wallet_dir, "backup", str(target)).code == 0
    return target


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="peak memory per process via wait4")
@pytest.mark.parametrize("member", ["backup.json", "vault.json"])
def test_a_small_member_inflating_to_a_gigabyte_is_refused_in_little_memory(
    good_backup: Path, wallet_dir: Path, tmp_path: Path, member: str
) -> None:
    crafted = tmp_path / f"bomb-{member}.zip"
    with zipfile.ZipFile(crafted, "w") as zf:
        if member == "backup.json":
            _bomb_member(zf, member, 1024, b'{"format": "selfdata-backup/1", "pad": "')
            _copy_except(good_backup, zf, member)
        else:
            _copy_except(good_backup, zf, member)
            _bomb_member(zf, member, 1024, b'{"format": "selfdata-vault/1", "pad": "')
    assert crafted.stat().st_size < 4_000_000  # a few MB on disk
    before = _digest(wallet_dir / "wallet.db")
    code, err, peak_kb = _restore_in_a_process(wallet_dir, crafted)
    assert code == 2, err
    assert "not a real Self Data Wallet backup" in err or "not a Self Data Wallet backup" in err
    assert peak_kb < PEAK_LIMIT_KB, f"peak {peak_kb // 1024} MB"
    assert _digest(wallet_dir / "wallet.db") == before
    assert not [p for p in wallet_dir.iterdir() if p.name.endswith(".restoring")]


def test_a_database_member_larger_than_the_archive_is_refused(
    good_backup: Path, wallet_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crafted = tmp_path / "big-db.zip"
    with zipfile.ZipFile(crafted, "w") as zf:
        _copy_except(good_backup, zf, "wallet.db")
        _bomb_member(zf, "wallet.db", 64)  # 64 MB of zeros, a few hundred KB compressed
    before = _digest(wallet_dir / "wallet.db")
    result = run_cli(wallet_dir, "restore", str(crafted))
    said = result.out + capsys.readouterr().err
    assert result.code == 2
    assert "would unpack to more than the file holds" in said
    assert _digest(wallet_dir / "wallet.db") == before
    assert not [p for p in wallet_dir.iterdir() if p.name.endswith(".restoring")]


def test_two_members_of_one_name_are_refused(
    good_backup: Path, wallet_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crafted = tmp_path / "twice.zip"
    with zipfile.ZipFile(crafted, "w") as zf:
        zf.writestr("wallet.db", b"not a database")
        with pytest.warns(UserWarning, match="Duplicate name"):
            _copy_except(good_backup, zf, "")
    result = run_cli(wallet_dir, "restore", str(crafted))
    assert result.code == 2
    assert "not a Self Data Wallet backup" in result.out + capsys.readouterr().err


def test_members_with_paths_or_links_write_nothing_outside_the_wallet(
    good_backup: Path, wallet_dir: Path, tmp_path: Path
) -> None:
    crafted = tmp_path / "paths.zip"
    with zipfile.ZipFile(crafted, "w") as zf:
        _copy_except(good_backup, zf, "")
        zf.writestr("../outside.txt", b"escaped")
        zf.writestr("/tmp/absolute-outside.txt", b"escaped")
        link = zipfile.ZipInfo("wallet-link")
        link.external_attr = 0o120777 << 16  # a symbolic link to the home folder
        zf.writestr(link, str(tmp_path))
    result = run_cli(wallet_dir, "restore", str(crafted))
    assert result.code == 0  # the real members restore; the others are never read
    assert not (tmp_path / "outside.txt").exists()
    assert not (wallet_dir.parent / "outside.txt").exists()
    assert not Path("/tmp/absolute-outside.txt").exists()
    assert not (wallet_dir / "wallet-link").exists()
