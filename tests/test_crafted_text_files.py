"""Crafted text exports: a line of millions of columns is refused before it is held whole.

Built here (a few MB each), imported through the real command line into a real wallet; nothing
is stored and the message says the file is not a real export.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from importers.base import MAX_LINE_CHARS, FileRefused, open_text
from importers.guard import MAX_COLUMNS, MAX_WHOLE_JSON, csv_records, json_loads
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


def test_a_json_document_too_large_to_parse_whole_is_refused(tmp_path: Path) -> None:
    crafted = tmp_path / "paiements.json"
    item = '{"montant": 1, "date": "2025-01-01", "x": [1, 2, 3, 4, 5, 6, 7, 8]},'
    with open(crafted, "w", encoding="utf-8") as out:
        out.write('{"paiements": [')
        for _ in range(MAX_WHOLE_JSON // len(item) + 10):
            out.write(item)
        out.write("{}]}")
    data = crafted.read_text(encoding="utf-8")
    tracemalloc.start()
    try:
        with pytest.raises(FileRefused, match="too large to be read whole"):
            json_loads(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000  # refused before parsing: nothing built


def test_an_identifier_longer_than_any_real_one_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wallet_dir = tmp_path / "wallet"
    assert run_cli(wallet_dir, "init").code == 0
    crafted = tmp_path / "conso.csv"
    meter = "3" * 5_000
    crafted.write_text(
        "dataset,meter,quantity,start,end,value,unit\n"
        f"electricity,30001234567890,consumption,2025-03-01T00:00:00+01:00,"
        "2025-03-02T00:00:00+01:00,17.25,kWh\n"
        f"electricity,{meter},consumption,2025-03-01T00:00:00+01:00,"
        "2025-03-02T00:00:00+01:00,17.25,kWh\n",
        encoding="utf-8",
    )
    result = run_cli(wallet_dir, "import", str(crafted), "--yes")
    said = result.out + capsys.readouterr().err
    assert result.code == 2, said
    assert "longer than any real one" in said
    assert "holds no data" in run_cli(wallet_dir, "datasets").out
