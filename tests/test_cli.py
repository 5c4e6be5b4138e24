"""The `selfdata` command line end to end, on a real wallet, with the wallet's own CSV formats."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import PASSPHRASE, run_cli

ENERGY = """dataset,meter,quantity,start,end,value,unit
electricity,PRM-CANARY-001,consumption,2024-03-30T00:00:00+01:00,2024-03-31T00:00:00+01:00,10.5,kWh
electricity,PRM-CANARY-001,consumption,2024-03-31T00:00:00+01:00,2024-04-01T00:00:00+02:00,8,kWh
electricity,PRM-CANARY-001,consumption,2024-04-01T00:00:00+02:00,2024-04-01T00:30:00+02:00,1000,W
electricity,PRM-CANARY-001,consumption,2024-04-01T00:30:00+02:00,2024-04-01T01:00:00+02:00,,W
"""
TRIPS = """card,started_at,ended_at,mode,line,origin,destination,fare,currency
CARD-CANARY-9,2024-04-02T08:00:00+02:00,2024-04-02T08:20:00+02:00,tram,T1,Gare,Hôtel de Ville,1.70,EUR
CARD-CANARY-9,,2024-04-02T18:20:00+02:00,bus,4,,Gare,1.70,EUR
"""
PAYMENTS = """account,payer,benefit,paid_on,period_start,period_end,amount,currency
ACC-CANARY-5,CAF,Aide personnalisée au logement,2024-02-05,2024-01-01,2024-01-31,312.47,EUR
ACC-CANARY-5,CAF,Aide personnalisée au logement,2024-03-05,2024-02-01,2024-02-29,312.47,EUR
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def init(wallet_dir: Path) -> str:
    result = run_cli(wallet_dir, "--json", "init")
    assert result.code == 0
    return str(json.loads(result.out)["recovery_code"])


