"""The import wizard: each sample export through the page, summaries against the vault,
rejected lines, choosing the kind by hand, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from importers import registry
from importers.base import read_sample
from importers.mapping import Mapping
from tests.conftest import PASSPHRASE, RESOURCE_SAMPLES
from tests.test_mapping import CITY_CSV
from tests.uihelpers import make_window, wait
from ui.mainwindow import MainWindow
from ui.pages.imports import ImportsPage
from wallet import mappings
from wallet.demo import sample_files
from wallet.queries import counts
from wallet.vault import Wallet

RECOGNISED = [
    p
    for p in sample_files(RESOURCE_SAMPLES)
    if registry.rank(read_sample(p))[0].detection.confidence >= registry.ACCEPT_THRESHOLD
]


def open_window(qtbot: QtBot, wallet: Wallet, *, inline: bool = True) -> MainWindow:
    window = make_window(qtbot, wallet.paths.root, inline=inline)
    window.open_wallet(wallet)
    return window


def imports_page(window: MainWindow) -> ImportsPage:
    page = window.workspace.show_page("imports")
    assert isinstance(page, ImportsPage)
    return page


def total_rows(wallet: Wallet) -> int:
    return sum(counts(wallet.conn).values())


def test_there_are_samples_to_import() -> None:
    assert len(RECOGNISED) >= 3


@pytest.mark.parametrize("sample", RECOGNISED, ids=lambda p: p.name)
def test_each_sample_through_the_wizard(qtbot: QtBot, wallet: Wallet, sample: Path) -> None:
    window = open_window(qtbot, wallet, inline=False)
    page = imports_page(window)
    page.choose_files([sample])
    wait(qtbot, lambda: not page.previewing)
    assert "Detected:" in page.detected.text()
    assert page.preview_model.rowCount() > 0
    before = total_rows(wallet)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    confirm_if_asked(qtbot, page)
    wait(qtbot, lambda: bool(page.outcomes), timeout=60_000)
    wait(qtbot, lambda: not page.importing)
    (outcome,) = page.outcomes
    assert outcome.result is not None, outcome.problem
    added = total_rows(wallet) - before
    assert added > 0
    assert outcome.result.added == added
    assert f"added {page_number(added)}," in page.summary.text()
    assert f"rejected {page_number(outcome.result.rejected_count)}." in page.summary.text()
    # The history shows the new batch with the same count.
    assert page.batches_model.rowCount() == 1
    assert page.batches_model.rows[0].rows_now == added
    # Importing the same file again adds nothing: everything is already present.
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    confirm_if_asked(qtbot, page)
    wait(qtbot, lambda: not page.importing, timeout=60_000)
    assert page.outcomes[0].result is not None
    assert page.outcomes[0].result.added == 0
    # Every record is present now (a file's own duplicate rows were already present once).
    assert page.outcomes[0].result.present == outcome.result.added + outcome.result.present
    assert total_rows(wallet) == before + added


def confirm_if_asked(qtbot: QtBot, page: ImportsPage) -> None:
    """Benefit PDFs and bank statements ask before storing: the person says yes."""
    wait(qtbot, lambda: not page.importing or page.bridge.dialog is not None, timeout=60_000)
    dialog = page.bridge.dialog
    if dialog is not None:
        assert dialog.model.rowCount() > 0
        qtbot.mouseClick(dialog.store, Qt.MouseButton.LeftButton)


def page_number(value: int) -> str:
    from ui import format as fmt

    return fmt.number(value)


def test_rejected_lines_shown_with_reasons_and_summary(
    qtbot: QtBot, wallet: Wallet, tmp_path: Path
) -> None:
    bad = tmp_path / "mixed.csv"
    bad.write_text(
        "account,payer,benefit,paid_on,period_start,period_end,amount,currency\n"
        "A1,CAF,APL,2024-01-05,2023-12-01,2023-12-31,231.45,EUR\n"
        "A1,CAF,APL,2024-02-05,2024-01-01,2024-01-31,abc,EUR\n"
        "A1,CAF,APL,2024-03-05,2024-02-01,2024-02-29,231.45,EUR\n"
        "A1,CAF,APL\n",
        encoding="utf-8",
    )
    window = open_window(qtbot, wallet)
    page = imports_page(window)
    page.choose_files([bad])
    assert page.preview_model.rowCount() == 2
    assert [r.line for r in page.rejected_model.rows] == [3, 5]
    assert "not a number" in page.rejected_model.rows[0].reason
    assert "abc" not in " ".join(r.reason for r in page.rejected_model.rows)
    assert "(2)" in page.tabs.tabText(1)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert "added 2, already present 0, rejected 2." in page.summary.text()
    assert counts(wallet.conn)["benefits"] == 2


def test_unrecognised_file_says_why_and_cannot_be_imported(
    qtbot: QtBot, wallet: Wallet, tmp_path: Path
) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("shopping list\nmilk\n", encoding="utf-8")
    window = open_window(qtbot, wallet)
    page = imports_page(window)
    page.choose_files([odd])
    assert "Not recognised" in page.detected.text()
    assert not page.import_button.isEnabled()
    assert page.kind.currentIndex() == -1


def test_choosing_the_kind_by_hand(qtbot: QtBot, wallet: Wallet, tmp_path: Path) -> None:
    # A header the detector does not accept; read as the wallet's CSV it has no good line.
    odd = tmp_path / "renamed.csv"
    odd.write_text("card,started\nX,2024-01-01\n", encoding="utf-8")
    window = open_window(qtbot, wallet)
    page = imports_page(window)
    page.choose_files([odd])
    assert not page.import_button.isEnabled()
    index = page.kind.findData("selfdata_csv")
    page.kind.setCurrentIndex(index)
    page.kind.activated.emit(index)
    assert page.current is not None and page.current.source == "selfdata_csv"
    assert page.import_button.isEnabled()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert "not imported" in page.summary.text()
    assert total_rows(wallet) == 0


def test_undo_removes_the_batch(qtbot: QtBot, wallet: Wallet) -> None:
    sample = next(p for p in RECOGNISED if "benefits" in p.name)
    window = open_window(qtbot, wallet)
    page = imports_page(window)
    page.choose_files([sample])
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    added = page.outcomes[0].result.added  # type: ignore[union-attr]
    assert counts(wallet.conn)["benefits"] == added > 0
    page.history_view.selectRow(0)
    assert page.undo_button.isEnabled()
    questions: list[str] = []
    page.ask = lambda _title, text: questions.append(text) is None and False
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert counts(wallet.conn)["benefits"] == added  # said no: nothing removed
    page.ask = lambda _title, _text: True
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert counts(wallet.conn)["benefits"] == 0
    assert page.batches_model.rowCount() == 0
    assert sample.name in questions[0]
    assert str(added) in page.summary.text()


def test_guide_for_the_chosen_kind(qtbot: QtBot, wallet: Wallet) -> None:
    from ui.widgets.guide import GuideDialog

    window = open_window(qtbot, wallet)
    page = imports_page(window)
    page.choose_files([RESOURCE_SAMPLES / "selfdata_electricity_daily.csv"])
    qtbot.mouseClick(page.guide_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(GuideDialog)
    assert dialog is not None and dialog.isVisible()
    assert "selfdata export" in dialog.browser.toPlainText()
    dialog.close()


def test_a_file_matching_a_saved_mapping_is_detected_in_the_wizard(
    qtbot: QtBot, wallet: Wallet, tmp_path: Path
) -> None:
    city = tmp_path / "regie.csv"
    city.write_text(CITY_CSV, encoding="utf-8")
    window = open_window(qtbot, wallet, inline=False)
    page = imports_page(window)
    page.choose_files([city])
    assert "Not recognised" in page.detected.text()  # no mapping yet
    mappings.save(
        wallet.conn,
        Mapping(
            "Régie",
            ("N° compteur", "Date", "Consommation (kWh)", "Remarque"),
            "Date",
            "dd/mm/yyyy",
            "Consommation (kWh)",
            "kWh",
            "electricity",
            meter_column="N° compteur",
        ),
    )
    window.lock()
    window.open_wallet(Wallet.unlock(wallet.paths.root, PASSPHRASE))
    page = imports_page(window)
    assert page.kind.findData("mapping:Régie") >= 0
    page.choose_files([city])
    wait(qtbot, lambda: not page.previewing)
    assert "Detected: the saved mapping 'Régie'" in page.detected.text()
    # Five rows: M-77 on four days (one of them without a value) and M-78 once.
    assert page.preview_model.rowCount() == 5
    assert page.rejected_model.rowCount() == 0
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wait(qtbot, lambda: bool(page.outcomes), timeout=60_000)
    (outcome,) = page.outcomes
    assert outcome.result is not None and outcome.result.importer == "mapping:Régie"
    assert outcome.result.added == 5
    # Locking forgets the wallet's mappings along with everything else.
    window.lock()
    assert page.saved_mappings == [] and page.kind.findData("mapping:Régie") == -1


def test_a_spreadsheet_damaged_meter_number_is_confirmed_by_the_person(
    qtbot: QtBot, wallet: Wallet
) -> None:
    data = Path(__file__).parent / "data" / "electricity"
    window = open_window(qtbot, wallet, inline=False)
    page = imports_page(window)
    for name, answer in (
        ("Enedis_Conso_Heure_20241104-20241105_23128212345678.csv", None),
        ("Enedis_Conso_Heure_resaved_by_excel.csv", "yes"),
    ):
        page.choose_files([data / name])
        wait(qtbot, lambda: not page.previewing)
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
        if answer:
            wait(qtbot, lambda: page.bridge.question is not None, timeout=60_000)
            question = page.bridge.question
            assert question is not None and "23128212345678" in question.text()
            yes = question.button(question.StandardButton.Yes)
            qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
        wait(qtbot, lambda: bool(page.outcomes), timeout=60_000)
        wait(qtbot, lambda: not page.importing, timeout=60_000)
    (outcome,) = page.outcomes
    assert outcome.result is not None, outcome.problem
    assert (outcome.result.added, outcome.result.present) == (0, 6)
    identifiers = [row[0] for row in wallet.conn.execute("SELECT identifier FROM entities")]
    assert identifiers == ["23128212345678"]
