"""A full-window message: a startup step that failed, or work in progress (the demo)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ui.screens.first_start import _text, _title


class MessageScreen(QWidget):
    retry = Signal()
    quit = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _title(self)
        self.message = _text(self)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.retry_button = QPushButton(self)
        self.retry_button.clicked.connect(self.retry)
        self.quit_button = QPushButton(self)
        self.quit_button.clicked.connect(self.quit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.retry_button.setText(self.tr("&Try again"))
        self.quit_button.setText(self.tr("&Quit"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_problem(self, title: str, message: str) -> None:
        self.title.setText(title)
        self.message.setText(message)
        self.progress.hide()
        self.retry_button.show()
        self.quit_button.show()
        self.retry_button.setFocus()

    def show_busy(self, title: str, message: str) -> None:
        self.title.setText(title)
        self.message.setText(message)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.retry_button.hide()
        self.quit_button.hide()

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
