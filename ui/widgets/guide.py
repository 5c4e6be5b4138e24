"""The "How do I get this file?" guide of a source, from resources/guides (Markdown)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from wallet.resources import guide_path


def guide_text(importer: str, language: str) -> str | None:
    path = guide_path(importer, language)
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


class GuideDialog(QDialog):
    def __init__(self, importer: str, label: str, language: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How do I get this file? %1").replace("%1", label))
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(self.tr("Guide"))
        text = guide_text(importer, language)
        if text is None:
            self.browser.setPlainText(
                self.tr(
                    "There is no guide for this kind of file yet. The help desk of your city "
                    "can tell you where your provider offers the download."
                )
            )
        else:
            self.browser.setMarkdown(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)
