"""Helpers for the desktop tests: a real main window over a real wallet folder."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from ui.autolock import Clock
from ui.mainwindow import MainWindow
from ui.session import Session
from ui.tasks import TaskRunner
from wallet.settings import Settings


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_window(
    qtbot: QtBot,
    root: Path,
    *,
    inline: bool = True,
    clock: Clock = time.monotonic,
    settings_path: Path | None = None,
) -> MainWindow:
    settings = Settings(settings_path or root.parent / "settings.json")
    session = Session(TaskRunner(inline=inline), settings)
    window = MainWindow(session, root, clock=clock)
    qtbot.addWidget(window)
    window.show()
    return window


def wait(qtbot: QtBot, condition: Callable[[], bool], timeout: int = 10_000) -> None:
    qtbot.waitUntil(condition, timeout=timeout)
