"""First start, unlock, wrong passphrase, recovery: a person's way into the wallet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.uihelpers import make_window
from ui.clipboard import SensitiveClipboard
from wallet.errors import WrongSecretError
from wallet.vault import Wallet


def test_first_start_to_unlocked_main_window(qtbot: QtBot, wallet_dir: Path) -> None:
    window = make_window(qtbot, wallet_dir)
    window.start()
    first = window.first_start
    assert window.screens.currentWidget() is first
    qtbot.mouseClick(first.create_button, Qt.MouseButton.LeftButton)
    first.passphrase.first.setText(PASSPHRASE)
    first.passphrase.second.setText(PASSPHRASE + "x")
    qtbot.mouseClick(first.make_button, Qt.MouseButton.LeftButton)
    assert "not the same" in first.create_error.text()
    assert not wallet_dir.exists()
    first.passphrase.second.setText(PASSPHRASE)
    qtbot.mouseClick(first.make_button, Qt.MouseButton.LeftButton)
    assert first.steps.currentIndex() == 2
    code = first.code_label.text()
    groups = code.split("-")
    assert len(groups) == 5
    wrong = groups[(first.asked_group + 1) % 5]
    if wrong != groups[first.asked_group]:
        qtbot.keyClicks(first.check_field, wrong)
        qtbot.keyClick(first.check_field, Qt.Key.Key_Return)
        assert "not group" in first.recovery_error.text()
        assert not window.session.is_unlocked or window.screens.currentWidget() is first
        first.check_field.clear()
    qtbot.keyClicks(first.check_field, groups[first.asked_group].lower())
    with qtbot.waitSignal(window.ready):
        qtbot.keyClick(first.check_field, Qt.Key.Key_Return)
    assert window.screens.currentWidget() is window.workspace
    assert window.session.is_unlocked
    assert window.session.wallet.paths.root == wallet_dir
    assert window.lock_action.isEnabled()
    # The code shown on screen opens the wallet: it is the real one.
    window.close()
    Wallet.unlock_with_recovery(wallet_dir, code).lock()


def test_wrong_passphrase_then_the_right_one(qtbot: QtBot, wallet: Wallet) -> None:
    root = wallet.paths.root
    wallet.lock()
    window = make_window(qtbot, root)
    window.start()
    screen = window.unlock_screen
    assert window.screens.currentWidget() is screen
    qtbot.keyClicks(screen.field, "not the passphrase")
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)
    assert "not right" in screen.error.text()
    assert not window.session.is_unlocked
    assert screen.unlock_button.isEnabled()
    screen.field.clear()
    qtbot.keyClicks(screen.field, PASSPHRASE)
    with qtbot.waitSignal(window.ready):
        qtbot.keyClick(screen.field, Qt.Key.Key_Return)
    assert window.session.is_unlocked
    assert screen.field.text() == ""


def test_unlock_off_the_gui_thread(qtbot: QtBot, wallet: Wallet) -> None:
    root = wallet.paths.root
    wallet.lock()
    window = make_window(qtbot, root, inline=False)
    window.start()
    qtbot.keyClicks(window.unlock_screen.field, PASSPHRASE)
    with qtbot.waitSignal(window.ready, timeout=20_000):
        qtbot.keyClick(window.unlock_screen.field, Qt.Key.Key_Return)
    assert window.session.is_unlocked


def test_forgotten_passphrase_recovery_code_and_new_passphrase(
    qtbot: QtBot, wallet_dir: Path
) -> None:
    from wallet.keyslots import FAST_KDF

    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF)
    created.wallet.lock()
    window = make_window(qtbot, wallet_dir)
    window.start()
    screen = window.unlock_screen
    qtbot.mouseClick(screen.forgot_button, Qt.MouseButton.LeftButton)
    assert screen.modes.currentIndex() == 1
    screen.code_field.setText("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
    screen.new_passphrase.first.setText("a brand new passphrase")
    screen.new_passphrase.second.setText("a brand new passphrase")
    qtbot.mouseClick(screen.recover_button, Qt.MouseButton.LeftButton)
    assert "recovery code is not right" in screen.recovery_error.text()
    screen.code_field.setText(created.recovery_code.replace("-", " ").lower())
    with qtbot.waitSignal(window.ready):
        qtbot.mouseClick(screen.recover_button, Qt.MouseButton.LeftButton)
    window.close()
    try:
        Wallet.unlock(wallet_dir, PASSPHRASE, sleep=lambda _s: None)
    except WrongSecretError:
        pass
    else:
        raise AssertionError("the old passphrase still opens the wallet")
    Wallet.unlock(wallet_dir, "a brand new passphrase").lock()


def test_sensitive_copy_cleared_only_if_still_ours(qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication

    pending: list[object] = []
    clipboard = SensitiveClipboard(schedule=lambda _ms, callback: pending.append(callback))
    system = QGuiApplication.clipboard()
    clipboard.copy("ABCDE-FGHJK")
    assert system.text() == "ABCDE-FGHJK"
    # Clipboard managers are told not to keep it (Klipper reads this mark).
    held = system.mimeData()
    assert held is not None
    assert bytes(held.data("x-kde-passwordManagerHint").data()) == b"secret"
    pending.pop()()  # 30 s later
    assert system.text() == ""
    clipboard.copy("ABCDE-FGHJK")
    system.setText("something the person copied since")
    pending.pop()()
    assert system.text() == "something the person copied since"
