"""Every mobility sample, shared and our own, imports through ``selfdata import`` cleanly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO, RESOURCE_SAMPLES, SHARED_SAMPLES, run_cli

SHARED_MOBILITY = ("tfl_", "ovchipkaart_", "gtfs_")


def shared_samples_folder() -> Path:
    """The shared samples beside the checkout (a worktree sits one folder deeper than main)."""
    for parent in (SHARED_SAMPLES.parent.parent, *REPO.parents):
        candidate = parent / "shared" / "samples"
        if candidate.is_dir():
            return candidate
    pytest.skip("the shared samples folder is not beside this checkout")


def mobility_samples(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(SHARED_MOBILITY))


def import_json(wallet_dir: Path, *files: Path, extra: tuple[str, ...] = ()) -> dict[str, object]:
    run = run_cli(wallet_dir, "--json", "import", *map(str, files), *extra)
    assert run.code == 0, run.out
    return dict(json.loads(run.out))


def test_every_shared_mobility_sample_imports_without_rejection(wallet_dir: Path) -> None:
    shared = mobility_samples(shared_samples_folder())
    assert len(shared) == 4
    for path in shared:  # our copies are the same files
        assert (RESOURCE_SAMPLES / path.name).read_bytes() == path.read_bytes()
    assert run_cli(wallet_dir, "init").code == 0
    result = import_json(wallet_dir, *shared)
    files = {f["file"]: f for f in result["files"]}  # type: ignore[attr-defined]
    assert all(f["rejected"] == 0 and f["added"] > 0 for f in files.values())
    assert files["tfl_oyster_journey_history.csv"]["added"] == 20  # 16 trips, 4 money rows
    assert files["tfl_contactless_journey_history_2016.csv"]["added"] == 19
    assert files["ovchipkaart_transacties.csv"]["added"] == 26
    assert files["gtfs_stops.txt"]["added"] == 8
    again = import_json(wallet_dir, *shared)
    assert all(f["added"] == 0 for f in again["files"])  # type: ignore[attr-defined]


def test_our_own_mobility_samples_import_without_rejection(wallet_dir: Path) -> None:
    ours = [
        RESOURCE_SAMPLES / name
        for name in (
            "tfl_oyster_quirks.csv",
            "tfl_contactless_statement_2026.csv",
            "tracker_osmand_trajets.gpx",
            "tracker_trajets.geojson",
        )
    ]
    assert run_cli(wallet_dir, "init").code == 0
    result = import_json(wallet_dir, *ours)
    added = [f["added"] for f in result["files"]]  # type: ignore[attr-defined]
    assert added == [7, 6, 2, 2]


def test_account_names_the_card_of_a_file_without_one(wallet_dir: Path) -> None:
    assert run_cli(wallet_dir, "init").code == 0
    sample = RESOURCE_SAMPLES / "tfl_oyster_journey_history.csv"
    import_json(wallet_dir, sample, extra=("--account", "Oyster of Sam"))
    import_json(wallet_dir, sample)
    listed = run_cli(wallet_dir, "--json", "datasets")
    cards = sorted(d["entity"] for d in json.loads(listed.out) if d["dataset"] == "mobility")
    assert cards == ["Oyster of Sam", "oyster"]


@pytest.mark.parametrize(
    "name",
    ["tfl_oyster", "tfl_contactless", "ovchipkaart", "gtfs_stops", "gpx_track", "geojson_track"],
)
def test_every_mobility_importer_has_a_guide_in_both_languages(name: str) -> None:
    from importers.registry import by_name

    assert by_name(name).name == name
    for language in ("fr", "en"):
        guide = REPO / "resources" / "guides" / f"{name}.{language}.md"
        assert guide.read_text(encoding="utf-8").startswith("# ")
