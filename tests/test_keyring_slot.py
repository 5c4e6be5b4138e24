"""'Remember on this computer': a real keyring backend where the machine has one, and none."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from tests.conftest import PASSPHRASE
from wallet import keyring_slot
from wallet.errors import KeyringUnavailable
from wallet.keyring_slot import KeyringState
from wallet.keyslots import FAST_KDF
from wallet.vault import Wallet


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def real_backend_available() -> bool:
    return keyring_slot.status().state is KeyringState.AVAILABLE


def test_without_a_backend_the_passphrase_alone_works(no_keyring: None, wallet_dir: Path) -> None:
    assert keyring_slot.status().state is KeyringState.ABSENT
    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF, remember=True)
    assert "cannot remember" in created.keyring_note
    assert not created.wallet.remembered
    with pytest.raises(KeyringUnavailable):
        created.wallet.remember_on_this_computer()
    key_hex = created.wallet.data_key.hex().encode()
    created.wallet.lock()
    assert Wallet.unlock_with_keyring(wallet_dir) is None
    Wallet.unlock(wallet_dir, PASSPHRASE).lock()
    # The key was never written anywhere in clear.
    for path in wallet_dir.rglob("*"):
        if path.is_file():
            assert key_hex not in path.read_bytes()


@pytest.mark.skipif(
    not real_backend_available(),
    reason="no keyring backend on this machine "
    "(CI runs the tests inside a D-Bus session with gnome-keyring)",
)
def test_real_keyring_round_trip_and_forget(wallet_dir: Path) -> None:
    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF, remember=True)
    assert created.keyring_note == ""
    vault_id = created.wallet.vault_id
    created.wallet.lock()
    try:
        opened = Wallet.unlock_with_keyring(wallet_dir)
        assert opened is not None
        opened.forget_this_computer()
        opened.lock()
        assert keyring.get_password("selfdata-wallet", vault_id) is None
        assert Wallet.unlock_with_keyring(wallet_dir) is None
        Wallet.unlock(wallet_dir, PASSPHRASE).lock()
    finally:
        keyring_slot.forget(vault_id)


@pytest.mark.skipif(not real_backend_available(), reason="no keyring backend on this machine")
def test_lost_keyring_entry_still_unlocks_with_passphrase_and_code(wallet_dir: Path) -> None:
    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF, remember=True)
    created.wallet.lock()
    keyring.delete_password("selfdata-wallet", created.wallet.vault_id)
    assert Wallet.unlock_with_keyring(wallet_dir) is None
    Wallet.unlock(wallet_dir, PASSPHRASE).lock()
    Wallet.unlock_with_recovery(wallet_dir, created.recovery_code).lock()


def test_changed_backend_asks_for_the_passphrase(
    wallet_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF)
    # Record a backend other than the one in use, as after moving the wallet to another computer.
    created.wallet._slot_file.set_keyring("keyring.backends.Windows.WinVaultKeyring")
    created.wallet._slot_file.save(created.wallet.paths.slots)
    created.wallet.lock()
    assert Wallet.unlock_with_keyring(wallet_dir) is None
    Wallet.unlock(wallet_dir, PASSPHRASE).lock()
