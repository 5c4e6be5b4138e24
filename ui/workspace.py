"""The unlocked view: a sidebar of pages beside the page shown."""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QWidget

from ui.session import Session

# (key, module, class): the order of the sidebar.
PAGES = (
    ("overview", "ui.pages.overview", "OverviewPage"),
    ("energy", "ui.pages.energy", "EnergyPage"),
    ("mobility", "ui.pages.mobility", "MobilityPage"),
    ("benefits", "ui.pages.benefits", "BenefitsPage"),
    ("imports", "ui.pages.imports", "ImportsPage"),
    ("sharing", "ui.pages.sharing", "SharingPage"),
    ("settings", "ui.pages.settings", "SettingsPage"),
)


def page_class(module: str, name: str) -> Any:
    """The page's class. A page that cannot be imported stops the program with its own error:
    it never turns into a stand-in that hides the break."""
    return getattr(importlib.import_module(module), name)


class Workspace(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.sidebar = QListWidget(self)
        self.sidebar.setIconSize(QSize(0, 0))
        self.sidebar.setMaximumWidth(180)
        self.sidebar.setSpacing(3)
        self.stack = QStackedWidget(self)
        self.pages: dict[str, Any] = {}
        self._stale: set[str] = set()
        for key, module, name in PAGES:
            page = page_class(module, name)(session, self.stack)
            self.pages[key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(self.sidebar)
            item.setData(Qt.ItemDataRole.UserRole, key)
        self.sidebar.currentRowChanged.connect(self._show_row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        session.data_changed.connect(self._data_changed)
        self.retranslate()

    def retranslate(self) -> None:
        titles = {
            "overview": self.tr("Overview"),
            "energy": self.tr("Energy"),
            "mobility": self.tr("Mobility"),
            "benefits": self.tr("Benefits"),
            "imports": self.tr("Imports"),
            "sharing": self.tr("Sharing"),
            "settings": self.tr("Settings"),
        }
        for row, (key, _, _) in enumerate(PAGES):
            item = self.sidebar.item(row)
            item.setText(titles[key])
            item.setData(Qt.ItemDataRole.AccessibleTextRole, titles[key])
        self.sidebar.setAccessibleName(self.tr("Pages"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def current_key(self) -> str:
        return PAGES[max(self.stack.currentIndex(), 0)][0]

    def show_page(self, key: str) -> Any:
        row = [k for k, _, _ in PAGES].index(key)
        self.sidebar.setCurrentRow(row)
        return self.pages[key]

    def load(self) -> None:
        """After unlocking: every page is stale, the visible one is read now."""
        self._stale = set(self.pages)
        if self.sidebar.currentRow() < 0:
            self.sidebar.setCurrentRow(0)
        else:
            self._refresh(self.current_key)

    def clear(self) -> None:
        """On lock: every page forgets what it shows."""
        for page in self.pages.values():
            page.clear()
        self._stale = set(self.pages)

    def _show_row(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        self._refresh(PAGES[row][0])

    def _refresh(self, key: str) -> None:
        if key in self._stale and self.session.is_unlocked:
            self._stale.discard(key)
            self.pages[key].refresh()

    def _data_changed(self) -> None:
        self._stale = set(self.pages)
        self._refresh(self.current_key)
