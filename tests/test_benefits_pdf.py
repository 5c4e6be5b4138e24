"""Payment attestations in PDF: payments found by content, shown with their lines, confirmed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from fpdf import FPDF

from importers.base import Payment, Record, Rejected
from tests.benefit_documents import CAF_ATTESTATION, FRANCE_TRAVAIL_ATTESTATION, write_pdf
from tests.conftest import RESOURCE_SAMPLES, run_cli
from wallet.errors import ImportRefused
from wallet.vault import Wallet

CAF_PDF = RESOURCE_SAMPLES / "caf_attestation_paiement.pdf"
FT_PDF = RESOURCE_SAMPLES / "france_travail_attestation_paiement.pdf"


class Shown:
    """Stands in for the person: records what was shown, answers yes or no."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.records: list[Record] = []

    def __call__(self, records: Sequence[Record], rejected: Sequence[Rejected]) -> bool:
        self.records = list(records)
        return self.answer


def stored(wallet: Wallet) -> list[tuple[str, str, str, str | None, str | None, int]]:
    return wallet.conn.execute(
        "SELECT payer, benefit, paid_on, period_start, period_end, amount_cents FROM payments "
        "ORDER BY paid_on, benefit"
    ).fetchall()


def test_committed_samples_are_what_the_generator_writes(tmp_path: Path) -> None:
    assert write_pdf(tmp_path / "c.pdf", CAF_ATTESTATION).read_bytes() == CAF_PDF.read_bytes()
    again = write_pdf(tmp_path / "f.pdf", FRANCE_TRAVAIL_ATTESTATION)
    assert again.read_bytes() == FT_PDF.read_bytes()


def test_caf_attestation_payments_with_their_lines(wallet: Wallet) -> None:
    person = Shown(True)
    result = wallet.import_file(CAF_PDF, confirm=person)
    assert (result.importer, result.added, result.rejected_count) == ("caf_attestation_pdf", 7, 0)
    shown = [r for r in person.records if isinstance(r, Payment)]
    assert [p.evidence for p in shown] == [
        "Aide personnalisée au logement novembre 2025 05/12/2025 245,30 €",
        "Prime d'activité novembre 2025 05/12/2025 52,72 €",
        "Aide personnalisée au logement décembre 2025 05/01/2026 245,30 €",
        "Prime d'activité décembre 2025 05/01/2026 67,17 €",
        "Allocations familiales décembre 2025 05/01/2026 148,52 €",
        "Aide personnalisée au logement janvier 2026 05/02/2026 245,30 €",
        # pypdf glues the narrow first cell to the next one, as in real attestations
        "Revenu de solidarité active (RSA)janvier 2026 05/02/2026 1 012,40 €",
    ]
    rows = stored(wallet)
    # 3 x 245,30 + 52,72 + 67,17 + 148,52 + 1 012,40 = 2 016,71 euros; the "Total" line is
    # not a payment.
    assert sum(r[5] for r in rows) == 201_671
    assert (
        "CAF",
        "Revenu de solidarité active",
        "2026-02-05",
        "2026-01-01",
        "2026-01-31",
        101_240,
    ) in rows
    assert ("CAF", "Prime d'activité", "2025-12-05", "2025-11-01", "2025-11-30", 5_272) in rows
    assert {r[1] for r in rows} == {
        "Aide personnalisée au logement",
        "Prime d'activité",
        "Allocations familiales",
        "Revenu de solidarité active",
    }
    assert wallet.import_file(CAF_PDF, confirm=Shown(True)).added == 0


def test_france_travail_rows_under_a_heading_without_daily_rates(wallet: Wallet) -> None:
    person = Shown(True)
    result = wallet.import_file(FT_PDF, confirm=person)
    assert (result.importer, result.added, result.rejected_count) == (
        "france_travail_attestation_pdf",
        3,
        0,
    )
    assert all(
        isinstance(p, Payment) and "payé le" in p.evidence and "35,03 € / jour" in p.evidence
        for p in person.records
    )
    are = "Allocation d'aide au retour à l'emploi"
    # 30 and 31 and 31 days at 35,03 euros: 1 050,90 + 1 085,93 + 1 085,93 = 3 222,76 euros
    assert stored(wallet) == [
        ("France Travail", are, "2025-12-02", "2025-11-01", "2025-11-30", 105_090),
        ("France Travail", are, "2026-01-05", "2025-12-01", "2025-12-31", 108_593),
        ("France Travail", are, "2026-02-03", "2026-01-01", "2026-01-31", 108_593),
    ]
    assert sum(r[5] for r in stored(wallet)) == 322_276


