"""The Imports page: choose or drop files, see what each one is and what it holds, import it
off the GUI thread, and undo a past import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from importers import registry
from importers.base import Importer
from ui import format as fmt
from ui.i18n import resolve
from ui.import_jobs import FileChoice, FileOutcome, detect, import_files
from ui.models.imports import BatchesModel, RecordsModel, RejectedModel
from ui.session import Session
from ui.tablemodel import error_text, table_view
from ui.tasks import TaskHandle
from ui.widgets.confirm_records import ConfirmBridge
from ui.widgets.dropzone import DropZone
from ui.widgets.guide import GuideDialog
from wallet import batches, mappings
from wallet.importing import Preview, preview

Ask = Callable[[str, str], bool]
MAPPING_PREFIX = "mapping:"  # how importers.mapping names the importer of a saved mapping


class ImportsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.choices: list[FileChoice] = []
        self.saved_mappings: list[Importer] = []  # this wallet's mappings, read at unlock
        self.outcomes: list[FileOutcome] = []
        self.previewing = False
        self._preview_handle: TaskHandle | None = None
        self._preview_number = 0  # answers of older previews are dropped
        self._import_handle: TaskHandle | None = None
        self.bridge = ConfirmBridge(self)
        self.ask: Ask = self._ask_with_dialog
        self.preview_model = RecordsModel(self)
        self.rejected_model = RejectedModel(self)
        self.batches_model = BatchesModel(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._build_wizard())
        splitter.addWidget(self._build_history())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        session.db_busy_changed.connect(lambda _busy: self._update_buttons())
        self.retranslate()
        self._update_buttons()

    # --- layout -----------------------------------------------------------------------------
    def _build_wizard(self) -> QWidget:
        box = self.wizard_box = QGroupBox(self)
        self.drop = DropZone(box)
        self.drop.files_chosen.connect(self.choose_files)
        self.file_list = QListWidget(box)
        self.file_list.setMaximumWidth(260)
        self.file_list.currentRowChanged.connect(self._select)
        self.detected = QLabel(box)
        self.detected.setWordWrap(True)
        self.detected.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind_label = QLabel(box)
        self.kind = QComboBox(box)
        self.kind_label.setBuddy(self.kind)
        for importer in sorted(registry.all_importers(), key=lambda i: i.label):
            self.kind.addItem(importer.label, importer.name)
        self.kind.setCurrentIndex(-1)
        self.kind.activated.connect(self._kind_chosen)
        self.guide_button = QPushButton(box)
        self.guide_button.clicked.connect(self.show_guide)
        self.tabs = QTabWidget(box)
        self.preview_view = table_view(box, self.preview_model)
        self.rejected_view = table_view(box, self.rejected_model)
        self.tabs.addTab(self.preview_view, "")
        self.tabs.addTab(self.rejected_view, "")
        self.import_button = QPushButton(box)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_chosen)
        self.cancel_button = QPushButton(box)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.progress = QProgressBar(box)
        self.summary = QLabel(box)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_label)
        kind_row.addWidget(self.kind, 1)
        kind_row.addWidget(self.guide_button)
        details = QVBoxLayout()
        details.addWidget(self.detected)
        details.addLayout(kind_row)
        details.addWidget(self.tabs, 1)
        files_row = QHBoxLayout()
        files_row.addWidget(self.file_list)
        files_row.addLayout(details, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.import_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.progress, 1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.drop)
        layout.addLayout(files_row, 1)
        layout.addLayout(actions)
        layout.addWidget(self.summary)
        return box

    def _build_history(self) -> QWidget:
        box = self.history_box = QGroupBox(self)
        self.history_view = table_view(box, self.batches_model)
        self.history_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_view.sortByColumn(BatchesModel.ID, Qt.SortOrder.DescendingOrder)
        self.history_view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.undo_button = QPushButton(box)
        self.undo_button.clicked.connect(self.undo_selected)
        layout = QVBoxLayout(box)
        layout.addWidget(self.history_view)
        layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignRight)
        return box

    def retranslate(self) -> None:
        self.wizard_box.setTitle(self.tr("Import a file"))
        self.history_box.setTitle(self.tr("Past imports"))
        self.file_list.setAccessibleName(self.tr("Chosen files"))
        self.kind_label.setText(self.tr("&Read it as:"))
        self.kind.setAccessibleName(self.tr("Kind of export"))
        self.kind.setPlaceholderText(self.tr("Choose the kind of export…"))
        self.guide_button.setText(self.tr("&How do I get this file?"))
        self.import_button.setText(self.tr("&Import"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.undo_button.setText(self.tr("&Undo the selected import"))
        self.history_view.setAccessibleName(self.tr("Past imports"))
        self.preview_view.setAccessibleName(self.tr("Rows as they will be stored"))
        self.rejected_view.setAccessibleName(self.tr("Lines that cannot be read"))
        for model in (self.preview_model, self.rejected_model, self.batches_model):
            model.retranslate()
        self._show_detection()
        self._update_tab_titles()
        self._show_outcomes()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- Page protocol ----------------------------------------------------------------------
    def refresh(self) -> None:
        conn = self.session.wallet.conn
        self.batches_model.tz = self.preview_model.tz = self.session.tz
        self._set_saved_mappings(mappings.saved_importers(conn))
        self.batches_model.labels = {
            i.name: i.label for i in [*registry.all_importers(), *self.saved_mappings]
        }
        self.batches_model.set_rows(batches.list_batches(conn))
        self._update_buttons()

    def clear(self) -> None:
        self.bridge.close()
        if self._preview_handle is not None:
            self._preview_handle.cancel()
        self._preview_number += 1
        self.previewing = False
        self.choices = []
        self.outcomes = []
        self._set_saved_mappings([])
        self.file_list.clear()
        for model in (self.preview_model, self.rejected_model, self.batches_model):
            model.clear()
        self.summary.clear()
        self.progress.reset()
        self._show_detection()
        self._update_tab_titles()
        self._update_buttons()

    def _set_saved_mappings(self, found: list[Importer]) -> None:
        """Saved mappings compete with the built-in importers and can be chosen by hand."""
        for index in reversed(range(self.kind.count())):
            if str(self.kind.itemData(index)).startswith(MAPPING_PREFIX):
                self.kind.removeItem(index)
        self.saved_mappings = list(found)
        for importer in self.saved_mappings:
            self.kind.addItem(importer.label, importer.name)

    # --- choosing files ---------------------------------------------------------------------
    def choose_files(self, paths: list[Path]) -> None:
        self.choices = [detect(p, self.saved_mappings) for p in paths]
        self.outcomes = []
        self.summary.clear()
        self.file_list.clear()
        self.file_list.addItems([c.path.name for c in self.choices])
        self.file_list.setCurrentRow(0)
        self._update_buttons()

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
            self._update_buttons()
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
        self._update_buttons()

    def _start_preview(self) -> None:
        if self._preview_handle is not None:
            self._preview_handle.cancel()
        self.preview_model.clear()
        self.rejected_model.clear()
        self._update_tab_titles()
        choice = self.current
        if choice is None or (choice.source is None and not choice.recognised):
            self.previewing = False
            self._update_buttons()
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
        self._update_buttons()

    def _preview_ready(self, number: int, result: Preview) -> None:
        if number != self._preview_number:
            return  # an older preview, or the wallet was locked meanwhile
        self.previewing = False
        self.preview_model.set_rows(result.records)
        self.rejected_model.set_rows(result.rejected)
        self._counts = (result.record_count, result.rejected_count)
        self._update_tab_titles()
        self._update_buttons()

    def _preview_failed(self, number: int, exc: BaseException) -> None:
        if number != self._preview_number:
            return
        self.previewing = False
        self.detected.setText(error_text(exc))
        self._update_buttons()

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

    def show_guide(self) -> None:
        name = self.kind.currentData()
        if name is None:
            return
        if str(name).startswith(MAPPING_PREFIX):
            name = "mapping"  # one guide for every saved mapping
        label = self.kind.currentText()
        language = resolve(self.session.settings.get("language"))
        GuideDialog(name, label, language, self).open()

    # --- importing --------------------------------------------------------------------------
    def importable(self) -> list[FileChoice]:
        return [c for c in self.choices if c.source is not None or c.recognised]

    def import_chosen(self) -> None:
        chosen = self.importable()
        if not chosen or self.session.db_busy:
            return
        conn = self.session.wallet.conn
        self.summary.setText(self.tr("Importing…"))
        self.progress.setRange(0, 0)
        handle = self.session.run_db(
            lambda h: import_files(
                conn, chosen, h, lambda found, bad: self.bridge.confirm(found, bad, h.cancelled)
            ),
            on_done=self._imported,
            on_error=self._import_failed,
            on_progress=self._progressed,
        )
        if self.session.db_busy:  # still running (tests may run tasks inline)
            self._import_handle = handle
        self._update_buttons()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def cancel_import(self) -> None:
        if self._import_handle is not None:
            self._import_handle.cancel()

    def _imported(self, outcomes: list[FileOutcome]) -> None:
        self._import_handle = None
        self.outcomes = outcomes
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._show_outcomes()
        if any(o.result is not None for o in outcomes):
            self.session.notify_changed()

    def _import_failed(self, exc: BaseException) -> None:
        self._import_handle = None
        self.progress.reset()
        self.summary.setText(error_text(exc))

    def _show_outcomes(self) -> None:
        lines = []
        for outcome in self.outcomes:
            if outcome.result is not None:
                r = outcome.result
                text = self.tr("%1: added %2, already present %3, rejected %4.")
                for key, value in (
                    ("%1", r.file_name),
                    ("%2", fmt.number(r.added)),
                    ("%3", fmt.number(r.present)),
                    ("%4", fmt.number(r.rejected_count)),
                ):
                    text = text.replace(key, value)
                lines.append(text)
            elif outcome.cancelled:
                lines.append(
                    self.tr("%1: cancelled, nothing was stored.").replace("%1", outcome.file_name)
                )
            else:
                lines.append(
                    self.tr("%1: not imported. %2")
                    .replace("%1", outcome.file_name)
                    .replace("%2", outcome.problem)
                )
        if lines:
            self.summary.setText("\n".join(lines))

    # --- undo -------------------------------------------------------------------------------
    def selected_batch(self) -> batches.Batch | None:
        rows = self.history_view.selectionModel().selectedRows()
        if not rows:
            return None
        proxy = self.history_view.model()
        source = proxy.mapToSource(rows[0])  # type: ignore[attr-defined]
        return self.batches_model.row_at(source)

    def undo_selected(self) -> None:
        batch = self.selected_batch()
        if batch is None or self.session.db_busy:
            return
        question = self.tr("Remove everything imported from %1 (%2 rows)?")
        question = question.replace("%1", batch.file_name).replace("%2", fmt.number(batch.rows_now))
        if not self.ask(self.tr("Undo an import"), question):
            return
        conn = self.session.wallet.conn
        self.session.run_db(
            lambda _h: batches.undo(conn, batch.id),
            on_done=self._undone,
            on_error=lambda exc: self.summary.setText(error_text(exc)),
        )

    def _undone(self, removed: int) -> None:
        self.summary.setText(self.tr("%n row(s) removed.", "", removed))
        self.session.notify_changed()

    def _ask_with_dialog(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def _update_buttons(self) -> None:
        busy = self.session.db_busy
        self.import_button.setEnabled(not busy and bool(self.importable()))
        self.cancel_button.setEnabled(busy and self._import_handle is not None)
        has_selection = self.history_view.selectionModel().hasSelection()
        self.undo_button.setEnabled(not busy and has_selection)
        self.guide_button.setEnabled(self.kind.currentIndex() >= 0)
