"""Files the program writes: where they are meant to be, private from the start, never through
a planted link.

A wallet folder may have any name a file manager allows; every file written for the person
(export, backup, support report, log, share package) is 0600 from its creation; temporary
files have unguessable names and refuse an existing file or link.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, run_cli
from tests.sharing_support import fill_wallet
from wallet import logs
from wallet.files import atomic_write, create_private, private_output
from wallet.vault import Wallet

# Every character Linux allows in a name but "/" and NUL, grouped so each folder holds many.
FOLDER_NAMES = [
    "Wallet#2",
    "what?mode=rwc",
    "100% mine %2F%2e%2e%23",
    "  spaces  at both ends  ",
    "quotes ' and \" and `back`",
    "shell $(x) ;&|<>*!~^{}[]()=+,@",
    "back\\slash:colon",
    "Portefeuille élève — 日本語 🔐",
    "tab\there, newline\nthere",
    "file:wallet.db",
    ".hidden",
]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.mark.parametrize("name", FOLDER_NAMES)
def test_a_wallet_in_a_folder_of_any_name_opens_again_and_writes_nowhere_else(
    tmp_path: Path, name: str
) -> None:
    parent = tmp_path / "parent"
    parent.mkdir()
    root = parent / name / "wallet"
    created = run_cli(root, "--json", "init", stdin=f"{PASSPHRASE}\n")
    assert created.code == 0, created.out
    assert sorted(p.name for p in parent.iterdir()) == [name]  # no sibling file
    assert (root / "wallet.db").is_file()
    assert _mode(root / "wallet.db") == 0o600
    status = run_cli(root, "--json", "status")
    assert status.code == 0, status.out
    assert json.loads(status.out)["schema_version"] >= 1


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_every_file_written_for_the_person_is_private_from_the_start(
    wallet: Wallet, wallet_dir: Path, tmp_path: Path
) -> None:
    fill_wallet(wallet, tmp_path)
    wallet.lock()
    old_umask = os.umask(0o022)  # the usual default: files would be 0644
    try:
        outputs = tmp_path / "out"
        outputs.mkdir()
        runs = [
            ("export", "electricity", "--format", "csv", "-o", str(outputs / "e.csv")),
            ("export", "mobility", "--format", "json", "-o", str(outputs / "m.json")),
            ("backup", str(outputs / "b.zip")),
            ("support-report", str(outputs / "r.zip")),
            ("support-report", str(outputs / "r.txt")),
        ]
        for args in runs:
            result = run_cli(wallet_dir, *args)
            assert result.code == 0, (args, result.out)
        for written in outputs.iterdir():
            assert _mode(written) == 0o600, written.name
        log = logs.log_file()
        assert log.exists()
        assert _mode(log) == 0o600
        assert sorted(p.name for p in outputs.iterdir()) == [
            "b.zip",
            "e.csv",
            "m.json",
            "r.txt",
            "r.zip",
        ]  # no temporary file left behind
    finally:
        os.umask(old_umask)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links as on macOS and Linux")
def test_a_planted_link_is_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "someone-elses-file"
    victim.write_bytes(b"theirs")
    shared = tmp_path / "shared"
    shared.mkdir()
    # Links planted at every name the old scheme used (.NAME.tmp-PID) and at the target itself.
    for pid in range(os.getpid() - 2, os.getpid() + 3):
        (shared / f".share.zip.tmp-{pid}").symlink_to(victim)
        (shared / f".report.zip.tmp-{pid}").symlink_to(victim)
    (shared / ".report.zip.tmp").symlink_to(victim)
    atomic_write(shared / "share.zip", b"the clear package")
    with private_output(shared / "report.zip") as out:
        out.write(b"report")
    assert victim.read_bytes() == b"theirs"
    assert (shared / "share.zip").read_bytes() == b"the clear package"
    assert not (shared / "share.zip").is_symlink()
    with pytest.raises(FileExistsError):
        create_private(shared / f".share.zip.tmp-{os.getpid()}")  # a link is refused, not followed
    assert victim.read_bytes() == b"theirs"


def test_temporary_names_cannot_be_guessed(tmp_path: Path) -> None:
    seen = set()
    target = tmp_path / "x.json"
    original_replace = os.replace

    def record(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        seen.add(Path(src).name)
        original_replace(src, dst)

    os.replace = record  # type: ignore[assignment]
    try:
        for _ in range(5):
            atomic_write(target, b"{}")
    finally:
        os.replace = original_replace
    assert len(seen) == 5
    assert all(name.startswith(".x.json.tmp-") and str(os.getpid()) not in name for name in seen)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), private_output(target) as out:
        out.write(b"half")
        raise RuntimeError("stopped")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]
