"""Damage is named: a flipped byte in the wallet, a damaged backup, a tampered key file.

Each gives a message that says what is damaged and what to do, never the generic "Something
went wrong"; a damaged backup leaves the wallet as it was and no staged file behind.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSPHRASE, run_cli
from tests.sharing_support import fill_wallet
from wallet import keyslots
from wallet.keyslots import FAST_KDF, kdf_for_new_secrets
from wallet.vault import Wallet

GENERIC = "Something went wrong"


def _said(result_out: str, capsys: pytest.CaptureFixture[str]) -> str:
    return result_out + capsys.readouterr().err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled_dir(wallet: Wallet, wallet_dir: Path, tmp_path: Path) -> Path:
    fill_wallet(wallet, tmp_path)
    wallet.lock()
    return wallet_dir


def test_a_flipped_byte_in_the_wallet_is_named_by_check_status_and_datasets(
    filled_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "monday.zip"
    assert run_cli(filled_dir, "backup", str(backup)).code == 0
    database = filled_dir / "wallet.db"
    data = bytearray(database.read_bytes())
    pages = len(data) // 4096
    for page in range(1, pages):  # every page but the first: the wallet still unlocks
        data[page * 4096 + 100] ^= 0xFF
    database.write_bytes(bytes(data))
    capsys.readouterr()
    for command in ("check", "status", "datasets"):
        result = run_cli(filled_dir, command)
        said = _said(result.out, capsys)
        assert result.code == 2, (command, said)
        assert "The wallet database is damaged" in said, (command, said)
        assert GENERIC not in said
        assert "monday.zip" in said  # the last backup, by name
    checked = run_cli(filled_dir, "check")
    assert "page " in _said(checked.out, capsys)  # where, as SQLite says


def test_a_damaged_first_page_is_named_too(
    filled_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = filled_dir / "wallet.db"
    data = bytearray(database.read_bytes())
    data[200] ^= 0x01
    database.write_bytes(bytes(data))
    result = run_cli(filled_dir, "status")
    said = _said(result.out, capsys)
    assert result.code == 2
    assert "The wallet database is damaged" in said and "page 1" in said
    assert "no record of one" in said  # no backup was made from this wallet


def _rewrite(source: Path, target: Path, changes: dict[str, bytes]) -> None:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, changes.get(info.filename, zin.read(info)))


def _staged(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.endswith(".restoring"))


def test_a_damaged_backup_is_named_and_the_wallet_is_left_as_it_was(
    filled_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "good.zip"
    assert run_cli(filled_dir, "backup", str(backup)).code == 0
    with zipfile.ZipFile(backup) as zf:
        db_bytes = bytearray(zf.read("wallet.db"))
    for page in range(1, len(db_bytes) // 4096):
        db_bytes[page * 4096 + 50] ^= 0xFF
    damaged = tmp_path / "damaged-backup.zip"
    _rewrite(backup, damaged, {"wallet.db": bytes(db_bytes)})  # CRCs right, pages wrong
    before = _digest(filled_dir / "wallet.db")
    capsys.readouterr()
    result = run_cli(filled_dir, "restore", str(damaged))
    said = _said(result.out, capsys)
    assert result.code == 2, said
    assert "The backup damaged-backup.zip is damaged" in said
    assert "Your wallet was not changed" in said
    assert _digest(filled_dir / "wallet.db") == before
    assert _staged(filled_dir) == []
    assert not (filled_dir / "replaced-by-restore").exists()
    assert run_cli(filled_dir, "check").code == 0  # the resident's wallet is fine


def _slot_file(root: Path) -> dict[str, Any]:
    return json.loads((root / "vault.json").read_text(encoding="utf-8"))


def _short_salt(doc: dict[str, Any]) -> None:
    doc["slots"]["passphrase"]["salt"] = base64.b64encode(b"abc").decode()


def _empty_salt(doc: dict[str, Any]) -> None:
    doc["slots"]["passphrase"]["salt"] = ""


def _swap(doc: dict[str, Any]) -> None:
    slots = doc["slots"]
    slots["passphrase"], slots["recovery"] = slots["recovery"], slots["passphrase"]


def _text_number(doc: dict[str, Any]) -> None:
    doc["slots"]["passphrase"]["m"] = "65536"


def _other_kdf(doc: dict[str, Any]) -> None:
    doc["slots"]["passphrase"]["kdf"] = "pbkdf2"


def _huge_memory(doc: dict[str, Any]) -> None:
    doc["slots"]["passphrase"]["m"] = 64 * 1024 * 1024  # 64 GiB


def _many_passes(doc: dict[str, Any]) -> None:
    doc["slots"]["passphrase"]["t"] = 100_000


def _weak(doc: dict[str, Any]) -> None:
    doc["slots"]["passphrase"]["m"] = 1024  # 1 MiB: far easier to guess


def _no_slots(doc: dict[str, Any]) -> None:
    doc["slots"] = "none"


@pytest.mark.parametrize(
    ("tamper", "why"),
    [
        (_short_salt, "salt is not 16 bytes"),
        (_empty_salt, "salt is not 16 bytes"),
        (_swap, "does not use argon2id"),
        (_text_number, "not a whole number"),
        (_other_kdf, "does not use argon2id"),
        (_huge_memory, "far heavier"),
        (_many_passes, "far heavier"),
        (_no_slots, "list of slots"),
        (_weak, "weaker than the wallet allows"),
    ],
)
def test_a_tampered_key_file_is_named(
    wallet: Wallet,
    wallet_dir: Path,
    capsys: pytest.CaptureFixture[str],
    tamper: Any,
    why: str,
) -> None:
    wallet.lock()
    doc = _slot_file(wallet_dir)
    tamper(doc)
    (wallet_dir / "vault.json").write_text(json.dumps(doc), encoding="utf-8")
    before = _digest(wallet_dir / "wallet.db")
    result = run_cli(wallet_dir, "status")
    said = _said(result.out, capsys)
    assert result.code == 2
    assert "vault.json is damaged" in said or "key derivation far heavier" in said
    assert why in said
    assert GENERIC not in said
    assert _digest(wallet_dir / "wallet.db") == before


def test_a_backup_with_a_tampered_key_file_is_named_as_the_damaged_one(
    filled_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "good.zip"
    assert run_cli(filled_dir, "backup", str(backup)).code == 0
    with zipfile.ZipFile(backup) as zf:
        doc = json.loads(zf.read("vault.json"))
    _huge_memory(doc)
    crafted = tmp_path / "crafted.zip"
    _rewrite(backup, crafted, {"vault.json": json.dumps(doc).encode()})
    capsys.readouterr()
    result = run_cli(filled_dir, "restore", str(crafted))
    said = _said(result.out, capsys)
    assert result.code == 2
    assert "The backup crafted.zip is damaged" in said and "far heavier" in said
    assert _staged(filled_dir) == []


def test_the_weakest_kdf_profile_is_only_for_a_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(keyslots.KDF_ENV, "minimum")
    assert kdf_for_new_secrets() == FAST_KDF  # this checkout, with its tests
    installed = tmp_path / "site-packages"
    (installed / "wallet").mkdir(parents=True)
    assert kdf_for_new_secrets(installed) is None  # an installed program tunes Argon2id
    monkeypatch.delenv(keyslots.KDF_ENV)
    assert kdf_for_new_secrets() is None


def test_a_wallet_made_by_the_command_line_outside_a_checkout_is_tuned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The installed program ignores the variable: the key file keeps at least the defaults."""
    monkeypatch.setattr(keyslots, "_CHECKOUT", tmp_path)  # where an installed package sits
    monkeypatch.setattr(keyslots.kdf_for_new_secrets, "__defaults__", (tmp_path,))
    root = tmp_path / "wallet"
    assert run_cli(root, "init", stdin=f"{PASSPHRASE}\n").code == 0
    slot = _slot_file(root)["slots"]["passphrase"]
    assert slot["m"] == keyslots.DEFAULT_MEMORY_KIB
    assert slot["t"] >= keyslots.DEFAULT_TIME_COST
