"""Transit card money (top-ups, refunds, products) as its own dataset, and fares per currency.

A TfL Oyster history (GBP) and an OV-chipkaart one (EUR) of March 2025, both written in the
operators' layouts; every total below is worked out by hand from the two files:

* Oyster: fares 2.80 + 2.80 + 1.75 = 7.35 GBP; topped up 20.00; refunded 5.70.
* OV-chipkaart: fares 8.50 + 8.50 + 1.12 + 4.00 = 22.12 EUR; topped up 20.00; refunded 12.40;
  a product loaded for 7.50 (spent: -7.50).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, run_cli
from ui.charts.qtstyle import locale_formats
from ui.pages.mobility import MobilityPage
from ui.session import Session
from ui.tasks import TaskRunner
from wallet.keyslots import FAST_KDF
from wallet.sharing import slices
from wallet.vault import Wallet

DATA = Path(__file__).parent / "data" / "mobility"
OYSTER = DATA / "tfl_oyster_march_2025.csv"
OV = DATA / "ovchipkaart_checkin_checkuit.csv"
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def both(wallet_dir: Path) -> Path:
    Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF).wallet.lock()
    run = run_cli(wallet_dir, "--json", "import", str(OYSTER), str(OV))
    files = json.loads(run.out)["files"]
    # Oyster: 3 trips + 2 money movements; OV: 4 trips + 3 money movements, not 10 rows.
    assert [f["added"] for f in files] == [5, 7], run.out
    assert files[1]["notes"] == ["6 check-in and check-out rows paired into 3 trips"]
    return wallet_dir


def test_datasets_export_and_series_show_the_card_money(both: Path, tmp_path: Path) -> None:
    listed = json.loads(run_cli(both, "--json", "datasets").out)
    payments = {
        row["entity"]: row["rows"] for row in listed if row["dataset"] == "transit_payments"
    }
    assert payments == {"oyster": 2, "3528040012345678": 3}
    status = json.loads(run_cli(both, "--json", "status").out)
    assert status["rows"]["transit_payments"] == 5 and status["rows"]["mobility"] == 7

    exported = run_cli(both, "export", "transit_payments", "--format", "csv")
    assert exported.code == 0
    lines = exported.out.splitlines()
    assert lines[0] == "card,at,kind,amount,currency,label"
    amounts = sorted(
        (line.split(",")[2], line.split(",")[3], line.split(",")[4]) for line in lines[1:]
    )
    assert amounts == [
        ("purchase", "-7.50", "EUR"),
        ("refund", "12.40", "EUR"),
        ("refund", "5.70", "GBP"),
        ("topup", "20.00", "EUR"),
        ("topup", "20.00", "GBP"),
    ]
    # The export is the wallet's own CSV: another wallet reads it back whole.
    again = tmp_path / "again"
    Wallet.create(again, PASSPHRASE, kdf=FAST_KDF).wallet.lock()
    (tmp_path / "payments.csv").write_text(exported.out, encoding="utf-8")
    back = json.loads(run_cli(again, "--json", "import", str(tmp_path / "payments.csv")).out)
    assert back["files"][0]["added"] == 5
    assert run_cli(again, "export", "transit_payments").out == exported.out

    month = json.loads(
        run_cli(
            both, "--json", "series", "transit_payments", "--granularity", "month",
            "--from", "2025-03-01", "--to", "2025-03-31",
        ).out
    )  # fmt: skip
    assert month == [
        {
            "start": "2025-03-01T00:00:00+01:00",
            "end": "2025-04-01T00:00:00+02:00",
            "value": 5.0,
            "unit": "movements",
            "purchase_EUR": -7.5,
            "refund_EUR": 12.4,
            "refund_GBP": 5.7,
            "topup_EUR": 20.0,
            "topup_GBP": 20.0,
        }
    ]


def test_fares_are_totalled_per_currency_never_together(both: Path) -> None:
    trips = run_cli(
        both, "series", "mobility", "--granularity", "month", "--from", "2025-03-01",
        "--to", "2025-03-31",
    )  # fmt: skip
    assert trips.out.splitlines() == [
        "start,end,value,unit,fares_EUR,fares_GBP",
        "2025-03-01T00:00:00+01:00,2025-04-01T00:00:00+02:00,7.0,trips,22.12,7.35",
    ]


def test_shares_carry_one_row_per_currency(both: Path) -> None:
    with Wallet.unlock(both, PASSPHRASE) as wallet:
        first, last = date(2025, 3, 1), date(2025, 3, 31)
        fields = ("period_start", "period_end", "trips", "fares", "currency")
        trips = slices.build_table(
            wallet.conn, PARIS, slices.SlicePart("mobility", "month", fields, first, last), None
        )
        assert [row[2:] for row in trips.rows] == [["4", "22.12", "EUR"], ["3", "7.35", "GBP"]]
        money_fields = ("period_start", "topped_up", "refunded", "products", "currency")
        money = slices.build_table(
            wallet.conn,
            PARIS,
            slices.SlicePart("transit_payments", "month", money_fields, first, last),
            None,
        )
        assert [row[1:] for row in money.rows] == [
            ["20", "12.4", "-7.5", "EUR"],
            ["20", "5.7", "0", "GBP"],
        ]
        raw = slices.build_table(
            wallet.conn,
            PARIS,
            slices.SlicePart(
                "transit_payments", "raw", ("kind", "amount", "currency"), first, last
            ),
            None,
        )
        assert len(raw.rows) == 5


def test_mobility_page_shows_one_total_per_currency_and_the_money(qtbot: QtBot, both: Path) -> None:
    with Wallet.unlock(both, PASSPHRASE) as wallet:
        session = Session(TaskRunner(inline=True))
        session.open(wallet)
        page = MobilityPage(session)
        qtbot.addWidget(page)
        page.resize(1100, 720)
        page.show()
        page.period_combo.setCurrentIndex(2)  # everything
        page._on_period()
        fmt = locale_formats(page.locale())
        facts = page.facts_label.text()
        assert "7 trip(s)" in facts
        assert f"{fmt.money(22.12, 'EUR')} + {fmt.money(7.35, 'GBP')} spent on fares" in facts
        assert fmt.money(29.47, "EUR") not in facts and fmt.money(29.47, "GBP") not in facts
        fares = page.fares_chart.model.table.rows
        per_currency: dict[str, float] = {}
        for _start, _end, amount, currency in fares:
            per_currency[currency] = per_currency.get(currency, 0.0) + amount
        assert per_currency == pytest.approx({"EUR": 22.12, "GBP": 7.35})
        money = page.money_chart.model.table.rows
        march = {row[2]: row[3:] for row in money if row[0].startswith("2025-03")}
        assert march == {"EUR": [22.12, 20.0, 12.4], "GBP": [7.35, 20.0, 5.7]}
        figure_axes = page.money_chart.figure.axes
        assert sorted(ax.get_ylabel() for ax in figure_axes) == ["£", "€"]
        session.lock()
