"""Settings: language, auto-lock, remember on this computer, passphrase, backup and restore,
and where the wallet is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.session import Session
from ui.widgets.secrets import ChangePassphraseDialog, RestoreDialog, RotateKeyDialog
from wallet import keyring_slot
from wallet.errors import WalletError

ChoosePath = Callable[[], Path | None]


class SettingsPage(QWidget):
    language_changed = Signal(str)
    auto_lock_changed = Signal(int)
    restore_requested = Signal(object, str, bool)  # backup file, secret, is a recovery code

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.choose_backup_target: ChoosePath = self._ask_backup_target
        self.choose_backup_source: ChoosePath = self._ask_backup_source
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_general())
        layout.addWidget(self._build_security())
        layout.addWidget(self._build_storage())
        layout.addStretch(1)
        self.retranslate()

    # --- layout -----------------------------------------------------------------------------
    def _build_general(self) -> QWidget:
        box = self.general_box = QGroupBox(self)
        self.language = QComboBox(box)
        for code in ("system", "fr", "en"):
            self.language.addItem("", code)
        current = self.session.settings.get("language")
        self.language.setCurrentIndex(max(self.language.findData(current), 0))
        self.language.activated.connect(self._language_chosen)
        self.auto_lock = QSpinBox(box)
        self.auto_lock.setRange(0, 240)
        self.auto_lock.setValue(self.session.settings.get("auto_lock_minutes"))
        self.auto_lock.valueChanged.connect(self._auto_lock_chosen)
        self.form = QFormLayout(box)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.language_label = QLabel(box)
        self.language_label.setBuddy(self.language)
        self.auto_lock_label = QLabel(box)
        self.auto_lock_label.setBuddy(self.auto_lock)
        self.form.addRow(self.language_label, self.language)
        self.form.addRow(self.auto_lock_label, self.auto_lock)
        return box

    def _build_security(self) -> QWidget:
        box = self.security_box = QGroupBox(self)
        self.remember = QCheckBox(box)
        self.remember.clicked.connect(self._remember_toggled)
        self.remember_note = QLabel(box)
        self.remember_note.setWordWrap(True)
        self.passphrase_button = QPushButton(box)
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.rotate_button = QPushButton(box)
        self.rotate_button.clicked.connect(self.rotate_key)
        self.security_status = QLabel(box)
        self.security_status.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.remember)
        layout.addWidget(self.remember_note)
        row = QHBoxLayout()
        row.addWidget(self.passphrase_button)
        row.addWidget(self.rotate_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.security_status)
        return box

    def _build_storage(self) -> QWidget:
        box = self.storage_box = QGroupBox(self)
        self.where = QLabel(box)
        self.where.setWordWrap(True)
        self.show_folder_button = QPushButton(box)
        self.show_folder_button.clicked.connect(self._show_folder)
        self.backup_button = QPushButton(box)
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button = QPushButton(box)
        self.restore_button.clicked.connect(self.restore)
        self.storage_status = QLabel(box)
        self.storage_status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.show_folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        QWidget.setTabOrder(self.backup_button, self.restore_button)  # Tab goes left to right
        QWidget.setTabOrder(self.restore_button, self.show_folder_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.where)
        layout.addLayout(buttons)
        layout.addWidget(self.storage_status)
        return box

    def retranslate(self) -> None:
        self.general_box.setTitle(self.tr("General"))
        self.language_label.setText(self.tr("&Language:"))
        for index, text in enumerate(
            (self.tr("Same as the computer"), self.tr("Français"), self.tr("English"))
        ):
            self.language.setItemText(index, text)
        self.auto_lock_label.setText(self.tr("Lock &after:"))
        self.auto_lock.setSuffix(self.tr(" min idle"))
        self.auto_lock.setSpecialValueText(self.tr("Never"))
        self.auto_lock.setAccessibleName(self.tr("Lock after this many idle minutes"))
        self.security_box.setTitle(self.tr("Passphrase"))
        self.remember.setText(self.tr("&Remember the wallet on this computer"))
        self.passphrase_button.setText(self.tr("&Change the passphrase…"))
        self.rotate_button.setText(self.tr("My passphrase or recovery code may be &known…"))
        self.storage_box.setTitle(self.tr("Your wallet's files"))
        self.backup_button.setText(self.tr("&Back up…"))
        self.restore_button.setText(self.tr("Re&store a backup…"))
        self.show_folder_button.setText(self.tr("Show the &folder"))
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- Page protocol ----------------------------------------------------------------------
    def refresh(self) -> None:
        self._show_state()

    def clear(self) -> None:
        self.security_status.clear()
        self.storage_status.clear()
        self.where.clear()

    def _show_state(self) -> None:
        status = keyring_slot.status()
        usable = status.state is keyring_slot.KeyringState.AVAILABLE
        unlocked = self.session.is_unlocked
        remembered = unlocked and self.session.wallet.remembered
        self.remember.setChecked(remembered)
        self.remember.setEnabled(unlocked and (usable or remembered))
        self.remember_note.setText(status.reason if not usable else "")
        self.remember_note.setVisible(not usable)
        if unlocked:
            root = self.session.wallet.paths.root
            self.where.setText(self.tr("Your wallet is in %1").replace("%1", str(root)))

    # --- actions ----------------------------------------------------------------------------
    def _language_chosen(self, index: int) -> None:
        language = self.language.itemData(index)
        self.session.settings.set("language", language)
        self.language_changed.emit(language)

    def _auto_lock_chosen(self, minutes: int) -> None:
        self.session.settings.set("auto_lock_minutes", minutes)
        self.auto_lock_changed.emit(minutes)

    def _remember_toggled(self, on: bool) -> None:
        wallet = self.session.wallet
        try:
            if on:
                wallet.remember_on_this_computer()
                self.security_status.setText(self.tr("The wallet now opens without asking here."))
            else:
                wallet.forget_this_computer()
                self.security_status.setText(self.tr("This computer no longer remembers it."))
        except WalletError as exc:
            self.security_status.setText(str(exc))
        self._show_state()

    def change_passphrase(self) -> None:
        dialog = ChangePassphraseDialog(self.session, self)
        dialog.done_text.connect(self.security_status.setText)
        dialog.open()

    def rotate_key(self) -> None:
        dialog = RotateKeyDialog(self.session, self)
        dialog.done_text.connect(self.security_status.setText)
        dialog.open()

    def back_up(self) -> None:
        target = self.choose_backup_target()
        if target is None:
            return
        wallet = self.session.wallet
        self.storage_status.setText(self.tr("Backing up…"))
        self.session.tasks.run(
            lambda _h: wallet.backup(target),
            on_done=lambda info: self.storage_status.setText(
                self.tr("Backed up to %1.").replace("%1", str(info.path))
            ),
            on_error=lambda exc: self.storage_status.setText(
                self.tr("The backup failed: %1").replace("%1", _message(exc))
            ),
        )

    def restore(self) -> None:
        source = self.choose_backup_source()
        if source is None:
            return
        dialog = RestoreDialog(source, self)
        dialog.chosen.connect(self.restore_requested)
        dialog.open()

    def _ask_backup_target(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up the wallet"),
            str(Path.home() / "selfdata-backup.zip"),
            self.tr("Wallet backups (*.zip)"),
        )
        return Path(name) if name else None

    def _ask_backup_source(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Restore a backup"), str(Path.home()), self.tr("Wallet backups (*.zip)")
        )
        return Path(name) if name else None

    def _show_folder(self) -> None:
        if self.session.is_unlocked:
            root = self.session.wallet.paths.root
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(root)))


def _message(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, WalletError | OSError) else type(exc).__name__
