"""The past imports on the Imports page, newest first, and undoing one of them after asking."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from importers import registry
from importers.base import Importer
from ui import format as fmt
from ui.models.imports import BatchesModel
from ui.session import Session
from ui.tablemodel import error_text, table_view
from wallet import batches

Ask = Callable[[str, str], bool]


class ImportHistory(QGroupBox):
    said = Signal(str)  # what became of an undo, for the page's summary line

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._undoing = False
        self.ask: Ask = self._ask_with_dialog
        self.batches_model = BatchesModel(self)
        self.history_view = table_view(self, self.batches_model)
        self.history_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_view.sortByColumn(BatchesModel.ID, Qt.SortOrder.DescendingOrder)
        self.history_view.selectionModel().selectionChanged.connect(
            lambda *_: self.update_buttons()
        )
        self.undo_button = QPushButton(self)
        self.undo_button.clicked.connect(self.undo_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.history_view)
        layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignRight)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Past imports"))
        self.undo_button.setText(self.tr("&Undo the selected import"))
        self.history_view.setAccessibleName(self.tr("Past imports"))
        self.batches_model.retranslate()

    def refresh(self, saved_mappings: list[Importer]) -> None:
        wallet = self.session.wallet
        self.batches_model.tz = self.session.tz
        self.batches_model.labels = {
            i.name: i.label for i in [*registry.all_importers(), *saved_mappings]
        }
        self.batches_model.set_rows(wallet.batches())

    def clear(self) -> None:
        self.batches_model.clear()

    def selected_batch(self) -> batches.Batch | None:
        rows = self.history_view.selectionModel().selectedRows()
        if not rows:
            return None
        proxy = self.history_view.model()
        source = proxy.mapToSource(rows[0])  # type: ignore[attr-defined]
        return self.batches_model.row_at(source)

    def undo_selected(self) -> None:
        batch = self.selected_batch()
        if batch is None or self._undoing:
            return
        question = self.tr("Remove everything imported from %1 (%2 rows)?")
        question = question.replace("%1", batch.file_name).replace("%2", fmt.number(batch.rows_now))
        if not self.ask(self.tr("Undo an import"), question):
            return
        wallet = self.session.wallet
        self._set_undoing(True)
        self.session.tasks.run(
            lambda _h: wallet.undo_batch(batch.id),
            on_done=self._undone,
            on_error=self._undo_failed,
        )

    def _set_undoing(self, undoing: bool) -> None:
        self._undoing = undoing
        self.update_buttons()

    def _undo_failed(self, exc: BaseException) -> None:
        self._set_undoing(False)
        self.said.emit(error_text(exc))

    def _undone(self, undone: batches.Undone) -> None:
        self._set_undoing(False)
        text = self.tr("%n row(s) removed.", "", undone.removed)
        if undone.restored:
            text += " " + self.tr(
                "%n value(s) it had corrected or filled are back to what they were.",
                "",
                undone.restored,
            )
        if undone.kept_later:
            text += " " + self.tr(
                "%n of its value(s) had been corrected by a later import; those later values stay.",
                "",
                undone.kept_later,
            )
        self.said.emit(text)
        self.session.notify_changed()

    def _ask_with_dialog(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def update_buttons(self) -> None:
        has_selection = self.history_view.selectionModel().hasSelection()
        self.undo_button.setEnabled(not self._undoing and has_selection)
