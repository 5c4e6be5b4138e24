"""A support report tells the help desk why a file failed, and never a value from the file."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import REPO, RESOURCE_SAMPLES, SHARED_SAMPLES, run_cli
from wallet.helpdesk import outcomes
from wallet.paths import state_dir

# A meter number in the file name, as Enedis names its files: the report must not carry it.
PRM_IN_NAME = "98765432109876"

OWN_CSV = (
    "dataset,meter,quantity,start,end,value,unit\n"
    "electricity,PRM-55501234567,consumption,2025-03-01T00:00:00+01:00,"
    "2025-03-02T00:00:00+01:00,17.25,kWh\n"
    "electricity,PRM-55501234567,consumption,2025-03-02T00:00:00+01:00,"
    "2025-03-03T00:00:00+01:00,notanumber,kWh\n"
    "electricity,PRM-55501234567,consumption,2025-03-03T00:00:00+01:00,"
    "2025-03-04T00:00:00+01:00,19.75,kWh\n"
)


def shared_samples() -> Path:
    """shared/samples beside the checkout, or beside a folder above it (a git worktree)."""
    if SHARED_SAMPLES.is_dir():
        return SHARED_SAMPLES
    for parent in REPO.parents:
        if (parent / "shared" / "samples").is_dir():
            return parent / "shared" / "samples"
    return SHARED_SAMPLES


def samples() -> list[Path]:
    found = []
    for folder in (RESOURCE_SAMPLES, shared_samples()):
        if folder.is_dir():
            found.extend(sorted(p for p in folder.rglob("*") if p.is_file()))
    return found


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _is_header_row(cells: list[str]) -> bool:
    filled = [c.strip().strip('"') for c in cells if c.strip().strip('"')]
    return bool(filled) and all(c[0].isalpha() for c in filled)


def _rows_values(rows: list[list[str]]) -> set[str]:
    """Every cell longer than 2 characters that is not a header word."""
    header: set[str] = set()
    data: set[str] = set()
    for row in rows:
        cells = {c.strip().strip('"').strip() for c in row}
        (header if _is_header_row(row) else data).update(cells)
    return {v for v in data | (header & data) if len(v) > 2}


def _json_values(document: Any, keys: set[str], leaves: set[str]) -> None:
    if isinstance(document, dict):
        for key, value in document.items():
            keys.add(key)
            _json_values(value, keys, leaves)
    elif isinstance(document, list):
        for item in document:
            _json_values(item, keys, leaves)
    elif document is not None and not isinstance(document, bool):
        leaves.add(str(document))


def values_of(path: Path) -> set[str]:
    """The test's own reading of a sample: its cells, minus the header words."""
    data = path.read_bytes()
    if data.startswith(b"PK"):
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = [
            ["" if v is None else str(v) for v in row]
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        ]
        book.close()
        return _rows_values(rows)
    text = _decode(data)
    if text.lstrip().startswith(("{", "[")):
        keys: set[str] = set()
        leaves: set[str] = set()
        _json_values(json.loads(text), keys, leaves)
        # A key that is also a value (a meter number used as a key) stays a value.
        return {v for v in leaves | (keys & leaves) if len(v) > 2}
    delimiter = max((";", ",", "\t"), key=text.count)
    rows = [next(csv.reader([line], delimiter=delimiter), []) for line in text.splitlines()]
    return _rows_values(rows)


