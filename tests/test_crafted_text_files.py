"""Crafted text exports: a line of millions of columns is refused before it is held whole.

Built here (a few MB each), imported through the real command line into a real wallet; nothing
is stored and the message says the file is not a real export.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from importers.base import MAX_LINE_CHARS, FileRefused, open_text
from importers.guard import MAX_COLUMNS, csv_records
from tests.conftest import run_cli


def test_a_line_longer_than_a_megabyte_refuses_the_file(tmp_path: Path) -> None:
    crafted = tmp_path / "wide.csv"
    crafted.write_text(
        "dataset,meter,quantity,start,end,value,unit\n" + "1," * (MAX_LINE_CHARS // 2 + 10),
        encoding="utf-8",
    )
    with pytest.raises(FileRefused, match="line 2 is longer than a megabyte"):
        list(open_text(crafted, "utf-8"))


def test_a_wide_file_is_refused_by_the_command_line_and_nothing_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wallet_dir = tmp_path / "wallet"
    assert run_cli(wallet_dir, "init").code == 0
    crafted = tmp_path / "conso.csv"
    header = "dataset,meter,quantity,start,end,value,unit\n"
    good = "electricity,30001234567890,consumption,2025-03-01T00:00:00+01:00,"
    good += "2025-03-02T00:00:00+01:00,17.25,kWh\n"
    crafted.write_text(header + good + ";".join(["1"] * 3_000_000) + "\n", encoding="utf-8")
    result = run_cli(wallet_dir, "import", str(crafted), "--yes")
    said = result.out + capsys.readouterr().err
    assert result.code == 2, said
    assert "not a real export" in said
    datasets = run_cli(wallet_dir, "datasets")
    assert "holds no data" in datasets.out


def test_a_record_of_thousands_of_columns_is_not_read() -> None:
    records = [["a"] * MAX_COLUMNS, ["b"] * (MAX_COLUMNS + 1)]
    assert [r is None for r in csv_records(iter(records))] == [False, True]
