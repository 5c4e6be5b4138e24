"""A load curve long enough to be read in several blocks (the vault's fast path) keeps every rule
of the line-by-line reading: the repeated autumn hour by row order, the step of each row, and
rejected lines with their own line numbers, in a block that also holds good lines.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from importers.base import EnergyReading, Rejected
from importers.enedis_r63 import IMPORTER
from importers.textfile import BLOCK_BYTES
from wallet.vault import Wallet

PARIS = ZoneInfo("Europe/Paris")
HEADER = (
    "Identifiant PRM;Date de début;Date de fin;Grandeur physique;Grandeur métier;"
    "Etape métier;Unité;Horodate;Valeur;Nature;Pas;Indice de vraisemblance;"
    "Etat complémentaire"
)
PREFIX = "09876543210987;2023-10-01 00:00:00;2024-04-15 00:00:00;PA;CONS;BRUT;W;"
# The first reading ends at 2023-10-01 00:10 Paris time (22:10 UTC the day before).
FIRST_END = int(datetime(2023, 9, 30, 22, 10, tzinfo=UTC).timestamp())
ROWS = 28_800  # 200 days of 10-minute readings: both clock changes, ~3 MB, several blocks
BAD_AT = (15_000, 15_001, 27_000)  # reading indexes whose value is damaged


def write_curve(path: Path) -> list[int]:
    """The file, written from UTC instants; returns the expected end of each good reading."""
    lines = [HEADER]
    ends = []
    for i in range(ROWS):
        end = FIRST_END + i * 600
        wall = datetime.fromtimestamp(end, PARIS).strftime("%Y-%m-%d %H:%M:%S")
        value = "n/a" if i in BAD_AT else str(i % 3000)
        lines.append(f"{PREFIX}{wall};{value};B;PT10M;0;0")
        if i not in BAD_AT:
            ends.append(end)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 2 * BLOCK_BYTES  # the test is about more than one block
    return ends


def test_blocks_keep_row_order_steps_and_rejected_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "r63_long.csv"
    expected_ends = write_curve(path)
    items = list(IMPORTER.parse(path))
    readings = [i for i in items if isinstance(i, EnergyReading)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    # Line 1 is the header, so reading i is on line i + 2.
    assert [r.line for r in rejected] == [15_002, 15_003, 27_002]
    assert all("n/a" not in r.reason for r in rejected)
    assert len(readings) == ROWS - 3
    # Both hours 02:00-02:59 of 29 October 2023 got their own instants, in file order.
    assert [r.end for r in readings] == expected_ends
    assert all(r.end - r.start == 600 for r in readings)
    assert {(r.meter, r.quantity, r.unit) for r in readings} == {
        ("09876543210987", "consumption", "W")
    }
    assert readings[-1].value == float((ROWS - 1) % 3000)


def test_blocks_through_the_vault(wallet: Wallet, tmp_path: Path) -> None:
    path = tmp_path / "r63_long.csv"
    expected_ends = write_curve(path)
    result = wallet.import_file(path)
    assert (result.added, result.present, result.rejected_count) == (ROWS - 3, 0, 3)
    assert [r.line for r in result.rejected] == [15_002, 15_003, 27_002]
    stored = [
        row[0]
        for row in wallet.conn.execute("SELECT end_utc FROM energy_readings ORDER BY end_utc")
    ]
    assert stored == expected_ends
    again = wallet.import_file(path)
    assert (again.added, again.present) == (0, ROWS - 3)
