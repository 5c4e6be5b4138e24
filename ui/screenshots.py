"""``--demo --screenshots DIR``: visit every page (and the import wizard with a sample file
of each domain selected), save one PNG per page, quit. The import guides show these pictures
(``make screenshots``), so they are saved small: 8-bit colour, PNG's strongest compression."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from ui.workspace import PAGES
from wallet.demo import sample_files

# The wizard is shown with one sample per page the data lands on; a guide shows the one of
# its domain. A missing sample falls back to the first one there is.
WIZARD_SAMPLES = {
    "energy": "enedis_mes_mesures_courbe_de_charge.csv",
    "mobility": "tfl_oyster_journey_history.csv",
    "benefits": "caf_attestation_paiement.pdf",
}
# Dithering would speckle flat widget colours and make the file bigger, not smaller.
_EIGHT_BIT = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
_STRONGEST_COMPRESSION = 0  # for PNG, Qt's "quality" is the inverse of zlib's level


def settle(until: Callable[[], bool] = lambda: False, timeout_ms: int = 300) -> None:
    """Let queued work and painting happen: until ``until()`` or the timeout."""
    deadline = QDeadlineTimer(timeout_ms)
    while not deadline.hasExpired():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if until():
            return


def empty_charts(page: QWidget) -> list[str]:
    """What a page with charts fails to show: the empty-page text, or a tab with no data.

    The demo wallet has something for every chart of every page; the tour says so otherwise.
    """
    from ui.charts.view import ChartView
    from ui.pages.base import ChartPage

    charts = page.findChildren(ChartView)
    if not charts:
        return []
    if isinstance(page, ChartPage) and page.showing_empty:
        return ["the page shows its empty-page text"]
    tabs = getattr(page, "tabs", None)
    if tabs is None:
        return [] if any(c.has_data for c in charts) else ["no chart has data"]
    missing = []
    for index in range(tabs.count()):
        tab = tabs.widget(index)
        in_tab = [tab] if isinstance(tab, ChartView) else tab.findChildren(ChartView)
        if tabs.isTabVisible(index) and in_tab and not any(c.has_data for c in in_tab):
            missing.append(f"tab {index + 1} ({tabs.tabText(index)}) has no data")
    return missing


class ScreenshotTour:
    def __init__(self, window: QWidget, folder: Path) -> None:
        self.window = window
        self.folder = folder
        self.exit_code = 0
        self.saved: list[Path] = []
        self.empty: list[str] = []  # "page: what is missing"

    def start(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.take_all()
            for problem in self.empty:
                print(f"screenshots: {problem}")
            if self.empty:
                self.exit_code = 1
        except Exception as exc:  # report and quit: a tour must never hang a build
            print(f"screenshots failed: {type(exc).__name__}: {exc}")
            self.exit_code = 1
        QApplication.quit()

    def take_all(self) -> None:
        window = self.window
        workspace = window.workspace  # type: ignore[attr-defined]
        for number, (key, _, _) in enumerate(PAGES, start=1):
            page = workspace.show_page(key)
            self._settle_page()
            self._save(f"{number:02d}-{key}.png")
            self.empty += [f"{key}: {problem}" for problem in self._tabs_drawn(page)]
            if key == "benefits" and hasattr(page, "rights_view"):
                self._rights(page, f"{number:02d}-{key}")
            if key == "imports":
                for domain, sample in WIZARD_SAMPLES.items():
                    self._select_sample(page, sample)
                    self._settle_page()
                    self._save(f"{number:02d}-{key}-{domain}.png")
        window.lock()  # type: ignore[attr-defined]
        settle()
        self._save(f"{len(PAGES) + 1:02d}-unlock.png")
        window.screens.setCurrentWidget(window.first_start)  # type: ignore[attr-defined]
        settle()
        self._save(f"{len(PAGES) + 2:02d}-welcome.png")

    def _tabs_drawn(self, page: QWidget) -> list[str]:
        """Visit each tab (its chart is drawn when shown), then come back to the first."""
        tabs = getattr(page, "tabs", None)
        if tabs is not None:
            for index in range(1, tabs.count()):
                tabs.setCurrentIndex(index)
                self._settle_page()
            tabs.setCurrentIndex(0)
        return empty_charts(page)

    def _rights(self, page: Any, prefix: str) -> None:
        """My rights after an estimate (the model loads once), and the household questionnaire."""
        from ui.widgets.household_form import HouseholdDialog

        page.show_rights()
        page.rights_view.estimate()
        settle(lambda: page.rights_view.progress.isHidden(), timeout_ms=240_000)
        self._settle_page()
        self._save(f"{prefix}-rights.png")
        saved = self.window.session.wallet.household()  # type: ignore[attr-defined]
        dialog = HouseholdDialog(saved.household if saved else None, self.window)
        dialog.resize(820, 700)  # guide pictures are window-sized
        dialog.show()
        settle(timeout_ms=400)
        self._save(f"{prefix}-household.png", dialog)
        dialog.close()
        page.tabs.setCurrentIndex(0)

    def _settle_page(self) -> None:
        """Wait for the page's charts, computed off the GUI thread, then for their drawing."""
        tasks = self.window.session.tasks  # type: ignore[attr-defined]
        settle(timeout_ms=200)
        settle(lambda: not tasks.busy, timeout_ms=20_000)
        settle(timeout_ms=400)

    def _select_sample(self, page: object, name: str) -> None:
        samples = sample_files()
        chosen = [p for p in samples if p.name == name] or samples[:1]
        if chosen and hasattr(page, "choose_files"):
            page.choose_files(chosen)
            settle(lambda: not getattr(page, "previewing", False), timeout_ms=10_000)

    def _save(self, name: str, widget: QWidget | None = None) -> None:
        target = self.folder / name
        image = (widget or self.window).grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        small = image.convertToFormat(QImage.Format.Format_Indexed8, _EIGHT_BIT)
        # The stubs want bytes for the format; PySide6 itself accepts only str.
        if not small.save(str(target), "PNG", _STRONGEST_COMPRESSION):  # type: ignore[call-overload]
            raise OSError(f"could not write {target}")
        self.saved.append(target)
