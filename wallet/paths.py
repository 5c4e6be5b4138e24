"""Where a wallet lives: ``--wallet PATH``, else ``$SELFDATA_WALLET``, else the user data dir."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "SelfDataWallet"
APP_ID = "selfdata-wallet"
ENV_WALLET = "SELFDATA_WALLET"


def default_wallet_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "wallet"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    """Small program state that is not a setting (last import outcome, update check)."""
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def resolve_wallet_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_WALLET)
    if from_env:
        return Path(from_env).expanduser()
    return default_wallet_dir()


@dataclass(frozen=True)
class WalletPaths:
    """The files of one wallet folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "wallet.db"

    @property
    def slots(self) -> Path:
        return self.root / "vault.json"

    @property
    def lock(self) -> Path:
        return self.root / "wallet.lock"

    @property
    def failures(self) -> Path:
        return self.root / "unlock-failures"

    def exists(self) -> bool:
        return self.database.is_file() and self.slots.is_file()
