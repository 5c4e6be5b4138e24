"""The "How do I get this file?" guide of a source, from resources/guides (Markdown).

Guides show screenshots of the program (``make screenshots``) by paths relative to the guides
folder, so a help-desk worker reading the file and a resident in the dialog see the same
pictures. They are a window wide: the dialog shrinks them to its own width.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QResizeEvent, QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from wallet.resources import guide_path, guides_dir


def guide_text(importer: str, language: str) -> str | None:
    path = guide_path(importer, language)
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def image_names(document: QTextDocument) -> list[str]:
    """The pictures a rendered guide shows, as written in the guide."""
    names = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            char_format = fragments.fragment().charFormat()
            if char_format.isImageFormat():
                names.append(char_format.toImageFormat().name())
            fragments += 1
        block = block.next()
    return names


def fit_images(document: QTextDocument, width: int) -> None:
    """Show each picture at most ``width`` pixels wide (less its indent), keeping proportions.

    The picture is scaled smoothly here and handed to the document at the size it is shown:
    a document scales pictures by dropping pixels, which makes a screenshot's text unreadable.
    """
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        available = max(width - _indent(document, block), 50)
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            image_format = fragment.charFormat().toImageFormat()
            if image_format.isValid():
                image = QImage(str(guides_dir() / image_format.name()))
                if not image.isNull():
                    if image.width() > available:
                        image = image.scaledToWidth(
                            available, Qt.TransformationMode.SmoothTransformation
                        )
                    document.addResource(
                        QTextDocument.ResourceType.ImageResource,
                        QUrl(image_format.name()),
                        image,
                    )
                    image_format.setWidth(image.width())
                    image_format.setHeight(image.height())
                    cursor.setPosition(fragment.position())
                    end = fragment.position() + fragment.length()
                    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image_format)
            fragments += 1
        block = block.next()


def _indent(document: QTextDocument, block: QTextBlock) -> int:
    """How far right of the margin a block starts (list items and quotes are indented)."""
    step = document.indentWidth()
    block_format = block.blockFormat()
    indent = block_format.leftMargin() + block_format.indent() * step
    text_list = block.textList()
    if text_list is not None:
        indent += text_list.format().indent() * step
    return int(indent)


class GuideBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        # Relative picture paths in a guide are relative to the guides folder.
        self.setSearchPaths([str(guides_dir())])
        self._fitted_to = 0

    def show_markdown(self, markdown: str) -> None:
        self.setMarkdown(markdown)
        self._fitted_to = 0
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        margin = int(self.document().documentMargin()) * 2 + 4
        width = max(self.viewport().width() - margin, 100)
        if width != self._fitted_to:  # refitting relayouts: only when the width changed
            self._fitted_to = width
            fit_images(self.document(), width)


class GuideDialog(QDialog):
    def __init__(self, importer: str, label: str, language: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How do I get this file? %1").replace("%1", label))
        self.browser = GuideBrowser(self)
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
            self.browser.show_markdown(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 620)
