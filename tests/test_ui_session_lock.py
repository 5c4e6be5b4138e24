"""The wallet locks when the computer's session locks, its screen saver starts or it goes to sleep.

Everything runs on real D-Bus: two private ``dbus-daemon`` processes stand for the system bus
and the session bus. A stand-in for systemd-logind (which CI does not have) answers on the
"system" one with the calls logind answers, and the tests send the very signals logind and the
desktops send. The window is the real main window over a real wallet.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtDBus import (
    QDBus,
    QDBusConnection,
    QDBusMessage,
    QDBusObjectPath,
    QDBusUnixFileDescriptor,
    QDBusVirtualObject,
)
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, RESOURCE_SAMPLES
from tests.uihelpers import make_window
from ui.mainwindow import MainWindow
from ui.pages.imports import ImportsPage
from ui.session_lock import LOGIND, MANAGER, MANAGER_PATH, SESSION, SessionLockWatcher
from wallet.vault import Wallet

OUR_SESSION = "/org/freedesktop/login1/session/_37"  # logind's path for session "7"
OTHER_SESSION = "/org/freedesktop/login1/session/c2"


class PrivateBus:
    """A ``dbus-daemon`` of our own, and the connections the test opened to it."""

    def __init__(self, address: str, process: subprocess.Popen[str]) -> None:
        self.address = address
        self.process = process
        self.names: list[str] = []

    def connect(self) -> QDBusConnection:
        name = f"test-{uuid.uuid4().hex}"
        self.names.append(name)
        connection = QDBusConnection.connectToBus(self.address, name)
        assert connection.isConnected(), connection.lastError().message()
        return connection

    def close(self) -> None:
        for name in self.names:
            QDBusConnection.disconnectFromBus(name)
        self.process.terminate()
        self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def start_bus() -> PrivateBus:
    program = shutil.which("dbus-daemon")
    if program is None:
        pytest.skip("no dbus-daemon on this computer (Debian package dbus-daemon)")
    process = subprocess.Popen(
        [program, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    if not address:
        process.kill()
        process.wait()
        process.stdout.close()
        pytest.skip("dbus-daemon would not start here")
    return PrivateBus(address, process)


@pytest.fixture
def system_bus(qtbot: QtBot) -> Iterator[PrivateBus]:
    bus = start_bus()
    yield bus
    bus.close()


@pytest.fixture
def session_bus(qtbot: QtBot) -> Iterator[PrivateBus]:
    bus = start_bus()
    yield bus
    bus.close()


class FakeLogind(QDBusVirtualObject):
    """The part of systemd-logind the watcher talks to: GetSession, Inhibit, and its signals."""

    def __init__(self, bus: QDBusConnection, sessions: dict[str, str]) -> None:
        super().__init__()
        self.bus = bus
        self.sessions = sessions
        self.asked_sessions: list[str] = []
        self.inhibitors: list[int] = []  # our ends of the pipes handed out as inhibitors
        assert bus.registerVirtualObject(MANAGER_PATH, self)
        assert bus.registerService(LOGIND)

    def introspect(self, path: str) -> str:
        return ""

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        if message.member() == "GetSession":
            name = message.arguments()[0]
            self.asked_sessions.append(name)
            if name not in self.sessions:
                reply = message.createErrorReply(
                    "org.freedesktop.login1.NoSuchSession", "No such session."
                )
            else:
                reply = message.createReply()
                reply.setArguments([QDBusObjectPath(self.sessions[name])])
        elif message.member() == "Inhibit":
            assert message.arguments()[0] == "sleep" and message.arguments()[3] == "delay"
            ours, theirs = os.pipe()
            os.set_blocking(ours, False)
            self.inhibitors.append(ours)
            reply = message.createReply()
            reply.setArguments([QDBusUnixFileDescriptor(theirs)])  # sends a copy
            os.close(theirs)
        else:
            return False
        connection.send(reply)
        return True

    def released(self, index: int) -> bool:
        """True once every copy of inhibitor ``index`` is closed (logind then lets sleep go on)."""
        try:
            return os.read(self.inhibitors[index], 1) == b""
        except BlockingIOError:
            return False

    def close(self) -> None:
        for descriptor in self.inhibitors:
            os.close(descriptor)


@pytest.fixture
def logind(system_bus: PrivateBus) -> Iterator[FakeLogind]:
    fake = FakeLogind(system_bus.connect(), {"7": OUR_SESSION, "2": OTHER_SESSION})
    yield fake
    fake.close()


def emit(sender: QDBusConnection, path: str, interface: str, member: str, *args: object) -> None:
    signal = QDBusMessage.createSignal(path, interface, member)
    signal.setArguments(list(args))
    assert sender.send(signal)


def settle(*connections: QDBusConnection) -> None:
    """Let every message sent so far reach its receivers' slots.

    The bus keeps each connection's order: once a round trip on the sender and then on the
    receiver is back, whatever the sender sent before is already queued for the receiver.
    """
    ping = QDBusMessage.createMethodCall(
        "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetId"
    )
    for connection in connections:
        reply = connection.call(ping, QDBus.CallMode.Block, 5_000)
        assert reply.type() == QDBusMessage.MessageType.ReplyMessage, reply.errorMessage()
    QApplication.processEvents()


class LogLines(logging.Handler):
    """What the watcher logged, whatever the app's logging set-up in this process."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def watcher_log() -> Iterator[LogLines]:
    logger = logging.getLogger("selfdata.session_lock")
    handler, level = LogLines(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


def unlocked_window_with_data(qtbot: QtBot, wallet: Wallet) -> tuple[MainWindow, ImportsPage]:
    window = make_window(qtbot, wallet.paths.root)
    window.open_wallet(wallet)
    page = window.workspace.show_page("imports")
    assert isinstance(page, ImportsPage)
    page.choose_files([RESOURCE_SAMPLES / "selfdata_electricity_daily.csv"])
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert page.batches_model.rowCount() == 1 and page.preview_model.rowCount() > 0
    return window, page


def follow(
    qtbot: QtBot, window: MainWindow, system: QDBusConnection, session: QDBusConnection
) -> tuple[SessionLockWatcher, QDBusConnection, QDBusConnection]:
    watcher = SessionLockWatcher(system_bus=system, session_bus=session)
    with qtbot.waitSignal(watcher.settled, timeout=10_000):
        window.follow_session_lock(watcher)
    settle(system, session)  # the watcher's match rules are in place on both buses
    return watcher, system, session


def assert_locked_and_forgotten(window: MainWindow, page: ImportsPage) -> None:
    assert not window.session.is_unlocked
    assert window.screens.currentWidget() is window.unlock_screen
    assert page.batches_model.rowCount() == 0
    assert page.preview_model.rowCount() == 0
    assert page.file_list.count() == 0
    assert not window.lock_action.isEnabled()


def test_the_session_lock_locks_the_wallet(
    qtbot: QtBot,
    wallet: Wallet,
    system_bus: PrivateBus,
    session_bus: PrivateBus,
    logind: FakeLogind,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_SESSION_ID", "7")
    window, page = unlocked_window_with_data(qtbot, wallet)
    watcher, app_system, _ = follow(qtbot, window, system_bus.connect(), session_bus.connect())
    assert logind.asked_sessions == ["7"]
    assert "logind session lock" in watcher.following
    # Another person's session locking is not ours.
    emit(logind.bus, OTHER_SESSION, SESSION, "Lock")
    # The same member on another interface, and another member on the session, change nothing.
    emit(logind.bus, OUR_SESSION, "org.example.Other", "Lock")
    emit(logind.bus, OUR_SESSION, SESSION, "Unlock")
    settle(logind.bus, app_system)
    assert window.session.is_unlocked
    assert window.screens.currentWidget() is window.workspace
    emit(logind.bus, OUR_SESSION, SESSION, "Lock")
    qtbot.waitUntil(lambda: not window.session.is_unlocked, timeout=5_000)
    assert_locked_and_forgotten(window, page)
    # Locked already: another Lock leaves the unlock screen as the person is filling it in.
    qtbot.keyClicks(window.unlock_screen.field, PASSPHRASE)
    emit(logind.bus, OUR_SESSION, SESSION, "Lock")
    settle(logind.bus, app_system)
    assert window.unlock_screen.field.text() == PASSPHRASE
    # It opens again with the passphrase, as after Wallet > Lock.
    with qtbot.waitSignal(window.ready):
        qtbot.keyClick(window.unlock_screen.field, Qt.Key.Key_Return)
    assert page.batches_model.rowCount() == 1


def test_sleep_locks_before_the_computer_sleeps(
    qtbot: QtBot,
    wallet: Wallet,
    system_bus: PrivateBus,
    session_bus: PrivateBus,
    logind: FakeLogind,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("XDG_SESSION_ID", raising=False)
    logind.sessions = {}  # started outside any login session (as over ssh): sleep still counts
    window, page = unlocked_window_with_data(qtbot, wallet)
    watcher, app_system, _ = follow(qtbot, window, system_bus.connect(), session_bus.connect())
    assert logind.asked_sessions == ["auto", ""]
    assert "logind sleep" in watcher.following and "sleep delay" in watcher.following
    assert len(logind.inhibitors) == 1 and not logind.released(0)
    # Waking up is not a reason to lock.
    emit(logind.bus, MANAGER_PATH, MANAGER, "PrepareForSleep", False)
    settle(logind.bus, app_system)
    assert window.session.is_unlocked
    emit(logind.bus, MANAGER_PATH, MANAGER, "PrepareForSleep", True)
    qtbot.waitUntil(lambda: logind.released(0), timeout=5_000)
    # The delay was handed back only once the wallet was locked.
    assert_locked_and_forgotten(window, page)
    # Awake again: a new delay for the next sleep, given back when the window closes.
    emit(logind.bus, MANAGER_PATH, MANAGER, "PrepareForSleep", False)
    qtbot.waitUntil(lambda: len(logind.inhibitors) == 2, timeout=5_000)
    settle(logind.bus, app_system)
    assert not logind.released(1)
    window.close()
    assert logind.released(1)


@pytest.mark.parametrize(
    ("service", "path"),
    [
        ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
        ("org.freedesktop.ScreenSaver", "/ScreenSaver"),
    ],
)
def test_the_screen_locker_locks_the_wallet_even_without_logind(
    qtbot: QtBot,
    wallet: Wallet,
    system_bus: PrivateBus,
    session_bus: PrivateBus,
    watcher_log: LogLines,
    service: str,
    path: str,
) -> None:
    window, page = unlocked_window_with_data(qtbot, wallet)
    watcher, _, app_session = follow(qtbot, window, system_bus.connect(), session_bus.connect())
    assert watcher.following == ["screen saver"]
    assert watcher.missing == ["logind (org.freedesktop.DBus.Error.ServiceUnknown)"]
    desktop = session_bus.connect()
    assert desktop.registerService(service)
    emit(desktop, path, service, "ActiveChanged", False)  # the screen came back
    emit(desktop, path, "org.example.Player", "ActiveChanged", True)  # someone else's signal
    emit(desktop, path, service, "WakeUpScreen")
    settle(desktop, app_session)
    assert window.session.is_unlocked
    emit(desktop, path, service, "ActiveChanged", True)
    qtbot.waitUntil(lambda: not window.session.is_unlocked, timeout=5_000)
    assert_locked_and_forgotten(window, page)
    assert watcher_log.lines == [
        "Locking with the computer follows: screen saver"
        " (not available: logind (org.freedesktop.DBus.Error.ServiceUnknown))"
    ]


def test_without_any_bus_the_app_starts_as_before_and_says_why_once(
    qtbot: QtBot,
    wallet: Wallet,
    tmp_path: Path,
    watcher_log: LogLines,
    request: pytest.FixtureRequest,
) -> None:
    root = wallet.paths.root
    wallet.lock()
    nowhere = f"unix:path={tmp_path / 'no-bus'}"
    names = [f"test-{uuid.uuid4().hex}" for _ in range(2)]
    watcher = SessionLockWatcher(
        system_bus=QDBusConnection.connectToBus(nowhere, names[0]),
        session_bus=QDBusConnection.connectToBus(nowhere, names[1]),
    )
    for name in names:
        request.addfinalizer(lambda name=name: QDBusConnection.disconnectFromBus(name))
    window = make_window(qtbot, root)
    window.follow_session_lock(watcher)
    window.start()
    assert watcher.is_settled and watcher.following == []
    assert watcher_log.lines == [
        "Locking with the computer follows: nothing (not available:"
        " session bus (org.freedesktop.DBus.Error.FileNotFound);"
        " system bus (org.freedesktop.DBus.Error.FileNotFound))"
    ]
    assert str(tmp_path) not in watcher_log.lines[0]
    assert QApplication.activeModalWidget() is None
    assert window.screens.currentWidget() is window.unlock_screen
    qtbot.keyClicks(window.unlock_screen.field, PASSPHRASE)
    with qtbot.waitSignal(window.ready):
        qtbot.keyClick(window.unlock_screen.field, Qt.Key.Key_Return)
    window.lock_action.trigger()
    assert not window.session.is_unlocked


def test_the_app_follows_the_buses_this_computer_has(qtbot: QtBot, wallet: Wallet) -> None:
    from ui.app import _follow_session_lock

    window = make_window(qtbot, wallet.paths.root)
    _follow_session_lock(window)  # CI has a session bus and no system bus; a desktop has both
    watcher = window.session_lock
    assert watcher is not None and watcher.parent() is window
    qtbot.waitUntil(lambda: watcher.is_settled, timeout=10_000)
    assert watcher.following or watcher.missing
    window.open_wallet(wallet)
    assert window.session.is_unlocked


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build's rule")
def test_the_linux_build_carries_qtdbus() -> None:
    packaging = Path(__file__).resolve().parents[1] / "packaging"
    sys.path.insert(0, str(packaging))
    try:
        import lean
    finally:
        sys.path.remove(str(packaging))
    assert "PySide6.QtDBus" in lean.QT_MODULES
    assert "PySide6.QtDBus" not in lean.EXCLUDED_MODULES
