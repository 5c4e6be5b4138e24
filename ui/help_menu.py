"""The Help menu: Diagnostics, Support report…, the update notice and About.

Everything a help-desk worker asks for comes from ``wallet.helpdesk`` and ``wallet.updates``;
this module only runs it off the GUI thread and shows the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.session import Session
from wallet import build_info, updates
from wallet.errors import WalletError
from wallet.helpdesk import doctor, report

PROGRAM = "Self Data Wallet"


class DiagnosticsDialog(QDialog):
    """What ``selfdata doctor`` says, each problem with its fix, to read aloud or copy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checks: list[doctor.Check] = []
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("Diagnostics"))
        self.copy_button.setText(self.tr("&Copy"))
        self.copy_button.setEnabled(False)
        self.summary.setText(self.tr("Checking this computer…"))
        self.resize(720, 480)

    def show_checks(self, checks: list[doctor.Check]) -> None:
        self.checks = checks
        problems = sum(c.status == doctor.PROBLEM for c in checks)
        warnings = sum(c.status == doctor.WARNING for c in checks)
        if problems or warnings:
            self.summary.setText(
                self.tr("%n problem(s) found; each comes with what to do.", "", problems + warnings)
            )
        else:
            self.summary.setText(self.tr("No problem found."))
        self.text.setPlainText(doctor.as_text(checks))
        self.copy_button.setEnabled(True)

    def show_failure(self, message: str) -> None:
        self.summary.setText(message)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.summary.setText(self.tr("Copied: paste it into an e-mail or a chat to the help desk."))


class HelpMenu(QObject):
    """The Help menu's actions; ``root`` gives the wallet folder of the moment (demo or not)."""

    def __init__(self, window: QMainWindow, session: Session, root: Callable[[], Path]) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.root = root
        self.diagnostics: DiagnosticsDialog | None = None
        self.update_notice: QMessageBox | None = None
        self.last_report: Path | None = None
        self.menu = QMenu(window)
        window.menuBar().addMenu(self.menu)
        self.diagnostics_action = QAction(self)
        self.diagnostics_action.triggered.connect(self.show_diagnostics)
        self.report_action = QAction(self)
        self.report_action.triggered.connect(self.ask_support_report)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.menu.addAction(self.diagnostics_action)
        self.menu.addAction(self.report_action)
        self.menu.addSeparator()
        self.menu.addAction(self.about_action)
        self.retranslate()

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Help"))
        self.diagnostics_action.setText(self.tr("&Diagnostics"))
        self.report_action.setText(self.tr("&Support report…"))
        self.about_action.setText(self.tr("&About Self Data Wallet"))

    # --- diagnostics ------------------------------------------------------------------------
    def show_diagnostics(self) -> DiagnosticsDialog:
        dialog = DiagnosticsDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.diagnostics = dialog
        root, settings = self.root(), self.session.settings
        dialog.open()
        self.session.tasks.run(
            lambda _h: doctor.run(root, settings),
            on_done=dialog.show_checks,
            on_error=lambda exc: dialog.show_failure(
                self.tr("The checks could not run (%1).").replace("%1", type(exc).__name__)
            ),
        )
        return dialog

    # --- support report ---------------------------------------------------------------------
    def ask_support_report(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save a support report"),
            str(Path.home() / "selfdata-support-report.zip"),
            self.tr("Zip archive (*.zip);;Text file (*.txt)"),
        )
        if name:
            self.write_support_report(Path(name))

    def write_support_report(self, target: Path) -> None:
        root, settings = self.root(), self.session.settings
        self.session.tasks.run(
            lambda _h: report.write(target, root, settings),
            on_done=self._report_written,
            on_error=self._report_failed,
        )

    def _report_failed(self, exc: BaseException) -> None:
        self._tell(
            self.tr("The report was not saved"),
            self.tr("The report could not be written: %1").replace("%1", _describe(exc)),
            QMessageBox.Icon.Warning,
        )

    def _report_written(self, target: Path) -> None:
        self.last_report = target
        self._tell(
            self.tr("Support report saved"),
            self.tr(
                "The report is saved as %1. It holds no value from your files; you can open it "
                "to check before sending it to the help desk."
            ).replace("%1", str(target)),
        )

    # --- updates ----------------------------------------------------------------------------
    def check_for_update(self) -> None:
        """Ask the city's feed, when one is set and not asked today; never blocks the window."""
        settings = self.session.settings
        if not str(settings.get("update_feed_url") or ""):
            return
        self.session.tasks.run(lambda _h: updates.check(settings), on_done=self._update_checked)

    def _update_checked(self, result: updates.CheckResult) -> None:
        found = result.update
        if found is None:
            return
        text = (
            self.tr(
                "A newer build is available: version %1.\n\nDownload it from %2 and check that "
                "its SHA-256 is:\n%3"
            )
            .replace("%1", found.version)
            .replace("%2", found.url)
            .replace("%3", found.sha256)
        )
        if found.notes:
            text += "\n\n" + self.tr("What changed: %1").replace("%1", found.notes)
        self.update_notice = self._tell(self.tr("A newer build exists"), text)

    # --- about ------------------------------------------------------------------------------
    def about_text(self) -> str:
        return self.tr(
            "%1\n\nYour energy, mobility and benefits data, encrypted on this computer and "
            "shared only with your consent.\n\nFree software (AGPL-3.0)."
        ).replace("%1", build_info.describe(PROGRAM))

    def show_about(self) -> None:
        QMessageBox.about(self.window, self.tr("About Self Data Wallet"), self.about_text())

    def _tell(
        self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Information
    ) -> QMessageBox:
        """A message that does not block the window; its text can be selected and copied."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        return box


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) if isinstance(exc, WalletError) else type(exc).__name__
