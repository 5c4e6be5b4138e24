"""Lock the wallet when the computer's session locks or goes to sleep (Linux, over D-Bus).

What is followed, each on a best-effort basis:
- systemd-logind, on the system bus: this session's ``Lock`` signal (``loginctl lock-session``,
  the desktops that lock through logind) and ``PrepareForSleep(true)`` before suspend or
  hibernation. A "delay" inhibitor gives the program its moment to lock before the computer
  sleeps; logind waits a few seconds at most for it.
- the desktop's screen locker, on the session bus: ``ActiveChanged(true)`` of the screen saver
  interface that GNOME Shell, KDE Plasma and the gnome-screensaver forks emit.

Where a bus or logind is missing (containers, CI, Windows, macOS) nothing is followed and one
log line says why; the program works as before. The buses are injectable so the tests can run
everything against a private ``dbus-daemon``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import (
    QDBusConnection,
    QDBusMessage,
    QDBusObjectPath,
    QDBusPendingCallWatcher,
    QDBusUnixFileDescriptor,
)

from wallet.logs import get_logger

log = get_logger("session_lock")

LOGIND = "org.freedesktop.login1"
MANAGER_PATH = "/org/freedesktop/login1"
MANAGER = "org.freedesktop.login1.Manager"
SESSION = "org.freedesktop.login1.Session"
# The interface each screen locker emits ActiveChanged(bool) on. GNOME's name is also used by
# elementary, Budgie and Phosh; the last three are gnome-screensaver forks, not tried here.
SCREEN_SAVERS = (
    "org.freedesktop.ScreenSaver",  # KDE Plasma
    "org.gnome.ScreenSaver",  # GNOME Shell
    "org.cinnamon.ScreenSaver",
    "org.mate.ScreenSaver",
    "org.xfce.ScreenSaver",
)
INHIBIT_WHO = "Self Data Wallet"
INHIBIT_WHY = "Locks the wallet before the computer sleeps"


def _slot(signature: str) -> bytes:
    # PySide6's stub says bytes, but the binding takes the str that SLOT() makes (6.11).
    return cast(bytes, SLOT(signature))


def _session_names() -> list[str]:
    """Names logind resolves to our session, best first.

    $XDG_SESSION_ID is the session that started us; "auto" (systemd 243+) is the caller's
    session or else the user's graphical one, for programs launched outside the session's
    own processes (as GNOME does); "" is the caller's session on older systemd.
    """
    names = ["auto", ""]
    session_id = os.environ.get("XDG_SESSION_ID", "")
    if session_id:
        names.insert(0, session_id)
    return names


class SessionLockWatcher(QObject):
    lock_requested = Signal()  # the session locked, the screen saver started, or sleep is near
    settled = Signal()  # every source was tried; ``following`` and ``missing`` are final

    def __init__(
        self,
        *,
        system_bus: QDBusConnection | None = None,
        session_bus: QDBusConnection | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.system_bus = system_bus if system_bus is not None else QDBusConnection.systemBus()
        self.session_bus = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        self.session_names = _session_names()
        self.following: list[str] = []
        self.missing: list[str] = []
        self.is_settled = False
        self._asked = 0  # index in session_names of the name logind was last asked about
        self._hooks: list[tuple[QDBusConnection, str, str, str, str, bytes]] = []
        self._inhibitor: int | None = None  # our copy of logind's delay-inhibitor descriptor
        self._stopped = False

    def start(self) -> None:
        self._follow_screen_savers()
        if not self.system_bus.isConnected():
            self.missing.append(f"system bus ({self.system_bus.lastError().name() or 'absent'})")
            self._settle()
            return
        self._ask_session(0)

    def stop(self) -> None:
        """Follow nothing more, and let the computer sleep without waiting for us."""
        self._stopped = True
        for bus, service, path, interface, member, slot in self._hooks:
            bus.disconnect(service, path, interface, member, self, slot)
        self._hooks.clear()
        self._release_inhibitor()

    def _hook(
        self, bus: QDBusConnection, service: str, path: str, interface: str, member: str, slot: str
    ) -> bool:
        signature = _slot(slot)
        if not bus.connect(service, path, interface, member, self, signature):
            return False
        self._hooks.append((bus, service, path, interface, member, signature))
        return True

    # --- the desktop's screen locker (session bus) ------------------------------------------
    def _follow_screen_savers(self) -> None:
        bus = self.session_bus
        if not bus.isConnected():
            self.missing.append(f"session bus ({bus.lastError().name() or 'absent'})")
            return
        # Any sender: each desktop owns its own bus name, and a false alarm only locks.
        hooked = [
            self._hook(bus, "", "", name, "ActiveChanged", "_screen_saver_changed(bool)")
            for name in SCREEN_SAVERS
        ]
        if all(hooked):
            self.following.append("screen saver")
        else:
            self.missing.append("screen saver (signal not connected)")

    @Slot(bool)
    def _screen_saver_changed(self, active: bool) -> None:
        if active:
            self.lock_requested.emit()

    # --- systemd-logind (system bus) --------------------------------------------------------
    def _call(
        self, member: str, args: list[object], on_reply: Callable[[QDBusPendingCallWatcher], None]
    ) -> None:
        """Ask logind without blocking: a slow system bus must not freeze the window."""
        message = QDBusMessage.createMethodCall(LOGIND, MANAGER_PATH, MANAGER, member)
        message.setArguments(args)
        pending = QDBusPendingCallWatcher(self.system_bus.asyncCall(message), self)
        pending.finished.connect(on_reply)

    def _ask_session(self, index: int) -> None:
        self._asked = index
        self._call("GetSession", [self.session_names[index]], self._session_found)

    def _session_found(self, watcher: QDBusPendingCallWatcher) -> None:
        watcher.deleteLater()
        reply = watcher.reply()
        error = reply.errorName() if watcher.isError() else ""
        logind_answered = error.startswith(LOGIND)  # logind is there but knows no such session
        if error and logind_answered and self._asked + 1 < len(self.session_names):
            self._ask_session(self._asked + 1)
            return
        if error and not logind_answered:
            self.missing.append(f"logind ({error})")
            self._settle()
            return
        path = reply.arguments()[0] if not error and reply.arguments() else None
        if isinstance(path, QDBusObjectPath) and self._hook(
            self.system_bus, LOGIND, path.path(), SESSION, "Lock", "_session_locked()"
        ):
            self.following.append("logind session lock")
        else:
            self.missing.append(f"logind session lock ({error or 'no session'})")
        self._follow_sleep()

    @Slot()
    def _session_locked(self) -> None:
        self.lock_requested.emit()

    def _follow_sleep(self) -> None:
        if not self._hook(
            self.system_bus, LOGIND, MANAGER_PATH, MANAGER, "PrepareForSleep", "_sleep_near(bool)"
        ):
            self.missing.append("logind sleep (signal not connected)")
            self._settle()
            return
        self.following.append("logind sleep")
        self._take_inhibitor()

    def _take_inhibitor(self) -> None:
        self._call("Inhibit", ["sleep", INHIBIT_WHO, INHIBIT_WHY, "delay"], self._inhibitor_taken)

    def _inhibitor_taken(self, watcher: QDBusPendingCallWatcher) -> None:
        watcher.deleteLater()
        reply = watcher.reply()
        arguments = reply.arguments() if not watcher.isError() else []
        descriptor = arguments[0] if arguments else None
        if self._stopped:
            pass  # the answer came after stop(): the message's copy closes with it
        elif isinstance(descriptor, QDBusUnixFileDescriptor) and descriptor.isValid():
            self._release_inhibitor()
            # Our own copy: the message's copy closes with the message, ours when we say so.
            self._inhibitor = os.dup(descriptor.fileDescriptor())
            if not self.is_settled:
                self.following.append("sleep delay")
        elif not self.is_settled:
            self.missing.append(f"sleep delay ({reply.errorName() or 'no descriptor'})")
        self._settle()

    @Slot(bool)
    def _sleep_near(self, start: bool) -> None:
        if start:
            self.lock_requested.emit()
            self._release_inhibitor()  # locked: the computer may sleep now
        else:
            self._take_inhibitor()  # awake again: ready for the next sleep

    def _release_inhibitor(self) -> None:
        if self._inhibitor is not None:
            with contextlib.suppress(OSError):
                os.close(self._inhibitor)
            self._inhibitor = None

    # --- the one log line -------------------------------------------------------------------
    def _settle(self) -> None:
        if self.is_settled:
            return
        self.is_settled = True
        following = ", ".join(self.following) or "nothing"
        missing = "; ".join(self.missing)
        log.info(
            "Locking with the computer follows: %s%s",
            following,
            f" (not available: {missing})" if missing else "",
        )
        self.settled.emit()
