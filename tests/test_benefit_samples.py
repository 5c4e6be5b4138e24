"""Every benefits sample imports through ``selfdata import --yes``, once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from importers import registry
from tests.conftest import RESOURCE_SAMPLES, SHARED_SAMPLES, run_cli

# Sample -> (importer, rows added). Counted by hand from the files.
BENEFIT_SAMPLES = {
    "caf_paiements_api.json": ("caf_paiements_json", 5),
    "france_travail_courriers_api.json": ("france_travail_courriers_json", 3),
    "caf_attestation_paiement.pdf": ("caf_attestation_pdf", 7),
    "france_travail_attestation_paiement.pdf": ("france_travail_attestation_pdf", 3),
    "releve_bancaire.ofx": ("bank_ofx", 4),
    "releve_bancaire_credit_agricole.csv": ("bank_csv", 6),
}


@pytest.mark.parametrize("name", sorted(BENEFIT_SAMPLES))
def test_sample_imports_without_rejection_then_adds_nothing(wallet_dir: Path, name: str) -> None:
    importer, rows = BENEFIT_SAMPLES[name]
    run_cli(wallet_dir, "init")
    first = run_cli(wallet_dir, "--json", "import", "--yes", str(RESOURCE_SAMPLES / name))
    assert first.code == 0, first.out
    summary = json.loads(first.out)["files"][0]
    assert (summary["importer"], summary["added"], summary["rejected"]) == (importer, rows, 0)
    again = json.loads(
        run_cli(wallet_dir, "--json", "import", "--yes", str(RESOURCE_SAMPLES / name)).out
    )
    assert (again["files"][0]["added"], again["files"][0]["already_present"]) == (0, rows)


def test_every_benefits_file_has_a_guide_in_both_languages() -> None:
    guides = RESOURCE_SAMPLES.parent / "guides"
    for importer, _ in BENEFIT_SAMPLES.values():
        assert registry.by_name(importer)
        for language in ("fr", "en"):
            text = (guides / f"{importer}.{language}.md").read_text(encoding="utf-8")
            assert len(text.splitlines()) > 5


@pytest.mark.skipif(not SHARED_SAMPLES.is_dir(), reason="shared/ is laid beside the clone in CI")
@pytest.mark.parametrize("name", ["caf_paiements_api.json", "france_travail_courriers_api.json"])
def test_resource_copies_match_the_shared_samples(name: str) -> None:
    assert (RESOURCE_SAMPLES / name).read_bytes() == (SHARED_SAMPLES / name).read_bytes()
