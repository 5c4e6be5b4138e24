"""``--demo --screenshots DIR``: visit every page (and the import wizard with a sample file
selected), save one PNG per page, quit. The guides and the README use these pictures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from ui.workspace import PAGES
from wallet.demo import sample_files


def settle(until: Callable[[], bool] = lambda: False, timeout_ms: int = 300) -> None:
    """Let queued work and painting happen: until ``until()`` or the timeout."""
    deadline = QDeadlineTimer(timeout_ms)
    while not deadline.hasExpired():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if until():
            return


class ScreenshotTour:
    def __init__(self, window: QWidget, folder: Path) -> None:
        self.window = window
        self.folder = folder
        self.exit_code = 0
        self.saved: list[Path] = []

    def start(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.take_all()
        except Exception as exc:  # report and quit: a tour must never hang a build
            print(f"screenshots failed: {type(exc).__name__}: {exc}")
            self.exit_code = 1
        QApplication.quit()

    def take_all(self) -> None:
        window = self.window
        workspace = window.workspace  # type: ignore[attr-defined]
        for number, (key, _, _) in enumerate(PAGES, start=1):
            page = workspace.show_page(key)
            if key == "imports":
                self._select_sample(page)
            settle(timeout_ms=400)
            self._save(f"{number:02d}-{key}.png")
        window.lock()  # type: ignore[attr-defined]
        settle()
        self._save(f"{len(PAGES) + 1:02d}-unlock.png")
        window.screens.setCurrentWidget(window.first_start)  # type: ignore[attr-defined]
        settle()
        self._save(f"{len(PAGES) + 2:02d}-welcome.png")

    def _select_sample(self, page: object) -> None:
        samples = sample_files()
        if samples and hasattr(page, "choose_files"):
            page.choose_files([samples[0]])
            settle(lambda: not getattr(page, "previewing", False), timeout_ms=10_000)

    def _save(self, name: str) -> None:
        target = self.folder / name
        if not self.window.grab().save(str(target), "PNG"):
            raise OSError(f"could not write {target}")
        self.saved.append(target)
