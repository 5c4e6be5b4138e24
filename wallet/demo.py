"""The demo wallet: a throwaway wallet filled with every sample export that can be read.

Pilot testers try everything in a minute. Importers for some samples may not exist yet (or
may refuse a sample): such files are skipped with a note, never stopping the others.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from importers.base import Record, Rejected
from wallet.errors import WalletError
from wallet.importing import ImportResult, import_file
from wallet.keyslots import FAST_KDF
from wallet.resources import samples_dir
from wallet.vault import Wallet

DEMO_PREFIX = "selfdata-demo-"
# The demo holds only published sample data; a known passphrase lets a tester unlock it again
# after auto-lock (the unlock screen says it).
DEMO_PASSPHRASE = "demo"

# Sample folders hold notes for people beside the exports.
_NOT_EXPORTS = {"readme", "readme.md", "readme.txt", "license", "sources.md"}


@dataclass
class Skipped:
    file_name: str
    reason: str


@dataclass
class DemoWallet:
    wallet: Wallet
    root: Path
    imported: list[ImportResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def accept_all(records: Sequence[Record], rejected: Sequence[Rejected]) -> bool:
    """The demo's answer to "store these payments?": yes, it is sample data."""
    return True


def sample_files(folder: Path | None = None) -> list[Path]:
    folder = folder or samples_dir()
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name.lower() not in _NOT_EXPORTS
    )


def new_demo_root() -> Path:
    return Path(tempfile.mkdtemp(prefix=DEMO_PREFIX)) / "wallet"


def create_demo(
    root: Path | None = None,
    samples: Path | None = None,
    *,
    on_file: Callable[[int, int], None] | None = None,
) -> DemoWallet:
    """Create a demo wallet in ``root`` (a new temporary folder by default) and import samples.

    The fastest key derivation is used, since the demo holds only published sample data.
    """
    root = root or new_demo_root()
    created = Wallet.create(root, DEMO_PASSPHRASE, kdf=FAST_KDF)
    demo = DemoWallet(created.wallet, root)
    files = sample_files(samples)
    for done, path in enumerate(files):
        if on_file is not None:
            on_file(done, len(files))
        try:
            demo.imported.append(import_file(created.wallet.conn, path, confirm=accept_all))
        except WalletError as exc:
            demo.skipped.append(Skipped(path.name, str(exc)))
    if on_file is not None:
        on_file(len(files), len(files))
    _describe_household(created.wallet)
    return demo


def _describe_household(wallet: Wallet) -> None:
    """The demo household (a lone parent of two in Bordeaux, like the sample attestations),
    so My rights has a situation to estimate from. Its unemployment benefit is left
    unanswered: the wallet fills it from the France Travail payments, as it would for you."""
    import json

    from wallet.resources import resources_dir
    from wallet.rights.household import from_json

    path = resources_dir() / "rights" / "demo_household.json"
    wallet.save_household(from_json(json.loads(path.read_text(encoding="utf-8"))))
