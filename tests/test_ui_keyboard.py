"""Keyboard use: every control of every page has a name for screen readers, Tab reaches each
one without getting stuck, arrow keys drive the sidebar, dialogs answer Escape and Enter."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from importers.base import AccountId, Payment
from tests.test_ui_lock_demo import fill_every_page
from tests.uihelpers import make_window
from ui.mainwindow import MainWindow
from ui.pages.sharing import SharingPage
from ui.widgets.confirm_records import ConfirmRecordsDialog
from ui.widgets.guide import GuideDialog
from ui.widgets.secrets import ChangePassphraseDialog, RestoreDialog
from ui.workspace import PAGES
from wallet.demo import DemoWallet, create_demo

CONTROLS = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QAbstractSpinBox,
    QAbstractItemView,
    QTextBrowser,
)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[DemoWallet]:
    made = create_demo(tmp_path / "wallet")
    yield made
    made.wallet.lock()


@pytest.fixture
def filled(qtbot: QtBot, demo: DemoWallet) -> MainWindow:
    window = make_window(qtbot, demo.root)
    window.open_wallet(demo.wallet)
    fill_every_page(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def is_control(widget: QWidget) -> bool:
    if not isinstance(widget, CONTROLS):
        return False
    if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
        return False  # the editor inside a combo box or spin box: its owner takes focus
    return widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus


def controls(top: QWidget) -> list[QWidget]:
    return [
        w for w in top.findChildren(QWidget) if w.isVisible() and w.isEnabled() and is_control(w)
    ]


def buddies(top: QWidget) -> set[int]:
    return {id(label.buddy()) for label in top.findChildren(QLabel) if label.buddy() is not None}


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r} under {type(widget.parent()).__name__}"


def unnamed(top: QWidget) -> list[str]:
    labelled = buddies(top)
    missing = []
    for widget in controls(top):
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        named = widget.accessibleName().strip() or text.replace("&", "").strip()
        if not named and id(widget) not in labelled:
            missing.append(describe(widget))
    return missing


def owner(widget: QWidget | None, wanted: set[int]) -> QWidget | None:
    """The control that has focus: focus may sit on an inner widget (a combo box's editor)."""
    while widget is not None and id(widget) not in wanted:
        widget = widget.parentWidget()
    return widget


def tab_walk(qtbot: QtBot, view: str, start: QWidget, wanted: set[int]) -> list[QWidget]:
    """Press Tab from ``start`` until focus comes back there; the controls reached, in order."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    reached: list[QWidget] = []
    stuck = 0
    for _ in range(4 * len(wanted) + 20):
        before = QApplication.focusWidget()
        assert before is not None, "focus left the window"
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        after = QApplication.focusWidget()
        assert after is not None, "focus left the window"
        if after is before:
            stuck += 1
            assert stuck < 3, f"Tab is stuck on {describe(after)} in {view}"
            continue
        stuck = 0
        control = owner(after, wanted)
        if control is start:
            break
        if control is not None and control not in reached:
            reached.append(control)
    return reached


def every_view(window: MainWindow) -> Iterator[str]:
    """Show each page, then each tab of its tab widgets and each step of the sharing wizard."""
    for key, _, _ in PAGES:
        page = window.workspace.show_page(key)
        QApplication.processEvents()
        yield key
        switchers: list[QTabWidget | QStackedWidget] = page.findChildren(QTabWidget)
        if isinstance(page, SharingPage):
            page.tabs.setCurrentIndex(1)  # the wizard's tab, so its steps can be shown
            switchers.append(page.steps)  # the wizard: its steps are reached by its buttons
        for switcher in switchers:
            if not switcher.isVisible():
                continue
            first = switcher.currentIndex()
            for index in range(switcher.count()):
                if index != first and switcher.widget(index).isEnabled():
                    switcher.setCurrentIndex(index)
                    QApplication.processEvents()
                    yield f"{key} {type(switcher).__name__} {index}"
            switcher.setCurrentIndex(first)


def backwards(reached: list[QWidget], top: QWidget) -> list[str]:
    """Steps of the Tab order that go against reading order: back up within one column, or
    leftwards within one row."""
    wrong = []
    for one, two in pairwise(reached):
        a, b = one.mapTo(top, QPoint(0, 0)), two.mapTo(top, QPoint(0, 0))
        same_row = abs(a.y() - b.y()) < 8
        next_column = b.x() >= a.x() + one.width() - 8
        if (same_row and b.x() < a.x()) or (b.y() < a.y() - 8 and not next_column):
            wrong.append(f"{describe(one)} then {describe(two)}")
    return wrong


def test_every_control_of_the_window_has_a_name(filled: MainWindow) -> None:
    missing: dict[str, list[str]] = {}
    views = 0
    for key in every_view(filled):
        views += 1
        found = unnamed(filled)
        if found:
            missing[key] = found
    assert missing == {}
    assert views > len(PAGES) + 5  # the tabs of the chart pages and the steps of sharing too


def test_tab_reaches_every_control_of_each_page(qtbot: QtBot, filled: MainWindow) -> None:
    sidebar = filled.workspace.sidebar
    unreached: dict[str, list[str]] = {}  # or reached in an order against reading order
    for key in every_view(filled):
        every = controls(filled.workspace)
        assert sidebar in every
        wanted = {id(w) for w in every}
        reached = tab_walk(qtbot, key, sidebar, wanted)
        missed = [describe(w) for w in every if w is not sidebar and w not in reached]
        missed += backwards(reached, filled)
        if missed:
            unreached[key] = missed
    assert unreached == {}


def test_arrow_keys_on_the_sidebar_change_the_page(qtbot: QtBot, filled: MainWindow) -> None:
    workspace = filled.workspace
    workspace.show_page("overview")
    workspace.sidebar.setFocus()
    seen = [workspace.current_key]
    for _ in range(len(PAGES) - 1):
        qtbot.keyClick(workspace.sidebar, Qt.Key.Key_Down)
        seen.append(workspace.current_key)
    assert seen == [key for key, _, _ in PAGES]
    qtbot.keyClick(workspace.sidebar, Qt.Key.Key_Up)
    assert workspace.current_key == PAGES[-2][0]
    qtbot.keyClick(workspace.sidebar, Qt.Key.Key_Home)
    assert workspace.current_key == "overview"


def dialogs(filled: MainWindow, tmp_path: Path) -> list[QDialog]:
    record = Payment(
        AccountId("caf-demo"), "CAF", "APL", "2024-01-05", None, None, 41200, evidence="l. 3"
    )
    return [
        ChangePassphraseDialog(filled.session, filled),
        RestoreDialog(tmp_path / "backup.sdw", filled),
        ConfirmRecordsDialog([record], [], filled),
        GuideDialog("enedis_csv", "Enedis", "en", filled),
    ]


def shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_escape_closes_every_dialog(qtbot: QtBot, filled: MainWindow, tmp_path: Path) -> None:
    for dialog in dialogs(filled, tmp_path):
        shown(qtbot, dialog)
        assert unnamed(dialog) == [], type(dialog).__name__
        focus = QApplication.focusWidget() or dialog
        with qtbot.waitSignal(dialog.rejected, timeout=2_000):
            qtbot.keyClick(focus, Qt.Key.Key_Escape)
        assert not dialog.isVisible(), type(dialog).__name__


def test_enter_takes_the_default_button(qtbot: QtBot, filled: MainWindow, tmp_path: Path) -> None:
    change, restore, confirm, _ = dialogs(filled, tmp_path)
    for dialog in (change, confirm, restore):
        default = [b for b in dialog.findChildren(QPushButton) if b.isDefault()]
        assert len(default) == 1, type(dialog).__name__
    shown(qtbot, confirm)
    with qtbot.waitSignal(confirm.accepted, timeout=2_000):
        qtbot.keyClick(QApplication.focusWidget() or confirm, Qt.Key.Key_Return)
    assert isinstance(restore, RestoreDialog)
    shown(qtbot, restore)
    assert QApplication.focusWidget() is restore.secret  # type the secret straight away
    qtbot.keyClicks(restore.secret, "backup secret")
    with qtbot.waitSignal(restore.chosen, timeout=2_000) as chosen:
        qtbot.keyClick(restore.secret, Qt.Key.Key_Return)
    assert chosen.args[1:] == ["backup secret", False]
    assert not restore.isVisible()
