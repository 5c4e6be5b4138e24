"""Rows an importer reads and deliberately does not store are counted and named (defect 4):
on the command line, in ``--json``, in ``selfdata imports``, in the batch's record and on the
Imports page. The file is an Enedis "Mes mesures" load curve (HDM CSV, FORMATS.md section 1.1)
in which one stamp comes four times, as in Enedis' own CDC_duplicates export.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import run_cli
from tests.test_ui_i18n import translations  # noqa: F401  (the program's catalogues)
from tests.test_ui_imports import imports_page, open_window
from ui.i18n import Translations
from wallet import batches
from wallet.vault import Wallet

HEAD = (
    "\ufeffIdentifiant PRM;Type de donnees;Date de debut;Date de fin;Grandeur physique;"
    "Grandeur metier;Etape metier;Unite;Pas en minutes\n"
    "01234567890123;Courbe de charge;14/05/2024;15/05/2024;Energie active;Consommation;"
    "Comptage Brut;W;\n"
    "Horodate;Valeur\n"
)
ROWS = [
    "2024-05-14T00:30:00+02:00;400",
    "2024-05-14T01:00:00+02:00;600",
    "2024-05-14T01:00:00+02:00;600",
    "2024-05-14T01:00:00+02:00;600",
    "2024-05-14T01:00:00+02:00;600",
    "2024-05-14T01:30:00+02:00;800",
    "2024-05-14T02:00:00+02:00;1000",
]


def repeated_file(tmp_path: Path) -> Path:
    path = tmp_path / "Enedis_Conso_Heure_20240514-20240515_01234567890123.csv"
    path.write_text(HEAD + "\n".join(ROWS) + "\n", encoding="utf-8")
    return path


def test_repeated_rows_are_named_on_the_command_line(tmp_path: Path, wallet_dir: Path) -> None:
    assert run_cli(wallet_dir, "init").code == 0
    path = repeated_file(tmp_path)
    summary = json.loads(run_cli(wallet_dir, "--json", "import", str(path)).out)["files"][0]
    assert (summary["added"], summary["rejected"]) == (4, 0)
    assert summary["not_stored"] == {"repeated": 3}
    listed = json.loads(run_cli(wallet_dir, "--json", "imports").out)
    assert listed[0]["not_stored"] == {"repeated": 3}
    # Again: the four readings are present now, the three repeats still named.
    text = run_cli(wallet_dir, "import", str(path)).out
    assert "added 0, already present 4, rejected 0; 3 repeated rows, kept once" in text
    assert "3 repeated rows, kept once" in run_cli(wallet_dir, "imports").out
    # Energy: (400 + 600 + 800 + 1000) W x 0.5 h = 1.4 kWh, the repeated hour once.
    series = run_cli(
        wallet_dir, "--json", "series", "electricity", "--granularity", "day",
        "--from", "2024-05-14", "--to", "2024-05-14",
    )  # fmt: skip
    assert json.loads(series.out)[0]["value"] == 1.4


def test_repeated_rows_are_named_on_the_imports_page(
    qtbot: QtBot,
    wallet: Wallet,
    tmp_path: Path,
    translations: Translations,  # noqa: F811
) -> None:
    window = open_window(qtbot, wallet)
    page = imports_page(window)
    page.choose_files([repeated_file(tmp_path)])
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert "added 4, already present 0, rejected 0." in page.summary.text()
    assert "3 repeated rows, kept once." in page.summary.text()
    (batch,) = batches.list_batches(wallet.conn)
    assert batch.not_stored == {"repeated": 3}
    model = page.batches_model
    assert model.display(batch, model.NOT_STORED) == "3"
    assert model.tooltip(batch, model.NOT_STORED) == "3 repeated rows, kept once"
    translations.apply("fr")
    page.choose_files([repeated_file(tmp_path)])
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert "3 lignes répétées, gardées une fois." in page.summary.text()
