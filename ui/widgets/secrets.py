"""Dialogs that take secrets: a new passphrase, and the secret of a backup to restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
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
        self.done_text.emit(
            self.tr(
                "The passphrase was changed: the wallet asks for the new one from now on. Backups "
                "made before still open with the old one, and so does the wallet for anyone who "
                'kept a copy of its key file. If it may be known to someone, use "My passphrase '
                'or recovery code may be known".'
            )
        )
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


class RotateKeyDialog(QDialog):
    """ "My passphrase or recovery code may be known to someone": a new data key, a new
    passphrase and a new recovery code, shown once here."""

    done_text = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("My passphrase or recovery code may be known"))
        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setText(
            self.tr(
                "The wallet draws a new key, re-encrypts your data with it and gives you a new "
                "recovery code. After that, your old passphrase, your old recovery code and any "
                "copy of the wallet's old key file open nothing. Backups made before still open "
                "with the old passphrase: make a new backup and destroy the old ones."
            )
        )
        self.passphrase = NewPassphrase(self)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._rotate)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.recovery_code = ""

    def _rotate(self) -> None:
        if self.recovery_code:  # the new code was shown: OK closes
            self.recovery_code = ""
            self.outcome.clear()
            self.accept()
            return
        problem = self.passphrase.problem()
        self.outcome.setText(problem)
        if problem:
            return
        wallet, new = self.session.wallet, self.passphrase.value()
        self.buttons.setEnabled(False)
        self.outcome.setText(self.tr("Re-encrypting the wallet…"))
        self.session.tasks.run(
            lambda _h: wallet.rotate_data_key(new, kdf=kdf_for_new_secrets()),
            on_done=self._rotated,
            on_error=self._failed,
        )

    def _rotated(self, code: object) -> None:
        self.recovery_code = str(code)
        self.passphrase.clear()
        self.buttons.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        self.outcome.setText(
            self.tr(
                "Done. Your NEW recovery code (write it down; it is shown only now): %1"
            ).replace("%1", self.recovery_code)
        )
        self.done_text.emit(
            self.tr("The wallet has a new key, a new passphrase and a new recovery code.")
        )

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.outcome.setText(str(exc) if isinstance(exc, WalletError) else type(exc).__name__)
