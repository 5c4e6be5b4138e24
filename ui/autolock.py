"""Auto-lock after idle time: any key, click or wheel on the application counts as activity.

The clock is injectable so a test can advance time without waiting; the timer only polls.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

Clock = Callable[[], float]

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class AutoLock(QObject):
    idle = Signal()  # the idle limit was reached while armed

    def __init__(
        self,
        minutes: int,
        *,
        clock: Clock = time.monotonic,
        poll_ms: int = 5_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.minutes = minutes
        self.armed = False
        self.last_activity = clock()
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.check)

    def set_minutes(self, minutes: int) -> None:
        """0 means never."""
        self.minutes = minutes

    def arm(self) -> None:
        """Start watching (the wallet was unlocked)."""
        self.armed = True
        self.last_activity = self.clock()
        self.timer.start()

    def disarm(self) -> None:
        self.armed = False
        self.timer.stop()

    def touch(self) -> None:
        self.last_activity = self.clock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.last_activity = self.clock()
        return False

    def check(self) -> None:
        if not self.armed or self.minutes <= 0:
            return
        if self.clock() - self.last_activity >= self.minutes * 60:
            self.disarm()
            self.idle.emit()
