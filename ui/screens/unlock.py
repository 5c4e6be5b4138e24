"""The unlock screen: on every start and after auto-lock. "Forgot it?" leads to the recovery
code and a new passphrase."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.screens.first_start import _text, _title
from ui.startup import kdf_for_new_secrets
from ui.tasks import TaskHandle, TaskRunner
from ui.widgets.passphrase import NewPassphrase
from wallet.errors import WalletError, WrongSecretError
from wallet.vault import Wallet


class UnlockScreen(QWidget):
    unlocked = Signal(object)  # the open Wallet

    def __init__(self, root: Path, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self.tasks = tasks
        self.hint_text = ""
        self.modes = QStackedWidget(self)
        self.modes.addWidget(self._build_passphrase())
        self.modes.addWidget(self._build_recovery())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.addWidget(self.modes)
        self.retranslate()

    def _build_passphrase(self) -> QWidget:
        page = QWidget(self)
        self.title = _title(page)
        self.where = _text(page)
        self.field = QLineEdit(page)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.returnPressed.connect(self.unlock)
        self.field_label = QLabel(page)
        self.field_label.setBuddy(self.field)
        self.hint = _text(page)
        self.error = _text(page)
        self.unlock_button = QPushButton(page)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        self.forgot_button = QPushButton(page)
        self.forgot_button.setFlat(True)
        self.forgot_button.clicked.connect(self.show_recovery)
        form = QFormLayout()
        form.addRow(self.field_label, self.field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.where)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    def _build_recovery(self) -> QWidget:
        page = QWidget(self)
        self.recovery_title = _title(page)
        self.recovery_text = _text(page)
        self.code_field = QLineEdit(page)
        self.code_label = QLabel(page)
        self.code_label.setBuddy(self.code_field)
        self.new_passphrase = NewPassphrase(page)
        self.new_passphrase.second.returnPressed.connect(self.recover)
        self.recovery_error = _text(page)
        self.back_button = QPushButton(page)
        self.back_button.clicked.connect(self.show_passphrase)
        self.recover_button = QPushButton(page)
        self.recover_button.setDefault(True)
        self.recover_button.clicked.connect(self.recover)
        form = QFormLayout()
        form.addRow(self.code_label, self.code_field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.recover_button)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.recovery_title)
        layout.addWidget(self.recovery_text)
        layout.addLayout(form)
        layout.addWidget(self.new_passphrase)
        layout.addWidget(self.recovery_error)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your wallet is locked"))
        self.where.setText(self.tr("Wallet: %1").replace("%1", str(self.root)))
        self.field_label.setText(self.tr("&Passphrase:"))
        self.field.setAccessibleName(self.tr("Passphrase"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.forgot_button.setText(self.tr("&Forgot it?"))
        self.recovery_title.setText(self.tr("Open with your recovery code"))
        self.recovery_text.setText(
            self.tr(
                "Type the recovery code you wrote down when the wallet was created (five groups "
                "of five characters), then choose a new passphrase."
            )
        )
        self.code_label.setText(self.tr("Recovery &code:"))
        self.code_field.setAccessibleName(self.tr("Recovery code"))
        self.back_button.setText(self.tr("&Back"))
        self.recover_button.setText(self.tr("Unlock and &set the new passphrase"))
        self.hint.setText(self.hint_text)
        self.hint.setVisible(bool(self.hint_text))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_hint(self, text: str) -> None:
        self.hint_text = text
        self.retranslate()

    def reset(self, message: str = "") -> None:
        """Shown again (start, auto-lock): empty fields, passphrase mode, focus in the field."""
        self.field.clear()
        self.code_field.clear()
        self.new_passphrase.clear()
        self.error.setText(message)
        self.recovery_error.clear()
        self.unlock_button.setEnabled(True)
        self.recover_button.setEnabled(True)
        self.show_passphrase()

    def show_passphrase(self) -> None:
        self.modes.setCurrentIndex(0)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_recovery(self) -> None:
        self.modes.setCurrentIndex(1)
        self.code_field.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- actions ----------------------------------------------------------------------------
    def unlock(self) -> None:
        passphrase = self.field.text()
        if not passphrase or not self.unlock_button.isEnabled():
            return
        self.unlock_button.setEnabled(False)
        self.error.setText(self.tr("Unlocking…"))
        root = self.root
        self.tasks.run(
            lambda _h: Wallet.unlock(root, passphrase),
            on_done=self._done,
            on_error=lambda exc: self._failed(exc, self.error, self.field),
        )

    def recover(self) -> None:
        problem = self.new_passphrase.problem()
        if not self.code_field.text().strip():
            problem = self.tr("Type your recovery code.")
        self.recovery_error.setText(problem)
        if problem or not self.recover_button.isEnabled():
            return
        self.recover_button.setEnabled(False)
        root, code, new = self.root, self.code_field.text(), self.new_passphrase.value()

        def work(_: TaskHandle) -> Wallet:
            wallet = Wallet.unlock_with_recovery(root, code)
            try:
                wallet.change_passphrase(new, kdf=kdf_for_new_secrets())
            except BaseException:
                wallet.lock()
                raise
            return wallet

        self.tasks.run(
            work,
            on_done=self._done,
            on_error=lambda exc: self._failed(exc, self.recovery_error, self.code_field),
        )

    def _done(self, wallet: Wallet) -> None:
        self.reset()
        self.unlocked.emit(wallet)

    def _failed(self, exc: BaseException, where: QLabel, field: QLineEdit) -> None:
        self.unlock_button.setEnabled(True)
        self.recover_button.setEnabled(True)
        if isinstance(exc, WrongSecretError):
            if field is self.field:
                where.setText(self.tr("That passphrase is not right. Try again."))
            else:
                where.setText(self.tr("That recovery code is not right. Check it and try again."))
        elif isinstance(exc, WalletError | OSError):
            where.setText(self.tr("The wallet could not be opened: %1").replace("%1", str(exc)))
        else:
            where.setText(
                self.tr("The wallet could not be opened (%1).").replace("%1", type(exc).__name__)
            )
        field.selectAll()
        field.setFocus(Qt.FocusReason.OtherFocusReason)
