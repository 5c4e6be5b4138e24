"""What the chart pages share: an empty state, background computation, forgetting on lock."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QLabel, QStackedWidget, QVBoxLayout, QWidget
from shiboken6 import isValid

from ui.session import Session
from ui.tasks import TaskHandle
from wallet.errors import WalletError

T = TypeVar("T")


class ChartPage(QWidget):
    """A page showing either an empty state (which export to import) or its charts."""

    navigate = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._generation = 0
        self._stale = False
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.stack, 1)
        session.locked.connect(self.clear)
        session.data_changed.connect(self._on_data_changed)
        self._empty_html: Callable[[], str] = lambda: ""
        ChartPage.retranslate(self)

    def retranslate(self) -> None:
        """Fixed texts; subclasses add theirs. Drawn charts are redrawn by ``changeEvent``."""
        self.empty_label.setAccessibleName(self.tr("No data yet"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.showing_empty:
                self.empty_label.setText(self._empty_html())
            # Chart labels and numbers were drawn in the old language: draw them again.
            self._on_data_changed()
        super().changeEvent(event)

    def set_content(self, content: QWidget) -> None:
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(content)

    def show_empty(self, html: Callable[[], str]) -> None:
        """``html`` is a function, so a language switch can ask for the text again."""
        self._empty_html = html
        self.empty_label.setText(html())
        self.stack.setCurrentIndex(0)

    def show_content(self) -> None:
        self.stack.setCurrentIndex(1)

    @property
    def showing_empty(self) -> bool:
        return self.stack.currentIndex() == 0

    def compute(self, work: Callable[[], T], done: Callable[[T], None]) -> TaskHandle | None:
        """Run ``work`` off the GUI thread; ``done`` gets its result unless a newer one is due."""
        if not self.session.is_unlocked:
            return None
        self._generation += 1
        generation = self._generation
        self.status_label.setText(self.tr("Computing…"))
        self.status_label.show()

        def deliver(result: Any) -> None:
            # The page may be gone (window closed) before a computation finishes.
            if not isValid(self):
                return
            if generation == self._generation and self.session.is_unlocked:
                self.status_label.hide()
                done(result)

        return self.session.tasks.run(
            lambda _handle: work(), on_done=deliver, on_error=self._failed
        )

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, WalletError):
            text = str(error)
        else:
            text = self.tr("The charts could not be computed. Please send a support report.")
        self.status_label.setText(text)
        self.status_label.show()

    def forget_pending(self) -> None:
        """Results of computations still running are dropped (after a lock)."""
        self._generation += 1
        self.status_label.hide()

    def _on_data_changed(self) -> None:
        if not self.session.is_unlocked:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError


def rename_items(combo: QComboBox, names: dict[str, str]) -> None:
    """Give a combo box's items (keyed by their data) their names in the current language."""
    for index in range(combo.count()):
        key = combo.itemData(index)
        if key in names:
            combo.setItemText(index, names[key])
