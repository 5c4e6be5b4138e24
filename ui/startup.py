"""Startup as a short list of steps: find the wallet, unlock it, open it, load the pages.

Each step fails with a ``StartupProblem`` naming the step, so the window can say which part
went wrong in words a person understands. No widgets here.
"""

from __future__ import annotations

from pathlib import Path

from wallet import keyslots
from wallet.errors import KeyringUnavailable, WalletError
from wallet.keyslots import KdfParams
from wallet.paths import resolve_wallet_dir
from wallet.settings import Settings
from wallet.vault import Wallet, wallet_exists


class StartupProblem(Exception):
    def __init__(self, step: str, message: str) -> None:
        super().__init__(message)
        self.step = step  # find | unlock | open | load


def kdf_for_new_secrets() -> KdfParams | None:
    """None means "tune to about half a second on this computer" (the default)."""
    return keyslots.kdf_for_new_secrets()


def find_wallet(explicit: str | None, settings: Settings) -> Path:
    """Step 1: where the wallet is (``--wallet``, the setting, $SELFDATA_WALLET, default)."""
    root = resolve_wallet_dir(explicit or settings.get("wallet_path") or None)
    if root.exists() and not root.is_dir():
        raise StartupProblem(
            "find", f"{root} is a file, not a wallet folder. Choose another place with --wallet."
        )
    return root


def is_new(root: Path) -> bool:
    return not wallet_exists(root)


def unlock_remembered(root: Path) -> Wallet | None:
    """Step 2, first try: the key remembered on this computer. None: ask the passphrase."""
    try:
        return Wallet.unlock_with_keyring(root)
    except KeyringUnavailable:
        return None
    except WalletError as exc:
        raise StartupProblem("unlock", str(exc)) from None
