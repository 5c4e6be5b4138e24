"""The files chosen on the Imports page: what each one is (detected, or read another way by
choice), where to get it (the guide), and its rows as they will be stored, read off the GUI
thread, next to the lines that cannot be read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from importers import registry
from importers.base import Importer
from ui import format as fmt
from ui.i18n import resolve
from ui.import_jobs import FileChoice, detect
from ui.models.imports import RecordsModel, RejectedModel
from ui.session import Session
from ui.tablemodel import error_text, table_view
from ui.tasks import TaskHandle
from ui.widgets.guide import GuideDialog
from wallet.importing import Preview, preview

MAPPING_PREFIX = "mapping:"  # how importers.mapping names the importer of a saved mapping


class ChosenFiles(QWidget):
    changed = Signal()  # the choices, or what is known of them, changed: what can be imported

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.choices: list[FileChoice] = []
        self.saved_mappings: list[Importer] = []  # this wallet's mappings, read at unlock
        self.previewing = False
        self._preview_handle: TaskHandle | None = None
        self._preview_number = 0  # answers of older previews are dropped
        self.preview_model = RecordsModel(self)
        self.rejected_model = RejectedModel(self)
        self.file_list = QListWidget(self)
        self.file_list.setMaximumWidth(260)
        self.file_list.currentRowChanged.connect(self._select)
        self.detected = QLabel(self)
        self.detected.setWordWrap(True)
        self.detected.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind_label = QLabel(self)
        self.kind = QComboBox(self)
        self.kind_label.setBuddy(self.kind)
        for importer in sorted(registry.all_importers(), key=lambda i: i.label):
            self.kind.addItem(importer.label, importer.name)
        self.kind.setCurrentIndex(-1)
        self.kind.activated.connect(self._kind_chosen)
        self.guide_button = QPushButton(self)
        self.guide_button.clicked.connect(self.show_guide)
        self.kind.currentIndexChanged.connect(self._update_guide_button)
        self.tabs = QTabWidget(self)
        self.preview_view = table_view(self, self.preview_model)
        self.rejected_view = table_view(self, self.rejected_model)
        self.tabs.addTab(self.preview_view, "")
        self.tabs.addTab(self.rejected_view, "")
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_label)
        kind_row.addWidget(self.kind, 1)
        kind_row.addWidget(self.guide_button)
        details = QVBoxLayout()
        details.addWidget(self.detected)
        details.addLayout(kind_row)
        details.addWidget(self.tabs, 1)
        files_row = QHBoxLayout(self)
        files_row.setContentsMargins(0, 0, 0, 0)  # one row of the import box, as before
        files_row.addWidget(self.file_list)
        files_row.addLayout(details, 1)
        self._update_guide_button()

    def retranslate(self) -> None:
        self.file_list.setAccessibleName(self.tr("Chosen files"))
        self.kind_label.setText(self.tr("&Read it as:"))
        self.kind.setAccessibleName(self.tr("Kind of export"))
        self.kind.setPlaceholderText(self.tr("Choose the kind of export…"))
        self.guide_button.setText(self.tr("&How do I get this file?"))
        self.preview_view.setAccessibleName(self.tr("Rows as they will be stored"))
        self.rejected_view.setAccessibleName(self.tr("Lines that cannot be read"))
        for model in (self.preview_model, self.rejected_model):
            model.retranslate()
        self._show_detection()
        self._update_tab_titles()

    def refresh(self) -> None:
        self.preview_model.tz = self.session.tz
        self.set_saved_mappings(self.session.wallet.saved_importers())

    def clear(self) -> None:
        if self._preview_handle is not None:
            self._preview_handle.cancel()
        self._preview_number += 1
        self.previewing = False
        self.choices = []
        self.set_saved_mappings([])
        self.file_list.clear()
        for model in (self.preview_model, self.rejected_model):
            model.clear()
        self._show_detection()
        self._update_tab_titles()

    def set_saved_mappings(self, found: list[Importer]) -> None:
        """Saved mappings compete with the built-in importers and can be chosen by hand."""
        for index in reversed(range(self.kind.count())):
            if str(self.kind.itemData(index)).startswith(MAPPING_PREFIX):
                self.kind.removeItem(index)
        self.saved_mappings = list(found)
        for importer in self.saved_mappings:
            self.kind.addItem(importer.label, importer.name)

    def choose_files(self, paths: list[Path]) -> None:
        self.choices = [detect(p, self.saved_mappings) for p in paths]
        self.file_list.clear()
        self.file_list.addItems([c.path.name for c in self.choices])
        self.file_list.setCurrentRow(0)
        self.changed.emit()

    def importable(self) -> list[FileChoice]:
        return [c for c in self.choices if c.source is not None or c.recognised]

    @property
    def current(self) -> FileChoice | None:
        row = self.file_list.currentRow()
        return self.choices[row] if 0 <= row < len(self.choices) else None

    def _select(self, row: int) -> None:
        self._show_detection()
        self._start_preview()

    def _kind_chosen(self, index: int) -> None:
        choice = self.current
        if choice is None:
            return
        chosen = self.kind.itemData(index)
        best = choice.best
        automatic = best is not None and choice.recognised and best.importer.name == chosen
        choice.source = None if automatic else chosen
        self._show_detection()
        self._start_preview()

    def _show_detection(self) -> None:
        choice = self.current
        if choice is None:
            self.detected.setText(self.tr("No file chosen yet."))
            self.kind.setCurrentIndex(-1)
            self.changed.emit()
            return
        best = choice.best
        if choice.recognised and best is not None:
            text = self.tr("Detected: %1 (confidence %2).").replace("%1", best.importer.label)
            text = text.replace("%2", fmt.percent(best.detection.confidence))
        else:
            text = self.tr("Not recognised: %1").replace("%1", choice.problem)
        if choice.source is not None:
            text += " " + self.tr("You chose to read it another way.")
        self.detected.setText(text)
        name = choice.source or (best.importer.name if best and choice.recognised else None)
        self.kind.setCurrentIndex(self.kind.findData(name) if name else -1)
        self.changed.emit()

    def _start_preview(self) -> None:
        if self._preview_handle is not None:
            self._preview_handle.cancel()
        self.preview_model.clear()
        self.rejected_model.clear()
        self._update_tab_titles()
        choice = self.current
        if choice is None or (choice.source is None and not choice.recognised):
            self.previewing = False
            self.changed.emit()
            return
        path, source, extra = choice.path, choice.source, list(self.saved_mappings)
        self.previewing = True
        self._preview_number += 1
        number = self._preview_number
        self._preview_handle = self.session.tasks.run(
            lambda h: preview(
                path, source, on_progress=h.report, cancelled=h.cancelled, extra_importers=extra
            ),
            on_done=lambda result: self._preview_ready(number, result),
            on_error=lambda exc: self._preview_failed(number, exc),
        )
        self.changed.emit()

    def _preview_ready(self, number: int, result: Preview) -> None:
        if number != self._preview_number:
            return  # an older preview, or the wallet was locked meanwhile
        self.previewing = False
        self.preview_model.set_rows(result.records)
        self.rejected_model.set_rows(result.rejected)
        self._counts = (result.record_count, result.rejected_count)
        self._update_tab_titles()
        self.changed.emit()

    def _preview_failed(self, number: int, exc: BaseException) -> None:
        if number != self._preview_number:
            return
        self.previewing = False
        self.detected.setText(error_text(exc))
        self.changed.emit()

    def _update_tab_titles(self) -> None:
        records, rejected = getattr(self, "_counts", (0, 0))
        if not self.preview_model.rows:
            records = rejected = 0
        self.tabs.setTabText(
            0, self.tr("Rows as they will be stored (%1)").replace("%1", fmt.number(records))
        )
        self.tabs.setTabText(
            1, self.tr("Lines that cannot be read (%1)").replace("%1", fmt.number(rejected))
        )

    def _update_guide_button(self) -> None:
        self.guide_button.setEnabled(self.kind.currentIndex() >= 0)

    def show_guide(self) -> None:
        name = self.kind.currentData()
        if name is None:
            return
        if str(name).startswith(MAPPING_PREFIX):
            name = "mapping"  # one guide for every saved mapping
        label = self.kind.currentText()
        language = resolve(self.session.settings.get("language"))
        GuideDialog(name, label, language, self).open()
