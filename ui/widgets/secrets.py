"""Dialogs that take secrets: a new passphrase, and the secret of a backup to restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.session import Session
from ui.startup import kdf_for_new_secrets
from ui.widgets.passphrase import NewPassphrase
from wallet.errors import WalletError


class ChangePassphraseDialog(QDialog):
    done_text = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Change the passphrase"))
        self.passphrase = NewPassphrase(self)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        self.buttons.accepted.connect(self._change)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _change(self) -> None:
        problem = self.passphrase.problem()
        self.error.setText(problem)
        if problem:
            return
        wallet, new = self.session.wallet, self.passphrase.value()
        self.buttons.setEnabled(False)
        self.error.setText(self.tr("Changing the passphrase…"))
        self.session.tasks.run(
            lambda _h: wallet.change_passphrase(new, kdf=kdf_for_new_secrets()),
            on_done=self._changed,
            on_error=self._failed,
        )

    def _changed(self, _: object) -> None:
        self.done_text.emit(self.tr("The passphrase was changed. Use the new one from now on."))
        self.passphrase.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(str(exc) if isinstance(exc, WalletError) else type(exc).__name__)


class RestoreDialog(QDialog):
    chosen = Signal(object, str, bool)

    def __init__(self, source: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.source = source
        self.setWindowTitle(self.tr("Restore a backup"))
        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setText(
            self.tr(
                "Restoring replaces the wallet with the backup %1. The current wallet is kept "
                "aside in the wallet folder. Type the passphrase that was valid when the backup "
                "was made (or its recovery code)."
            ).replace("%1", source.name)
        )
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Passphrase of the backup"))
        self.is_recovery = QCheckBox(self.tr("This is the &recovery code"), self)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.secret)
        form.addRow("", self.is_recovery)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.secret.text():
            return
        self.chosen.emit(self.source, self.secret.text(), self.is_recovery.isChecked())
        self.secret.clear()
        self.accept()
