"""Logs rotate, say what happened in plain words, and carry no personal data."""

from __future__ import annotations

import logging
from pathlib import Path

from tests.conftest import run_cli
from wallet import logs


def read_log() -> str:
    return logs.log_file().read_text(encoding="utf-8")


def test_an_import_is_logged_with_counts_and_importer_but_no_value(tmp_path: Path) -> None:
    wallet_dir = tmp_path / "wallet"
    assert run_cli(wallet_dir, "init").code == 0
    export = tmp_path / "PRM-70012345678901.csv"
    export.write_text(
        "dataset,meter,quantity,start,end,value,unit\n"
        "electricity,70012345678901,consumption,2025-03-01T00:00:00+01:00,"
        "2025-03-02T00:00:00+01:00,17.25,kWh\n"
        "electricity,70012345678901,consumption,2025-03-02T00:00:00+01:00,"
        "2025-03-03T00:00:00+01:00,oops,kWh\n",
        encoding="utf-8",
    )
    assert run_cli(wallet_dir, "import", str(export)).code == 1
    text = read_log()
    assert "The command 'import' started." in text
    assert (
        "Import with selfdata_csv: 1 rows added, 0 already present, "
        "1 lines could not be read." in text
    )
    assert "The command 'import' finished with exit code 1." in text
    for secret in ("70012345678901", "17.25", "oops", "PRM-", str(tmp_path)):
        assert secret not in text


def test_a_message_that_looks_personal_is_withheld(tmp_path: Path) -> None:
    assert logs.setup_logging(directory=tmp_path) == tmp_path / logs.LOG_FILE
    log = logs.get_logger("test")
    log.info("Meter %s read.", "01234567890123")
    log.info("Mail from %s.", "marie.dupont@example.org")
    log.info("Opened %s.", "/home/marie/Downloads/export.csv")
    log.info("Imported %d rows.", 42)
    try:
        raise ValueError("could not convert string to float: '3528 0000 0000'")
    except ValueError:
        log.exception("A file could not be read")
    text = (tmp_path / logs.LOG_FILE).read_text(encoding="utf-8")
    assert text.count(logs.WITHHELD) == 3
    assert "Imported 42 rows." in text
    assert "A file could not be read (ValueError)" in text
    for secret in ("01234567890123", "marie", "3528", "Traceback"):
        assert secret not in text


def test_logs_rotate(tmp_path: Path) -> None:
    logs.setup_logging(directory=tmp_path / "small", max_bytes=2_000)
    log = logs.get_logger("test")
    for number in range(200):
        log.info("Step %d of a long job went well.", number)
    files = sorted(p.name for p in (tmp_path / "small").iterdir())
    assert files == [logs.LOG_FILE] + [f"{logs.LOG_FILE}.{n}" for n in range(1, logs.BACKUPS + 1)]
    assert all(p.stat().st_size <= 2_100 for p in (tmp_path / "small").iterdir())


def test_an_unwritable_log_folder_does_not_stop_the_program(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert logs.setup_logging(directory=blocker / "logs") is None
    logs.get_logger("test").info("Still running.")  # no handler: nothing raised
    assert logging.getLogger("selfdata").handlers == []
