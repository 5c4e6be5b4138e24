"""Confirmation of records an importer is not sure enough to store alone (benefit letters,
bank statements): the person sees each record with the evidence it was found in.

The import runs on a worker; ``ConfirmBridge.confirm`` is the core's ``confirm`` callback and
waits there while the dialog is shown on the GUI thread. ``confirm_identifier`` asks, the same
way, whether a meter number a spreadsheet damaged may be read as the one known meter it can be.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from importers.base import Record, Rejected
from ui.models.imports import RecordsModel


class ConfirmRecordsDialog(QDialog):
    def __init__(
        self, records: Sequence[Record], rejected: Sequence[Rejected], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Store these records?"))
        self.model = RecordsModel(self, with_evidence=True)
        self.model.set_rows(records)
        intro = QLabel(self)
        intro.setWordWrap(True)
        text = self.tr(
            "The wallet found %n record(s) in this file. Check each one against the line it was "
            "found in before storing them.",
            "",
            len(records),
        )
        if rejected:
            text += " " + self.tr(
                "%n line(s) could not be read and are left out.", "", len(rejected)
            )
        intro.setText(text)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab reaches the buttons; arrows move in cells
        self.table.setAccessibleName(self.tr("Records found"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(self)
        self.store = buttons.addButton(
            self.tr("&Store them"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("&Don't store"), QDialogButtonBox.ButtonRole.RejectRole)
        self.store.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(820, 480)


class ConfirmBridge(QObject):
    asked = Signal(object, object)
    asked_identifier = Signal(str, str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self._answer = False
        self._event = threading.Event()
        self.dialog: ConfirmRecordsDialog | None = None
        self.question: QMessageBox | None = None
        self.asked.connect(self._show)
        self.asked_identifier.connect(self._ask_identifier)

    def confirm(
        self,
        records: Sequence[Record],
        rejected: Sequence[Rejected],
        cancelled: Callable[[], bool],
    ) -> bool:
        """Called on the worker: ask on the GUI thread, wait for the answer (or a cancel)."""
        self._event.clear()
        self._answer = False
        self.asked.emit(list(records), list(rejected))
        while not self._event.wait(0.1):
            if cancelled():
                return False
        return self._answer

    def confirm_identifier(
        self, dataset: str, identifier: str, cancelled: Callable[[], bool]
    ) -> bool:
        """Called on the worker: may this file's damaged number be read as ``identifier``?"""
        self._event.clear()
        self._answer = False
        self.asked_identifier.emit(dataset, identifier)
        while not self._event.wait(0.1):
            if cancelled():
                return False
        return self._answer

    def _ask_identifier(self, dataset: str, identifier: str) -> None:
        self.question = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("A damaged meter number"),
            self.tr(
                "This file's meter or card number was turned into scientific notation by a "
                "spreadsheet program that opened and saved it: its last digits are lost. It "
                "can only be %1, already in your wallet. Import the file under that number?"
            ).replace("%1", identifier),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.parent_widget,
        )
        self.question.setDefaultButton(QMessageBox.StandardButton.No)
        self.question.finished.connect(self._identifier_answered)
        self.question.open()

    def _identifier_answered(self, result: int) -> None:
        question, self.question = self.question, None
        yes = question is not None and (
            question.standardButton(question.clickedButton()) == QMessageBox.StandardButton.Yes
        )
        self._answer = yes
        self._event.set()

    def _show(self, records: list[Record], rejected: list[Rejected]) -> None:
        self.dialog = ConfirmRecordsDialog(records, rejected, self.parent_widget)
        self.dialog.finished.connect(self._answered)
        self.dialog.open()

    def _answered(self, result: int) -> None:
        self._answer = result == QDialog.DialogCode.Accepted.value
        self.dialog = None
        self._event.set()

    def close(self) -> None:
        """On lock: the dialog goes (its rows are personal data) and the worker stops waiting."""
        if self.dialog is not None:
            self.dialog.reject()
        if self.question is not None:
            self.question.reject()
        self._event.set()
