"""Copying a sensitive value (the recovery code): the clipboard is cleared 30 s later,
but only if it still holds our value; something the person copied since is left alone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000

Schedule = Callable[[int, Callable[[], None]], None]


def _single_shot(msecs: int, callback: Callable[[], None]) -> None:
    QTimer.singleShot(msecs, callback)


class SensitiveClipboard:
    def __init__(
        self, clipboard: QClipboard | None = None, schedule: Schedule = _single_shot
    ) -> None:
        self.clipboard = clipboard or QGuiApplication.clipboard()
        self.schedule = schedule
        self._ours: str | None = None
        self._copies = 0

    def copy(self, text: str) -> None:
        self.clipboard.setText(text)
        self._ours = text
        self._copies += 1
        copy_number = self._copies
        # A later copy restarts the 30 s: only the newest copy's timer clears.
        self.schedule(
            CLEAR_AFTER_MS, lambda: self._clear_if_ours() if copy_number == self._copies else None
        )

    def _clear_if_ours(self) -> None:
        if self._ours is not None and self.clipboard.text() == self._ours:
            self.clipboard.clear()
        self._ours = None

    def clear_now(self) -> None:
        """On lock or quit: forget our value the same way."""
        self._clear_if_ours()
