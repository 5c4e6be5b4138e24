"""GRDF gas exports: the gas day, missing days, weekly and monthly layouts, JSON quirks."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from importers import registry
from importers.base import Rejected, read_sample
from importers.grdf_common import gas_day_start
from importers.grdf_json import IMPORTER as GRDF_JSON
from importers.grdf_xlsx import IMPORTER as GRDF_XLSX
from tests.conftest import RESOURCE_SAMPLES, run_cli
from tests.gaswater_helpers import closed_wallet, import_json, stored, utc
from tests.make_gaswater_samples import DAILY_HEADER, SHORT_HEADER, grdf_workbook

PCE = "01234567890123"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return closed_wallet(tmp_path / "wallet")


def test_a_gas_day_starts_at_six_local_in_winter_and_in_summer() -> None:
    from datetime import date

    # 06:00 in Paris is 05:00 UTC in winter (CET) and 04:00 UTC in summer (CEST).
    assert gas_day_start(date(2025, 1, 15)) == utc("2025-01-15T05:00:00+00:00")
    assert gas_day_start(date(2025, 7, 15)) == utc("2025-07-15T04:00:00+00:00")


def test_daily_xlsx_quirks_missing_day_stays_missing(root: Path) -> None:
    sample = RESOURCE_SAMPLES / "grdf_donnees_informatives_jour_quirks.xlsx"
    summary = import_json(root, sample)["files"][0]
    # 6 gas days (one blank line and one repeated header skipped), energy + volume each.
    assert (summary["importer"], summary["added"], summary["rejected"]) == ("grdf_xlsx", 12, 0)
    energy = stored(root, "gas", "consumption")
    assert [meter for meter, *_ in energy] == [PCE] * 6
    values = [value for *_, value, _unit in energy]
    assert values == [112.3, 101.1, None, 236.0, 90.2, 78.9]  # "Absence de Données" -> None
    assert sum(v for v in values if v is not None) == pytest.approx(618.5)
    volume = stored(root, "gas", "volume")
    assert [v for *_, v, _ in volume] == [10.0, 9.0, None, 21.0, 8.0, 7.0]
    assert {unit for *_, unit in volume} == {"m3"}
    # Clock-change gas days: 23 hours in spring, 25 in autumn, from 06:00 local to 06:00.
    spring = energy[0]
    assert spring[1:3] == (utc("2025-03-29T05:00:00+00:00"), utc("2025-03-30T04:00:00+00:00"))
    autumn = energy[4]
    assert autumn[1:3] == (utc("2025-10-25T04:00:00+00:00"), utc("2025-10-26T05:00:00+00:00"))


def test_missing_gas_day_shows_empty_in_the_day_series(root: Path) -> None:
    import_json(root, RESOURCE_SAMPLES / "grdf_donnees_informatives_jour_quirks.xlsx")
    result = run_cli(
        root, "series", "gas", "--granularity", "day", "--from", "2025-03-30", "--to", "2025-04-01"
    )
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "start,end,value,unit"
    assert lines[1] == "2025-03-30T00:00:00+01:00,2025-03-31T00:00:00+02:00,101.1,kWh"
    assert lines[2] == "2025-03-31T00:00:00+02:00,2025-04-01T00:00:00+02:00,,kWh"
    assert lines[3].endswith(",236.0,kWh")


def test_weekly_year_end_split_counts_both_rows(root: Path) -> None:
    summary = import_json(root, RESOURCE_SAMPLES / "grdf_donnees_informatives_semaine.xlsx")
    assert summary["files"][0]["added"] == 10  # 5 rows x (energy, volume): both New Year rows
    energy = stored(root, "gas", "consumption")
    assert sum(v for *_, v, _ in energy) == pytest.approx(891.2 + 1058 + 1125 + 490 + 1230.6)
    assert sum(v for *_, v, _ in stored(root, "gas", "volume")) == pytest.approx(430.5)
    first_part, second_part = energy[2], energy[3]
    # Du 28/12/2020 au 03/01/2021 covers the gas days 28/12 to 31/12 only (06:00 CET each).
    assert first_part[1:3] == (utc("2020-12-28T05:00:00+00:00"), utc("2021-01-01T05:00:00+00:00"))
    # Du 01/01/2021 au 03/01/2021 follows it without overlap.
    assert second_part[1:3] == (utc("2021-01-01T05:00:00+00:00"), utc("2021-01-04T05:00:00+00:00"))


# The New Year week of one account as GRDF exports it weekly and daily (PyGazpar's real
# fixtures give 57 m3 / 634 kWh for the first row and 42 m3 / 473 kWh for the second).
NEW_YEAR_WEEKS = [
    ["Du 21/12/2020 au 27/12/2020", 95, 1058],
    ["Du 28/12/2020 au 03/01/2021", 57, 634],
    ["Du 01/01/2021 au 03/01/2021", 42, 473],
    ["Du 04/01/2021 au 10/01/2021", "110", "1230"],
]
# 28-31/12: 14 + 15 + 13 + 15 = 57 m3, 156 + 167 + 144 + 167 = 634 kWh;
# 01-03/01: 14 + 13 + 15 = 42 m3, 158 + 146 + 169 = 473 kWh.
NEW_YEAR_DAYS = [
    ["28/12/2020", 12100, 12114, 14, 156, 11.14, None, "Mesuré"],
    ["29/12/2020", 12114, 12129, 15, 167, 11.13, None, "Mesuré"],
    ["30/12/2020", 12129, 12142, 13, 144, 11.08, None, "Mesuré"],
    ["31/12/2020", 12142, 12157, 15, 167, 11.13, None, "Mesuré"],
    ["01/01/2021", 12157, 12171, 14, 158, 11.29, None, "Mesuré"],
    ["02/01/2021", 12171, 12184, 13, 146, 11.23, None, "Mesuré"],
    ["03/01/2021", 12184, 12199, 15, 169, 11.27, None, "Mesuré"],
]


def test_weekly_year_end_rows_equal_the_daily_export(tmp_path: Path) -> None:
    weekly_root = closed_wallet(tmp_path / "weekly")
    daily_root = closed_wallet(tmp_path / "daily")
    weekly, daily = tmp_path / "semaine.xlsx", tmp_path / "jour.xlsx"
    grdf_workbook(weekly, SHORT_HEADER, NEW_YEAR_WEEKS)
    grdf_workbook(daily, DAILY_HEADER, NEW_YEAR_DAYS)
    assert import_json(weekly_root, weekly)["files"][0]["added"] == 8
    assert import_json(daily_root, daily)["files"][0]["added"] == 14
    start, end = utc("2020-12-28T05:00:00+00:00"), utc("2021-01-04T05:00:00+00:00")

    def between(root: Path, quantity: str) -> float:
        return sum(v for _, s, e, v, _ in stored(root, "gas", quantity) if start <= s < e <= end)

    assert between(weekly_root, "consumption") == between(daily_root, "consumption") == 1107
    assert between(weekly_root, "volume") == between(daily_root, "volume") == 99
    # Each year's weekly total: 2020 = 1058 + 634 = 1692 kWh, 2021 = 473 + 1230 = 1703 kWh.
    years = run_cli(weekly_root, "series", "gas", "--granularity", "year", "--from", "2020-01-01")
    assert years.code == 0, years.out
    values = [line.split(",")[2] for line in years.out.splitlines()[1:]]
    assert values == ["1692.0", "1703.0"]


def test_monthly_french_month_names_with_trailing_space(root: Path) -> None:
    summary = import_json(root, RESOURCE_SAMPLES / "grdf_donnees_informatives_mois.xlsx")
    assert summary["files"][0]["added"] == 10
    energy = stored(root, "gas", "consumption")
    assert [v for *_, v, _ in energy] == [1340.0, 2010.0, 2234.0, 1675.0, 112.0]
    assert energy[0][1:3] == (utc("2020-11-01T05:00:00+00:00"), utc("2020-12-01T05:00:00+00:00"))
    # Août: summer time, 06:00 CEST is 04:00 UTC.
    assert energy[4][1:3] == (utc("2021-08-01T04:00:00+00:00"), utc("2021-09-01T04:00:00+00:00"))
    assert sum(v for *_, v, _ in stored(root, "gas", "volume")) == pytest.approx(660.0)


def test_json_quirks_gas_day_published_reading_duplicates(root: Path) -> None:
    sample = RESOURCE_SAMPLES / "grdf_monespace_quirks.json"
    summary = import_json(root, sample)["files"][0]
    # 6 readings x 2 quantities; the repeated 2025-07-15 adds nothing.
    assert (summary["added"], summary["already_present"], summary["rejected"]) == (10, 2, 0)
    energy = stored(root, "gas", "consumption")
    assert {meter for meter, *_ in energy} == {"09876543210987"}
    assert [v for *_, v, _ in energy] == [2500.0, 120.0, 20.0, None, 34.0]
    published, winter, summer = energy[0], energy[1], energy[2]
    # The offset in dateDebutReleve (+00:00) is ignored: the gas day starts at 06:00 local.
    assert winter[1:3] == (utc("2025-01-15T05:00:00+00:00"), utc("2025-01-16T05:00:00+00:00"))
    assert summer[1:3] == (utc("2025-07-15T04:00:00+00:00"), utc("2025-07-16T04:00:00+00:00"))
    # "Publiée": from the gas day of 2024-11-20 to the gas day of 2025-01-15.
    assert published[1:3] == (utc("2024-11-20T05:00:00+00:00"), utc("2025-01-15T05:00:00+00:00"))
    volume = stored(root, "gas", "volume")
    assert sum(v for *_, v, _ in volume if v is not None) == pytest.approx(225 + 11 + 2 + 3)


def test_shared_json_sample_with_its_absent_day(root: Path) -> None:
    summary = import_json(root, RESOURCE_SAMPLES / "grdf_monespace_donnees_informatives.json")
    assert summary["files"][0]["added"] == 10
    energy = stored(root, "gas", "consumption")
    assert [v for *_, v, _ in energy] == [75.0, 146.0, None, 174.0, 134.0]


def test_xlsx_and_json_of_one_pce_share_the_meter(root: Path) -> None:
    import_json(root, RESOURCE_SAMPLES / "grdf_donnees_informatives_jour.xlsx")
    import_json(root, RESOURCE_SAMPLES / "grdf_monespace_donnees_informatives.json")
    assert {meter for meter, *_ in stored(root, "gas", "consumption")} == {PCE}


def test_bad_rows_are_reported_by_line_without_their_values(tmp_path: Path, root: Path) -> None:
    path = tmp_path / "export.xlsx"
    grdf_workbook(
        path,
        DAILY_HEADER,
        [
            ["01/11/2025", 1, 2, 1, 11, None, None, "Mesuré"],
            ["pas-une-date-SECRET", 1, 2, 1, 11, None, None, "Mesuré"],
            ["03/11/2025", 1, 2, 1, "onze-SECRET", None, None, "Mesuré"],
            ["31/11/2025", 1, 2, 1, 11, None, None, "Mesuré"],
        ],
    )
    summary = import_json(root, path)
    file = summary["files"][0]
    assert (summary["code"], file["added"], file["rejected"]) == (1, 2, 3)
    assert [r["line"] for r in file["rejected_lines"]] == [11, 12, 13]
    assert "SECRET" not in str(file)
    strict = import_json(root, path, extra=("--strict",))
    assert strict["code"] == 2 and "line 11" in strict["files"][0]["refused"]


def test_reimport_adds_nothing(root: Path) -> None:
    samples = sorted(RESOURCE_SAMPLES.glob("grdf_*"))
    first = import_json(root, *samples)
    again = import_json(root, *samples)
    assert sum(f["added"] for f in first["files"]) > 0
    assert [f["added"] for f in again["files"]] == [0] * len(samples)


def test_detection_names_grdf_when_the_header_drifted(tmp_path: Path) -> None:
    path = tmp_path / "drift.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Historique par mois"
    sheet["B1"] = "Données informatives et détaillées"
    sheet["B9"] = "Jour"
    book.save(path)
    detection = GRDF_XLSX.detect(read_sample(path))
    assert detection.confidence < registry.ACCEPT_THRESHOLD
    assert "Date de relevé" in detection.near_miss
    with pytest.raises(registry.UnrecognisedFile, match="GRDF"):
        registry.choose(path)


def test_json_detection_and_a_cut_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    text = (RESOURCE_SAMPLES / "grdf_monespace_quirks.json").read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    assert GRDF_JSON.detect(read_sample(path)).confidence == 1.0
    items = list(GRDF_JSON.parse(path))
    assert len(items) == 1 and isinstance(items[0], Rejected)
    assert "not complete JSON" in items[0].reason
