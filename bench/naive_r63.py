"""The baseline for ``bench_importers_energy``: how a short script would import an R63 file.

``python -m bench.naive_r63 FILE DBDIR`` reads with the csv module, ``datetime.strptime`` and
``zoneinfo`` (autumn repeats by a seen-set), and stores with ``sqlcipher3`` ``executemany``.
``python -m bench.naive_r63 --raw`` times only the vault's insert of prebuilt rows.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlcipher3 import dbapi2 as sqlcipher

KEY = "x'" + "ab" * 32 + "'"
INSERT = (
    "INSERT OR IGNORE INTO energy_values (channel_id, start_utc, end_utc, value, unit, batch_id) "
    "VALUES (?,?,?,?,?,?)"
)


def baseline_db(folder: Path, name: str) -> sqlcipher.Connection:
    """A SQLCipher file with the plain readings table a short script would make."""
    folder.mkdir(parents=True, exist_ok=True)
    conn = sqlcipher.connect(str(folder / name))
    conn.execute(f'PRAGMA key = "{KEY}"')
    conn.execute(
        "CREATE TABLE IF NOT EXISTS readings (meter TEXT, start INTEGER, end INTEGER, "
        "value REAL, unit TEXT, PRIMARY KEY (meter, start, end))"
    )
    return conn


def naive(path: Path, folder: Path) -> int:
    paris = ZoneInfo("Europe/Paris")
    conn = baseline_db(folder, "naive.db")
    rows = []
    seen: set[datetime] = set()
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        for row in reader:
            wall = datetime.strptime(row[7], "%Y-%m-%d %H:%M:%S")
            fold = 1 if wall in seen else 0
            seen.add(wall)
            end = int(wall.replace(tzinfo=paris, fold=fold).timestamp())
            step = int(row[10][2:-1]) * 60
            rows.append((row[0], end - step, end, float(row[8]) if row[8] else None, row[6]))
    conn.executemany("INSERT OR IGNORE INTO readings VALUES (?,?,?,?,?)", rows)
    conn.commit()
    conn.close()
    return len(rows)


def raw_insert(count: int = 525_600) -> float:
    """Seconds for the vault's own table to take ``count`` prebuilt rows in one transaction."""
    from wallet.keyslots import FAST_KDF
    from wallet.vault import Wallet

    with tempfile.TemporaryDirectory() as temp:
        wallet = Wallet.create(Path(temp) / "w", "raw insert bench", kdf=FAST_KDF).wallet
        conn = wallet.conn
        conn.execute("INSERT INTO entities (dataset, identifier) VALUES ('electricity', 'm')")
        conn.execute("INSERT INTO channels (entity_id, quantity) VALUES (1, 'consumption')")
        conn.execute(
            "INSERT INTO batches (file_name, sha256, importer, importer_version, source_tz, "
            "imported_at) VALUES ('f', 'h', 'bench', '1', 'UTC', 'now')"
        )
        rows = [(1, i * 600, i * 600 + 600, float(i % 4000), "W", 1) for i in range(count)]
        began = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for at in range(0, count, 20_000):
            conn.executemany(INSERT, rows[at : at + 20_000])
        conn.execute("COMMIT")
        seconds = time.perf_counter() - began
        wallet.lock()
    return seconds


if __name__ == "__main__":
    if sys.argv[1:] == ["--raw"]:
        print(f"raw insert: {raw_insert():.2f} s", file=sys.stderr)
    else:
        naive(Path(sys.argv[1]), Path(sys.argv[2]))
