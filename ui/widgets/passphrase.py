"""Two passphrase fields with a strength hint, used on creation, recovery and change."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QProgressBar, QWidget

from wallet.strength import Strength, strength


class NewPassphrase(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QLineEdit(self)
        self.second = QLineEdit(self)
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._update)
        self.meter = QProgressBar(self)
        self.meter.setRange(0, int(Strength.STRONG))
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.first_label = QLabel(self)
        self.second_label = QLabel(self)
        self.first_label.setBuddy(self.first)
        self.second_label.setBuddy(self.second)
        self.form.addRow(self.first_label, self.first)
        self.form.addRow("", self.meter)
        self.form.addRow("", self.hint)
        self.form.addRow(self.second_label, self.second)
        self.retranslate()

    def retranslate(self) -> None:
        self.first_label.setText(self.tr("New &passphrase:"))
        self.second_label.setText(self.tr("&Repeat it:"))
        self.first.setAccessibleName(self.tr("New passphrase"))
        self.second.setAccessibleName(self.tr("Repeat the new passphrase"))
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update(self) -> None:
        level = strength(self.first.text())
        self.meter.setValue(int(level))
        hints = {
            Strength.EMPTY: self.tr(
                "A few unrelated words are easy to remember and hard to guess."
            ),
            Strength.WEAK: self.tr("Weak: easy to guess. Add more words."),
            Strength.FAIR: self.tr("Fair: one or two more words would make it strong."),
            Strength.GOOD: self.tr("Good."),
            Strength.STRONG: self.tr("Strong."),
        }
        self.hint.setText(hints[level])
        self.changed.emit()

    def problem(self) -> str:
        """Why the passphrase cannot be used yet; empty when it can."""
        if not self.first.text():
            return self.tr("Choose a passphrase.")
        if self.first.text() != self.second.text():
            return self.tr("The two passphrases are not the same.")
        return ""

    def value(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
