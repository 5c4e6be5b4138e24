"""My rights in the desktop program, offscreen: the questionnaire, the estimate, the alert."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, SINGLE_TENANT
from ui.pages.benefits import BenefitsPage
from ui.pages.overview import OverviewPage
from ui.session import Session
from ui.tasks import TaskRunner
from ui.widgets.household_form import HouseholdDialog
from wallet.rights import household, situation
from wallet.vault import Wallet


@pytest.fixture
def session(wallet: Wallet) -> Iterator[Session]:
    found = Session(TaskRunner(inline=True))
    found.open(wallet)
    yield found


def test_the_questionnaire_returns_checked_answers_and_shows_what_is_wrong(
    qtbot: QtBot,
) -> None:
    dialog = HouseholdDialog(household.from_json(SINGLE_TENANT))
    qtbot.addWidget(dialog)
    adult = dialog.adult_boxes[0]
    assert adult.birth.text() == "1985-05-10"
    assert dialog.housing_status.currentData() == "tenant"
    adult.incomes["salary"].setText("1 200,50")
    dialog.child_count.setValue(1)
    dialog.child_births[0].setText("2020-02-30")  # no such day
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    save.click()
    assert dialog.household is None
    assert "children[0].birth_date" in dialog.error.text()
    dialog.child_births[0].setText("2020-02-29")
    save.click()
    assert dialog.household is not None
    assert dialog.household.adults[0].incomes_cents["salary"] == 120050
    assert dialog.household.housing.commune == "69383"
    unanswered = HouseholdDialog(None)
    qtbot.addWidget(unanswered)
    assert household.from_json(unanswered.answers()).children is None


def test_the_rights_tab_estimates_and_the_overview_alert_can_be_dismissed(
    rights_model: object, qtbot: QtBot, session: Session, wallet: Wallet, tmp_path: Path
) -> None:
    wallet.save_household(household.from_json(SINGLE_TENANT))
    current = date.today().strftime("%Y-%m")
    months = situation.month_keys(situation.shift(current, -3), current)
    lines = ["account,payer,benefit,paid_on,period_start,period_end,amount,currency"]
    lines += [
        f"CAF-1,CAF,Aide personnalisée au logement,{m}-28,{m}-01,{m}-28,250.00,EUR"
        for m in months[:3]
    ]
    payments = tmp_path / "payments.csv"
    payments.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wallet.import_file(payments)

    page = BenefitsPage(session)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.show_rights()
    view = page.rights_view
    assert view.report is None and "Describe your household" in view.notice.text()
    view.estimate()
    assert view.report is not None
    assert "not a decision" in view.notice.text()
    assert "176.1.8" in view.notice.text()
    rows = view.model.table.rows
    benefits = {row[1] for row in rows}
    assert "Earned income supplement (RSA)" in benefits
    housing = [r for r in rows if r[0] == months[0] and r[1].startswith("Housing benefit")]
    assert housing[0][3] == 250.0  # paid, beside the estimate
    rsa = [r for r in rows if r[1] == "Earned income supplement (RSA)"]
    assert all("caf.fr" in r[5] for r in rsa)

    overview = OverviewPage(session)
    qtbot.addWidget(overview)
    overview.show()
    overview.refresh()
    assert overview.alert_box.isVisible()
    assert "Earned income supplement (RSA)" in overview.alert_label.text()
    overview.alert_dismiss.click()
    assert not overview.alert_box.isVisible()
    overview.refresh()
    assert not overview.alert_box.isVisible()  # dismissed: never nagging

    session.lock()
    assert view.report is None and view.model.rowCount() == 0
    assert not overview.alert_box.isVisible()
    with Wallet.unlock(wallet.paths.root, PASSPHRASE) as again:
        assert again.rights_alerts(date.today()) == []
