"""Languages: switching live changes visible texts on every page; the French catalogue is
complete and fresh for all of ui/; numbers follow the locale."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from matplotlib.text import Text
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests import chartdata
from tests.conftest import REPO
from tests.uihelpers import make_window
from ui import format as fmt
from ui.charts.view import ChartView
from ui.i18n import Translations
from ui.pages.benefits import BenefitsPage
from ui.pages.energy import EnergyPage
from ui.pages.imports import ImportsPage
from ui.pages.mobility import MobilityPage
from ui.pages.overview import OverviewPage
from ui.pages.settings import SettingsPage
from ui.pages.sharing import SharingPage
from wallet.vault import Wallet

CATALOGUE = REPO / "resources" / "i18n" / "selfdata_fr.ts"
UI_FILES = sorted((REPO / "ui").rglob("*.py"))


def ui_contexts() -> set[str]:
    """Every class of ui/ that calls tr(), and the contexts named in translate() calls."""
    found: set[str] = set()
    for path in UI_FILES:
        text = path.read_text(encoding="utf-8")
        if "self.tr(" in text:
            found.update(re.findall(r"^class (\w+)\(", text, flags=re.MULTILINE))
        found.update(re.findall(r"translate\(\s*\"(\w+)\"", text))
    return found


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            found[(name, message.findtext("source", ""))] = message
    return found


def test_french_catalogue_has_no_unfinished_entry() -> None:
    contexts = ui_contexts()
    assert {"MainWindow", "ImportsPage", "SettingsPage", "UnlockScreen"} <= contexts
    assert {"EnergyPage", "OverviewPage", "SharingPage", "ChartView", "Guides"} <= contexts
    checked = 0
    for (context, source), message in messages(CATALOGUE).items():
        assert context in contexts, f"{context} is no class of ui/ (run make translations)"
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), source
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text]
        assert all((f or "").strip() for f in forms), source
        if "%1" in source:
            assert all("%1" in (f or "") for f in forms), f"{context}: {source}"
        checked += 1
    assert checked > 350


def test_french_catalogue_is_fresh(tmp_path: Path) -> None:
    """Every tr() text of ui/ is in the catalogue (run ``make translations`` if not)."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(__import__("sys").executable).parent))
    assert lupdate is not None
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [lupdate, "-locations", "none", *map(str, UI_FILES), "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    expected = set(messages(fresh))
    known = set(messages(CATALOGUE))
    assert not expected - known, f"not in the catalogue: {sorted(expected - known)[:5]}"
    assert not known - expected, f"no longer used: {sorted(known - expected)[:5]}"


def test_compiled_catalogue_is_newer_than_its_source() -> None:
    compiled = CATALOGUE.with_suffix(".qm")
    translator = QTranslator()
    assert translator.load(str(compiled))
    for (context, source), message in messages(CATALOGUE).items():
        if message.get("numerus") == "yes":
            continue
        wanted = message.findtext("translation")
        assert translator.translate(context, source) == wanted, f"rebuild the .qm: {source}"


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    """The program's catalogues, taken out again after the test: later tests start clean."""
    installed = Translations(qapp)
    installed.apply("en")
    yield installed
    installed.remove()


def test_language_switch_changes_visible_texts(
    qtbot: QtBot, wallet: Wallet, translations: Translations
) -> None:
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


def figure_texts(chart: ChartView) -> set[str]:
    return {t.get_text() for t in chart.figure.findobj(Text) if t.get_text()}


def test_every_page_speaks_french_after_a_live_switch(
    qtbot: QtBot, wallet: Wallet, tmp_path: Path, translations: Translations
) -> None:
    """Switch with the pages filled, then visit each one: texts, combo items, tabs and the
    labels drawn inside the charts are French."""
    chartdata.fill(wallet, tmp_path)
    window = make_window(qtbot, wallet.paths.root)
    window.translations = translations
    window.open_wallet(wallet)
    pages = window.workspace.pages
    energy = window.workspace.show_page("energy")
    assert isinstance(energy, EnergyPage)
    assert "Weekdays" in figure_texts(energy.profile_chart)
    try:
        translations.apply("fr")
        qtbot.waitUntil(lambda: energy.tabs.tabText(0) == "Consommation")
        # The visible page drew its charts again, in French.
        qtbot.waitUntil(lambda: "En semaine" in figure_texts(energy.profile_chart))
        assert "Weekdays" not in figure_texts(energy.profile_chart)
        assert energy.period_combo.currentText() == "Mois"
        assert energy.granularity_combo.itemText(0) == "Courbe de charge"
        assert energy.subscribed_label.text().startswith("Puissance souscrite")
        assert energy.consumption_chart.table_button.text() == "Voir le tableau"

        overview = window.workspace.show_page("overview")
        assert isinstance(overview, OverviewPage)
        assert overview.energy_card.title() == "Électricité"
        assert overview.mobility_card.button.text() == "Ouvrir la page Mobilité"
        qtbot.waitUntil(lambda: "trajets" in overview.mobility_card.facts.text())

        mobility = window.workspace.show_page("mobility")
        assert isinstance(mobility, MobilityPage)
        assert [mobility.tabs.tabText(i) for i in range(2)] == ["Trajets", "Modes et lignes"]
        assert mobility.granularity_combo.currentText() == "Par semaine"
        qtbot.waitUntil(lambda: "trajets" in mobility.facts_label.text())

        benefits = window.workspace.show_page("benefits")
        assert isinstance(benefits, BenefitsPage)
        assert benefits.tabs.tabText(3) == "Paiements"
        assert benefits.payments_model.headerData(0, Qt.Orientation.Horizontal) == "Payé le"

        sharing = window.workspace.show_page("sharing")
        assert isinstance(sharing, SharingPage)
        assert [sharing.tabs.tabText(i) for i in range(3)] == [
            "Services",
            "Partager",
            "Données partagées",
        ]
        assert sharing.revoke_button.text() == "Révoquer…"
        assert sharing.shares_model.headerData(2, Qt.Orientation.Horizontal) == "État"

        imports = window.workspace.show_page("imports")
        assert isinstance(imports, ImportsPage)
        settings = window.workspace.show_page("settings")
        assert isinstance(settings, SettingsPage)
        assert settings.backup_button.text() == "&Sauvegarder…"
        titles = [window.workspace.sidebar.item(i).text() for i in range(len(pages))]
        assert titles[:4] == ["Vue d'ensemble", "Énergie", "Mobilité", "Prestations"]

        # Back to English, locked: the empty states follow too.
        window.lock()
        translations.apply("en")
        qtbot.waitUntil(lambda: energy.tabs.tabText(0) == "Consumption")
        assert "Enedis" in energy.empty_label.text() and "Import" in energy.empty_label.text()
        assert overview.energy_card.title() == "Electricity"
    finally:
        translations.apply("en")


def test_english_plural_forms(tmp_path: Path, translations: Translations) -> None:
    """English has a catalogue of plural forms only: "1 trip", "5 trips", never "trip(s)"."""
    english = CATALOGUE.with_name("selfdata_en.ts")
    plural = {key for key, m in messages(CATALOGUE).items() if m.get("numerus") == "yes"}
    assert set(messages(english)) == plural
    try:
        translations.apply("en")
        one = QCoreApplication.translate("OverviewPage", "<b>%n trip(s)</b> in %1.", "", 1)
        five = QCoreApplication.translate("OverviewPage", "<b>%n trip(s)</b> in %1.", "", 5)
        assert (one, five) == ("<b>1 trip</b> in %1.", "<b>5 trips</b> in %1.")
        for message in messages(english).values():
            forms = [f.text or "" for f in message.iter("numerusform")]
            assert len(forms) == 2 and all("(s)" not in f for f in forms[1:]), forms
    finally:
        translations.apply("en")
