"""The Sharing page, offscreen, against a real wallet and a real HTTPS service on loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import trustme
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.sharing_support import HttpsService, descriptor, fill_wallet
from ui.pages.sharing import SharingPage
from ui.session import Session
from ui.tasks import TaskRunner
from wallet.settings import Settings
from wallet.sharing import package
from wallet.sharing.delivery import Transport
from wallet.sharing.shares import Sharing
from wallet.vault import Wallet

NOW = datetime(2024, 5, 15, 9, 30, tzinfo=UTC)


@pytest.fixture
def service() -> Iterator[tuple[HttpsService, trustme.CA]]:
    ca = trustme.CA()
    server = HttpsService(ca)
    yield server, ca
    server.close()


@pytest.fixture
def page(
    qtbot: QtBot, wallet: Wallet, tmp_path: Path, service: tuple[HttpsService, trustme.CA]
) -> SharingPage:
    server, ca = service
    fill_wallet(wallet, tmp_path)
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    settings = Settings(tmp_path / "settings.json")

    def factory(opened: Wallet) -> Sharing:
        transport = Transport(ca_bundle=str(bundle), sleep=lambda _s: None)
        return Sharing(opened, settings=settings, clock=lambda: NOW, transport=transport)

    session = Session(TaskRunner(inline=True))
    session.open(wallet)
    widget = SharingPage(session, sharing_factory=factory)
    qtbot.addWidget(widget)
    path = tmp_path / "service.json"
    path.write_text(json.dumps(descriptor(server.origin)), encoding="utf-8")
    widget.add_service_file(path)
    return widget


def test_the_wizard_ends_on_the_preview_and_sends_after_confirmation(
    page: SharingPage, service: tuple[HttpsService, trustme.CA]
) -> None:
    server, _ = service
    assert page.services_list.count() == 1
    page.tabs.setCurrentIndex(1)
    page.dataset_choice.setCurrentText("electricity")
    page.go_to_slice()
    assert page.steps.currentIndex() == 1
    assert page.granularity_choice.currentText() == "month"  # the least the service needs
    page.from_edit.setDate(QDate(2024, 1, 1))
    page.to_edit.setDate(QDate(2024, 3, 31))
    page.make_preview()
    assert page.steps.currentIndex() == 2
    assert page.rows_model.rowCount() == 3
    assert "Test coach" in page.confirm_box.text()
    assert page.axes.patches  # the chart drew one bar per row
    assert not page.send_button.isEnabled()  # nothing leaves before the explicit confirmation

    page.send()  # not confirmed: ignored
    assert server.recorder.received == []

    page.confirm_box.setChecked(True)
    assert page.send_button.isEnabled()
    assert "Test coach" in page.send_button.text()
    previewed = page.preview
    assert previewed is not None
    page.send_button.click()

    assert len(server.recorder.received) == 1
    rows = package.verify(server.recorder.received[0].body).rows("electricity-month.csv")
    assert [list(r.values()) for r in rows] == previewed.tables[0].rows
    assert page.shares_model.rowCount() == 1
    assert page.last_share is not None and page.last_share.state == "sent"


def test_the_ledger_shows_details_and_revokes(
    page: SharingPage, service: tuple[HttpsService, trustme.CA], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, _ = service
    page.go_to_slice()
    page.from_edit.setDate(QDate(2024, 1, 1))
    page.to_edit.setDate(QDate(2024, 2, 29))
    page.make_preview()
    page.confirm_box.setChecked(True)
    page.send()
    page.show_details(0)
    assert "sent" in page.details.toPlainText()
    assert page.revoke_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    page.revoke_button.click()
    assert page.shares_model.shares[0].state == "revoked"
    assert [r.path for r in server.recorder.received] == ["/shares", "/revocations"]


def test_the_wizard_offers_only_what_the_service_allows_and_clear_forgets_everything(
    page: SharingPage, service: tuple[HttpsService, trustme.CA]
) -> None:
    server, _ = service
    page.go_to_slice()
    offered = [page.granularity_choice.itemText(i) for i in range(page.granularity_choice.count())]
    assert offered == ["day", "month"]  # the service allows month or day: no raw, hour, week
    # At most 24 months back from 2024-05-15: the calendar stops at 2022-05-15.
    assert page.from_edit.minimumDate() == QDate(2022, 5, 15)
    page.from_edit.setDate(QDate(2020, 1, 1))
    assert page.from_edit.date() == QDate(2022, 5, 15)

    # A slice built around the widgets (as a script could) is still refused, with the reason.
    page.granularity_choice.addItem("raw")
    page.granularity_choice.setCurrentText("raw")
    page._fill_fields("raw", {"period_start", "period_end"})
    page.make_preview()
    assert page.steps.currentIndex() == 1
    assert "allows electricity at month or day granularity" in page.message.text()
    assert server.recorder.received == []

    page.clear()
    assert page.rows_model.rowCount() == 0
    assert page.shares_model.rowCount() == 0
    assert page.services_list.count() == 0
