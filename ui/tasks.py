"""The one background-task helper: run a function on a QThreadPool, results on the GUI thread.

Worker code never touches a widget. Progress leaves the core as a plain callback
``on_progress(done, total)``; this module turns it into a Qt signal. Tests can pass
``inline=True`` to run tasks synchronously instead of sleeping.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Work = Callable[["TaskHandle"], Any]


class TaskHandle(QObject):
    """What a running task can see (progress, cancel) and what the GUI connects to."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int) -> None:
        """Pass this as the core's ``on_progress`` callback; safe from any thread."""
        self.progressed.emit(done, total)


class _Runnable(QRunnable):
    def __init__(self, work: Work, handle: TaskHandle) -> None:
        super().__init__()
        self.work = work
        self.handle = handle
        self.setAutoDelete(True)

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.handle)
        except BaseException as exc:  # delivered to the GUI thread, shown as a message
            self.handle.failed.emit(exc)
        else:
            self.handle.succeeded.emit(result)
        finally:
            self.handle.finished.emit()


class TaskRunner(QObject):
    """Starts tasks; keeps handles alive until they finish."""

    def __init__(self, pool: QThreadPool | None = None, *, inline: bool = False) -> None:
        super().__init__()
        self.pool = pool or QThreadPool.globalInstance()
        # Each thread that reads the wallet keeps a connection of its own until the wallet
        # locks (wallet.store): pool threads that never expire keep those few and reuse them.
        self.pool.setExpiryTimeout(-1)
        self.inline = inline
        self._running: set[TaskHandle] = set()

    def run(
        self,
        work: Work,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> TaskHandle:
        handle = TaskHandle()
        if on_done is not None:
            handle.succeeded.connect(on_done)
        if on_error is not None:
            handle.failed.connect(on_error)
        if on_progress is not None:
            handle.progressed.connect(on_progress)
        self._running.add(handle)
        handle.finished.connect(lambda: self._running.discard(handle))
        runnable = _Runnable(work, handle)
        if self.inline:
            runnable.run()
        else:
            self.pool.start(runnable)
        return handle

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def cancel_all(self) -> None:
        """Ask every running task to stop (on lock, on quit); each one checks ``cancelled()``."""
        for handle in list(self._running):
            handle.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        return bool(self.pool.waitForDone(msecs))
