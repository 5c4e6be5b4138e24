"""``selfdata-wallet --self-test``: the core's self-test, then every page drawn offscreen.

The pages are drawn with a throwaway demo wallet (the made-up household), its own settings file
and help-desk notes, so the person's wallet, settings and notes are never touched.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from wallet.demo import DEMO_PREFIX, DemoWallet, create_demo
from wallet.errors import WalletError
from wallet.helpdesk import outcomes, selftest

# The pages that must show charts with the demo wallet's household.
CHART_PAGES = ("overview", "energy", "mobility", "benefits")


def run(out: TextIO | None = None, demo: Callable[[Path], DemoWallet] = create_demo) -> int:
    """``demo(root)`` makes the wallet the pages are drawn with (the demo household)."""
    out = out or sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    core = selftest.run(out)
    test = selftest.SelfTest(out)
    with tempfile.TemporaryDirectory(prefix=DEMO_PREFIX) as tmp:
        folder = Path(tmp)
        with outcomes.kept_in(folder / "state"):
            try:
                _draw_pages(test, folder, demo)
            except Exception as exc:  # the program could not even start: say so, fail
                test.failures += 1
                out.write(f"FAILED  pages: {type(exc).__name__}: {exc}\n")
        shutil.rmtree(folder, ignore_errors=True)
    failures = test.failures + (1 if core else 0)
    out.write("Desktop self-test passed.\n" if not failures else "Desktop self-test FAILED.\n")
    return 0 if not failures else 1


def _draw_pages(
    test: selftest.SelfTest, folder: Path, make_demo: Callable[[Path], DemoWallet]
) -> None:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from ui.charts.view import ChartView
    from ui.mainwindow import MainWindow
    from ui.screenshots import settle
    from ui.session import Session
    from ui.tasks import TaskRunner
    from ui.workspace import PAGES
    from wallet.settings import Settings

    _app = QApplication.instance() or QApplication(["selfdata-wallet"])
    demo = make_demo(folder / "wallet")
    added = sum(result.added for result in demo.imported)
    test.out.write(f"ok      demo wallet: {len(demo.imported)} batch(es), {added} record(s)\n")
    session = Session(TaskRunner(inline=True), Settings(folder / "settings.json"))
    window = MainWindow(session, demo.root)
    window.resize(1100, 720)
    window.show()
    window.open_wallet(demo.wallet)
    try:
        for key, _, _ in PAGES:

            def draw(key: str = key) -> str:
                page = window.workspace.show_page(key)
                settle(timeout_ms=100)
                image = window.grab().toImage()
                if image.isNull() or image.width() < 100:
                    raise WalletError("Qt drew nothing")
                charts = [c for c in page.findChildren(ChartView) if c.has_data]
                if key in CHART_PAGES and (getattr(page, "showing_empty", False) or not charts):
                    raise WalletError("the page shows no chart although the demo has data")
                return (
                    f"drew {image.width()}x{image.height()} ({QGuiApplication.platformName()}), "
                    f"{len(charts)} chart(s) with data"
                )

            test.step(f"page {key}", draw)
        window.lock()
        left = [c for c in window.findChildren(ChartView) if c.has_data]
        if left or window.session.is_unlocked:
            raise WalletError("locking left data on the pages")
        test.out.write("ok      lock: every page forgot what it showed\n")
    finally:
        window.close()
        window.deleteLater()
