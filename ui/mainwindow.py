"""The one window: first start, unlock, or the pages, and the steps between them.

Startup steps (``ui.startup``): find the wallet, unlock it (keyring first), open it, load the
pages. Locking (menu, Ctrl+L, idle time, the computer's session lock or sleep) closes the
database, clears every page and shows the unlock screen again.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from ui import startup
from ui.autolock import AutoLock, Clock
from ui.clipboard import SensitiveClipboard
from ui.help_menu import HelpMenu
from ui.i18n import Translations
from ui.screens.first_start import FirstStartScreen
from ui.screens.problem import MessageScreen
from ui.screens.unlock import UnlockScreen
from ui.session import Session
from ui.tasks import TaskHandle
from ui.workspace import Workspace
from wallet.demo import DEMO_PASSPHRASE, DemoWallet, create_demo
from wallet.errors import WalletError
from wallet.vault import Wallet

if TYPE_CHECKING:  # ui.session_lock needs QtDBus, which the app loads only where it is useful
    from ui.session_lock import SessionLockWatcher


class MainWindow(QMainWindow):
    ready = Signal()  # the pages are shown, unlocked (tests and benchmarks wait for it)

    def __init__(
        self,
        session: Session,
        root: Path,
        *,
        translations: Translations | None = None,
        clock: Clock = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.root = root
        self.translations = translations
        self.demo: DemoWallet | None = None
        self.clipboard = SensitiveClipboard()
        self.autolock = AutoLock(
            session.settings.get("auto_lock_minutes"), clock=clock, parent=self
        )
        self.autolock.idle.connect(self.lock)
        self.session_lock: SessionLockWatcher | None = None
        self.screens = QStackedWidget(self)
        self.setCentralWidget(self.screens)
        self.message = MessageScreen(self)
        self.message.quit.connect(self.close)
        self.message.retry.connect(self.start)
        self.first_start = FirstStartScreen(root, session.tasks, self.clipboard, self)
        self.first_start.finished.connect(self.open_wallet)
        self.first_start.demo_requested.connect(self.start_demo)
        self.unlock_screen = UnlockScreen(root, session.tasks, self)
        self.unlock_screen.unlocked.connect(self.open_wallet)
        self.workspace = Workspace(session, self)
        for screen in (self.message, self.first_start, self.unlock_screen, self.workspace):
            self.screens.addWidget(screen)
        session.locked.connect(self.workspace.clear)
        self._connect_settings()
        self._build_menus()
        self.retranslate()
        self.resize(1100, 720)

    # --- menus ------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        self.wallet_menu = self.menuBar().addMenu("")
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.lock_action.setEnabled(False)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.wallet_menu.addAction(self.lock_action)
        self.wallet_menu.addSeparator()
        self.wallet_menu.addAction(self.quit_action)
        self.help = HelpMenu(self, self.session, lambda: self.root)
        self.help_menu = self.help.menu

    def retranslate(self) -> None:
        title = self.tr("Self Data Wallet")
        self.setWindowTitle(self.tr("%1 (demo)").replace("%1", title) if self.demo else title)
        self.wallet_menu.setTitle(self.tr("&Wallet"))
        self.lock_action.setText(self.tr("&Lock"))
        self.quit_action.setText(self.tr("&Quit"))
        self.help.retranslate()
        if self.demo is not None:
            self.unlock_screen.set_hint(
                self.tr("This is the demo wallet; its passphrase is: %1").replace(
                    "%1", DEMO_PASSPHRASE
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _connect_settings(self) -> None:
        page = self.workspace.pages["settings"]
        if hasattr(page, "language_changed"):
            page.language_changed.connect(self.set_language)
            page.auto_lock_changed.connect(self.autolock.set_minutes)
            page.restore_requested.connect(self.restore)

    def set_language(self, language: str) -> None:
        if self.translations is not None:
            self.translations.apply(language)

    # --- startup steps ----------------------------------------------------------------------
    def start(self) -> None:
        """Find the wallet, then create it, or unlock it (keyring first)."""
        if self.demo is not None:
            self.show_unlock()
            return
        try:
            if startup.is_new(self.root):
                self.screens.setCurrentWidget(self.first_start)
                return
            remembered = startup.unlock_remembered(self.root)
        except startup.StartupProblem as exc:
            self._problem(exc.step, str(exc))
            return
        if remembered is not None:
            self.open_wallet(remembered)
        else:
            self.show_unlock()

    def start_demo(self) -> None:
        self.message.show_busy(
            self.tr("Preparing the demo wallet"),
            self.tr("Making up a household's data in a throwaway wallet…"),
        )
        self.screens.setCurrentWidget(self.message)
        self.session.tasks.run(
            lambda handle: create_demo(on_step=handle.report),
            on_done=self._demo_ready,
            on_error=lambda exc: self._problem("open", _describe(exc)),
            on_progress=self.message.set_progress,
        )

    def _demo_ready(self, demo: DemoWallet) -> None:
        self.demo = demo
        self.root = demo.root
        self.unlock_screen.root = demo.root
        self.retranslate()
        self.open_wallet(demo.wallet)

    def show_unlock(self, message: str = "") -> None:
        self.unlock_screen.reset(message)
        self.screens.setCurrentWidget(self.unlock_screen)
        self.unlock_screen.show_passphrase()

    def open_wallet(self, opened: Wallet) -> None:
        """Steps 3 and 4: hand the wallet to the pages, then load the page shown."""
        try:
            self.session.open(opened)
        except Exception as exc:  # the step says what failed; never a silent crash
            opened.lock()
            self._problem("open", _describe(exc))
            return
        try:
            self.workspace.load()
        except Exception as exc:
            self.session.lock()
            self._problem("load", _describe(exc))
            return
        self.screens.setCurrentWidget(self.workspace)
        self.lock_action.setEnabled(True)
        self.autolock.set_minutes(self.session.settings.get("auto_lock_minutes"))
        self.autolock.arm()
        self.ready.emit()

    def _problem(self, step: str, message: str) -> None:
        titles = {
            "find": self.tr("The wallet could not be found"),
            "unlock": self.tr("The wallet could not be unlocked"),
            "open": self.tr("The wallet could not be opened"),
            "load": self.tr("Your data could not be loaded"),
        }
        self.message.show_problem(titles.get(step, titles["open"]), message)
        self.screens.setCurrentWidget(self.message)

    # --- locking ----------------------------------------------------------------------------
    def lock(self) -> None:
        """Close the database, drop the key, clear every page, show the unlock screen."""
        self.autolock.disarm()
        self.lock_action.setEnabled(False)
        self.clipboard.clear_now()
        self.session.lock()
        self.show_unlock()

    def follow_session_lock(self, watcher: SessionLockWatcher) -> None:
        """Lock when the computer's session locks or sleeps, as the Lock action would."""
        self.session_lock = watcher
        watcher.setParent(self)
        # The action is disabled while locked, so a second signal changes nothing.
        watcher.lock_requested.connect(self.lock_action.trigger)
        watcher.start()

    def restore(self, source: Path, secret: str, recovery: bool) -> None:
        from wallet.backup import restore

        root = self.root
        self.lock()
        self.message.show_busy(self.tr("Restoring the backup"), self.tr("Please wait…"))
        self.screens.setCurrentWidget(self.message)

        def work(_: TaskHandle) -> Wallet:
            restore(source, root, secret, recovery=recovery)
            if recovery:
                return Wallet.unlock_with_recovery(root, secret)
            return Wallet.unlock(root, secret)

        self.session.tasks.run(
            work,
            on_done=self.open_wallet,
            on_error=lambda exc: self.show_unlock(
                self.tr("The backup was not restored: %1").replace("%1", _describe(exc))
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.autolock.disarm()
        if self.session_lock is not None:
            self.session_lock.stop()
        self.clipboard.clear_now()
        if self.session.is_unlocked:
            self.session.lock()
        self.first_start.forget()
        super().closeEvent(event)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, WalletError | OSError):
        return str(exc)
    return type(exc).__name__
