"""Interface language: Qt translators for our texts and Qt's own, switched live.

Installing a translator makes Qt send ``LanguageChange`` to every widget; each widget's
``changeEvent`` then calls its ``retranslate()``. Numbers and dates follow ``QLocale``'s
default, which is set to the chosen language too (a decimal comma in French).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from wallet.resources import translations_dir

LANGUAGES = ("system", "fr", "en")
CATALOGUE = "selfdata"


def resolve(language: str) -> str:
    """'fr' or 'en': the system's language when it is French, else English."""
    if language in ("fr", "en"):
        return language
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


class Translations:
    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.language = "en"
        self._installed: list[QTranslator] = []
        self._locale_before = QLocale()

    def remove(self) -> None:
        """Take our catalogues out and give back the locale found at creation."""
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = []
        QLocale.setDefault(self._locale_before)

    def apply(self, language: str) -> str:
        """Switch to ``language`` ('system', 'fr', 'en'); returns the language in use."""
        chosen = resolve(language)
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = []
        locale = QLocale(QLocale.Language.French if chosen == "fr" else QLocale.Language.English)
        if language == "system" and QLocale.system().language() == locale.language():
            locale = QLocale.system()  # keep the person's country conventions
        QLocale.setDefault(locale)
        ours = QTranslator(self.app)  # English has one too, for its plural forms
        if ours.load(f"{CATALOGUE}_{chosen}", str(translations_dir())):
            self._installed.append(ours)
        if chosen != "en":
            qt_own = QTranslator(self.app)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt_own.load(f"qtbase_{chosen}", qt_dir):
                self._installed.append(qt_own)
        for translator in self._installed:
            self.app.installTranslator(translator)
        if not self._installed and chosen != self.language:
            # No catalogue to install still has to tell widgets to go back to English.
            from PySide6.QtCore import QEvent

            QCoreApplication.sendEvent(self.app, QEvent(QEvent.Type.LanguageChange))
        self.language = chosen
        return chosen
