"""Control characters from outside reach neither the terminal nor the log raw.

A file name with terminal escape sequences, a feed version with a newline that would forge an
"ERROR" line: what the program prints or logs shows them escaped.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from wallet import logs
from wallet.safetext import for_json, for_log, for_terminal

ESC = "\x1b"
FORGED = "1.0\n2026-01-01 00:00:00 ERROR   The wallet database was deleted."


def test_the_escapes_leave_text_readable() -> None:
    assert for_terminal("Relevé élève 日本\nnext line\tcol") == "Relevé élève 日本\nnext line\tcol"
    assert for_terminal(f"{ESC}[2J{ESC}]0;title\x07") == "\\x1b[2J\\x1b]0;title\\x07"
    assert for_terminal("\x9b31m\u202eevil") == "\\x9b31m\\u202eevil"
    assert for_log("a\nb\rc\td") == "a\\x0ab\\x0dc\\x09d"
    dumped = json.dumps({"name": "x\x9by\u202e"}, ensure_ascii=False)
    assert json.loads(for_json(dumped)) == {"name": "x\x9by\u202e"}  # still the same JSON
    assert "\x9b" not in for_json(dumped) and "\u202e" not in for_json(dumped)


def test_a_forged_newline_makes_no_log_line(tmp_path: Path) -> None:
    logs.setup_logging(directory=tmp_path)
    logs.get_logger("updates").warning("The feed offers version %s.", FORGED)
    lines = (tmp_path / logs.LOG_FILE).read_text(encoding="utf-8").splitlines()
    assert len([line for line in lines if "feed offers" in line]) == 1
    assert not any(line.startswith("2026-01-01") for line in lines)


def test_a_file_name_with_escape_sequences_reaches_the_terminal_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wallet_dir = tmp_path / "wallet"
    assert run_cli(wallet_dir, "init").code == 0
    capsys.readouterr()
    export = tmp_path / f"conso{ESC}[2J{ESC}]0;pwned\x07.csv"
    export.write_text(
        "dataset,meter,quantity,start,end,value,unit\n"
        "electricity,30001234567890,consumption,2025-03-01T00:00:00+01:00,"
        "2025-03-02T00:00:00+01:00,17.25,kWh\n",
        encoding="utf-8",
    )
    imported = run_cli(wallet_dir, "import", str(export), "--yes")
    listed = run_cli(wallet_dir, "imports")
    printed = imported.out + listed.out + capsys.readouterr().err
    assert imported.code == 0, printed
    assert ESC not in printed and "\x07" not in printed
    assert "\\x1b[2J" in printed
