"""Every electricity sample imports cleanly; re-imports add nothing; drift is refused by name;
an R63 file written from generated readings reads back exactly (hypothesis)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers import registry
from importers.base import EnergyReading, Rejected, read_sample
from importers.enedis_r63 import IMPORTER as R63
from tests.conftest import PASSPHRASE, RESOURCE_SAMPLES, SHARED_SAMPLES, run_cli
from wallet.keyslots import FAST_KDF
from wallet.vault import Wallet

PARIS = ZoneInfo("Europe/Paris")
# shared/ sits beside the repository on the lead's checkout and in CI; a worktree elsewhere
# falls back to the copies in resources/samples, which the first test proves identical.
SAMPLES = SHARED_SAMPLES if SHARED_SAMPLES.is_dir() else RESOURCE_SAMPLES
ELECTRICITY = ("enedis_", "edf_")
# Readings per sample, counted in the files by hand (the HDM index file: 6 days x 7 registers,
# 1 all-empty day, 6 calendar markers, 7 daily peaks, and 4 daily consumptions derived from
# EAS T: 01-02, 02-03, 05-06 and 06-07 March; none across the empty 04 March).
EXPECTED = {
    "edf_mes_puissances_atteintes_30min.csv": ("edf_30min", 24),
    "enedis_dataconnect_v5_consumption_load_curve.json": ("enedis_dataconnect", 22),
    "enedis_dataconnect_v5_daily_consumption.json": ("enedis_dataconnect", 6),
    "enedis_dataconnect_v5_daily_consumption_max_power.json": ("enedis_dataconnect", 6),
    "enedis_mes_mesures_courbe_de_charge.csv": ("enedis_hdm_csv", 27),
    "enedis_mes_mesures_index_pmax.csv": ("enedis_hdm_csv", 60),
    "enedis_portal_conso_quotidienne.xlsx": ("enedis_portal_xlsx", 15),
    "enedis_portal_courbe_de_charge.xlsx": ("enedis_portal_xlsx", 20),
    "enedis_r63_courbe_de_charge.csv": ("enedis_r63", 23),
}


def samples() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.name.startswith(ELECTRICITY))


@pytest.fixture
def closed_wallet(wallet_dir: Path) -> Path:
    Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF).wallet.lock()
    return wallet_dir


def test_every_shared_sample_is_known_and_copied() -> None:
    assert {p.name for p in samples()} == set(EXPECTED)
    for path in samples():
        assert (RESOURCE_SAMPLES / path.name).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("path", samples(), ids=lambda p: p.name)
def test_shared_sample_imports_without_rejection_and_reimport_adds_nothing(
    closed_wallet: Path, path: Path
) -> None:
    importer, count = EXPECTED[path.name]
    run = run_cli(closed_wallet, "--json", "import", str(path))
    assert run.code == 0, run.out
    [result] = json.loads(run.out)["files"]
    assert (result["importer"], result["added"], result["rejected"]) == (importer, count, 0)
    again = json.loads(run_cli(closed_wallet, "--json", "import", str(path)).out)["files"][0]
    assert (again["added"], again["already_present"]) == (0, count)


def _drifted(tmp_path: Path, sample: str, old: str, new: str, encoding: str = "utf-8") -> Path:
    data = (SAMPLES / sample).read_bytes()
    drifted = tmp_path / f"drift_{sample}"
    drifted.write_bytes(data.replace(old.encode(encoding), new.encode(encoding), 1))
    return drifted


@pytest.mark.parametrize(
    ("sample", "old", "new", "encoding", "label"),
    [
        ("enedis_r63_courbe_de_charge.csv", ";Horodate;", ";Horodatage;", "utf-8", "R63"),
        (
            "enedis_mes_mesures_courbe_de_charge.csv",
            "Horodate;Valeur",
            "Date;Valeur",
            "utf-8",
            "historique de mesures",
        ),
        (
            "edf_mes_puissances_atteintes_30min.csv",
            "Puissance atteinte (W)",
            "Puissance (kW)",
            "cp1252",
            "EDF",
        ),
        (
            "enedis_dataconnect_v5_daily_consumption.json",
            '"interval_reading"',
            '"readings"',
            "utf-8",
            "Data Connect",
        ),
    ],
)
def test_header_drift_is_refused_naming_the_closest_format(
    closed_wallet: Path,
    tmp_path: Path,
    sample: str,
    old: str,
    new: str,
    encoding: str,
    label: str,
) -> None:
    drifted = _drifted(tmp_path, sample, old, new, encoding)
    run = run_cli(closed_wallet, "import", str(drifted))
    assert run.code == 2
    assert label in run.out and "does not match" in run.out
    assert "01234567890123" not in run.out  # no personal data in the message


def test_dataconnect_error_answer_is_explained(tmp_path: Path) -> None:
    answer = tmp_path / "answer.json"
    answer.write_text('{"error":"no_data_found","error_description":"no measure found"}')
    with pytest.raises(registry.UnrecognisedFile, match="error answer"):
        registry.choose(answer)


def test_detection_picks_each_format_by_content_not_name(tmp_path: Path) -> None:
    for path in samples():
        renamed = tmp_path / "export.dat"
        renamed.write_bytes(path.read_bytes())
        assert registry.choose(renamed).importer.name == EXPECTED[path.name][0]


def test_progress_reaches_the_file_size() -> None:
    path = SAMPLES / "enedis_r63_courbe_de_charge.csv"
    seen: list[tuple[int, int]] = []
    list(R63.parse(path, lambda done, total: seen.append((done, total))))
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)


# --- hypothesis: readings -> an R63 file -> readings --------------------------------------
R63_HEADER = (
    "Identifiant PRM;Date de début;Date de fin;Grandeur physique;Grandeur métier;"
    "Etape métier;Unité;Horodate;Valeur;Nature;Pas;Indice de vraisemblance;Etat complémentaire"
)
START = datetime(2024, 3, 30, tzinfo=UTC)
FOLD = (
    int(datetime(2024, 10, 26, 22, tzinfo=UTC).timestamp()),
    int(datetime(2024, 10, 27, 2, tzinfo=UTC).timestamp()),
)


def _write_r63(path: Path, readings: list[tuple[int, int, int | None]]) -> None:
    lines = [R63_HEADER]
    for end, step, value in readings:
        wall = datetime.fromtimestamp(end, PARIS).strftime("%Y-%m-%d %H:%M:%S")
        text = "" if value is None else str(value)
        lines.append(
            f"01234567890123;2024-01-01 00:00:00;2025-01-01 00:00:00;PA;CONS;BRUT;W;"
            f"{wall};{text};B;PT{step // 60}M;0;0"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


steps_and_values = st.lists(
    st.tuples(st.sampled_from([600, 1800, 3600]), st.none() | st.integers(0, 12_000)),
    min_size=1,
    max_size=300,
)


@settings(max_examples=40, deadline=None)
@given(
    offset_days=st.sampled_from([0, 1, 210, 211]),  # around both 2024 clock changes
    gaps=st.lists(st.integers(0, 3), min_size=300, max_size=300),
    rows=steps_and_values,
)
def test_r63_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    offset_days: int,
    gaps: list[int],
    rows: list[tuple[int, int | None]],
) -> None:
    end = int((START + timedelta(days=offset_days)).timestamp())
    readings: list[tuple[int, int, int | None]] = []
    for (step, value), skipped in zip(rows, gaps, strict=False):
        if FOLD[0] <= end <= FOLD[1]:
            # Around the repeated autumn hour a file without offsets is unambiguous only when
            # no reading is absent and steps are short: that is what Enedis writes.
            step, skipped = min(step, 1800), 0
        end += step * (1 + (skipped == 3))  # now and then a reading is absent
        readings.append((end, step, value))
    path = tmp_path_factory.mktemp("r63") / "generated.csv"
    _write_r63(path, readings)
    parsed = list(R63.parse(path))
    assert not [item for item in parsed if isinstance(item, Rejected)]
    assert [(r.start, r.end, r.value) for r in parsed if isinstance(r, EnergyReading)] == [
        (end - step, end, None if value is None else float(value)) for end, step, value in readings
    ]


def test_detect_reads_only_the_head(tmp_path: Path) -> None:
    path = tmp_path / "r63.csv"
    _write_r63(path, [(int(START.timestamp()) + 1800 * i, 1800, i) for i in range(1, 3000)])
    assert R63.detect(read_sample(path)).confidence > 0.9
