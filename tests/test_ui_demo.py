"""The demo wallet (core) and ``selfdata-wallet --demo --screenshots DIR`` (the whole program)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from ui.pages.energy import EnergyPage
from ui.screenshots import empty_charts
from ui.session import Session
from ui.tasks import TaskRunner
from ui.workspace import PAGES
from wallet.demo import DEMO_META, DEMO_NOTE, create_demo
from wallet.queries import counts
from wallet.vault import Wallet


def test_the_demo_is_one_made_up_household_the_same_every_time(tmp_path: Path) -> None:
    first = create_demo(tmp_path / "one")
    second = create_demo(tmp_path / "two")
    try:
        assert counts(first.wallet.conn) == counts(second.wallet.conn)
        query = "SELECT sum(value), count(*) FROM energy_readings WHERE quantity = 'consumption'"
        assert first.wallet.conn.execute(query).fetchone() == (
            second.wallet.conn.execute(query).fetchone()
        )
        assert first.wallet.get_meta(DEMO_META) == DEMO_NOTE  # never taken for a resident's
        batches = [r.importer for r in first.imported]
        assert all(b.startswith("demo_") for b in batches if b != "gpx_track")
    finally:
        first.wallet.lock()
        second.wallet.lock()


@pytest.mark.timeout(660)
def test_screenshots_one_png_per_page(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(temp))
    done = subprocess.run(
        [sys.executable, "-m", "ui.app", "--demo", "--screenshots", str(shots)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # the tour loads the benefits model once for My rights
    )
    # The tour fails when a page or one of its tabs shows no chart: the demo fills them all.
    assert done.returncode == 0, done.stdout + done.stderr
    assert "screenshots:" not in done.stdout
    names = sorted(p.name for p in shots.glob("*.png"))
    for key, _, _ in PAGES:
        assert any(name.endswith(f"-{key}.png") for name in names), key
    assert any(name.endswith("-unlock.png") for name in names)
    for path in shots.glob("*.png"):
        image = QImage(str(path))
        assert image.width() >= 800 and image.height() >= 500
    # The throwaway wallet is gone.
    assert not list(temp.glob("selfdata-demo-*"))


def test_the_tour_notices_a_page_without_charts(qtbot: QtBot, wallet: Wallet) -> None:
    session = Session(TaskRunner(inline=True))
    session.open(wallet)  # an empty wallet: the energy page says what to import
    page = EnergyPage(session)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert empty_charts(page) == ["the page shows its empty-page text"]
