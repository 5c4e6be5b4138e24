"""Languages: switching live changes visible texts; the French catalogue is complete and fresh
for the shell's files; numbers follow the locale."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import REPO
from tests.uihelpers import make_window
from ui import format as fmt
from ui.i18n import Translations
from ui.pages.settings import SettingsPage
from wallet.vault import Wallet

CATALOGUE = REPO / "resources" / "i18n" / "selfdata_fr.ts"
# The shell's files (pages written by other helpers are checked by their own tests).
SHELL_FILES = [
    p
    for p in sorted((REPO / "ui").rglob("*.py"))
    if not p.is_relative_to(REPO / "ui" / "charts")
    and p.name not in ("overview.py", "energy.py", "mobility.py", "benefits.py", "sharing.py")
]


def shell_contexts() -> set[str]:
    found: set[str] = set()
    for path in SHELL_FILES:
        text = path.read_text(encoding="utf-8")
        if "self.tr(" in text:
            found.update(re.findall(r"^class (\w+)\(", text, flags=re.MULTILINE))
    return found


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            found[(name, message.findtext("source", ""))] = message
    return found


def test_french_catalogue_has_no_unfinished_entry_for_the_shell() -> None:
    contexts = shell_contexts()
    assert {"MainWindow", "ImportsPage", "SettingsPage", "UnlockScreen"} <= contexts
    checked = 0
    for (context, source), message in messages(CATALOGUE).items():
        if context not in contexts:
            continue
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), source
        assert (translation.text or "").strip() or len(translation), source
        checked += 1
    assert checked > 150


def test_french_catalogue_is_fresh(tmp_path: Path) -> None:
    """Every tr() text of the shell is in the catalogue (run ``make translations`` if not)."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(__import__("sys").executable).parent))
    assert lupdate is not None
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [lupdate, "-locations", "none", *map(str, SHELL_FILES), "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    expected = {key for key in messages(fresh) if key[0] in shell_contexts()}
    missing = expected - set(messages(CATALOGUE))
    assert not missing, f"not in the catalogue: {sorted(missing)[:5]}"


def test_language_switch_changes_visible_texts(qtbot: QtBot, wallet: Wallet) -> None:
    app = QApplication.instance()
    assert app is not None
    translations = Translations(app)  # type: ignore[arg-type]
    translations.apply("en")
    window = make_window(qtbot, wallet.paths.root)
    window.translations = translations
    window.open_wallet(wallet)
    sidebar = window.workspace.sidebar
    assert sidebar.item(1).text() == "Energy"
    settings = window.workspace.show_page("settings")
    assert isinstance(settings, SettingsPage)
    try:
        settings.language.setCurrentIndex(settings.language.findData("fr"))
        settings.language.activated.emit(settings.language.currentIndex())
        # Qt posts LanguageChange to every widget: wait for it to be delivered.
        qtbot.waitUntil(lambda: sidebar.item(1).text() == "Énergie")
        assert window.help_menu.title() == "&Aide"
        assert settings.backup_button.text() == "&Sauvegarder…"
        assert window.session.settings.get("language") == "fr"
        assert fmt.number(1234.5) == "1\u202f234,50"
        window.lock()
        assert window.unlock_screen.unlock_button.text() == "&Déverrouiller"
        translations.apply("en")
        qtbot.waitUntil(lambda: window.unlock_screen.unlock_button.text() == "&Unlock")
        assert sidebar.item(1).text() == "Energy"
        assert fmt.number(1234.5) == "1,234.50"
    finally:
        translations.apply("en")
        QLocale.setDefault(QLocale(QLocale.Language.English))