def variants(path: Path) -> dict[str, bytes]:
    """The sample as downloaded, and broken the ways downloads break."""
    data = path.read_bytes()
    found = {"good": data, "truncated": data[: max(1, len(data) * 2 // 3)]}
    if data.startswith(b"PK"):
        return found
    text = _decode(data)
    lines = text.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.strip())
    if text.lstrip().startswith(("{", "[")):
        found["bad header"] = text.replace('"', '"Wrong', 1).encode("utf-8")
        return found
    delimiter = max((";", ",", "\t"), key=text.count)
    width = lines[first].count(delimiter) + 1
    bad = delimiter.join(f"Wrong column {i}" for i in range(width)) + "\n"
    found["bad header"] = "".join([*lines[:first], bad, *lines[first + 1 :]]).encode("utf-8")
    other = ";" if delimiter != ";" else "\t"
    found["wrong delimiter"] = text.replace(delimiter, other).encode("utf-8")
    return found


def report_text(tmp_path: Path, wallet_dir: Path) -> str:
    target = tmp_path / "report.zip"
    result = run_cli(wallet_dir, "support-report", str(target))
    assert result.code == 0, result.out
    with zipfile.ZipFile(target) as archive:
        return "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())


def leaked(values: set[str], text: str, baseline: str) -> list[str]:
    """Values found in the report as whole tokens, except words every report has anyway."""
    found = []
    for value in values:
        pattern = re.compile(rf"(?<![\w.:/-]){re.escape(value)}(?![\w.:/-])")
        if pattern.search(text) and not pattern.search(baseline):
            found.append(value)
    return sorted(found)


def clear_notes() -> None:
    for name in (outcomes.LAST_IMPORT, outcomes.FAILED_IMPORTS):
        (state_dir() / name).unlink(missing_ok=True)


@pytest.fixture
def initialised(tmp_path: Path) -> Path:
    wallet_dir = tmp_path / "wallet"
    assert run_cli(wallet_dir, "init", stdin="pass phrase\n").code == 0
    return wallet_dir


def _import(wallet_dir: Path, path: Path) -> int:
    return run_cli(wallet_dir, "import", "--yes", str(path), stdin="pass phrase\n").code


def test_a_report_after_each_sample_good_or_broken_holds_none_of_its_values(
    tmp_path: Path, initialised: Path
) -> None:
    found = samples()
    assert found, "no sample exports to test with"
    baseline = report_text(tmp_path, initialised)
    checked = 0
    own = tmp_path / "own.csv"
    own.write_text(OWN_CSV, encoding="utf-8")
    for sample in [own, *found]:
        values = values_of(sample) | {PRM_IN_NAME}
        for kind, data in variants(sample).items():
            clear_notes()
            path = tmp_path / f"{PRM_IN_NAME}_{sample.name}"
            path.write_bytes(data)
            assert _import(initialised, path) in (0, 1, 2)
            text = report_text(tmp_path, initialised)
            assert leaked(values, text, baseline) == [], f"{sample.name} ({kind})"
            checked += 1
    assert checked >= 3 * len(found)


def test_a_refused_file_is_described_by_its_structure(tmp_path: Path, initialised: Path) -> None:
    path = tmp_path / f"conso_{PRM_IN_NAME}.csv"
    path.write_text(
        "Identifiant PRM;Date de releve;Valeur (Wh)\n"
        f"{PRM_IN_NAME};01/03/2024;12874\n"
        f"{PRM_IN_NAME};02/03/2024;15301\n",
        encoding="cp1252",
    )
    assert _import(initialised, path) == 2
    failure = outcomes.load_failures()[0]
    assert failure["outcome"] == "refused"
    assert failure["importer"] is None
    assert failure["file"].startswith(".csv sha256:")
    structure = failure["structure"]
    assert structure["kind"] == "csv"
    assert structure["delimiter"] == ";"
    assert structure["line_count"] == 3
    assert structure["header_line"] == 1
    assert structure["columns"] == ["Identifiant PRM", "Date de releve", "Valeur (Wh)"]
    assert structure["line_shapes"][1] == "line 2: 3 cells: identifier,date,int"
    assert "selfdata_csv" in [t["importer"] for t in failure["importers_tried"]]
    assert PRM_IN_NAME not in json.dumps(failure)


def test_unreadable_lines_are_reported_by_number_and_kind(
    tmp_path: Path, initialised: Path
) -> None:
    path = tmp_path / "own.csv"
    path.write_text(OWN_CSV, encoding="utf-8")
    assert _import(initialised, path) == 1
    last = outcomes.last_import()
    assert last is not None
    assert (last["outcome"], last["added"], last["rejected"]) == ("partial", 2, 1)
    failure = outcomes.load_failures()[0]
    assert failure["errors"] == [{"line": 3, "kind": "value is not a number"}]
    text = report_text(tmp_path, initialised)
    assert "line 3: value is not a number" in text
    assert "PRM-55501234567" not in text and "17.25" not in text


def test_a_text_report_says_what_failed_and_hides_the_home_folder(
    tmp_path: Path, initialised: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello\n", encoding="utf-8")
    assert _import(initialised, path) == 2
    target = tmp_path / "report.txt"
    assert run_cli(initialised, "support-report", str(target)).code == 0
    text = target.read_text(encoding="utf-8")
    assert "== Files that could not be imported" in text
    assert "outcome: refused" in text
    assert "kind text" in text
    assert str(Path.home()) not in text


def test_only_the_last_five_failures_are_kept(tmp_path: Path, initialised: Path) -> None:
    for number in range(7):
        path = tmp_path / f"bad{number}.txt"
        path.write_text("x" * (number + 1), encoding="utf-8")
        _import(initialised, path)
    kept = outcomes.load_failures()
    assert [f["structure"]["size"] for f in kept] == [7, 6, 5, 4, 3]


def test_a_json_outline_names_keys_but_not_identifier_keys(tmp_path: Path) -> None:
    from wallet.helpdesk.structure import describe

    path = tmp_path / "export.json"
    path.write_text(
        json.dumps({"01234567890123": {"releves": [{"energie": 75}, {"energie": 80}]}}),
        encoding="utf-8",
    )
    found = describe(path)
    assert found.kind == "json"
    assert found.json_outline == [
        "$: object (1 keys)",
        "$.(a key): object (1 keys)",
        "$.(a key).releves: array of 2",
        "$.(a key).releves[]: object (1 keys)",
        "$.(a key).releves[].energie: number",
    ]
    assert "01234567890123" in found.data_cells  # kept only to scrub free texts


def test_scrub_removes_the_file_name_and_its_cells() -> None:
    said = outcomes.scrub(
        "conso_123.csv looks like X: found 0123456789, Dupont",
        {"0123456789", "Dupont"},
        "conso_123.csv",
    )
    assert said == "the file looks like X: found …, …"


def test_a_report_speaks_of_its_own_wallet_only(tmp_path: Path, initialised: Path) -> None:
    # Two wallets of one user (a help desk's computer): the other wallet's later failure must
    # not lead this wallet's report or its doctor's "last import".
    other = tmp_path / "other"
    assert run_cli(other, "init", stdin="pass phrase\n").code == 0
    mine = tmp_path / "mine.txt"
    mine.write_text("mine\n", encoding="utf-8")
    theirs = tmp_path / "theirs.json"
    theirs.write_text('{"not": "an export"}\n', encoding="utf-8")
    assert _import(initialised, mine) == 2
    assert _import(other, theirs) == 2
    text = report_text(tmp_path, initialised)
    assert "kind text" in text and "kind json" not in text
    report = json.loads(text[text.index('{\n  "made_at"') :])
    assert [f["structure"]["kind"] for f in report["failed_imports"]] == ["text"]
    assert report["last_import"]["file"].startswith(".txt ")
    other_text = report_text(tmp_path, other)
    assert "kind json" in other_text and "kind text" not in other_text


def test_a_file_that_failed_twice_is_listed_once(tmp_path: Path, initialised: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello\n", encoding="utf-8")
    assert _import(initialised, path) == 2
    assert _import(initialised, path) == 2
    text = report_text(tmp_path, initialised)
    assert text.count("-- 1. .txt sha256:") == 1 and "-- 2." not in text


def test_an_ofx_is_described_by_its_tags_not_as_a_one_column_csv(
    tmp_path: Path, initialised: Path
) -> None:
    source = Path(__file__).parent / "data" / "benefits" / "releve_mixte_memo_vide.ofx"
    data = source.read_bytes()
    path = tmp_path / "releve.ofx"
    path.write_bytes(data[: data.index(b"</BANKTRANLIST>")])  # cut short: refused
    assert _import(initialised, path) == 2
    failure = outcomes.load_failures()[0]
    structure = failure["structure"]
    assert structure["kind"] == "ofx"
    assert structure["delimiter"] is None and structure["columns"] == []
    outline = structure["ofx_outline"]
    assert outline[0].startswith("header keys: OFXHEADER, DATA, VERSION")
    assert "OFX > BANKMSGSRSV1 > STMTTRNRS > STMTRS > BANKTRANLIST > STMTTRN (x6)" in outline
    memo = "OFX > BANKMSGSRSV1 > STMTTRNRS > STMTRS > BANKTRANLIST > STMTTRN > MEMO"
    assert f"{memo}: empty (x3)" in outline and f"{memo}: value (x3)" in outline
    assert "cut short" in failure["message"]
    text = report_text(tmp_path, initialised)
    for value in ("04212345678", "412,36", "MARCHE U", "SALAIRE", "1058,71"):
        assert value not in text
