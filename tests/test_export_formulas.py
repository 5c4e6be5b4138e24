"""A CSV export opened in a spreadsheet runs no formula planted in a file; numbers stay numbers.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written
with a leading apostrophe; a negative amount or reading is written as the number it is.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import run_cli
from ui.charts.table import ChartTable

LINK = '=HYPERLINK("http://x","y")'

ENERGY = """dataset,meter,quantity,start,end,value,unit
{dataset},"{meter}",consumption,2024-03-30T00:00:00+01:00,2024-03-31T00:00:00+01:00,-2.5,kWh
{dataset},"{meter}",consumption,2024-03-31T00:00:00+01:00,2024-04-01T00:00:00+02:00,8,kWh
"""
TRIPS = """card,started_at,ended_at,mode,line,origin,destination,fare,currency
CARD-9,2024-04-02T08:00:00+02:00,2024-04-02T08:20:00+02:00,tram,+T1,"=HYPERLINK(""http://x"",""y"")",-cmd,-1.70,EUR
"""
PAYMENTS = """account,payer,benefit,paid_on,period_start,period_end,amount,currency
ACC-5,@CAF,+cmd,2024-02-05,2024-01-01,2024-01-31,-45.10,EUR
"""


def _exported(wallet_dir: Path, tmp_path: Path, name: str, text: str, dataset: str) -> list[dict]:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    assert run_cli(wallet_dir, "import", str(source)).code == 0
    out = run_cli(wallet_dir, "export", dataset, "--format", "csv").out
    return list(csv.DictReader(io.StringIO(out, newline="")))


@pytest.fixture
def initialised(wallet_dir: Path) -> Path:
    assert run_cli(wallet_dir, "init").code == 0
    return wallet_dir


@pytest.mark.parametrize(
    ("dataset", "meter"), [("electricity", LINK), ("gas", "@SUM(A1)"), ("water", "+33-cmd")]
)
def test_energy_export_neutralises_a_formula_meter_and_keeps_a_negative_value(
    initialised: Path, tmp_path: Path, dataset: str, meter: str
) -> None:
    text = ENERGY.format(dataset=dataset, meter=meter.replace('"', '""'))
    rows = _exported(initialised, tmp_path, "energy.csv", text, dataset)
    assert [r["meter"] for r in rows] == ["'" + meter, "'" + meter]
    assert [r["value"] for r in rows] == ["-2.5", "8"]
    assert float(rows[0]["value"]) == -2.5


def test_mobility_export_neutralises_formula_stops_and_keeps_a_refund_negative(
    initialised: Path, tmp_path: Path
) -> None:
    (row,) = _exported(initialised, tmp_path, "trips.csv", TRIPS, "mobility")
    assert row["origin"] == "'" + LINK
    assert row["destination"] == "'-cmd"
    assert row["line"] == "'+T1"
    assert row["fare"] == "-1.70"
    assert row["card"] == "CARD-9"


def test_benefits_export_neutralises_formula_names_and_keeps_a_repayment_negative(
    initialised: Path, tmp_path: Path
) -> None:
    (row,) = _exported(initialised, tmp_path, "payments.csv", PAYMENTS, "benefits")
    assert row["benefit"] == "'+cmd"
    assert row["payer"] == "'@CAF"
    assert row["amount"] == "-45.10"
    assert row["paid_on"] == "2024-02-05"


def test_chart_table_csv_neutralises_every_formula_start_and_keeps_numbers(
    tmp_path: Path,
) -> None:
    table = ChartTable(
        ["period", "label", "value"],
        [
            ["2024-01", LINK, -3.5],
            ["2024-02", "\tcmd", -0.25],
            ["2024-03", "\rcmd", 12],
            ["2024-04", "-12.5", None],
            ["2024-05", "@SUM(A1)", 0],
            ["2024-06", "+1", -7],
        ],
    )
    path = tmp_path / "chart.csv"
    assert table.write_csv(path) == 6
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["period", "label", "value"]
    assert [r[1] for r in rows[1:]] == ["'" + LINK, "'\tcmd", "'\rcmd", "-12.5", "'@SUM(A1)", "+1"]
    assert [r[2] for r in rows[1:]] == ["-3.5", "-0.25", "12", "", "0", "-7"]
