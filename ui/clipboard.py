"""Copying a sensitive value (the recovery code): the clipboard is cleared 30 s later,
but only if it still holds our value; something the person copied since is left alone.

The copy carries the marks clipboard managers read to keep a password out of their history:
KDE's ``x-kde-passwordManagerHint``, the nspasteboard.org concealed type on macOS, and the
Windows formats that keep it out of the clipboard history and the cloud clipboard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000
_NO_DWORD = b"\x00\x00\x00\x00"
# Format -> bytes: what each platform's clipboard managers honour for a secret.
SECRET_HINTS = {
    "x-kde-passwordManagerHint": b"secret",
    "org.nspasteboard.ConcealedType": b"",
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': _NO_DWORD,
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': _NO_DWORD,
}

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
        data = QMimeData()
        data.setText(text)
        for kind, value in SECRET_HINTS.items():
            data.setData(kind, value)
        self.clipboard.setMimeData(data)
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
