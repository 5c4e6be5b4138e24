"""Table models without a window, and the passphrase strength hint."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, Qt

from importers.base import AccountId, Payment, Rejected
from ui.models.imports import RecordsModel, RejectedModel
from ui.tablemodel import SORT_ROLE, sorted_view
from wallet.strength import Strength, strength


def test_records_model_shows_rows_as_stored(qtbot: object) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    model = RecordsModel()
    model.tz = ZoneInfo("Europe/Paris")
    payment = Payment(AccountId("A1"), "CAF", "APL", "2024-01-05", None, None, 23145, "EUR", "x")
    model.set_rows([payment])
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Found in the file" not in headers  # evidence only in the confirmation dialog
    amount = headers.index("Amount")
    assert model.data(model.index(0, amount)) == "€231.45"
    assert model.data(model.index(0, headers.index("Period from"))) == ""
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None
    model.clear()
    assert model.rowCount() == 0


def test_rejected_lines_sort_by_number_not_text(qtbot: object) -> None:
    model = RejectedModel()
    model.set_rows([Rejected(10, "b"), Rejected(9, "a"), Rejected(100, "c")])
    proxy = sorted_view(model)
    proxy.sort(RejectedModel.LINE, Qt.SortOrder.AscendingOrder)
    lines = [proxy.data(proxy.index(r, 0), SORT_ROLE) for r in range(3)]
    assert lines == [9, 10, 100]


def test_strength_hint() -> None:
    assert strength("") is Strength.EMPTY
    assert strength("azerty") is Strength.WEAK
    assert strength("aaaaaaaaaaaaaaaaaaaa") is Strength.WEAK
    assert strength("correct horse battery staple") >= Strength.GOOD
    assert strength("Tr0mbone-Jardin-Pluie-42!") is Strength.STRONG
