"""Electricity exports with their quirks, imported through ``selfdata import`` into a real vault.

Every expected count and kWh total below is worked out by hand from the file, in a comment.
A load curve value is mean power, so its energy is W x hours / 1000.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import PASSPHRASE, run_cli
from wallet.keyslots import FAST_KDF
from wallet.vault import Wallet

DATA = Path(__file__).parent / "data" / "electricity"
METER = "01234567890123"


def utc(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


@pytest.fixture
def closed_wallet(wallet_dir: Path) -> Iterator[Path]:
    """A wallet on disk, locked, so that ``selfdata`` can open it."""
    Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF).wallet.lock()
    yield wallet_dir


def import_json(wallet_dir: Path, *paths: Path, expect: int = 0) -> list[dict[str, object]]:
    run = run_cli(wallet_dir, "--json", "import", *map(str, paths))
    assert run.code == expect, run.out
    files: list[dict[str, object]] = json.loads(run.out)["files"]
    return files


def rows(wallet_dir: Path, quantity: str = "consumption") -> list[tuple[int, int, float | None]]:
    with Wallet.unlock(wallet_dir, PASSPHRASE) as wallet:
        return list(
            wallet.conn.execute(
                "SELECT start_utc, end_utc, value FROM energy_readings WHERE quantity = ? "
                "ORDER BY start_utc",
                (quantity,),
            )
        )


def kwh(wallet_dir: Path) -> float:
    with Wallet.unlock(wallet_dir, PASSPHRASE) as wallet:
        total = 0.0
        for start, end, value, unit in wallet.conn.execute(
            "SELECT start_utc, end_utc, value, unit FROM energy_readings "
            "WHERE quantity = 'consumption' AND value IS NOT NULL"
        ):
            factor = {"W": 1 / 1000, "kW": 1.0}[unit] * (end - start) / 3600
            total += value * factor
        return round(total, 6)


# --- Enedis R63 ----------------------------------------------------------------------------
def test_r63_both_clock_changes_step_change_duplicate_and_missing(closed_wallet: Path) -> None:
    # 10 data lines, one an exact duplicate -> 9 readings, one of them missing.
    # Spring 31/03: 01:30 (1000 W) and 03:00 (2000 W) are consecutive half hours.
    # Autumn 27/10: 02:00 400, 02:30 600 (summer time), 02:00 800, 02:30 empty (winter), 03:00 1200.
    # 31/10: two hourly rows, 3000 W and 1500 W.
    # kWh = 0.5 + 1.0 + 0.2 + 0.3 + 0.4 + 0.6 + 3.0 + 1.5 = 7.5
    [result] = import_json(closed_wallet, DATA / "r63_quirks.csv")
    assert (result["added"], result["already_present"], result["rejected"]) == (9, 1, 0)
    assert kwh(closed_wallet) == 7.5
    stored = rows(closed_wallet)
    assert stored[0] == (utc("2024-03-31T00:00:00+00:00"), utc("2024-03-31T00:30:00+00:00"), 1000)
    assert stored[1] == (utc("2024-03-31T00:30:00+00:00"), utc("2024-03-31T01:00:00+00:00"), 2000)
    autumn = [(end, value) for _start, end, value in stored[2:7]]
    assert autumn == [
        (utc("2024-10-27T00:00:00+00:00"), 400),  # 02:00 CEST
        (utc("2024-10-27T00:30:00+00:00"), 600),
        (utc("2024-10-27T01:00:00+00:00"), 800),  # 02:00 CET
        (utc("2024-10-27T01:30:00+00:00"), None),
        (utc("2024-10-27T02:00:00+00:00"), 1200),
    ]
    assert stored[-2][1] - stored[-2][0] == 3600


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-8-sig", "\r\n"), ("cp1252", "\n"), ("cp1252", "\r\n"), ("utf-8", "\r\n")],
)
def test_r63_reads_every_encoding_and_line_ending(
    closed_wallet: Path, tmp_path: Path, encoding: str, newline: str
) -> None:
    text = (DATA / "r63_quirks.csv").read_text(encoding="utf-8")
    variant = tmp_path / "r63_variant.csv"
    variant.write_bytes(text.replace("\n", newline).encode(encoding))
    [result] = import_json(closed_wallet, variant)
    assert (result["added"], result["rejected"]) == (9, 0)
    assert kwh(closed_wallet) == 7.5


def test_r63_bad_lines_are_reported_and_strict_refuses(closed_wallet: Path, tmp_path: Path) -> None:
    lines = (DATA / "r63_quirks.csv").read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace(";400;", ";4O0;")  # line 5: a letter O in the value
    lines[6] = lines[6].replace("2024-10-27 02:00:00", "2024-10-27 2h00")  # line 7: broken time
    bad = tmp_path / "r63_bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_cli(closed_wallet, "--json", "import", "--strict", str(bad))
    assert run.code == 2 and "line 5" in run.out and "4O0" not in run.out
    [result] = import_json(closed_wallet, bad, expect=1)
    assert result["added"] == 7
    assert result["rejected_lines"] == [
        {"line": 5, "reason": "value is not a number"},
        {"line": 7, "reason": "date or time is not in ISO 8601 form"},
    ]


def test_r63_overlapping_export_adds_only_new_rows(closed_wallet: Path, tmp_path: Path) -> None:
    lines = (DATA / "r63_quirks.csv").read_text(encoding="utf-8").splitlines()
    header, data = lines[0], lines[1:]
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("\n".join([header, *data[:6]]) + "\n", encoding="utf-8")
    second.write_text("\n".join([header, *data[3:]]) + "\n", encoding="utf-8")
    # first: lines 1-6 = 5 distinct readings (one duplicate). second: lines 4-10 = 7 readings,
    # 3 of them (the first pass of the autumn hour and the 02:00 winter one) already there.
    [one] = import_json(closed_wallet, first)
    [two] = import_json(closed_wallet, second)
    assert (one["added"], two["added"], two["already_present"]) == (5, 4, 3)
    assert kwh(closed_wallet) == 7.5
    [again] = import_json(closed_wallet, DATA / "r63_quirks.csv")
    assert (again["added"], again["already_present"]) == (0, 10)


# --- Enedis portal CSV (historique de mesures) ------------------------------------------------
def test_hdm_sections_cp1252_crlf_step_change_duplicates(closed_wallet: Path) -> None:
    # Load curve: 60-min rows ending 01:00, 02:00, 03:00 (1000, 2000, 3000 W), then 30-min
    # rows 03:30 (400 W, four times), 04:00 600, 05:00 800 (04:30 missing: still 30 min),
    # 05:30 empty, 06:00 1000 -> 8 readings, kWh = 1 + 2 + 3 + 0.2 + 0.3 + 0.4 + 0.5 = 7.4.
    # Index: 7 registers on 10/01 (stamped 23:00 the day before) + an all-empty day -> 8.
    # Calendar: EAS F1 = HC, EAS F2 = HP -> 2 markers. Peaks: 2 (one missing). Total 20.
    [result] = import_json(closed_wallet, DATA / "hdm_quirks_cp1252_crlf.csv")
    assert (result["added"], result["rejected"]) == (20, 0)
    assert kwh(closed_wallet) == 7.4
    curve = rows(closed_wallet)
    assert len(curve) == 8
    assert curve[0][:2] == (utc("2024-01-10T00:00:00+01:00"), utc("2024-01-10T01:00:00+01:00"))
    assert curve[5][:2] == (utc("2024-01-10T04:30:00+01:00"), utc("2024-01-10T05:00:00+01:00"))
    assert curve[6][2] is None
    midnight = utc("2024-01-10T00:00:00+01:00")
    assert rows(closed_wallet, "index:EAS F1") == [(midnight, midnight, 100)]
    assert rows(closed_wallet, "index:EAS T") == [
        (midnight, midnight, 300),
        (midnight + 86_400, midnight + 86_400, None),
    ]
    period = utc("2023-11-18T23:00:00+01:00")
    assert rows(closed_wallet, "calendar:EAS F1=HC") == [(period, period, None)]
    assert rows(closed_wallet, "calendar:EAS F2=HP") == [(period, period, None)]
    peak = utc("2024-01-10T18:47:55+01:00")
    assert rows(closed_wallet, "max_power")[0] == (peak, peak, 6480)


# --- EDF --------------------------------------------------------------------------------------
def test_edf_newest_first_autumn_duplicates_and_odd_minutes(closed_wallet: Path) -> None:
    # Block 28/10: 01:00 1000 W, 00:30 2000 W. Block 27/10 (descending): 00:00 = 24:00 600,
    # 03:00 400, 02:30 800 (twice: a duplicate), 02:00 1200 (winter time, seen first),
    # 02:30 1400, 02:00 1600 (summer time), 02:15 skipped, 01:30 empty -> 9 readings.
    # kWh = 0.5 + 1.0 + 0.3 + 0.2 + 0.4 + 0.6 + 0.7 + 0.8 = 4.5
    [result] = import_json(closed_wallet, DATA / "edf_quirks_autumn.csv")
    assert (result["added"], result["already_present"], result["rejected"]) == (9, 1, 0)
    assert kwh(closed_wallet) == 4.5
    ends = {end: value for _start, end, value in rows(closed_wallet)}
    assert ends[utc("2024-10-27T00:00:00+00:00")] == 1600  # 02:00 CEST
    assert ends[utc("2024-10-27T01:00:00+00:00")] == 1200  # 02:00 CET
    assert ends[utc("2024-10-27T23:00:00+00:00")] == 600  # 24:00 on the 27th
    assert ends[utc("2024-10-26T23:30:00+00:00")] is None


# --- Data Connect -----------------------------------------------------------------------------
def test_dataconnect_spring_gap_bom_null_and_step_change(closed_wallet: Path) -> None:
    # 01:30 1000 W and 03:00 2000 W are consecutive half hours; 03:30 null; 05:00 3000 W
    # over an hour. kWh = 0.5 + 1.0 + 3.0 = 4.5
    [result] = import_json(closed_wallet, DATA / "dataconnect_spring_bom.json")
    assert (result["added"], result["rejected"]) == (4, 0)
    assert kwh(closed_wallet) == 4.5
    assert rows(closed_wallet)[-1][:2] == (
        utc("2024-03-31T02:00:00+00:00"),
        utc("2024-03-31T03:00:00+00:00"),
    )


# --- Enedis portal XLSX -----------------------------------------------------------------------
def _portal_curve(path: Path, rows_: list[tuple[str, str, object]], header: str = "Début") -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Page d'accueil"
    sheet = book.create_sheet("Consommation Horaire")
    sheet["B8"], sheet["C8"] = "Point Référence Mesure (PRM) : ", METER
    sheet["C15"] = "Plage horaire"
    sheet["C16"], sheet["D16"], sheet["E16"] = header, "Fin", "Valeur (en kW)"
    for offset, (start, end, value) in enumerate(rows_):
        sheet.cell(17 + offset, 3, start)
        sheet.cell(17 + offset, 4, end)
        sheet.cell(17 + offset, 5, value)
    book.save(path)
    return path


def test_xlsx_spring_gap_text_values_and_na(closed_wallet: Path, tmp_path: Path) -> None:
    # 01:00-01:30 "1,000" kW, 01:30-03:00 (the missing hour: really 30 min) "2,000",
    # 03:00-03:30 NA, 03:30-04:00 a number cell 4.0 -> 4 readings.
    # kWh = 0.5 + 1.0 + 2.0 = 3.5
    book = _portal_curve(
        tmp_path / "curve.xlsx",
        [
            ("31/03/2024 01:00:00", "31/03/2024 01:30:00", "1,000"),
            ("31/03/2024 01:30:00", "31/03/2024 03:00:00", "2,000"),
            ("31/03/2024 03:00:00", "31/03/2024 03:30:00", "NA"),
            ("31/03/2024 03:30:00", "31/03/2024 04:00:00", 4.0),
        ],
    )
    [result] = import_json(closed_wallet, book)
    assert (result["added"], result["rejected"]) == (4, 0)
    assert kwh(closed_wallet) == 3.5
    assert rows(closed_wallet)[1][:2] == (
        utc("2024-03-31T00:30:00+00:00"),
        utc("2024-03-31T01:00:00+00:00"),
    )


def test_xlsx_header_drift_is_refused_naming_the_format(
    closed_wallet: Path, tmp_path: Path
) -> None:
    book = _portal_curve(
        tmp_path / "drift.xlsx",
        [("31/03/2024 01:00:00", "31/03/2024 01:30:00", "1,000")],
        header="Horodatage",
    )
    [result] = import_json(closed_wallet, book, expect=2)
    assert "Enedis customer portal export (XLSX)" in str(result["refused"])
    assert rows(closed_wallet) == []


def test_xlsx_autumn_repeat_read_by_row_order_either_end_form(
    closed_wallet: Path, tmp_path: Path
) -> None:
    # Summer 02:00-02:30, summer 02:30 written as ending at the repeated 02:00 (the sample
    # writes 03:00 instead: both forms must work), winter 02:00-02:30, winter 02:30-03:00:
    # four consecutive half hours from 00:00 UTC. kWh = (1 + 2 + 3 + 4) x 0.5 = 5.0
    book = _portal_curve(
        tmp_path / "autumn.xlsx",
        [
            ("27/10/2024 02:00:00", "27/10/2024 02:30:00", "1,000"),
            ("27/10/2024 02:30:00", "27/10/2024 02:00:00", "2,000"),
            ("27/10/2024 02:00:00", "27/10/2024 02:30:00", "3,000"),
            ("27/10/2024 02:30:00", "27/10/2024 03:00:00", "4,000"),
        ],
    )
    [result] = import_json(closed_wallet, book)
    assert (result["added"], result["rejected"]) == (4, 0)
    assert kwh(closed_wallet) == 5.0
    assert [r[:2] for r in rows(closed_wallet)] == [
        (utc("2024-10-27T00:00:00+00:00") + 1800 * i, utc("2024-10-27T00:30:00+00:00") + 1800 * i)
        for i in range(4)
    ]


def _portal_daily(
    path: Path,
    rows_: list[tuple[str, object]],
    *,
    shift: int = 0,
    header: tuple[str, str] = ("Date", "Valeur (en kW)"),
) -> Path:
    """A daily workbook as the portal exported it in 2024: ``Valeur (en kW)`` over daily
    energies written as text with a decimal comma; ``shift`` extra rows above everything."""
    book = openpyxl.Workbook()
    book.active.title = "Page d'accueil"
    sheet = book.create_sheet("Export Consommation Quotidienne")
    if shift:
        sheet["B2"] = "Export généré le 05/02/2024"
    sheet[f"B{6 + shift}"], sheet[f"D{6 + shift}"] = (
        "Compte Client",
        "Export des données de consommation quotidienne",
    )
    sheet[f"B{8 + shift}"], sheet[f"C{8 + shift}"] = "Point Référence Mesure (PRM) : ", METER
    sheet[f"E{8 + shift}"] = "Consommation Quotidienne"
    sheet[f"B{9 + shift}"], sheet[f"C{9 + shift}"] = "Date de début : ", "01/01/2024"
    sheet[f"B{10 + shift}"], sheet[f"C{10 + shift}"] = "NA", "Données indisponibles"
    sheet[f"B{14 + shift}"], sheet[f"C{14 + shift}"] = header
    for offset, (day, value) in enumerate(rows_):
        sheet.cell(15 + shift + offset, 2, day)
        sheet.cell(15 + shift + offset, 3, value)
    book.save(path)
    return path


DAYS_2024 = [
    ("01/01/2024", "25,247"),
    ("02/01/2024", "19,802"),
    ("03/01/2024", "NA"),
    ("04/01/2024", "21,951"),
]


def _daily_kwh(wallet_dir: Path) -> list[tuple[int, int, float | None, str]]:
    with Wallet.unlock(wallet_dir, PASSPHRASE) as wallet:
        return list(
            wallet.conn.execute(
                "SELECT start_utc, end_utc, value, unit FROM energy_readings "
                "WHERE quantity = 'consumption' ORDER BY start_utc"
            )
        )


def test_xlsx_daily_2024_header_in_kw_holds_daily_kwh(closed_wallet: Path, tmp_path: Path) -> None:
    # Four days, one NA. kWh = 25.247 + 19.802 + 21.951 = 67.0; the unit is kWh (a daily
    # sheet holds energies), whatever the header says.
    book = _portal_daily(tmp_path / "Enedis_Conso_Jour_2024.xlsx", DAYS_2024)
    [result] = import_json(closed_wallet, book)
    assert (result["importer"], result["added"], result["rejected"]) == (
        "enedis_portal_xlsx",
        4,
        0,
    )
    stored = _daily_kwh(closed_wallet)
    assert {unit for *_, unit in stored} == {"kWh"}
    assert [value for _, _, value, _ in stored] == [25.247, 19.802, None, 21.951]
    assert round(sum(v for _, _, v, _ in stored if v is not None), 3) == 67.0
    assert stored[0][:2] == (utc("2024-01-01T00:00:00+01:00"), utc("2024-01-02T00:00:00+01:00"))
    month = run_cli(
        closed_wallet, "series", "electricity", "--granularity", "month", "--from", "2024-01-01"
    )
    assert month.out.splitlines()[1].split(",")[2:] == ["67.0", "kWh"]


@pytest.mark.parametrize(
    "header", [("Date", "Valeur (en kWh)"), ("Date", "Valeur"), ("Jour", "Valeur (en kW)")]
)
def test_xlsx_daily_header_variants(
    closed_wallet: Path, tmp_path: Path, header: tuple[str, str]
) -> None:
    book = _portal_daily(tmp_path / "variant.xlsx", DAYS_2024, header=header)
    [result] = import_json(closed_wallet, book)
    assert (result["added"], result["rejected"]) == (4, 0)
    assert round(kwh_of(closed_wallet), 3) == 67.0


def test_xlsx_extra_row_above_the_header_finds_header_and_prm(
    closed_wallet: Path, tmp_path: Path
) -> None:
    # The same days one row lower: the PRM is in C9 and the header on row 15.
    book = _portal_daily(tmp_path / "shifted.xlsx", DAYS_2024, shift=1)
    [result] = import_json(closed_wallet, book)
    assert (result["added"], result["rejected"]) == (4, 0)
    with Wallet.unlock(closed_wallet, PASSPHRASE) as wallet:
        meters = [row[0] for row in wallet.conn.execute("SELECT identifier FROM entities")]
    assert meters == [METER]
    assert round(kwh_of(closed_wallet), 3) == 67.0


def test_xlsx_without_a_prm_is_refused_saying_so(closed_wallet: Path, tmp_path: Path) -> None:
    book = _portal_daily(tmp_path / "no_prm.xlsx", DAYS_2024)
    loaded = openpyxl.load_workbook(book)
    loaded["Export Consommation Quotidienne"]["B8"] = None
    loaded["Export Consommation Quotidienne"]["C8"] = None
    loaded.save(book)
    [result] = import_json(closed_wallet, book, expect=2)
    assert "meter number (PRM) was not found" in str(result["refused"])


def kwh_of(wallet_dir: Path) -> float:
    return sum(v for _, _, v, _ in _daily_kwh(wallet_dir) if v is not None)


# --- The repeated autumn hour with the same value twice -----------------------------------
@pytest.mark.parametrize(
    "name", ["r63_hourly_autumn_repeat.csv", "dataconnect_hourly_autumn_repeat.json"]
)
def test_hourly_autumn_repeat_with_equal_values_keeps_both_hours(
    closed_wallet: Path, name: str
) -> None:
    # Hourly end stamps over 26/10/2024 (24 hours) and 27/10/2024 (25 hours): 49 rows, the
    # two 02:00 of the autumn night both 700 W, every other hour 1000 W.
    # kWh = 47 x 1.0 + 2 x 0.7 = 48.4; 26/10 = 24.0, 27/10 = 23 + 1.4 = 24.4.
    [result] = import_json(closed_wallet, DATA / name)
    assert (result["added"], result["already_present"], result["rejected"]) == (49, 0, 0)
    assert kwh(closed_wallet) == 48.4
    stored = rows(closed_wallet)
    repeated = [(start, end) for start, end, value in stored if value == 700]
    assert repeated == [
        (utc("2024-10-26T23:00:00+00:00"), utc("2024-10-27T00:00:00+00:00")),  # 02:00 CEST
        (utc("2024-10-27T00:00:00+00:00"), utc("2024-10-27T01:00:00+00:00")),  # 02:00 CET
    ]
    days = run_cli(
        closed_wallet, "series", "electricity", "--granularity", "day", "--from", "2024-10-26"
    )
    assert [line.split(",")[2] for line in days.out.splitlines()[1:3]] == ["24.0", "24.4"]


# --- A "Conso_Jour" file holding index readings ---------------------------------------------
def test_conso_jour_index_file_gives_daily_consumption_from_eas_t(closed_wallet: Path) -> None:
    # 12 daily index rows (EAS F1, F2, D1, D2 and T), one of them all empty (23/10), stamps at
    # 00:00, 01:00 or 23:00 (read as the nearest midnight), the autumn change on 27/10 and a
    # meter change on 30/10 (EAS T falls from 1090100 to 5200).
    # Derived, in Wh: 20/10 8500, 21/10 10750, 24/10 9200, 25/10 9700, 26/10 9100,
    # 27/10 (25 hours) 11300, 28/10 9800, 30/10 8700 = 77050 Wh; nothing for 22-23/10 (the gap)
    # nor 29/10 (the meter change). Rows: 11 x 5 registers + 1 empty EAS T + 8 derived = 64.
    path = DATA / "Enedis_Conso_Jour_20241020-20241031_index.csv"
    [result] = import_json(closed_wallet, path)
    assert (result["importer"], result["added"], result["rejected"]) == ("enedis_hdm_csv", 64, 0)
    assert any("derived from the total index (EAS T) for 8 days" in n for n in result["notes"])
    text = run_cli(closed_wallet, "import", str(path)).out
    assert "derived from the total index (EAS T)" in text
    derived = rows(closed_wallet)
    assert sum(v or 0 for *_, v in derived) == 77050
    assert derived[5][:2] == (utc("2024-10-27T00:00:00+02:00"), utc("2024-10-28T00:00:00+01:00"))
    days = run_cli(
        closed_wallet, "series", "electricity", "--granularity", "day",
        "--from", "2024-10-20", "--to", "2024-10-31",
    )  # fmt: skip
    values = [line.split(",")[2] for line in days.out.splitlines()[1:]]
    assert values == [
        "8.5", "10.75", "", "", "9.2", "9.7", "9.1", "11.3", "9.8", "", "8.7", "",
    ]  # fmt: skip


# --- The same export re-saved by Excel --------------------------------------------------------
ORIGINAL = DATA / "Enedis_Conso_Heure_20241104-20241105_23128212345678.csv"
RESAVED = DATA / "Enedis_Conso_Heure_resaved_by_excel.csv"


def _meters(wallet_dir: Path) -> list[str]:
    with Wallet.unlock(wallet_dir, PASSPHRASE) as wallet:
        return [row[0] for row in wallet.conn.execute("SELECT identifier FROM entities")]


def test_excel_resaved_export_never_makes_a_meter_of_a_damaged_number(
    closed_wallet: Path,
) -> None:
    # The re-saved copy: PRM "2,31282E+13", cp1252, every row padded with ";" to 9 cells.
    # Nothing in the wallet it could be: refused, saying what happened and what to do.
    [result] = import_json(closed_wallet, RESAVED, expect=2)
    assert "scientific notation" in str(result["refused"])
    assert "without opening it in a spreadsheet" in str(result["refused"])
    assert _meters(closed_wallet) == []


def test_excel_resaved_export_goes_to_the_one_meter_it_can_be_once_confirmed(
    closed_wallet: Path,
) -> None:
    # Six half hours, one empty: (480 + 520 + 610 + 390 + 700) W x 0.5 h = 1.35 kWh.
    [first] = import_json(closed_wallet, ORIGINAL)
    assert (first["added"], first["rejected"]) == (6, 0)
    assert kwh(closed_wallet) == 1.35
    # Not confirmed (no terminal, no --yes): refused, naming the one meter it can be.
    [refused] = import_json(closed_wallet, RESAVED, expect=2)
    assert "it can only be the one meter already in your wallet" in str(refused["refused"])
    # Confirmed: read as that meter; every reading is already there, nothing doubles.
    run = run_cli(closed_wallet, "--json", "import", "--yes", str(RESAVED))
    [again] = json.loads(run.out)["files"]
    assert (again["added"], again["already_present"], again["rejected"]) == (0, 6, 0)
    assert _meters(closed_wallet) == ["23128212345678"]
    assert kwh(closed_wallet) == 1.35


def test_damaged_numbers_match_by_rounding_leading_zeros_included() -> None:
    from wallet.identifiers import candidates, spreadsheet_damaged

    assert spreadsheet_damaged("2,31282E+13") and spreadsheet_damaged("1.23457e12")
    assert not spreadsheet_damaged("23128212345678")
    assert candidates("2,31282E+13", ["23128212345678", "23128312345678"]) == ["23128212345678"]
    # 01234567890123 is 1.23456789E12; 01234570000000 rounds to the same six digits.
    both = ["01234567890123", "01234570000000", "09999999999999"]
    assert candidates("1,23457E+12", both) == both[:2]
