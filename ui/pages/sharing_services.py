"""The Sharing page's first tab: the services this wallet can share with, and adding one
from its descriptor file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QListWidget, QVBoxLayout, QWidget

from ui.live_texts import LiveTexts
from ui.pages.sharing_host import SharingHost
from wallet.sharing.descriptor import Descriptor


class ServicesTab(QWidget):
    def __init__(self, host: SharingHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.texts = LiveTexts()
        self.services_list = QListWidget()
        self.add_button = self.texts.button(lambda: self.tr("Add a service from a file…"))
        self.add_button.clicked.connect(self._ask_descriptor_file)
        layout = QVBoxLayout(self)
        title = self.texts.label(lambda: self.tr("Services you can share with"))
        title.setBuddy(self.services_list)
        layout.addWidget(title)
        layout.addWidget(self.services_list)
        layout.addWidget(self.add_button)

    def retranslate(self) -> None:
        self.texts.apply()

    def show_services(self, services: list[Descriptor]) -> None:
        self.services_list.clear()
        for d in services:
            datasets = ", ".join(r.dataset for r in d.requests)
            self.services_list.addItem(f"{d.name()} — {d.controller} ({datasets})")

    def clear(self) -> None:
        self.services_list.clear()

    def _ask_descriptor_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Service descriptor"), "", self.tr("Descriptors (*.json)")
        )
        if name:
            self.add_service_file(Path(name))

    def add_service_file(self, path: Path) -> None:
        def work(_handle: object) -> str:
            return self.host.sharing().add_service(path).descriptor.name()

        self.host.session.tasks.run(
            work, on_done=self._service_added, on_error=self.host.show_error
        )

    def _service_added(self, name: object) -> None:
        self.host.say(self.tr("Service added: %1").replace("%1", str(name)))
        self.host.refresh()
