"""The vault's insert path against a plain sqlcipher3 executemany, unlock time, size per million.

Target (issue 2): the vault's insert path, with provenance and natural keys, within 1.3x of a
plain ``executemany`` of the same rows in one transaction.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from importers.base import EnergyReading, MeterId
from importers.selfdata_csv import IMPORTER
from wallet import db
from wallet.importing import import_items
from wallet.keyslots import tune_kdf
from wallet.vault import Wallet

ROWS = 1_000_000
START = 1_420_070_400  # 2015-01-01 UTC


def readings(n: int) -> list[EnergyReading]:
    meter = MeterId("01234567890123")
    return [
        EnergyReading(
            "electricity",
            meter,
            "consumption",
            START + i * 600,
            START + i * 600 + 600,
            float(i % 2000),
            "W",
        )
        for i in range(n)
    ]


def _plain_db(path: Path, ddl: str) -> sqlcipher.Connection:
    conn = sqlcipher.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{os.urandom(32).hex()}'\"")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(ddl)
    return conn


def plain_executemany(path: Path, rows: list[EnergyReading]) -> float:
    """The naive store: the records exactly as an importer yields them, one table, no keys."""
    conn = _plain_db(
        path,
        "CREATE TABLE readings (dataset TEXT, meter TEXT, quantity TEXT, start_utc INTEGER, "
        "end_utc INTEGER, value REAL, unit TEXT, quality TEXT)",
    )
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO readings VALUES (?,?,?,?,?,?,?,?)", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def prepared_tuples(path: Path, rows: list[EnergyReading]) -> float:
    """A lower bound, not a naive import: tuples already shaped for the vault's table."""
    conn = _plain_db(
        path,
        "CREATE TABLE readings (channel_id INTEGER, start_utc INTEGER, end_utc INTEGER, "
        "value REAL, unit TEXT, batch_id INTEGER)",
    )
    tuples = [(1, r.start, r.end, r.value, r.unit, 1) for r in rows]
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO readings VALUES (?,?,?,?,?,?)", tuples)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def vault_insert(root: Path, rows: list[EnergyReading]) -> tuple[float, float, int]:
    params = tune_kdf()
    created = Wallet.create(root, "bench passphrase", kdf=params)
    started = time.perf_counter()
    result = import_items(created.wallet.conn, iter(rows), IMPORTER, "bench.csv", lambda: "0" * 64)
    elapsed = time.perf_counter() - started
    assert result.added == len(rows)
    created.wallet.lock()
    started = time.perf_counter()
    Wallet.unlock(root, "bench passphrase").lock()
    unlock = time.perf_counter() - started
    return elapsed, unlock, (root / "wallet.db").stat().st_size


def run() -> None:
    rows = readings(ROWS)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        plain = plain_executemany(base / "plain.db", rows)
        lower = prepared_tuples(base / "lower.db", rows)
        vault, unlock, size = vault_insert(base / "wallet", rows)
        # Re-importing the same rows: every one is already present.
        with Wallet.unlock(base / "wallet", "bench passphrase") as wallet:
            started = time.perf_counter()
            again = import_items(wallet.conn, iter(rows), IMPORTER, "bench.csv", lambda: "0" * 64)
            reimport = time.perf_counter() - started
            assert again.added == 0 and again.present == ROWS
            problems = db.integrity_problems(wallet.conn)
    print(f"rows: {ROWS:,} energy readings (10-minute load curve)")
    print(
        f"plain sqlcipher3 executemany of the records:   {plain:6.2f} s  "
        f"({ROWS / plain:,.0f} rows/s)"
    )
    print(f"  (lower bound, pre-shaped integer tuples:     {lower:6.2f} s)")
    print(
        f"vault insert path (batch, natural key):        {vault:6.2f} s  "
        f"({ROWS / vault:,.0f} rows/s)"
    )
    print(
        f"ratio vault / plain: {vault / plain:.2f}x  (target <= 1.30x); "
        f"vault / lower bound: {vault / lower:.2f}x"
    )
    print(f"re-import of the same rows (all present):      {reimport:6.2f} s")
    print(f"unlock time (Argon2id tuned here + open): {unlock:.2f} s")
    print(f"database size: {size / 1e6:.1f} MB per million readings")
    print(f"integrity check: {problems or 'ok'}")
