"""Veolia water CSV, and every shared gas and water sample through ``selfdata import``."""

from __future__ import annotations

import filecmp
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.base import EnergyReading, Rejected, read_sample
from importers.veolia_csv import IMPORTER as VEOLIA
from tests.conftest import RESOURCE_SAMPLES, SHARED_SAMPLES
from tests.gaswater_helpers import closed_wallet, import_json, stored, utc

PARIS = ZoneInfo("Europe/Paris")
GASWATER_SAMPLES = (
    "grdf_donnees_informatives_jour.xlsx",
    "grdf_monespace_donnees_informatives.json",
    "veolia_historique_consommation.csv",
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return closed_wallet(tmp_path / "wallet")


def test_shared_sample_litres_and_estimated_day(root: Path) -> None:
    summary = import_json(root, RESOURCE_SAMPLES / "veolia_historique_consommation.csv")
    file = summary["files"][0]
    assert (file["importer"], file["added"], file["rejected"]) == ("veolia_csv", 25, 0)
    water = stored(root, "water", "consumption")
    assert {(meter, unit) for meter, *_, unit in water} == {("veolia", "L")}
    # 01/05 to 25/05/2026: the litres column added up by hand from the file.
    by_hand = [118, 96, 143, 0, 211, 87, 102, 131, 99, 156, 71, 88, 104, 93, 111, 89, 120]
    by_hand += [153, 76, 79, 175, 138, 82, 116, 144]
    assert sum(by_hand) == 2782
    assert [v for *_, v, _ in water] == by_hand
    # 01/05/2026 is the local calendar day, midnight to midnight in summer time.
    assert water[0][1:3] == (utc("2026-04-30T22:00:00+00:00"), utc("2026-05-01T22:00:00+00:00"))


def test_cp1252_crlf_times_blank_line_repeated_header_duplicate(root: Path) -> None:
    summary = import_json(root, RESOURCE_SAMPLES / "veolia_historique_quirks_cp1252.csv")
    file = summary["files"][0]
    # 6 data rows; the exact duplicate of 02/04 adds nothing.
    assert (file["added"], file["already_present"], file["rejected"]) == (5, 1, 0)
    water = stored(root, "water", "consumption")
    assert [v for *_, v, _ in water] == [100.0, 150.0, None, 250.5, 80.0]
    assert sum(v for *_, v, _ in water if v is not None) == pytest.approx(580.5)
    # Clock-change days: 23 hours in spring, 25 in autumn; the reading time does not move the day.
    assert water[0][1:3] == (utc("2025-03-29T23:00:00+00:00"), utc("2025-03-30T22:00:00+00:00"))
    assert water[4][1:3] == (utc("2025-10-25T22:00:00+00:00"), utc("2025-10-26T23:00:00+00:00"))


def test_bad_lines_are_rejected_by_number(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Date de relevé;Index relevé (litres);Consommation du jour (litres);Index Mesuré/Estimé\n"
        "01/05/2026;1;10;Mesuré\n"
        "2026/05/02;1;10;Mesuré\n"
        "03/05/2026;1;dix;Mesuré\n"
        "30/02/2026;1;10;Mesuré\n"
        "05/05/2026\n"
        "06/05/2026;1;²;Mesuré\n",  # a digit to str.isdigit, not a number to float
        encoding="utf-8",
    )
    items = list(VEOLIA.parse(path))
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [r.line for r in rejected] == [3, 4, 5, 6, 7]
    assert "dd/mm/yyyy" in rejected[0].reason and "not a number" in rejected[1].reason
    assert rejected[4].reason == "value is not a number"
    reasons = " ".join(r.reason for r in rejected)
    assert "dix" not in reasons and "²" not in reasons


def test_a_changed_veolia_header_is_named_not_imported(tmp_path: Path, root: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Date de relevé;Index;Volume (m3)\n01/05/2026;1;2\n", encoding="utf-8")
    detection = VEOLIA.detect(read_sample(path))
    assert detection.confidence < 0.5 and "Consommation du jour (litres)" in detection.near_miss
    refused = import_json(root, path)
    assert refused["code"] == 2 and "Veolia" in refused["files"][0]["refused"]
    assert stored(root, "water", "consumption") == []


def test_every_shared_gas_and_water_sample_imports_cleanly(root: Path) -> None:
    files = [RESOURCE_SAMPLES / name for name in GASWATER_SAMPLES]
    summary = import_json(root, *files)
    assert summary["code"] == 0
    assert [f["rejected"] for f in summary["files"]] == [0, 0, 0]
    assert all(f["added"] > 0 for f in summary["files"])
    again = import_json(root, *files)
    assert [f["added"] for f in again["files"]] == [0, 0, 0]


@pytest.mark.skipif(not SHARED_SAMPLES.is_dir(), reason="shared samples are beside main only")
def test_resource_samples_are_the_shared_ones() -> None:
    for name in GASWATER_SAMPLES:
        assert filecmp.cmp(RESOURCE_SAMPLES / name, SHARED_SAMPLES / name, shallow=False)


def _write_veolia(path: Path, days: list[tuple[date, int | None, bool]], encoding: str) -> None:
    lines = [
        "Date de relevé;Index relevé (litres);Consommation du jour (litres);Index Mesuré/Estimé"
    ]
    index = 1_000_000
    for day, litres, with_time in days:
        index += litres or 0
        stamp = day.strftime("%d/%m/%Y") + (" 12:00" if with_time else "")
        value = "" if litres is None else str(litres)
        lines.append(f"{stamp};{index};{value};{'Mesuré' if litres else 'Estimé'}")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    cells=st.lists(
        st.tuples(st.one_of(st.none(), st.integers(0, 5000)), st.booleans()),
        min_size=1,
        max_size=40,
    ),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_round_trip_any_veolia_file(
    tmp_path: Path,
    first: date,
    cells: list[tuple[int | None, bool]],
    encoding: str,
) -> None:
    days = [(first + timedelta(days=i), litres, t) for i, (litres, t) in enumerate(cells)]
    path = tmp_path / "veolia.csv"
    _write_veolia(path, days, encoding)
    items = list(VEOLIA.parse(path))
    assert all(isinstance(i, EnergyReading) for i in items)
    readings = [i for i in items if isinstance(i, EnergyReading)]
    assert [r.value for r in readings] == [
        None if litres is None else float(litres) for _, litres, _ in days
    ]
    for (day, _, _), reading in zip(days, readings, strict=True):
        assert 23 * 3600 <= reading.end - reading.start <= 25 * 3600
        assert reading.start % 3600 == 0
        local = datetime.fromtimestamp(reading.start, PARIS)
        assert (local.date(), local.hour, local.minute) == (day, 0, 0)
    # Consecutive days touch: each day ends where the next begins.
    assert all(a.end == b.start for a, b in pairwise(readings))


def test_veolia_ile_de_france_dates_with_time(root: Path) -> None:
    # Veolia Île-de-France writes "2020-12-17 19:00:00": six days, litres by hand:
    # 187 + 203 + 152 + 220 + 0 (estimated) + 341 = 1103; each index step equals the day's
    # litres (320559 + 203 = 320762 ...), as in the provider's file.
    sample = Path(__file__).parent / "data" / "water" / "veolia_idf_historique.csv"
    file = import_json(root, sample)["files"][0]
    assert (file["importer"], file["added"], file["rejected"]) == ("veolia_csv", 6, 0)
    water = stored(root, "water", "consumption")
    assert [value for *_, value, _ in water] == [187, 203, 152, 220, 0, 341]
    assert sum(value for *_, value, _ in water) == 1103
    # The reading of 17/12 at 19:00 is the consumption of that local day.
    assert water[3][1:3] == (utc("2020-12-17T00:00:00+01:00"), utc("2020-12-18T00:00:00+01:00"))
