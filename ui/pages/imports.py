"""The Imports page: choose or drop files, see what each one is and what it holds, import it
off the GUI thread, and undo a past import.

The files and their previews are ``imports_files.ChosenFiles``, the past imports with undo
``imports_history.ImportHistory``; the page runs the import and says how it went.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from importers.base import OUTSIDE_PERIOD, REPEATED, SUMMARY, Importer
from ui import format as fmt
from ui.import_jobs import FileChoice, FileOutcome, import_files
from ui.pages.imports_files import ChosenFiles
from ui.pages.imports_history import Ask, ImportHistory
from ui.session import Session
from ui.tablemodel import error_text
from ui.tasks import TaskHandle
from ui.widgets.confirm_records import ConfirmBridge
from ui.widgets.dropzone import DropZone
from wallet.batch_writer import ImportResult


class ImportsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.outcomes: list[FileOutcome] = []
        self._import_handle: TaskHandle | None = None
        self._import_running = False
        self.bridge = ConfirmBridge(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._build_wizard())
        self.history = ImportHistory(session, self)
        self.history.said.connect(self.summary.setText)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        self._name_parts()
        self.retranslate()
        self._update_buttons()

    # --- layout -----------------------------------------------------------------------------
    def _build_wizard(self) -> QWidget:
        box = self.wizard_box = QGroupBox(self)
        self.drop = DropZone(box)
        self.drop.files_chosen.connect(self.choose_files)
        self.files = ChosenFiles(self.session, box)
        self.files.changed.connect(self._update_buttons)
        self.import_button = QPushButton(box)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_chosen)
        self.cancel_button = QPushButton(box)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.progress = QProgressBar(box)
        self.summary = QLabel(box)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions = QHBoxLayout()
        actions.addWidget(self.import_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.progress, 1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.drop)
        layout.addWidget(self.files, 1)
        layout.addLayout(actions)
        layout.addWidget(self.summary)
        return box

    def _name_parts(self) -> None:
        """The parts' controls under the page's names, where other code and the tests reach
        them."""
        files, history = self.files, self.history
        self.file_list, self.detected, self.kind = files.file_list, files.detected, files.kind
        self.guide_button, self.tabs = files.guide_button, files.tabs
        self.preview_model, self.rejected_model = files.preview_model, files.rejected_model
        self.history_view, self.undo_button = history.history_view, history.undo_button
        self.batches_model = history.batches_model

    @property
    def current(self) -> FileChoice | None:
        return self.files.current

    @property
    def previewing(self) -> bool:
        return self.files.previewing

    @property
    def saved_mappings(self) -> list[Importer]:
        return self.files.saved_mappings

    @property
    def ask(self) -> Ask:
        """How undo asks before removing anything (tests answer it themselves)."""
        return self.history.ask

    @ask.setter
    def ask(self, ask: Ask) -> None:
        self.history.ask = ask

    def retranslate(self) -> None:
        self.wizard_box.setTitle(self.tr("Import a file"))
        self.import_button.setText(self.tr("&Import"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.files.retranslate()
        self.history.retranslate()
        self._show_outcomes()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- Page protocol ----------------------------------------------------------------------
    def refresh(self) -> None:
        self.files.refresh()
        self.history.refresh(self.files.saved_mappings)
        self._update_buttons()

    def clear(self) -> None:
        self.bridge.close()
        self.outcomes = []
        self.files.clear()
        self.history.clear()
        self.summary.clear()
        self.progress.reset()
        self._update_buttons()

    # --- importing --------------------------------------------------------------------------
    def choose_files(self, paths: list[Path]) -> None:
        self.outcomes = []
        self.summary.clear()
        self.files.choose_files(paths)

    def import_chosen(self) -> None:
        chosen = self.files.importable()
        if not chosen or self.importing:
            return
        wallet = self.session.wallet
        self.summary.setText(self.tr("Importing…"))
        self.progress.setRange(0, 0)
        self._import_running = True
        handle = self.session.tasks.run(
            lambda h: import_files(
                wallet,
                chosen,
                h,
                lambda found, bad: self.bridge.confirm(found, bad, h.cancelled),
                lambda dataset, meter: self.bridge.confirm_identifier(dataset, meter, h.cancelled),
            ),
            on_done=self._imported,
            on_error=self._import_failed,
            on_progress=self._progressed,
        )
        if self._import_running:  # still running (tests may run tasks inline)
            self._import_handle = handle
        self._update_buttons()

    @property
    def importing(self) -> bool:
        """An import started here is running (one at a time from this page)."""
        return self._import_running

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def cancel_import(self) -> None:
        if self._import_handle is not None:
            self._import_handle.cancel()

    def _imported(self, outcomes: list[FileOutcome]) -> None:
        self._import_handle = None
        self._import_running = False
        self._update_buttons()
        self.outcomes = outcomes
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._show_outcomes()
        if any(o.result is not None for o in outcomes):
            self.session.notify_changed()

    def _import_failed(self, exc: BaseException) -> None:
        self._import_handle = None
        self._import_running = False
        self._update_buttons()
        self.progress.reset()
        self.summary.setText(error_text(exc))

    def _show_outcomes(self) -> None:
        lines = []
        for outcome in self.outcomes:
            if outcome.result is not None:
                r = outcome.result
                lines.append(" ".join([self._result_text(r), *r.notes]))
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

    def _result_text(self, r: ImportResult) -> str:
        text = self.tr("%1: added %2, already present %3, rejected %4.")
        for key, value in (
            ("%1", r.file_name),
            ("%2", fmt.number(r.added)),
            ("%3", fmt.number(r.present)),
            ("%4", fmt.number(r.rejected_count)),
        ):
            text = text.replace(key, value)
        if r.corrected or r.filled:
            text += " " + self.tr(
                "Corrected %1 (values that changed), filled %2 (were empty)."
            ).replace("%1", fmt.number(r.corrected)).replace("%2", fmt.number(r.filled))
        for reason, rows in r.not_stored.items():
            text += " " + self._not_stored_text(reason, rows)
        return text

    def _not_stored_text(self, reason: str, rows: int) -> str:
        if reason == REPEATED:
            return self.tr("%n repeated row(s), kept once.", "", rows)
        if reason == OUTSIDE_PERIOD:
            return self.tr("%n row(s) outside the file's period, not stored.", "", rows)
        if reason == SUMMARY:
            return self.tr("%n summary row(s) (totals), not stored.", "", rows)
        return self.tr("%n row(s) of a kind the wallet does not keep, not stored.", "", rows)

    def _update_buttons(self) -> None:
        busy = self.importing
        self.import_button.setEnabled(not busy and bool(self.files.importable()))
        self.cancel_button.setEnabled(busy and self._import_handle is not None)
        self.history.update_buttons()
