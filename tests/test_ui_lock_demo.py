"""The demo wallet through the real pages, then auto-lock: no page keeps any personal data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.conftest import RESOURCE_SAMPLES
from tests.uihelpers import FakeClock, make_window
from ui.charts.view import ChartView
from ui.mainwindow import MainWindow
from ui.pages.base import ChartPage
from ui.pages.imports import ImportsPage
from ui.pages.sharing import SharingPage
from ui.workspace import PAGES
from wallet.demo import DemoWallet, create_demo
from wallet.sharing.shares import Sharing

SAMPLE = RESOURCE_SAMPLES / "enedis_mes_mesures_courbe_de_charge.csv"
SAMPLE_METER = "01234567890123"  # the Linky number in the Enedis samples
SERVICE = RESOURCE_SAMPLES.parent / "services" / "energy-coach.json"


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[DemoWallet]:
    made = create_demo(tmp_path / "wallet")
    yield made
    made.wallet.lock()


def cells(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    """Every displayed cell of a model, its children included."""
    parent = parent or QModelIndex()
    found = []
    try:
        columns = max(model.columnCount(parent), 1)
        tree = model.hasChildren(QModelIndex())
    except TypeError:  # a list model (QAbstractListModel hides columnCount and hasChildren)
        columns, tree = 1, False
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            found.append(str(model.data(index, Qt.ItemDataRole.DisplayRole) or ""))
            if column == 0 and tree and model.hasChildren(index):
                found.extend(cells(model, index))
    return found


def models_of(window: QWidget) -> list[QAbstractItemModel]:
    """The models in the window's tree and those its views show (a model may have no parent)."""
    found = {id(m): m for m in window.findChildren(QAbstractItemModel)}
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is not None:
            found.setdefault(id(model), model)
    return list(found.values())


def snapshot(window: QWidget) -> dict[int, list[str]]:
    return {id(model): cells(model) for model in models_of(window)}


def visible_texts(window: QWidget) -> list[str]:
    labels = [label.text() for label in window.findChildren(QLabel)]
    return labels + [edit.toPlainText() for edit in window.findChildren(QPlainTextEdit)]


def drawn(canvas: FigureCanvasQTAgg) -> int:
    """How many things a figure draws: lines, bars, images, texts."""
    count = len(canvas.figure.texts)
    for ax in canvas.figure.axes:
        count += len(ax.lines) + len(ax.patches) + len(ax.collections) + len(ax.images)
        count += len(ax.texts)
    return count


def fill_every_page(qtbot: QtBot, window: MainWindow) -> None:
    for key, _, _ in PAGES:
        page = window.workspace.show_page(key)
        if isinstance(page, ChartPage):
            qtbot.waitUntil(lambda page=page: not page.showing_empty)  # type: ignore[misc]
    imports = window.workspace.pages["imports"]
    assert isinstance(imports, ImportsPage)
    imports.choose_files([SAMPLE])
    sharing = window.workspace.pages["sharing"]
    assert isinstance(sharing, SharingPage)
    Sharing(window.session.wallet).add_service(SERVICE)
    sharing.refresh()
    sharing.go_to_slice()
    for row in range(sharing.fields_list.count()):
        sharing.fields_list.item(row).setCheckState(Qt.CheckState.Checked)
    sharing.pseudonymise_box.setChecked(False)
    sharing.granularity_choice.setCurrentText("day")
    sharing.make_preview()
    assert sharing.rows_model.rowCount() > 0


def test_the_main_window_has_the_real_pages(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path / "wallet")
    kinds = {key: type(window.workspace.pages[key]).__name__ for key, _, _ in PAGES}
    assert kinds == {
        "overview": "OverviewPage",
        "energy": "EnergyPage",
        "mobility": "MobilityPage",
        "benefits": "BenefitsPage",
        "imports": "ImportsPage",
        "sharing": "SharingPage",
        "settings": "SettingsPage",
    }


def test_auto_lock_leaves_no_personal_data_on_any_page(qtbot: QtBot, demo: DemoWallet) -> None:
    clock = FakeClock()
    window = make_window(qtbot, demo.root, clock=clock)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(window.autolock)
    window.autolock.timer.setInterval(10)
    before = snapshot(window)  # never unlocked: only the program's own choices
    # The meter of the sample chosen in the import wizard, and the demo household's meters,
    # cards and accounts: personal data on a resident's wallet.
    ids = [SAMPLE_METER]
    ids += [row[0] for row in demo.wallet.conn.execute("SELECT identifier FROM entities")]
    window.open_wallet(demo.wallet)
    fill_every_page(qtbot, window)
    # The checks below can fail: the personal data is on the pages now.
    shown = [cell for cells_ in snapshot(window).values() for cell in cells_]
    assert any(i in cell for cell in shown for i in ids)
    canvases = window.findChildren(FigureCanvasQTAgg)
    assert sum(drawn(c) > 0 for c in canvases) >= 10
    assert sum(c.has_data for c in window.findChildren(ChartView)) >= 10
    try:
        clock.advance(11 * 60)
        with qtbot.waitSignal(window.session.locked, timeout=2_000):
            pass
    finally:
        app.removeEventFilter(window.autolock)
    assert window.screens.currentWidget() is window.unlock_screen
    after = snapshot(window)
    for model in models_of(window):
        if not before.get(id(model)):
            assert model.rowCount() == 0, f"{type(model).__name__} kept {model.rowCount()} rows"
        else:  # a list of the program's own choices (pages, kinds of export, periods)
            assert after[id(model)] == before[id(model)], type(model).__name__
    assert not any(i in text for text in visible_texts(window) for i in ids)
    assert all(drawn(c) == 0 for c in canvases), "a figure still shows data"
    assert not any(c.has_data for c in window.findChildren(ChartView))
    for key, _, _ in PAGES:
        page = window.workspace.pages[key]
        if isinstance(page, ChartPage):
            assert page.showing_empty or key == "overview"