def test_import_reimport_undo_export(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    energy = write(tmp_path, "energy.csv", ENERGY)
    first = run_cli(wallet_dir, "--json", "import", str(energy))
    assert first.code == 0
    summary = json.loads(first.out)["files"][0]
    assert (summary["added"], summary["already_present"], summary["rejected"]) == (4, 0, 0)

    again = json.loads(run_cli(wallet_dir, "--json", "import", str(energy)).out)["files"][0]
    assert (again["added"], again["already_present"]) == (0, 4)

    # An overlapping export with one new row adds only that row.
    overlap = write(
        tmp_path,
        "overlap.csv",
        ENERGY
        + ENERGY.splitlines()[1].replace(
            "2024-03-30T00:00:00+01:00,2024-03-31", "2024-03-29T00:00:00+01:00,2024-03-30"
        )
        + "\n",
    )
    third = json.loads(run_cli(wallet_dir, "--json", "import", str(overlap)).out)["files"][0]
    assert (third["added"], third["already_present"]) == (1, 4)

    batches = json.loads(run_cli(wallet_dir, "--json", "imports").out)
    assert [b["added"] for b in batches] == [4, 0, 1]
    assert run_cli(wallet_dir, "undo", str(batches[2]["id"])).code == 0
    exported = run_cli(wallet_dir, "export", "electricity", "--format", "csv")
    lines = exported.out.strip().splitlines()
    assert lines[0] == "dataset,meter,quantity,start,end,value,unit"
    assert len(lines) == 5
    assert lines[1].startswith("electricity,PRM-CANARY-001,consumption,2024-03-30T00:00:00+01:00")
    assert lines[4].endswith(",,W")  # the missing value stays missing


def test_exported_csv_imports_into_another_wallet(tmp_path: Path) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    init(source)
    init(target)
    for name, text in (("e.csv", ENERGY), ("t.csv", TRIPS), ("p.csv", PAYMENTS)):
        assert run_cli(source, "import", str(write(tmp_path, name, text))).code == 0
    for dataset in ("electricity", "mobility", "benefits"):
        out = tmp_path / f"{dataset}.csv"
        assert run_cli(source, "export", dataset, "-o", str(out)).code == 0
        result = json.loads(run_cli(target, "--json", "import", str(out)).out)["files"][0]
        assert result["rejected"] == 0 and result["added"] > 0
        again = run_cli(target, "export", dataset).out
        assert again == out.read_text(encoding="utf-8")


def test_series_day_buckets_follow_the_clock_change(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    run_cli(wallet_dir, "import", str(write(tmp_path, "e.csv", ENERGY)))
    result = run_cli(
        wallet_dir,
        "--json",
        "series",
        "electricity",
        "--granularity",
        "day",
        "--from",
        "2024-03-30",
        "--to",
        "2024-04-01",
    )
    rows = json.loads(result.out)
    assert [r["start"] for r in rows] == [
        "2024-03-30T00:00:00+01:00",
        "2024-03-31T00:00:00+01:00",
        "2024-04-01T00:00:00+02:00",
    ]
    # 31 March has 23 hours; 1 April: 1000 W over half an hour = 0.5 kWh, the blank is missing.
    assert rows[1]["end"] == "2024-04-01T00:00:00+02:00"
    assert [r["value"] for r in rows] == [10.5, 8.0, 0.5]
    assert {r["unit"] for r in rows} == {"kWh"}


def test_series_mobility_and_benefits(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    run_cli(wallet_dir, "import", str(write(tmp_path, "t.csv", TRIPS)))
    run_cli(wallet_dir, "import", str(write(tmp_path, "p.csv", PAYMENTS)))
    trips = json.loads(
        run_cli(
            wallet_dir,
            "--json",
            "series",
            "mobility",
            "--granularity",
            "month",
            "--from",
            "2024-04-01",
            "--to",
            "2024-04-30",
        ).out
    )
    assert trips == [
        {
            "start": "2024-04-01T00:00:00+02:00",
            "end": "2024-05-01T00:00:00+02:00",
            "value": 2.0,
            "unit": "trips",
            "fares_EUR": 3.4,
        }
    ]
    money = json.loads(
        run_cli(
            wallet_dir,
            "--json",
            "series",
            "benefits",
            "--granularity",
            "year",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
        ).out
    )
    assert money[0]["value"] == 624.94


def test_rejected_lines_exit_1_and_strict_refuses(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    bad = write(
        tmp_path,
        "bad.csv",
        ENERGY + "electricity,PRM-CANARY-001,consumption,yesterday,"
        "2024-04-02T00:00:00+02:00,3,kWh\n",
    )
    strict = run_cli(wallet_dir, "--json", "import", "--strict", str(bad))
    assert strict.code == 2
    assert "line 6" in json.loads(strict.out)["files"][0]["refused"]
    assert json.loads(run_cli(wallet_dir, "--json", "imports").out) == []
    lenient = run_cli(wallet_dir, "--json", "import", str(bad))
    assert lenient.code == 1
    summary = json.loads(lenient.out)["files"][0]
    assert summary["added"] == 4
    assert summary["rejected_lines"] == [
        {"line": 6, "reason": "date or time is not in ISO 8601 form"}
    ]
    assert "yesterday" not in lenient.out


def test_unknown_file_is_refused_with_a_reason(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    drift = write(tmp_path, "drift.csv", "dataset,meter,kind,when\nx,y,z,w\n")
    result = run_cli(wallet_dir, "import", str(drift))
    assert result.code == 2
    assert "drift.csv: not imported" in result.out
    assert "expected columns" in result.out
    empty = write(tmp_path, "empty.csv", "")
    assert "is empty" in run_cli(wallet_dir, "import", str(empty)).out


def test_wrong_passphrase_exits_2(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    assert run_cli(wallet_dir, "status", stdin="not it\n").code == 2
    assert run_cli(wallet_dir, "status").code == 0


def test_passphrase_change_and_recover(tmp_path: Path, wallet_dir: Path) -> None:
    code = init(wallet_dir)
    assert run_cli(wallet_dir, "passphrase", stdin=f"{PASSPHRASE}\nsecond one\n").code == 0
    assert run_cli(wallet_dir, "status").code == 2
    assert run_cli(wallet_dir, "status", stdin="second one\n").code == 0
    assert run_cli(wallet_dir, "recover", stdin=f"{code}\nthird one\n").code == 0
    assert run_cli(wallet_dir, "status", stdin="third one\n").code == 0
    assert run_cli(wallet_dir, "recover", stdin="AAAAA-BBBBB\nx\n").code == 2


def test_backup_and_restore_give_identical_content(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    for name, text in (("e.csv", ENERGY), ("t.csv", TRIPS), ("p.csv", PAYMENTS)):
        run_cli(wallet_dir, "import", str(write(tmp_path, name, text)))
    exports = {
        d: run_cli(wallet_dir, "export", d, "--format", "json").out
        for d in ("electricity", "mobility", "benefits")
    }
    status = json.loads(run_cli(wallet_dir, "--json", "status").out)["rows"]
    backup = tmp_path / "wallet.backup"
    assert run_cli(wallet_dir, "backup", str(backup)).code == 0
    assert not backup.read_bytes().startswith(b"SQLite format 3")
    for canary in (b"PRM-CANARY-001", b"CARD-CANARY-9", b"ACC-CANARY-5"):
        assert canary not in backup.read_bytes()

    # Restore into a new folder, and over the wallet after more changes.
    other = tmp_path / "restored"
    assert run_cli(other, "restore", str(backup)).code == 0
    run_cli(wallet_dir, "undo", "1")
    assert run_cli(wallet_dir, "restore", str(backup)).code == 0
    for root in (other, wallet_dir):
        assert json.loads(run_cli(root, "--json", "status").out)["rows"] == status
        for dataset, text in exports.items():
            assert run_cli(root, "export", dataset, "--format", "json").out == text
    assert any((wallet_dir / "replaced-by-restore").iterdir())


def test_restore_with_wrong_passphrase_changes_nothing(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    run_cli(wallet_dir, "import", str(write(tmp_path, "e.csv", ENERGY)))
    backup = tmp_path / "b.backup"
    run_cli(wallet_dir, "backup", str(backup))
    before = sorted(p.name for p in wallet_dir.iterdir())
    db_bytes = (wallet_dir / "wallet.db").read_bytes()
    assert run_cli(wallet_dir, "restore", str(backup), stdin="wrong\n").code == 2
    assert sorted(p.name for p in wallet_dir.iterdir()) == before
    assert (wallet_dir / "wallet.db").read_bytes() == db_bytes
    junk = write(tmp_path, "junk.backup", "not a zip")
    assert run_cli(wallet_dir, "restore", str(junk)).code == 2


def test_no_identifier_in_clear_anywhere_in_the_wallet_folder(
    tmp_path: Path, wallet_dir: Path
) -> None:
    init(wallet_dir)
    for name, text in (("e.csv", ENERGY), ("t.csv", TRIPS), ("p.csv", PAYMENTS)):
        run_cli(wallet_dir, "import", str(write(tmp_path, name, text)))
    run_cli(wallet_dir, "backup", str(wallet_dir / "inside.backup"))
    canaries = [
        b"PRM-CANARY-001",
        b"CARD-CANARY-9",
        b"ACC-CANARY-5",
        b"H\xc3\xb4tel de Ville",
        b"Aide personnalis",
        PASSPHRASE.encode(),
    ]
    files = [p for p in wallet_dir.rglob("*") if p.is_file()]
    assert len(files) >= 4
    for path in files:
        data = path.read_bytes()
        for canary in canaries:
            assert canary not in data, (path.name, canary)


def test_installed_entry_point_and_exit_codes(tmp_path: Path, wallet_dir: Path) -> None:
    """The real `selfdata` program, as a help-desk script runs it."""
    import os
    import shutil
    import subprocess

    exe = shutil.which("selfdata", path=os.path.dirname(os.sys.executable))
    assert exe is not None
    env = {**os.environ, "SELFDATA_WALLET": str(wallet_dir)}

    def run(*args: str, stdin: str = PASSPHRASE + "\n") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [exe, "--passphrase-stdin", *args],
            input=stdin,
            text=True,
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )

    assert run("init").returncode == 0
    assert run("check").returncode == 0
    wrong = run("status", stdin="nope\n")
    assert wrong.returncode == 2 and "Wrong passphrase" in wrong.stderr
    status = json.loads(run("status", "--json").stdout)
    assert status["wallet"] == str(wallet_dir)
    assert run("undo", "42").returncode == 2
