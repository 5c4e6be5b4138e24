"""The income tax notice importer: found by content, confirmed, stored, undone, refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from importers import registry
from importers.base import Rejected, TaxNotice
from importers.tax_notice_pdf import IMPORTER
from tests.benefit_documents import CAF_ATTESTATION, write_pdf
from tests.conftest import run_cli
from tests.tax_notices import (
    ABSURD_PARTS,
    NOTICE,
    NOTICE_WRAPPED,
    PROPERTY_TAX,
    WITHOUT_FIGURES,
)
from wallet import batches
from wallet.errors import ImportRefused
from wallet.rights import store
from wallet.rights.situation import TaxNotice as NoticeFigures
from wallet.vault import Wallet


def _records(path: Path) -> list[object]:
    return list(IMPORTER.parse(path))


@pytest.mark.parametrize("rows", [NOTICE, NOTICE_WRAPPED], ids=["one-line", "wrapped"])
def test_a_notice_is_found_by_content_and_its_three_figures_read(
    tmp_path: Path, rows: list[object]
) -> None:
    path = write_pdf(tmp_path / "avis.pdf", rows)  # type: ignore[arg-type]
    chosen = registry.choose(path, None)
    assert chosen.importer.name == "tax_notice_pdf"
    (notice,) = _records(path)
    assert isinstance(notice, TaxNotice)
    # "AVIS D'IMPÔT 2025 ... revenus de l'année 2024"; 14 820 EUR; 1,50 parts
    assert (notice.income_year, notice.reference_income_cents, notice.parts_hundredths) == (
        2024,
        1_482_000,
        150,
    )
    assert "Revenu fiscal de référence" in notice.evidence
    assert "Numéro fiscal" not in notice.evidence  # the tax number is never read


def test_a_property_tax_notice_and_an_attestation_are_not_taken_for_it(tmp_path: Path) -> None:
    sample = registry.read_sample(write_pdf(tmp_path / "foncier.pdf", PROPERTY_TAX))
    assert IMPORTER.detect(sample).confidence == 0
    caf = registry.read_sample(write_pdf(tmp_path / "caf.pdf", CAF_ATTESTATION))
    assert IMPORTER.detect(caf).confidence == 0
    notice = registry.read_sample(write_pdf(tmp_path / "avis.pdf", NOTICE))
    assert registry.by_name("caf_attestation_pdf").detect(notice).confidence == 0


def test_a_notice_without_its_figures_is_a_near_miss_and_a_clear_rejection(
    tmp_path: Path,
) -> None:
    path = write_pdf(tmp_path / "page2.pdf", WITHOUT_FIGURES)
    detection = IMPORTER.detect(registry.read_sample(path))
    assert detection.confidence == 0
    assert "Revenu fiscal de référence" in detection.near_miss
    (rejected,) = _records(path)
    assert isinstance(rejected, Rejected)
    assert "revenu fiscal de référence" in rejected.reason
    absurd = _records(write_pdf(tmp_path / "absurd.pdf", ABSURD_PARTS))
    assert isinstance(absurd[0], Rejected) and "out of range" in absurd[0].reason


def test_a_confirmed_notice_is_stored_once_and_undone_as_a_batch(
    tmp_path: Path, wallet: Wallet
) -> None:
    path = write_pdf(tmp_path / "avis.pdf", NOTICE)
    seen: list[object] = []

    def confirm(records: list[object], rejected: list[object]) -> bool:
        seen.extend(records)
        return True

    result = wallet.import_file(path, confirm=confirm)
    assert (result.added, result.datasets) == (1, {"household"})
    assert isinstance(seen[0], TaxNotice)
    assert store.latest_tax_notice(wallet.conn) == NoticeFigures(2024, 1_482_000, 1.5)
    again = wallet.import_file(write_pdf(tmp_path / "avis2.pdf", NOTICE_WRAPPED), confirm=confirm)
    assert (again.added, again.present) == (0, 1)
    with pytest.raises(ImportRefused, match="not confirmed"):
        wallet.import_file(path, confirm=lambda records, rejected: False)
    assert batches.undo(wallet.conn, result.batch_id or 0).removed == 1
    assert store.latest_tax_notice(wallet.conn) is None


def test_a_damaged_notice_is_refused_and_the_wallet_is_unchanged(
    tmp_path: Path, wallet_dir: Path
) -> None:
    assert run_cli(wallet_dir, "init").code == 0
    good = write_pdf(tmp_path / "avis.pdf", NOTICE)
    assert run_cli(wallet_dir, "import", str(good), "--yes").code == 0
    damaged = tmp_path / "avis-coupe.pdf"
    damaged.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    refused = run_cli(wallet_dir, "import", str(damaged), "--yes", "--source", "tax_notice_pdf")
    assert refused.code == 2
    assert "not imported" in refused.out
    with Wallet.unlock(wallet_dir, "correct horse battery staple") as wallet:
        assert store.latest_tax_notice(wallet.conn) == NoticeFigures(2024, 1_482_000, 1.5)
