"""Texts a widget sets now and sets again after each language switch.

Each text is kept as a callable, so its ``tr()`` runs again in the new language: the class
that writes the lambda stays the translation context.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QPushButton

Setter = Callable[[str], None]
Text = Callable[[], str]


class LiveTexts:
    def __init__(self) -> None:
        self._texts: list[tuple[Setter, Text]] = []

    def __len__(self) -> int:
        return len(self._texts)

    def keep(self, setter: Setter, text: Text) -> None:
        setter(text())
        self._texts.append((setter, text))

    def label(self, text: Text) -> QLabel:
        label = QLabel()
        self.keep(label.setText, text)
        return label

    def button(self, text: Text) -> QPushButton:
        button = QPushButton()
        self.keep(button.setText, text)
        return button

    def apply(self) -> None:
        for setter, text in self._texts:
            setter(text())
