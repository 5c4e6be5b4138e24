"""Provider corrections: a later download with revised values replaces what was stored, keeps
the earlier values with their batch, says so, and undoes exactly.

Files are Enedis R63 load curves in the layout Enedis sends (FORMATS.md section 1.2): one
half-hour a row, local time without offset at the end of the interval, mean power in W.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from tests.conftest import PASSPHRASE, run_cli
from ui.charts import energy_plots
from ui.charts.style import Formats, Theme
from wallet.analytics.flags import Flags
from wallet.analytics.views import EnergyRequest, energy_view
from wallet.errors import ImportCancelled
from wallet.series import Bucket
from wallet.vault import Wallet

PARIS = ZoneInfo("Europe/Paris")

PRM = "09876543210987"
HEADER = (
    "Identifiant PRM;Date de début;Date de fin;Grandeur physique;Grandeur métier;Etape métier;"
    "Unité;Horodate;Valeur;Nature;Pas;Indice de vraisemblance;Etat complémentaire\n"
)


def r63(path: Path, values: list[str], natures: list[str] | None = None) -> Path:
    """One day, 15 May 2024, 48 half-hours; ``values[i]`` ends at 00:30 + 30 min x i."""
    rows = []
    for i, value in enumerate(values):
        minutes = 30 * (i + 1)
        stamp = (
            f"2024-05-15 {minutes // 60:02d}:{minutes % 60:02d}:00"
            if minutes < 1440
            else "2024-05-16 00:00:00"
        )
        nature = natures[i] if natures else "B"
        rows.append(
            f"{PRM};2024-05-15 00:00:00;2024-05-16 00:00:00;PA;CONS;BRUT;W;{stamp};{value};"
            f"{nature};PT30M;0;0\n"
        )
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


FIRST = [str(1000 + 10 * i) for i in range(48)]
FIRST[20] = ""  # a missing half-hour
# The revised download: three values changed, the missing one given, the rest the same.
REVISED = list(FIRST)
REVISED[3], REVISED[4], REVISED[40] = "1500", "0", "2222"
REVISED[20] = "1200"


def init(wallet_dir: Path) -> None:
    assert run_cli(wallet_dir, "init").code == 0


def imported(wallet_dir: Path, path: Path) -> dict[str, Any]:
    result = run_cli(wallet_dir, "--json", "import", str(path))
    assert result.code == 0, result.out
    summary: dict[str, Any] = json.loads(result.out)["files"][0]
    return summary


def export(wallet_dir: Path) -> str:
    result = run_cli(wallet_dir, "export", "electricity", "--format", "csv")
    assert result.code == 0
    return result.out


def day_total(wallet_dir: Path) -> float:
    result = run_cli(
        wallet_dir, "--json", "series", "electricity", "--granularity", "day",
        "--from", "2024-05-15", "--to", "2024-05-15",
    )  # fmt: skip
    return float(json.loads(result.out)[0]["value"])


def kwh(values: list[str]) -> float:
    return round(sum(float(v) for v in values if v) / 1000 * 0.5, 6)


def test_a_revised_download_corrects_fills_and_says_so(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    first = imported(wallet_dir, r63(tmp_path / "first.csv", FIRST))
    assert (first["added"], first["corrected"], first["filled"]) == (48, 0, 0)
    before = export(wallet_dir)

    second = imported(wallet_dir, r63(tmp_path / "revised.csv", REVISED))
    assert (second["added"], second["already_present"]) == (0, 44)
    assert (second["corrected"], second["filled"]) == (3, 1)
    text = run_cli(wallet_dir, "import", str(tmp_path / "revised.csv")).out
    assert "added 0, already present 48, rejected 0" in text  # a third time: nothing new

    after = export(wallet_dir)
    assert ",1500,W" in after
    assert after.count("\n") == before.count("\n")
    # Series use the current values: sum of the revised half-hours (W x 0.5 h).
    assert day_total(wallet_dir) == kwh(REVISED)

    batches = json.loads(run_cli(wallet_dir, "--json", "imports").out)
    assert [(b["corrected"], b["filled"]) for b in batches] == [(0, 0), (3, 1), (0, 0)]
    listing = run_cli(wallet_dir, "imports").out
    assert "corrected 3, filled 1" in listing

    # Undo the correcting batch: the first values are back, byte for byte.
    undone = json.loads(run_cli(wallet_dir, "--json", "undo", str(second["batch"])).out)
    assert (undone["removed"], undone["restored"]) == (0, 4)
    assert export(wallet_dir) == before
    assert day_total(wallet_dir) == kwh(FIRST)


def test_undoing_the_earlier_batch_keeps_the_later_values(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    first = imported(wallet_dir, r63(tmp_path / "first.csv", FIRST))
    second = imported(wallet_dir, r63(tmp_path / "revised.csv", REVISED))
    result = run_cli(wallet_dir, "undo", str(first["batch"]))
    assert result.code == 0
    # 44 rows only the first batch held leave; the 4 the second one corrected or filled stay.
    assert "44 rows removed" in result.out
    assert "4 of its values had been corrected by a later import" in result.out
    rows = export(wallet_dir).strip().splitlines()[1:]
    assert len(rows) == 4
    assert {r.split(",")[5] for r in rows} == {"1500", "0", "2222", "1200"}
    # Undoing the later one too leaves nothing: its values were the only ones left.
    again = json.loads(run_cli(wallet_dir, "--json", "undo", str(second["batch"])).out)
    assert (again["removed"], again["restored"]) == (4, 0)
    assert export(wallet_dir).strip().splitlines()[1:] == []


def test_three_downloads_undo_the_middle_one(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    imported(wallet_dir, r63(tmp_path / "a.csv", FIRST))
    original = export(wallet_dir)
    middle = list(FIRST)
    middle[3] = "1111"
    last = list(FIRST)
    last[3] = "3333"
    b = imported(wallet_dir, r63(tmp_path / "b.csv", middle))
    c = imported(wallet_dir, r63(tmp_path / "c.csv", last))
    assert (b["corrected"], c["corrected"]) == (1, 1)
    assert json.loads(run_cli(wallet_dir, "--json", "undo", str(b["batch"])).out)["restored"] == 0
    assert ",3333,W" in export(wallet_dir)
    # The value the middle batch had replaced now belongs to the history of the last one.
    assert json.loads(run_cli(wallet_dir, "--json", "undo", str(c["batch"])).out)["restored"] == 1
    assert export(wallet_dir) == original


def test_a_later_missing_value_never_erases_a_stored_one(tmp_path: Path, wallet_dir: Path) -> None:
    init(wallet_dir)
    imported(wallet_dir, r63(tmp_path / "first.csv", REVISED))
    before = export(wallet_dir)
    blanked = list(REVISED)
    blanked[7] = ""
    again = imported(wallet_dir, r63(tmp_path / "blank.csv", blanked))
    assert (again["added"], again["already_present"], again["corrected"]) == (0, 48, 0)
    assert export(wallet_dir) == before


def test_an_estimate_replaced_by_a_measure_is_a_correction(
    tmp_path: Path, wallet_dir: Path
) -> None:
    """Same value, but Enedis now says it was measured: the flag changes, the old one is kept."""
    init(wallet_dir)
    natures = ["B"] * 48
    natures[10] = "E"
    first = imported(wallet_dir, r63(tmp_path / "estimated.csv", REVISED, natures))
    measured = imported(wallet_dir, r63(tmp_path / "measured.csv", REVISED))
    assert (measured["corrected"], measured["already_present"]) == (1, 47)
    assert first["batch"] != measured["batch"]


def grdf_json(path: Path, days: list[tuple[str, int, str]]) -> Path:
    """GRDF "données informatives" (FORMATS.md section 2.2): (gas day, kWh, qualification)."""
    releves = []
    for day, kwh, qualification in days:
        releves.append(
            {
                "coeffConversion": 11.2,
                "dateDebutReleve": f"{day}T06:00:00+00:00",
                "dateFinReleve": f"{day}T06:00:00+00:00",
                "energieConsomme": kwh,
                "frequenceReleve": None,
                "indexDebut": None,
                "indexFin": None,
                "journeeGaziere": day,
                "natureReleve": "Informative Journalier",
                "pcs": None,
                "pta": None,
                "qualificationReleve": qualification,
                "status": None,
                "temperature": None,
                "volumeBrutConsomme": round(kwh / 11.2),
                "volumeConverti": None,
            }
        )
    pce = "21546000000000"
    path.write_text(
        json.dumps({pce: {"frequence": None, "idPce": pce, "releves": releves}}), encoding="utf-8"
    )
    return path


def test_an_estimated_gas_day_is_marked_then_shown_corrected(
    tmp_path: Path, wallet_dir: Path
) -> None:
    init(wallet_dir)
    first = [
        ("2024-02-05", 80, "Mesuré"),
        ("2024-02-06", 95, "Estimé"),
        ("2024-02-07", 70, "Mesuré"),
    ]
    imported(wallet_dir, grdf_json(tmp_path / "estimated.json", first))

    def view_of() -> tuple[list[Bucket], list[Flags]]:
        with Wallet.unlock(wallet_dir, PASSPHRASE) as wallet:
            request = EnergyRequest("gas", "custom", date(2024, 2, 5), date(2024, 2, 7), "day")
            view = energy_view(wallet.conn, PARIS, request)
        return view.buckets, view.flags

    buckets, flags = view_of()
    assert [b.value for b in buckets] == [80.0, 95.0, 70.0]
    assert [(f.estimated, f.corrected) for f in flags] == [(0, 0), (1, 0), (0, 0)]
    fig = Figure()
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    texts = ("Estimated by the provider", "Corrected by the provider")
    energy_plots.plot_buckets(
        ax, buckets, PARIS, Formats(), Theme(), label="Gas", unit="kWh",
        flags=flags, flag_texts=texts,
    )  # fmt: skip
    legend = ax.get_legend()
    assert legend is not None and [t.get_text() for t in legend.get_texts()] == ["Gas", texts[0]]
    assert [p.get_hatch() for p in ax.patches].count("///") == 1

    # GRDF reads the meter: the day is now "Mesuré", with another value.
    revised = [
        ("2024-02-05", 80, "Mesuré"),
        ("2024-02-06", 88, "Mesuré"),
        ("2024-02-07", 70, "Mesuré"),
    ]
    summary = imported(wallet_dir, grdf_json(tmp_path / "measured.json", revised))
    # Energy and volume of one day: 2 corrections; the other two days already present (x2).
    assert (summary["corrected"], summary["already_present"]) == (2, 4)
    buckets, flags = view_of()
    assert [b.value for b in buckets] == [80.0, 88.0, 70.0]
    assert [(f.estimated, f.corrected) for f in flags] == [(0, 0), (0, 1), (0, 0)]


def test_a_share_made_before_a_correction_never_changes(
    wallet: Wallet, wallet_dir: Path, tmp_path: Path
) -> None:
    """What left is what was shown: the package, its stored bytes and the ledger stay as they
    were; a new share carries the corrected value."""
    from tests.sharing_support import METER_A, fill_wallet, no_lookback
    from tests.test_sharing_ledger import DESK, file_service

    fill_wallet(wallet, tmp_path)  # meter A: 10 kWh a day, January to April 2024
    wallet.lock()
    service = tmp_path / "desk.json"
    # The 2024 readings are older than the desk's lookback counted from the real today.
    service.write_text(json.dumps(no_lookback(json.loads(file_service()))), encoding="utf-8")
    assert run_cli(wallet_dir, "services", "add", str(service)).code == 0
    share_args = ["share", DESK, "--dataset", "electricity", "--from", "2024-02-01"]
    share_args += ["--to", "2024-02-29", "--granularity", "month", "--yes", "--json"]
    first = run_cli(wallet_dir, *share_args, "--to-file", str(tmp_path / "before.zip"))
    assert first.code == 0, first.out
    package = (tmp_path / "before.zip").read_bytes()
    ledger = run_cli(wallet_dir, "--json", "shares").out
    with Wallet.unlock(wallet_dir, PASSPHRASE) as opened:
        stored = opened.conn.execute("SELECT share_id, payload FROM share_payloads").fetchall()

    corrected = tmp_path / "corrected.csv"
    corrected.write_text(
        "dataset,meter,quantity,start,end,value,unit\n"
        f"electricity,{METER_A},consumption,2024-02-10T00:00:00+01:00,"
        "2024-02-11T00:00:00+01:00,12.5,kWh\n",
        encoding="utf-8",
    )
    assert imported(wallet_dir, corrected)["corrected"] == 1

    assert run_cli(wallet_dir, "--json", "shares").out == ledger
    assert (tmp_path / "before.zip").read_bytes() == package
    assert run_cli(wallet_dir, "verify", str(tmp_path / "before.zip")).code == 0
    with Wallet.unlock(wallet_dir, PASSPHRASE) as opened:
        assert (
            opened.conn.execute(
                "SELECT share_id, payload FROM share_payloads ORDER BY rowid"
            ).fetchall()[: len(stored)]
            == stored
        )
    # A share made now carries February's current total: 29 days, one of them 12.5 kWh.
    again = run_cli(wallet_dir, *share_args, "--to-file", str(tmp_path / "after.zip"))
    assert again.code == 0, again.out
    # Both meters over February's 29 days: 29 x (10 + 2) = 348 kWh; then one day 12.5, not 10.
    assert _energy_csv(tmp_path / "before.zip").endswith(",348\n")
    assert _energy_csv(tmp_path / "after.zip").endswith(",350.5\n")
    month = run_cli(
        wallet_dir, "--json", "series", "electricity", "--granularity", "month",
        "--from", "2024-02-01", "--to", "2024-02-29",
    )  # fmt: skip
    assert json.loads(month.out)[0]["value"] == 28 * (10 + 2) + 12.5 + 2


def _energy_csv(package: Path) -> str:
    with zipfile.ZipFile(package) as opened:
        return "".join(
            opened.read(name).decode() for name in opened.namelist() if name.endswith(".csv")
        )


def test_a_cancelled_correcting_import_changes_nothing(wallet: Wallet, tmp_path: Path) -> None:
    wallet.import_file(r63(tmp_path / "first.csv", FIRST))
    before = wallet.conn.execute("SELECT * FROM energy_values ORDER BY start_utc").fetchall()
    # Cancelled once its block is written (corrections made, earlier values kept): rolled back.
    with pytest.raises(ImportCancelled):
        wallet.import_file(r63(tmp_path / "revised.csv", REVISED), cancelled=lambda: True)
    assert (
        wallet.conn.execute("SELECT * FROM energy_values ORDER BY start_utc").fetchall() == before
    )
    assert wallet.conn.execute("SELECT count(*) FROM energy_revisions").fetchone()[0] == 0
    # The comparing trigger went with the rollback: this connection's next import is plain.
    assert wallet.conn.execute("SELECT name FROM sqlite_temp_master").fetchall() == []
    again = wallet.import_file(r63(tmp_path / "again.csv", REVISED))
    assert (again.corrected, again.filled) == (3, 1)
    assert wallet.conn.execute("SELECT name FROM sqlite_temp_master").fetchall() == []


def test_a_wallet_from_schema_4_takes_corrections(wallet_dir: Path, tmp_path: Path) -> None:
    """Readings stored before schema 5 (no quality, no history) are corrected and undone alike."""
    from wallet import db
    from wallet.keyslots import FAST_KDF

    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF)
    key = created.wallet.data_key
    created.wallet.lock()
    (wallet_dir / "wallet.db").unlink()
    conn = db.connect(wallet_dir / "wallet.db", key, create=True)
    for version, sql in db.migrations()[:4]:
        db.apply_migration(conn, version, sql)
    conn.execute("INSERT INTO meta (key, value) VALUES ('timezone', 'Europe/Paris')")
    conn.execute(
        "INSERT INTO batches (id, file_name, sha256, importer, importer_version, source_tz, "
        "imported_at, added) VALUES (1, 'old.csv', 'h', 'selfdata_csv', '1', 'UTC', 'then', 1)"
    )
    conn.execute("INSERT INTO entities (id, dataset, identifier) VALUES (1, 'electricity', 'M1')")
    conn.execute("INSERT INTO channels (id, entity_id, quantity) VALUES (1, 1, 'consumption')")
    conn.execute(
        "INSERT INTO energy_values VALUES (1, 1714687200, 1714773600, 9.25, 'kWh', 1)"
    )  # 3 May 2024, a local day
    assert db.schema_version(conn) == 4
    conn.close()
    before = export(wallet_dir)
    revised = tmp_path / "revised.csv"
    revised.write_text(
        "dataset,meter,quantity,start,end,value,unit\n"
        "electricity,M1,consumption,2024-05-03T00:00:00+02:00,2024-05-04T00:00:00+02:00,9.5,kWh\n",
        encoding="utf-8",
    )
    summary = imported(wallet_dir, revised)
    assert (summary["added"], summary["corrected"]) == (0, 1)
    assert json.loads(run_cli(wallet_dir, "--json", "imports").out)[0]["corrected"] == 0
    assert ",9.5,kWh" in export(wallet_dir)
    assert run_cli(wallet_dir, "undo", str(summary["batch"])).code == 0
    assert export(wallet_dir) == before
