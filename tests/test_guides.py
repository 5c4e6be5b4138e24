"""Import guides show the program's own screenshots: every picture exists, is small, is in the
guide's language, and the guide dialog finds and shrinks it."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from tests.conftest import REPO
from ui.widgets.guide import GuideDialog, image_names

GUIDES = REPO / "resources" / "guides"
SCREENSHOTS = GUIDES / "screenshots"
ALL_GUIDES = sorted(GUIDES.glob("*.md"))
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
MAX_BYTES = 200_000


def referenced(guide: Path) -> list[str]:
    return MARKDOWN_IMAGE.findall(guide.read_text(encoding="utf-8"))


def test_there_are_guides_in_both_languages() -> None:
    stems = {p.name.rsplit(".", 2)[0] for p in ALL_GUIDES}
    assert len(stems) >= 20
    for stem in stems:
        assert (GUIDES / f"{stem}.fr.md").is_file(), stem
        assert (GUIDES / f"{stem}.en.md").is_file(), stem


@pytest.mark.parametrize("guide", ALL_GUIDES, ids=lambda p: p.name)
def test_every_picture_a_guide_shows_exists_in_its_language(guide: Path) -> None:
    language = guide.name.rsplit(".", 2)[1]
    names = referenced(guide)
    assert names, "the guide shows no screenshot"
    for name in names:
        assert name.startswith(f"screenshots/{language}/"), name
        path = GUIDES / name
        assert path.is_file(), f"{guide.name} shows {name}, which does not exist"
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), name


def test_screenshots_are_small_window_sized_pngs() -> None:
    shots = sorted(SCREENSHOTS.glob("*/*.png"))
    assert {p.parent.name for p in shots} == {"en", "fr"}
    for path in shots:
        data = path.read_bytes()
        assert len(data) < MAX_BYTES, f"{path.name}: {len(data)} bytes"
        width, height = struct.unpack(">II", data[16:24])
        assert 800 <= width <= 1400 and 500 <= height <= 900, (path.name, width, height)
    # Both languages show the same pictures.
    english = {p.name for p in shots if p.parent.name == "en"}
    assert english == {p.name for p in shots if p.parent.name == "fr"}


@pytest.mark.parametrize("importer", ["enedis_hdm_csv", "tfl_oyster", "caf_attestation_pdf"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_guide_dialog_loads_each_picture_and_fits_it_in(
    qtbot: QtBot, importer: str, language: str
) -> None:
    dialog = GuideDialog(importer, importer, language, None)
    qtbot.addWidget(dialog)
    dialog.resize(700, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    browser = dialog.browser
    names = image_names(browser.document())
    assert names == referenced(GUIDES / f"{importer}.{language}.md")
    available = browser.viewport().width()
    for name in names:
        # The same lookup the browser does when it paints: relative to the guides folder.
        loaded = browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        image = loaded if isinstance(loaded, QImage) else QImage.fromData(loaded)
        assert not image.isNull(), name
        assert image.width() > available  # a window-sized picture, so it must be shrunk
    widths = image_widths(browser.document())
    assert widths and all(0 < w < available for w in widths), (widths, available)


def image_widths(document: QTextDocument) -> list[float]:
    widths = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            image = fragments.fragment().charFormat().toImageFormat()
            if image.isValid():
                widths.append(image.width())
            fragments += 1
        block = block.next()
    return widths
