""" "My passphrase or recovery code may be known to someone": a new data key.

After a passphrase change, an old vault.json (every backup holds one) with the old passphrase
still opens the current database; after ``rotate-data-key`` it does not, the old recovery code
no longer works, the new passphrase and new recovery code do, and every row is still there.
A rotation interrupted at any step leaves the old wallet or the new one, never a mix.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, run_cli
from tests.sharing_support import fill_wallet
from ui.session import Session
from ui.tasks import TaskRunner
from ui.widgets.secrets import RotateKeyDialog
from wallet import backup, db, rotation
from wallet.errors import VaultDamaged, WrongSecretError
from wallet.keyslots import FAST_KDF, SlotFile
from wallet.queries import counts
from wallet.vault import Wallet

NEW = "a brand new passphrase"


def _opens(root: Path, slots: bytes, passphrase: str) -> bool:
    """Whether this slot file and passphrase open the database in ``root``."""
    key = SlotFile.load_bytes(slots).unlock_passphrase(passphrase)
    try:
        db.connect(root / "wallet.db", key).close()
    except VaultDamaged:
        return False
    return True


def test_a_passphrase_change_leaves_the_old_key_and_a_rotation_does_not(
    wallet: Wallet, wallet_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill_wallet(wallet, tmp_path)
    before = counts(wallet.conn)
    wallet.lock()
    old_slots = (wallet_dir / "vault.json").read_bytes()

    changed = run_cli(wallet_dir, "passphrase", stdin=f"{PASSPHRASE}\nchanged once\n")
    assert changed.code == 0
    assert "backups made before still open with the old passphrase" in changed.out
    assert _opens(wallet_dir, old_slots, PASSPHRASE)  # what the issue found: still opens

    rotated = run_cli(wallet_dir, "--json", "rotate-data-key", stdin=f"changed once\n{NEW}\n")
    assert rotated.code == 0, rotated.out + capsys.readouterr().err
    new_code = json.loads(rotated.out)["recovery_code"]

    assert not _opens(wallet_dir, old_slots, PASSPHRASE)  # the old key opens nothing now
    with Wallet.unlock(wallet_dir, NEW) as opened:
        assert counts(opened.conn) == before
        assert opened.integrity_problems() == []
    with Wallet.unlock_with_recovery(wallet_dir, new_code) as opened:
        assert counts(opened.conn) == before
    with pytest.raises(WrongSecretError):
        Wallet.unlock(wallet_dir, "changed once")
    assert not (wallet_dir / "replaced-by-restore").exists()  # the old files are not kept
    assert not [p for p in wallet_dir.iterdir() if p.name.endswith(".restoring")]


def test_the_old_recovery_code_stops_working(wallet_dir: Path) -> None:
    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF)
    old_code = created.recovery_code
    new_code = created.wallet.rotate_data_key(NEW, kdf=FAST_KDF)
    created.wallet.lock()
    assert new_code != old_code
    with pytest.raises(WrongSecretError):
        Wallet.unlock_with_recovery(wallet_dir, old_code)
    Wallet.unlock_with_recovery(wallet_dir, new_code).lock()


@pytest.mark.parametrize("stop_before", ["marker", "swap"])
def test_an_interrupted_rotation_leaves_one_whole_wallet(
    wallet: Wallet, wallet_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    stop_before: str,
) -> None:  # fmt: skip
    fill_wallet(wallet, tmp_path)
    before = counts(wallet.conn)

    class Stopped(BaseException):
        pass

    def stop(*_args: object) -> None:
        raise Stopped

    if stop_before == "marker":
        real_write = rotation.atomic_write
        monkeypatch.setattr(
            rotation,
            "atomic_write",
            lambda path, data: stop() if path.name == backup.PENDING else real_write(path, data),
        )
    else:
        monkeypatch.setattr(rotation, "complete_pending_restore", stop)
    with pytest.raises(Stopped):
        wallet.rotate_data_key(NEW, kdf=FAST_KDF)
    wallet.lock()
    monkeypatch.undo()
    survivor = tmp_path / "after-crash"
    shutil.copytree(wallet_dir, survivor)
    (survivor / ".lock").unlink(missing_ok=True)
    secret = PASSPHRASE if stop_before == "marker" else NEW
    with Wallet.unlock(survivor, secret) as opened:  # the old wallet, or the finished new one
        assert counts(opened.conn) == before
        assert opened.integrity_problems() == []
    assert not [p for p in survivor.iterdir() if p.name.endswith(".restoring")]


def test_the_settings_dialog_rotates_and_shows_the_new_code_once(
    qtbot: QtBot, wallet: Wallet, wallet_dir: Path, tmp_path: Path
) -> None:
    fill_wallet(wallet, tmp_path)
    before = counts(wallet.conn)
    session = Session(TaskRunner(inline=True))
    session.open(wallet)
    dialog = RotateKeyDialog(session, None)
    qtbot.addWidget(dialog)
    strong = "correct horse battery staple, rotated"
    dialog.passphrase.first.setText(strong)
    dialog.passphrase.second.setText(strong)
    dialog._rotate()
    code = dialog.recovery_code
    assert code and code in dialog.outcome.text()
    dialog._rotate()  # OK again closes and forgets the code
    assert dialog.recovery_code == "" and code not in dialog.outcome.text()
    assert counts(wallet.conn) == before  # the open wallet goes on with the new key
    wallet.lock()
    Wallet.unlock_with_recovery(wallet_dir, code).lock()
    with pytest.raises(WrongSecretError):
        Wallet.unlock(wallet_dir, PASSPHRASE)
