"""The mapping importer: a help desk describes a file once, every resident imports it."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.base import EnergyReading, Rejected, read_sample
from importers.mapping import Mapping, MappingError, MappingImporter, strptime_format
from tests.conftest import PASSPHRASE, RESOURCE_SAMPLES, run_cli
from tests.gaswater_helpers import closed_wallet, import_json, stored, utc
from wallet import mappings
from wallet.errors import InvalidInput
from wallet.keyslots import FAST_KDF
from wallet.vault import Wallet

CITY_CSV = (
    "Export de la régie municipale\n"
    "\n"
    "N° compteur;Date;Consommation (kWh);Remarque\n"
    "M-77;01/02/2025;12,5;\n"
    "M-77;02/02/2025;13,25;relevé\n"
    "M-77;03/02/2025;;panne\n"
    "M-77;04/02/2025;1 204,75;\n"
    "M-78;01/02/2025;7,5;\n"
)


def add_args(name: str, sample: Path, *more: str) -> list[str]:
    return ["mapping", "add", name, "--from-file", str(sample), *more]


@pytest.fixture
def city_csv(tmp_path: Path) -> Path:
    path = tmp_path / "regie.csv"
    path.write_text(CITY_CSV, encoding="utf-8")
    return path


def test_round_trip_help_desk_to_resident(tmp_path: Path, city_csv: Path) -> None:
    desk = closed_wallet(tmp_path / "desk")
    made = run_cli(
        desk,
        "--json",
        *add_args("Régie Nantes", city_csv, "--date-column", "Date"),
        "--date-format",
        "dd/mm/yyyy",
        "--value-column",
        "3",
        "--unit",
        "kWh",
        "--dataset",
        "electricity",
        "--meter-column",
        "n° COMPTEUR",
    )
    assert made.code == 0, made.out
    assert json.loads(made.out)["readings_in_sample"] == 5
    shared = tmp_path / "regie-nantes.json"
    assert run_cli(desk, "mapping", "export", "Régie Nantes", "-o", str(shared)).code == 0
    assert json.loads(shared.read_text(encoding="utf-8"))["value_column"] == "Consommation (kWh)"

    resident = closed_wallet(tmp_path / "resident")
    before = import_json(resident, city_csv)
    assert before["code"] == 2 and "mapping" in before["files"][0]["refused"]
    assert run_cli(resident, "mapping", "import", str(shared)).code == 0
    summary = import_json(resident, city_csv)["files"][0]
    assert summary["importer"] == "mapping:Régie Nantes"
    assert (summary["added"], summary["rejected"]) == (5, 0)
    readings = stored(resident, "electricity", "consumption")
    by_meter = {}
    for meter, start, end, value, unit in readings:
        by_meter.setdefault(meter, []).append(value)
        assert unit == "kWh" and end - start == 86_400  # February: no clock change
    # 12,5 + 13,25 + (missing) + 1 204,75 for M-77; 7,5 for M-78.
    assert by_meter == {"M-77": [12.5, 13.25, None, 1204.75], "M-78": [7.5]}
    assert readings[0][1] == utc("2025-02-01T00:00:00+01:00")
    again = import_json(resident, city_csv)["files"][0]
    assert (again["added"], again["already_present"]) == (0, 5)


def test_xlsx_mapping_with_fixed_meter_and_gas_volume(tmp_path: Path) -> None:
    path = tmp_path / "bailleur.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Relevés de gaz du logement"])
    sheet.append([])
    sheet.append(["Jour", "Volume (m3)", None])
    sheet.append([datetime(2025, 3, 29), 2.5])
    sheet.append([datetime(2025, 3, 30), "3,5"])
    sheet.append(["31/03/2025", 4])
    book.save(path)
    root = closed_wallet(tmp_path / "w")
    made = run_cli(
        root,
        *add_args("Bailleur", path, "--date-column", "jour", "--date-format", "dd/mm/yyyy"),
        *("--value-column", "Volume (m3)", "--unit", "m3", "--dataset", "gas"),
        *("--meter", "logement-12"),
    )
    assert made.code == 0, made.out
    summary = import_json(root, path)["files"][0]
    assert (summary["importer"], summary["added"]) == ("mapping:Bailleur", 3)
    volume = stored(root, "gas", "volume")
    assert [(m, v, u) for m, _, _, v, u in volume] == [
        ("logement-12", 2.5, "m3"),
        ("logement-12", 3.5, "m3"),
        ("logement-12", 4.0, "m3"),
    ]
    # 30/03/2025 is the spring clock change: a 23-hour local day.
    assert volume[1][1:3] == (utc("2025-03-29T23:00:00+00:00"), utc("2025-03-30T22:00:00+00:00"))


def test_hourly_rows_stamped_at_the_end_across_the_autumn_change(tmp_path: Path) -> None:
    path = tmp_path / "hourly.csv"
    path.write_text(
        "when,kwh\n27/10/2024 01:00,1.0\n27/10/2024 02:00,2.0\n"
        "27/10/2024 02:00,3.0\n27/10/2024 03:00,4.0\n",
        encoding="utf-8",
    )
    mapping = Mapping(
        "hourly",
        ("when", "kwh"),
        "when",
        "dd/mm/yyyy hh:mm",
        "kwh",
        "kWh",
        "electricity",
        meter="m",
        step="PT1H",
        stamp="end",
    )
    items = list(MappingImporter(mapping).parse(path))
    assert all(isinstance(i, EnergyReading) for i in items)
    ends = [i.end for i in items if isinstance(i, EnergyReading)]
    # The first 02:00 is CEST (00:00 UTC), the second one CET (01:00 UTC): the 25-hour day.
    assert ends == [
        utc("2024-10-26T23:00:00+00:00"),
        utc("2024-10-27T00:00:00+00:00"),
        utc("2024-10-27T01:00:00+00:00"),
        utc("2024-10-27T02:00:00+00:00"),
    ]
    assert all(i.end - i.start == 3600 for i in items if isinstance(i, EnergyReading))


def test_spring_gap_and_bad_rows_are_rejected_by_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        "when;kwh\n30/03/2025 01:00;1\n30/03/2025 02:30;1\nSECRET;1\n30/03/2025 04:00;SECRET\n",
        encoding="utf-8",
    )
    mapping = Mapping(
        "rows", ("when", "kwh"), "when", "dd/mm/yyyy hh:mm", "kwh", "kWh", "electricity",
        meter="m", step="PT1H",
    )  # fmt: skip
    items = list(MappingImporter(mapping).parse(path))
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [r.line for r in rejected] == [3, 4, 5]
    assert "spring" in rejected[0].reason and "dd/mm/yyyy hh:mm" in rejected[1].reason
    assert "SECRET" not in " ".join(r.reason for r in rejected)


def test_monthly_rows(tmp_path: Path) -> None:
    path = tmp_path / "monthly.csv"
    path.write_text("mois,litres\n2024-12-01,3000\n2025-01-01,3100\n", encoding="utf-8")
    mapping = Mapping(
        "eau", ("mois", "litres"), "mois", "yyyy-mm-dd", "litres", "L", "water",
        meter="compteur", step="P1M",
    )  # fmt: skip
    items = [i for i in MappingImporter(mapping).parse(path) if isinstance(i, EnergyReading)]
    assert [(i.start, i.end) for i in items] == [
        (utc("2024-12-01T00:00:00+01:00"), utc("2025-01-01T00:00:00+01:00")),
        (utc("2025-01-01T00:00:00+01:00"), utc("2025-02-01T00:00:00+01:00")),
    ]


def test_a_mapping_that_reads_nothing_is_not_saved(tmp_path: Path, city_csv: Path) -> None:
    root = closed_wallet(tmp_path / "w")
    made = run_cli(
        root,
        *add_args("wrong", city_csv, "--date-column", "Date", "--date-format", "yyyy-mm-dd"),
        *("--value-column", "3", "--unit", "kWh", "--dataset", "electricity", "--meter", "x"),
    )
    assert made.code == 2
    listed = run_cli(root, "--json", "mapping", "list")
    assert json.loads(listed.out) == []
    missing = run_cli(
        root,
        *add_args("wrong", city_csv, "--date-column", "Jour", "--date-format", "dd/mm/yyyy"),
        *("--value-column", "3", "--unit", "kWh", "--dataset", "electricity", "--meter", "x"),
    )
    assert missing.code == 2


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"unit": "gallons"}, "schema"),
        ({"format": "something-else"}, "schema"),
        ({"value_column": "Absent"}, "header"),
        ({"meter": "x"}, "schema"),  # both a meter column and a fixed meter
        ({"step": "PT30M"}, "time"),  # dates without a time cannot be half-hours
        ({"extra": 1}, "schema"),
    ],
)
def test_bad_mapping_files_are_refused_and_nothing_saved(
    wallet: Wallet, tmp_path: Path, change: dict[str, object], why: str
) -> None:
    good = Mapping(
        "ok", ("Date", "kWh", "PRM"), "Date", "dd/mm/yyyy", "kWh", "kWh", "electricity",
        meter_column="PRM",
    )  # fmt: skip
    path = tmp_path / "m.json"
    mappings.export_mapping(good, path)
    assert mappings.read_mapping_file(path) == good
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(change)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        mappings.import_mapping(wallet.conn, path)
    assert why in str(refused.value)
    assert mappings.load_all(wallet.conn) == []


def test_not_json_and_too_big_files_are_refused(wallet: Wallet, tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not a JSON mapping"):
        mappings.import_mapping(wallet.conn, path)
    path.write_text(" " * (mappings.MAX_FILE_BYTES + 1), encoding="utf-8")
    with pytest.raises(InvalidInput, match="too big"):
        mappings.import_mapping(wallet.conn, path)


def test_list_remove_and_names(tmp_path: Path, city_csv: Path) -> None:
    root = closed_wallet(tmp_path / "w")
    args = ("--date-column", "Date", "--date-format", "dd/mm/yyyy", "--value-column", "3")
    args += ("--unit", "kWh", "--dataset", "electricity", "--meter", "x")
    assert run_cli(root, *add_args("one", city_csv, *args)).code == 0
    assert run_cli(root, *add_args("one", city_csv, *args)).code == 2  # exists already
    assert run_cli(root, *add_args("one", city_csv, *args, "--replace")).code == 0
    listed = json.loads(run_cli(root, "--json", "mapping", "list").out)
    assert [m["name"] for m in listed] == ["one"]
    assert run_cli(root, "mapping", "remove", "one").code == 0
    assert run_cli(root, "mapping", "remove", "one").code == 2
    assert json.loads(run_cli(root, "--json", "mapping", "list").out) == []


def test_a_built_in_importer_keeps_precedence(tmp_path: Path) -> None:
    sample = RESOURCE_SAMPLES / "veolia_historique_consommation.csv"
    root = closed_wallet(tmp_path / "w")
    made = run_cli(
        root,
        "--json",
        *add_args("eau", sample, "--date-column", "1", "--date-format", "dd/mm/yyyy"),
        *("--value-column", "3", "--unit", "L", "--dataset", "water", "--meter", "maison"),
    )
    assert made.code == 0
    assert "Veolia" in json.loads(made.out)["built_in_importer"]
    assert import_json(root, sample)["files"][0]["importer"] == "veolia_csv"


def test_header_other_than_the_mapping_is_not_claimed(tmp_path: Path, city_csv: Path) -> None:
    mapping = Mapping(
        "m", ("N° compteur", "Date", "Consommation (kWh)", "Remarque"), "Date", "dd/mm/yyyy",
        "Consommation (kWh)", "kWh", "electricity", meter_column="N° compteur",
    )  # fmt: skip
    importer = MappingImporter(mapping)
    assert importer.detect(read_sample(city_csv)).confidence == 0.95
    other = tmp_path / "other.csv"
    other.write_text("N° compteur;Date;Consommation (kWh)\nM;01/01/2025;1\n", encoding="utf-8")
    drifted = importer.detect(read_sample(other))
    assert drifted.confidence < 0.5 and "Remarque" in drifted.near_miss
    unrelated = tmp_path / "unrelated.csv"
    unrelated.write_text("a;b\n1;2\n", encoding="utf-8")
    assert importer.detect(read_sample(unrelated)).confidence == 0.0


def test_friendly_date_formats() -> None:
    assert strptime_format("dd/mm/yyyy") == "%d/%m/%Y"
    assert strptime_format("yyyy-mm-dd hh:mm:ss") == "%Y-%m-%d %H:%M:%S"
    assert strptime_format("%d.%m.%y") == "%d.%m.%y"
    with pytest.raises(MappingError):
        Mapping("x", ("a", "b"), "a", "mm/yyyy", "b", "kWh", "gas", meter="m").validate()


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 1, 1)),
    values=st.lists(
        st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=2)),
        min_size=1,
        max_size=30,
    ),
    delimiter=st.sampled_from([";", ",", "\t"]),
    comma=st.booleans(),
)
def test_round_trip_any_written_file(
    tmp_path: Path, first: date, values: list[object], delimiter: str, comma: bool
) -> None:
    if comma and delimiter == ",":
        delimiter = ";"
    lines = [delimiter.join(["Jour", "Valeur"])]
    for offset, value in enumerate(values):
        day = (first + timedelta(days=offset)).strftime("%d/%m/%Y")
        text = "" if value is None else str(value)
        lines.append(delimiter.join([day, text.replace(".", ",") if comma else text]))
    path = tmp_path / "any.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    mapping = Mapping("any", ("Jour", "Valeur"), "Jour", "dd/mm/yyyy", "Valeur", "L", "water",
                      meter="m")  # fmt: skip
    items = list(MappingImporter(mapping).parse(path))
    assert all(isinstance(i, EnergyReading) for i in items)
    got = [i.value for i in items if isinstance(i, EnergyReading)]
    assert got == [None if v is None else pytest.approx(float(str(v))) for v in values]


def test_saved_mapping_survives_lock_and_unlock(wallet_dir: Path) -> None:
    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF)
    mapping = Mapping("m", ("a", "b"), "a", "iso", "b", "kWh", "gas", meter="pce")
    mappings.save(created.wallet.conn, mapping)
    created.wallet.lock()
    with Wallet.unlock(wallet_dir, PASSPHRASE) as again:
        assert mappings.get(again.conn, "m") == mapping
