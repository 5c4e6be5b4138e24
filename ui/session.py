"""The unlocked wallet as the UI sees it: one object passed to every page.

Pages ask ``session.wallet`` (the core's façade) for what they show and change, through its
operations (each one a read on the thread's own connection or a write that waits its turn for
the one writer), run long work with ``session.tasks.run(...)``, and listen to ``data_changed``
(after an import, an undo, a restore) and ``locked`` (drop every piece of personal data they hold).
"""

from __future__ import annotations

from typing import Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from ui.tasks import TaskRunner
from wallet.errors import VaultLocked
from wallet.settings import Settings
from wallet.vault import Wallet


class Session(QObject):
    unlocked = Signal()
    locked = Signal()
    data_changed = Signal()

    def __init__(self, tasks: TaskRunner | None = None, settings: Settings | None = None) -> None:
        super().__init__()
        self.tasks = tasks or TaskRunner()
        self.settings = settings or Settings()
        self._wallet: Wallet | None = None

    @property
    def wallet(self) -> Wallet:
        if self._wallet is None or not self._wallet.is_open:
            raise VaultLocked("The wallet is locked. Unlock it to continue.")
        return self._wallet

    @property
    def is_unlocked(self) -> bool:
        return self._wallet is not None and self._wallet.is_open

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.wallet.timezone)

    def open(self, wallet: Wallet) -> None:
        self._wallet = wallet
        self.unlocked.emit()

    def lock(self) -> None:
        """Close the database, drop the key, and tell every page to forget what it shows."""
        if self._wallet is not None:
            self.tasks.cancel_all()
            self.tasks.wait(10_000)
            self._wallet.lock()
        self._wallet = None
        self.locked.emit()

    def notify_changed(self) -> None:
        self.data_changed.emit()


class Page(Protocol):
    """What the main window expects of every sidebar page (a QWidget)."""

    def refresh(self) -> None:
        """Reload what the page shows from ``session.wallet`` (called when shown and on changes)."""

    def clear(self) -> None:
        """Forget every piece of personal data: models emptied, charts cleared (on lock)."""
