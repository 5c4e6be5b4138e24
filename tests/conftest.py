"""Shared fixtures: real wallets in temporary folders, with the fastest Argon2id allowed."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from wallet.cli import main as cli_main
from wallet.keyslots import FAST_KDF
from wallet.vault import Wallet

PASSPHRASE = "correct horse battery staple"
SHARED_SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
REPO = Path(__file__).resolve().parents[1]
RESOURCE_SAMPLES = REPO / "resources" / "samples"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the real user folders or a real wallet."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("SELFDATA_KDF_PROFILE", "minimum")
    monkeypatch.delenv("SELFDATA_WALLET", raising=False)


@pytest.fixture(autouse=True, scope="session")
def _temp_files_under_pytest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """What the code under test puts in the system temp folder (the demo wallet, a self-test's
    throwaway wallet) goes under pytest's own temp folder, in this process and in the programs
    the tests start: a test run leaves nothing in /tmp."""
    folder = tmp_path_factory.mktemp("tempfile")
    patch = pytest.MonkeyPatch()
    patch.setenv("TMPDIR", str(folder))
    patch.setattr(tempfile, "tempdir", str(folder))
    yield
    patch.undo()


@pytest.fixture
def wallet_dir(tmp_path: Path) -> Path:
    return tmp_path / "wallet"


@pytest.fixture
def wallet(wallet_dir: Path) -> Iterator[Wallet]:
    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF)
    yield created.wallet
    created.wallet.lock()


class CliRun:
    def __init__(self, code: int, out: str) -> None:
        self.code = code
        self.out = out


def run_cli(wallet_dir: Path, *args: str, stdin: str = PASSPHRASE + "\n") -> CliRun:
    """The real ``selfdata`` entry point, in process, with the passphrase on stdin."""
    out = io.StringIO()
    code = cli_main(
        ["--wallet", str(wallet_dir), "--passphrase-stdin", *args],
        stdin=io.StringIO(stdin),
        stdout=out,
    )
    return CliRun(code, out.getvalue())


@pytest.fixture
def plain_http_to_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' switch for plain http:// to a loopback address (off in the program)."""
    from wallet.sharing import urls

    monkeypatch.setattr(urls, "PLAIN_HTTP_TO_LOOPBACK", True)


# One person alone, renting in Lyon, without income: where the rights tests start from.
SINGLE_TENANT = {
    "adults": [
        {
            "birth_date": "1985-05-10",
            "activity": "inactive",
            "incomes": {"salary": 0, "unemployment": 0, "pension": 0},
            "disability_rate": 0,
            "pregnant": False,
        }
    ],
    "children": [],
    "housing": {"status": "tenant", "rent": 450, "postcode": "69003"},
}


@pytest.fixture(scope="session")
def rights_model() -> object:
    """OpenFisca-France's tax-benefit system, loaded once for the run (it takes seconds)."""
    from wallet.rights import engine

    return engine.load()
