"""The chart pages against real wallets, offscreen: empty states, data, clearing, CSV export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests import chartdata
from tests.conftest import run_cli
from ui.charts.view import ChartView
from ui.pages.benefits import BenefitsPage
from ui.pages.energy import EnergyPage
from ui.pages.mobility import MobilityPage
from ui.pages.overview import OverviewPage
from ui.session import Session
from ui.tasks import TaskRunner
from wallet.vault import Wallet


@pytest.fixture
def session(wallet: Wallet) -> Iterator[Session]:
    found = Session(TaskRunner(inline=True))
    found.open(wallet)
    yield found


@pytest.fixture
def filled(session: Session, wallet: Wallet, tmp_path: Path) -> Session:
    chartdata.fill(wallet, tmp_path)
    return session


def shown(qtbot: QtBot, page: QWidget) -> None:
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()


def save_tabs(page: QWidget, name: str, folder: Path) -> None:
    """Pictures of each tab, for a person looking into a failure (under the test's tmp_path)."""
    tabs = getattr(page, "tabs", None)
    if tabs is None:
        page.grab().save(str(folder / f"page_{name}.png"))
        return
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        page.grab().save(str(folder / f"page_{name}_{index}.png"))
    tabs.setCurrentIndex(0)


def rows_of(chart: ChartView) -> int:
    return chart.model.rowCount()


@pytest.mark.parametrize(
    ("page_class", "hint"),
    [(EnergyPage, "Enedis"), (MobilityPage, "journey history"), (BenefitsPage, "caf.fr")],
)
def test_each_page_with_an_empty_wallet_says_what_to_import(
    qtbot: QtBot, session: Session, page_class: type[EnergyPage], hint: str
) -> None:
    page = page_class(session)
    shown(qtbot, page)
    page.refresh()
    assert page.showing_empty
    assert hint in page.empty_label.text()
    assert all(rows_of(chart) == 0 for chart in page.charts)


def test_overview_with_an_empty_wallet(qtbot: QtBot, session: Session) -> None:
    page = OverviewPage(session)
    shown(qtbot, page)
    page.refresh()
    texts = [card.facts.text() for card in page.cards]
    assert "Enedis" in texts[0] and "journey history" in texts[1] and "caf.fr" in texts[2]
    assert all(card.chart.isHidden() for card in page.cards)


def test_energy_page_with_data(qtbot: QtBot, filled: Session, tmp_path: Path) -> None:
    page = EnergyPage(filled)
    shown(qtbot, page)
    page.refresh()
    assert not page.showing_empty
    # January 2024, per day: 31 buckets, the first seven with data.
    assert rows_of(page.consumption_chart) == 31
    assert page.consumption_chart.model.table.rows[2][2] == pytest.approx(23 + 6)
    assert rows_of(page.profile_chart) == 24
    assert rows_of(page.heat_chart) == 7 * 24  # the days of the year that have data
    assert rows_of(page.peaks_chart) == 7
    assert rows_of(page.beside_chart) == 31
    granularities = [
        page.granularity_combo.itemData(i) for i in range(page.granularity_combo.count())
    ]
    assert granularities == ["curve", "hour", "day", "week", "month", "year"]
    save_tabs(page, "energy", tmp_path)


def test_energy_granularity_follows_the_dataset(qtbot: QtBot, filled: Session) -> None:
    page = EnergyPage(filled)
    shown(qtbot, page)
    page.refresh()
    page.dataset_combo.setCurrentIndex(page.dataset_combo.findData("gas"))
    page.dataset_combo.activated.emit(page.dataset_combo.currentIndex())
    options = [page.granularity_combo.itemData(i) for i in range(page.granularity_combo.count())]
    assert options == ["day", "week", "month", "year"]  # gas is read once a day
    assert page.consumption_chart.model.table.rows[0][2] == pytest.approx(30.0)


def test_week_period_draws_the_load_curve_and_moves(qtbot: QtBot, filled: Session) -> None:
    page = EnergyPage(filled)
    shown(qtbot, page)
    page.refresh()
    page.period_combo.setCurrentIndex(page.period_combo.findData("week"))
    page.period_combo.activated.emit(page.period_combo.currentIndex())
    assert page.granularity_combo.currentData() == "curve"
    # The data ends on Sunday 7 January: that week, 7 days of 48 half hours.
    assert rows_of(page.consumption_chart) == 7 * 48
    page.previous_button.click()
    assert page.period_label.text().startswith("25")  # the week of 25 December 2023
    assert page.consumption_chart.model.table.rows == []


def test_subscribed_power_is_kept_in_the_vault(
    qtbot: QtBot, filled: Session, wallet: Wallet
) -> None:
    page = EnergyPage(filled)
    shown(qtbot, page)
    page.refresh()
    page.subscribed_spin.setValue(6.0)
    page.subscribed_spin.editingFinished.emit()
    assert wallet.get_meta("subscribed_power_kva") == "6.0"
    assert page.peaks_chart.model.table.rows[0][3] == 6.0


def test_chart_csv_export_equals_the_vault_series(
    qtbot: QtBot, filled: Session, wallet_dir: Path, tmp_path: Path
) -> None:
    page = EnergyPage(filled)
    shown(qtbot, page)
    page.refresh()
    exported = tmp_path / "chart.csv"
    assert page.consumption_chart.export_csv(exported) == 31
    filled.lock()  # the CLI opens the wallet itself
    cli = run_cli(
        wallet_dir, "series", "electricity", "--granularity", "day",
        "--from", "2024-01-01", "--to", "2024-01-31",
    )  # fmt: skip
    assert cli.code == 0
    assert exported.read_text(encoding="utf-8") == cli.out


def test_mobility_page_with_data(qtbot: QtBot, filled: Session, tmp_path: Path) -> None:
    page = MobilityPage(filled)
    shown(qtbot, page)
    page.refresh()
    assert not page.showing_empty
    assert "5 trip(s)" in page.facts_label.text()
    stops = page.stops_chart.model.table.rows
    assert stops[0] == ["Gare", 5]
    assert page.modes_chart.model.table.rows[0] == ["tram", "", 3]
    hours = page.hours_chart.model.table.rows
    assert hours[8] == [8, 2, 0] and hours[14] == [14, 0, 1]
    fares = sum(row[2] for row in page.fares_chart.model.table.rows)
    assert fares == pytest.approx(6.80)
    save_tabs(page, "mobility", tmp_path)


def test_benefits_page_highlights_gap_and_change(
    qtbot: QtBot, filled: Session, tmp_path: Path
) -> None:
    page = BenefitsPage(filled)
    shown(qtbot, page)
    page.refresh()
    notes = page.notes_label.text()
    assert "no payment for Mar 2024" in notes
    assert "from May 2024" in notes
    assert page.payments_model.rowCount() == 6
    years = page.years_chart.model.table.rows
    assert years == [["2024-01-01T00:00:00+01:00", "2025-01-01T00:00:00+01:00", 1362.45, "EUR"]]
    save_tabs(page, "benefits", tmp_path)


def test_overview_facts_link_to_pages(qtbot: QtBot, filled: Session, tmp_path: Path) -> None:
    page = OverviewPage(filled)
    shown(qtbot, page)
    page.refresh(today=date(2024, 12, 31))
    assert "229 kWh" in page.energy_card.facts.text()
    assert "5 trip(s)" in page.mobility_card.facts.text()
    with qtbot.waitSignal(page.navigate) as signal:
        page.benefits_card.button.click()
    assert signal.args == ["benefits"]
    page.grab().save(str(tmp_path / "page_overview.png"))


def test_french_locale_writes_a_decimal_comma(qtbot: QtBot, filled: Session) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    try:
        page = MobilityPage(filled)
        shown(qtbot, page)
        page.refresh()
        assert "6,80" in page.facts_label.text()
    finally:
        QLocale.setDefault(previous)


@pytest.mark.parametrize("page_class", [EnergyPage, MobilityPage, BenefitsPage, OverviewPage])
def test_clear_drops_every_number_and_figure(
    qtbot: QtBot, filled: Session, page_class: type[EnergyPage]
) -> None:
    page = page_class(filled)
    shown(qtbot, page)
    page.refresh()
    charts = page.charts if hasattr(page, "charts") else [c.chart for c in page.cards]  # type: ignore[attr-defined]
    assert any(rows_of(chart) for chart in charts)
    page.clear()
    assert all(rows_of(chart) == 0 for chart in charts)
    assert all(not chart.figure.axes and not chart.figure.texts for chart in charts)
    if isinstance(page, BenefitsPage):
        assert page.payments_model.rowCount() == 0 and page.notes_label.text() == ""


def test_lock_clears_the_pages(qtbot: QtBot, filled: Session) -> None:
    page = EnergyPage(filled)
    shown(qtbot, page)
    page.refresh()
    filled.lock()
    assert page.showing_empty
    assert all(rows_of(chart) == 0 for chart in page.charts)


def test_energy_page_in_french_on_a_dark_palette(
    qtbot: QtBot, filled: Session, tmp_path: Path
) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    try:
        page = EnergyPage(filled)
        palette = page.palette()
        for role, colour in (
            (QPalette.ColorRole.Window, "#2b2b2b"),
            (QPalette.ColorRole.Base, "#1e1e1e"),
            (QPalette.ColorRole.Text, "#f0f0f0"),
            (QPalette.ColorRole.WindowText, "#f0f0f0"),
            (QPalette.ColorRole.Button, "#3a3a3a"),
            (QPalette.ColorRole.ButtonText, "#f0f0f0"),
        ):
            palette.setColor(role, QColor(colour))
        page.setPalette(palette)
        shown(qtbot, page)
        page.refresh()
        page.period_combo.setCurrentIndex(page.period_combo.findData("week"))
        page.period_combo.activated.emit(page.period_combo.currentIndex())
        assert max(page.consumption_chart.figure.get_facecolor()[:3]) < 0.2
        profile = page.profile_chart.figure
        profile.canvas.draw()
        labels = [t.get_text() for t in profile.axes[0].get_yticklabels()]
        assert "1,5" in labels  # the average day rises in steps of 0.5 kW
        save_tabs(page, "energy_dark_fr", tmp_path)
    finally:
        QLocale.setDefault(previous)
