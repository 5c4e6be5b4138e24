"""Synthetic benefit attestations in PDF, with realistic French text (names are invented).

The committed samples in resources/samples are written by this module:
``.venv/bin/python -m tests.benefit_documents`` rewrites them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

Row = str | tuple[str, ...]

CAF_ATTESTATION: list[Row] = [
    "Caisse d'allocations familiales de la Gironde",
    "Rue du Docteur Gabriel Péry - 33078 Bordeaux Cedex - caf.fr",
    "",
    "ATTESTATION DE PAIEMENT",
    "Bordeaux, le 10/02/2026",
    "Madame Camille MARTIN",
    "12 rue des Lilas, 33000 Bordeaux",
    "N° allocataire : 7654321",
    "",
    "La Caf de la Gironde certifie avoir versé à Madame Camille MARTIN les prestations",
    "suivantes pour la période du 01/11/2025 au 31/01/2026 :",
    ("Prestation", "Mois de droit", "Date de paiement", "Montant"),
    ("Aide personnalisée au logement", "novembre 2025", "05/12/2025", "245,30 €"),
    ("Prime d'activité", "novembre 2025", "05/12/2025", "52,72 €"),
    ("Aide personnalisée au logement", "décembre 2025", "05/01/2026", "245,30 €"),
    ("Prime d'activité", "décembre 2025", "05/01/2026", "67,17 €"),
    ("Allocations familiales", "décembre 2025", "05/01/2026", "148,52 €"),
    ("Aide personnalisée au logement", "janvier 2026", "05/02/2026", "245,30 €"),
    ("Revenu de solidarité active (RSA)", "janvier 2026", "05/02/2026", "1 012,40 €"),
    ("Total versé sur la période", "", "", "2 016,71 €"),
    "",
    "Cette attestation est établie pour servir et valoir ce que de droit.",
    "Le directeur de la Caf de la Gironde",
]

FRANCE_TRAVAIL_ATTESTATION: list[Row] = [
    "France Travail",
    "Agence Bordeaux Bastide - 33100 Bordeaux",
    "",
    "ATTESTATION DE PAIEMENT",
    "Le 10/02/2026",
    "Madame Camille MARTIN",
    "Identifiant : 1234567A",
    "",
    "Nous attestons que les sommes suivantes ont été payées à Madame Camille MARTIN.",
    "Allocation d'aide au retour à l'emploi (ARE)",
    ("Période indemnisée", "Jours", "Allocation journalière", "Montant", "Paiement"),
    ("du 01/11/2025 au 30/11/2025", "30", "35,03 € / jour", "1 050,90 €", "payé le 02/12/2025"),
    ("du 01/12/2025 au 31/12/2025", "31", "35,03 € / jour", "1 085,93 €", "payé le 05/01/2026"),
    ("du 01/01/2026 au 31/01/2026", "31", "35,03 € / jour", "1 085,93 €", "payé le 03/02/2026"),
    ("Total des sommes payées", "", "", "3 222,76 €", ""),
    "",
    "Retenue retraite complémentaire : 3 % du salaire journalier de référence.",
    "Pour tout renseignement : francetravail.fr ou le 3949.",
]


def write_pdf(path: Path, rows: list[Row]) -> Path:
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # French accents and the euro sign
    pdf.set_creation_date(datetime(2026, 2, 10, tzinfo=UTC))  # reproducible bytes
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    for row in rows:
        if isinstance(row, str):
            pdf.cell(0, 5, row, new_x="LMARGIN", new_y="NEXT")
            continue
        width = pdf.epw / len(row)
        for cell in row:
            pdf.cell(width, 5, cell)
        pdf.ln(5)
    pdf.output(str(path))
    return path


if __name__ == "__main__":
    samples = Path(__file__).resolve().parents[1] / "resources" / "samples"
    write_pdf(samples / "caf_attestation_paiement.pdf", CAF_ATTESTATION)
    write_pdf(samples / "france_travail_attestation_paiement.pdf", FRANCE_TRAVAIL_ATTESTATION)
