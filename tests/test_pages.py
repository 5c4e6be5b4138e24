"""The chart pages against real wallets, offscreen: empty states, data, clearing, CSV export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests import chartdata
from ui.pages.energy import EnergyPage
from ui.session import Session
from ui.tasks import TaskRunner
from wallet.vault import Wallet


@pytest.fixture
def session(wallet: Wallet) -> Iterator[Session]:
    found = Session(TaskRunner(inline=True))
    found.open(wallet)
    yield found


@pytest.fixture
def filled(session: Session, wallet: Wallet, tmp_path: Path) -> Session:
    chartdata.fill(wallet, tmp_path)
    return session


def test_energy_page_empty_says_what_to_import(qtbot: QtBot, session: Session) -> None:
    page = EnergyPage(session)
    qtbot.addWidget(page)
    page.refresh()
    assert page.showing_empty
    assert "Enedis" in page.empty_label.text()


def test_energy_page_with_data(qtbot: QtBot, filled: Session) -> None:
    page = EnergyPage(filled)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.refresh()
    assert not page.showing_empty
    page.grab().save("/tmp/energy_page.png")