def test_declining_stores_nothing(wallet: Wallet) -> None:
    person = Shown(False)
    with pytest.raises(ImportRefused, match="not confirmed"):
        wallet.import_file(CAF_PDF, confirm=person)
    assert len(person.records) == 7  # they were shown...
    assert stored(wallet) == []  # ...and none was stored
    assert wallet.conn.execute("SELECT count(*) FROM batches").fetchone()[0] == 0


def test_cli_without_yes_and_no_terminal_stores_nothing(wallet_dir: Path) -> None:
    run_cli(wallet_dir, "init")
    refused = run_cli(wallet_dir, "import", str(FT_PDF))
    assert refused.code == 2 and "not confirmed" in refused.out
    accepted = run_cli(wallet_dir, "import", "--yes", str(FT_PDF))
    assert accepted.code == 0 and "added 3" in accepted.out


def test_odd_lines_wrapped_cells_and_missing_days(wallet: Wallet, tmp_path: Path) -> None:
    rows: list[str | tuple[str, ...]] = [
        "CAF de Loire-Atlantique",
        "Attestation de paiement",
        "Date de paiement : 05/03/2026",  # the day in force for the rows below
        "Allocation de soutien familial février 2026",
        "198,25 €",  # a wrapped cell: the amount alone on the next line
        "Prime d'activité février 2026 -12,40 € (retenue)",
        "Allocations familiales : montant mensuel 148,52 €",
        "Imprimé le 31/02/2026",  # an impossible date outside a payment: ignored
    ]
    path = write_pdf(tmp_path / "attestation.pdf", rows)
    person = Shown(True)
    result = wallet.import_file(path, confirm=person)
    assert result.added == 3
    assert stored(wallet) == [
        ("CAF", "Allocation de soutien familial", "2026-03-05", "2026-02-01", "2026-02-28", 19_825),
        ("CAF", "Allocations familiales", "2026-03-05", None, None, 14_852),
        ("CAF", "Prime d'activité", "2026-03-05", "2026-02-01", "2026-02-28", -1_240),
    ]
    first = person.records[0]
    assert isinstance(first, Payment)
    assert first.evidence == "Allocation de soutien familial février 2026 198,25 €"


def test_a_payment_without_any_day_is_rejected_without_its_values(
    wallet: Wallet, tmp_path: Path
) -> None:
    rows: list[str | tuple[str, ...]] = [
        "France Travail",
        "Attestation",
        "Allocation de solidarité spécifique (ASS) du 01/01/2026 au 31/01/2026 : 545,60 €",
        "Allocation d'aide au retour à l'emploi janvier 2026 payée le 02/02/2026 : 1 200,00 €",
    ]
    path = write_pdf(tmp_path / "attestation.pdf", rows)
    result = wallet.import_file(path, confirm=Shown(True))
    assert result.added == 1
    assert [(r.line, r.reason) for r in result.rejected] == [
        (3, "page 1: a benefit and an amount without the day it was paid")
    ]
    assert stored(wallet)[0][2:] == ("2026-02-02", "2026-01-01", "2026-01-31", 120_000)


def test_a_caf_letter_without_payments_is_a_near_miss(wallet_dir: Path, tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "courrier.pdf",
        ["Caisse d'allocations familiales du Rhône", "Votre rendez-vous du 12/03/2026"],
    )
    run_cli(wallet_dir, "init")
    refused = run_cli(wallet_dir, "import", "--yes", str(path))
    assert refused.code == 2
    assert "CAF payment attestation" in refused.out and "no line names a benefit" in refused.out


def test_password_protected_pdf_is_refused_with_advice(wallet: Wallet, tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.cell(0, 5, "France Travail - attestation")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(ImportRefused, match="protected by a password"):
        wallet.import_file(path, source="france_travail_attestation_pdf", confirm=Shown(True))
    assert stored(wallet) == []
