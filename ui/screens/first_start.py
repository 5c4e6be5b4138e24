"""First start: welcome, create a wallet, confirm the recovery code (or try the demo)."""

from __future__ import annotations

import secrets
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.clipboard import SensitiveClipboard
from ui.startup import kdf_for_new_secrets
from ui.tasks import TaskHandle, TaskRunner
from ui.widgets.passphrase import NewPassphrase
from wallet import keyring_slot
from wallet.errors import WalletError
from wallet.keyslots import normalise_recovery_code
from wallet.vault import Created, Wallet


def _title(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    return label


def _text(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class FirstStartScreen(QWidget):
    finished = Signal(object)  # the created, open Wallet
    demo_requested = Signal()

    def __init__(
        self, root: Path, tasks: TaskRunner, clipboard: SensitiveClipboard, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.root = root
        self.tasks = tasks
        self.clipboard = clipboard
        self.created: Created | None = None
        self.asked_group = secrets.randbelow(5)
        self.steps = QStackedWidget(self)
        self.steps.addWidget(self._build_welcome())
        self.steps.addWidget(self._build_create())
        self.steps.addWidget(self._build_recovery())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.addWidget(self.steps)
        self.retranslate()

    # --- layout -----------------------------------------------------------------------------
    def _build_welcome(self) -> QWidget:
        page = QWidget(self)
        self.welcome_title = _title(page)
        self.welcome_text = _text(page)
        self.create_button = QPushButton(page)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.show_create)
        self.demo_button = QPushButton(page)
        self.demo_button.clicked.connect(self.demo_requested)
        self.demo_note = _text(page)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.welcome_title)
        layout.addWidget(self.welcome_text)
        layout.addLayout(buttons)
        layout.addWidget(self.demo_note)
        layout.addStretch(1)
        return page

    def _build_create(self) -> QWidget:
        page = QWidget(self)
        self.create_title = _title(page)
        self.create_text = _text(page)
        self.passphrase = NewPassphrase(page)
        self.remember = QCheckBox(page)
        self.remember_note = _text(page)
        status = keyring_slot.status()
        if status.state is not keyring_slot.KeyringState.AVAILABLE:
            self.remember.setEnabled(False)
            self.keyring_reason = status.reason
        else:
            self.keyring_reason = ""
        self.create_error = _text(page)
        self.back_button = QPushButton(page)
        self.back_button.clicked.connect(lambda: self.steps.setCurrentIndex(0))
        self.make_button = QPushButton(page)
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.create_wallet)
        self.passphrase.second.returnPressed.connect(self.create_wallet)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.make_button)
        layout = QVBoxLayout(page)
        for widget in (self.create_title, self.create_text, self.passphrase, self.remember):
            layout.addWidget(widget)
        layout.addWidget(self.remember_note)
        layout.addWidget(self.create_error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return page

    def _build_recovery(self) -> QWidget:
        page = QWidget(self)
        self.recovery_title = _title(page)
        self.recovery_text = _text(page)
        self.code_label = QLabel(page)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(mono.pointSizeF() * 1.5)
        self.code_label.setFont(mono)
        self.copy_button = QPushButton(page)
        self.copy_button.clicked.connect(self._copy_code)
        self.check_label = _text(page)
        self.check_field = QLineEdit(page)
        self.check_field.setMaxLength(5)
        self.check_field.returnPressed.connect(self.confirm_code)
        self.check_label.setBuddy(self.check_field)
        self.keyring_note = _text(page)
        self.recovery_error = _text(page)
        self.continue_button = QPushButton(page)
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.confirm_code)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_label)
        code_row.addWidget(self.copy_button)
        code_row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.recovery_title)
        layout.addWidget(self.recovery_text)
        layout.addLayout(code_row)
        layout.addWidget(self.check_label)
        layout.addWidget(self.check_field)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.recovery_error)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        return page

    def retranslate(self) -> None:
        self.welcome_title.setText(self.tr("Welcome to your Self Data Wallet"))
        self.welcome_text.setText(
            self.tr(
                "The wallet keeps the data your energy provider, your transit operator and your "
                "benefits office give you, in one locked file on this computer. It shows you what "
                "that data says.\n\nNothing leaves this computer unless you say so. When you "
                "choose to share a part with a service, you see exactly what will be sent, and "
                "you can take your consent back later."
            )
        )
        self.create_button.setText(self.tr("&Create my wallet"))
        self.demo_button.setText(self.tr("&Try the demo wallet"))
        self.demo_note.setText(
            self.tr("The demo wallet is filled with sample data and thrown away when you close it.")
        )
        self.create_title.setText(self.tr("Choose a passphrase"))
        self.create_text.setText(
            self.tr(
                "Your passphrase opens your wallet. Pick one you can remember: nobody, not even "
                "a help desk, can look it up for you."
            )
        )
        self.remember.setText(self.tr("&Remember it on this computer"))
        self.remember.setToolTip(
            self.tr("The wallet opens without asking, as long as you are logged in here.")
        )
        self.remember_note.setText(self.keyring_reason)
        self.remember_note.setVisible(bool(self.keyring_reason))
        self.back_button.setText(self.tr("&Back"))
        self.make_button.setText(self.tr("Create the &wallet"))
        self.recovery_title.setText(self.tr("Write down your recovery code"))
        self.recovery_text.setText(
            self.tr(
                "If you forget your passphrase, this code is the only way back into your "
                "wallet. Write it on paper and keep it somewhere safe. It is shown only now."
            )
        )
        self.copy_button.setText(self.tr("Co&py"))
        self.copy_button.setToolTip(self.tr("The clipboard is emptied again after 30 seconds."))
        self.check_label.setText(
            self.tr("To check, type group number %n of the code:", "", self.asked_group + 1)
        )
        self.check_field.setAccessibleName(self.tr("Recovery code group"))
        self.code_label.setAccessibleName(self.tr("Recovery code"))
        self.continue_button.setText(self.tr("C&ontinue"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def forget(self) -> None:
        """Closing during the recovery step: the wallet exists, so close it cleanly."""
        if self.created is not None:
            self.created.wallet.lock()
            self.created = None
        self.code_label.clear()

    # --- actions ----------------------------------------------------------------------------
    def show_create(self) -> None:
        self.steps.setCurrentIndex(1)
        self.passphrase.first.setFocus()

    def create_wallet(self) -> None:
        problem = self.passphrase.problem()
        self.create_error.setText(problem)
        if problem:
            return
        self.make_button.setEnabled(False)
        self.create_error.setText(self.tr("Creating your wallet…"))
        passphrase, remember, root = self.passphrase.value(), self.remember.isChecked(), self.root

        def work(_: TaskHandle) -> Created:
            return Wallet.create(root, passphrase, kdf=kdf_for_new_secrets(), remember=remember)

        self.tasks.run(work, on_done=self._created, on_error=self._create_failed)

    def _created(self, created: Created) -> None:
        self.created = created
        self.passphrase.clear()
        self.create_error.clear()
        self.code_label.setText(created.recovery_code)
        self.keyring_note.setText(created.keyring_note)
        self.keyring_note.setVisible(bool(created.keyring_note))
        self.steps.setCurrentIndex(2)
        self.check_field.setFocus()

    def _create_failed(self, exc: BaseException) -> None:
        self.make_button.setEnabled(True)
        detail = str(exc) if isinstance(exc, WalletError | OSError) else type(exc).__name__
        self.create_error.setText(
            self.tr("The wallet could not be created: %1").replace("%1", detail)
        )

    def _copy_code(self) -> None:
        if self.created is not None:
            self.clipboard.copy(self.created.recovery_code)

    def confirm_code(self) -> None:
        if self.created is None:
            return
        expected = self.created.recovery_code.split("-")[self.asked_group]
        typed = normalise_recovery_code(self.check_field.text())
        if typed != expected:
            self.recovery_error.setText(
                self.tr("That is not group %n of the code. Look again.", "", self.asked_group + 1)
            )
            return
        created, self.created = self.created, None
        self.code_label.clear()
        self.check_field.clear()
        self.clipboard.clear_now()
        self.finished.emit(created.wallet)
