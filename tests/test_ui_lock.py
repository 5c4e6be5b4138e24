"""Auto-lock and Lock now: the database closes, every page forgets, the unlock screen shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, RESOURCE_SAMPLES
from tests.uihelpers import FakeClock, make_window
from ui.autolock import AutoLock
from ui.pages.imports import ImportsPage
from wallet.errors import VaultLocked
from wallet.vault import Wallet


def test_idle_time_locks_and_hides_all_data(qtbot: QtBot, wallet: Wallet) -> None:
    clock = FakeClock()
    window = make_window(qtbot, wallet.paths.root, clock=clock)
    QApplication.instance().installEventFilter(window.autolock)  # type: ignore[union-attr]
    window.autolock.timer.setInterval(10)
    window.open_wallet(wallet)
    page = window.workspace.show_page("imports")
    assert isinstance(page, ImportsPage)
    # A file stored without asking (a PDF would wait for the person to confirm its records).
    page.choose_files([RESOURCE_SAMPLES / "selfdata_electricity_daily.csv"])
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert page.batches_model.rowCount() == 1 and page.preview_model.rowCount() > 0
    # Activity near the limit keeps it open.
    clock.advance(9 * 60)
    QApplication.sendEvent(
        page, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    )
    clock.advance(9 * 60)
    qtbot.wait(50)
    assert window.session.is_unlocked
    # Ten idle minutes: locked.
    clock.advance(60)
    with qtbot.waitSignal(window.session.locked, timeout=2_000):
        pass
    assert window.screens.currentWidget() is window.unlock_screen
    with pytest.raises(VaultLocked):
        _ = wallet.conn
    with pytest.raises(VaultLocked):
        _ = window.session.wallet
    assert page.batches_model.rowCount() == 0
    assert page.preview_model.rowCount() == 0
    assert page.rejected_model.rowCount() == 0
    assert page.file_list.count() == 0
    assert page.summary.text() == ""
    assert not window.lock_action.isEnabled()
    # And it unlocks again with the passphrase.
    qtbot.keyClicks(window.unlock_screen.field, PASSPHRASE)
    with qtbot.waitSignal(window.ready):
        qtbot.keyClick(window.unlock_screen.field, Qt.Key.Key_Return)
    assert window.workspace.current_key == "imports"
    assert page.batches_model.rowCount() == 1  # read again from the reopened wallet


def test_lock_shortcut(qtbot: QtBot, wallet: Wallet) -> None:
    window = make_window(qtbot, wallet.paths.root)
    window.open_wallet(wallet)
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    window.lock_action.trigger()
    assert not window.session.is_unlocked
    assert window.screens.currentWidget() is window.unlock_screen


def test_zero_minutes_never_locks(qtbot: QtBot) -> None:
    clock = FakeClock()
    lock = AutoLock(0, clock=clock)
    fired: list[bool] = []
    lock.idle.connect(lambda: fired.append(True))
    lock.arm()
    clock.advance(10 * 3600)
    lock.check()
    assert fired == []
    lock.set_minutes(1)
    lock.check()
    assert fired == [True]
    assert not lock.armed


def test_mouse_activity_counts(qtbot: QtBot) -> None:
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QWidget

    clock = FakeClock()
    lock = AutoLock(1, clock=clock)
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.installEventFilter(lock)
    lock.arm()
    clock.advance(59)
    QApplication.sendEvent(
        widget,
        QMouseEvent(
            QEvent.Type.MouseButtonPress,
            QPointF(1, 1),
            QPointF(1, 1),
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )
    clock.advance(59)
    lock.check()
    assert lock.armed
