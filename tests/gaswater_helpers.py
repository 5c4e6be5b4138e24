"""Shared steps of the gas, water and mapping tests: a closed wallet, what it stores."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.conftest import PASSPHRASE, run_cli
from wallet.keyslots import FAST_KDF
from wallet.vault import Wallet


def closed_wallet(root: Path) -> Path:
    """A new wallet, locked again so the CLI can open it."""
    Wallet.create(root, PASSPHRASE, kdf=FAST_KDF).wallet.lock()
    return root


def utc(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


def stored(root: Path, dataset: str, quantity: str) -> list[tuple[str, int, int, Any, str]]:
    """(meter, start, end, value, unit) of every stored reading, in time order."""
    with Wallet.unlock(root, PASSPHRASE) as wallet:
        rows = wallet.conn.execute(
            "SELECT e.identifier, r.start_utc, r.end_utc, r.value, r.unit "
            "FROM energy_readings r JOIN entities e ON e.id = r.entity_id "
            "WHERE e.dataset = ? AND r.quantity = ? ORDER BY r.start_utc",
            (dataset, quantity),
        ).fetchall()
    return [tuple(row) for row in rows]


def import_json(root: Path, *files: Path, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """``selfdata --json import FILE…``: the summary of each file."""
    result = run_cli(root, "--json", "import", *extra, *(str(f) for f in files))
    data: dict[str, Any] = json.loads(result.out)
    data["code"] = result.code
    return data
