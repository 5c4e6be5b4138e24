"""Bank statements: only benefit payments are taken, and the rest leaves no trace."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import pytest

from importers.base import Payment, Record, Rejected
from tests.conftest import PASSPHRASE, RESOURCE_SAMPLES, run_cli
from wallet.errors import ImportRefused
from wallet.queries import DATASETS
from wallet.vault import Wallet

OFX = RESOURCE_SAMPLES / "releve_bancaire.ofx"
CA_CSV = RESOURCE_SAMPLES / "releve_bancaire_credit_agricole.csv"

# Words that appear only on the samples' non-benefit lines.
PRIVATE = ("CARREFOUR", "ACME", "SALAIRE", "COMMERCE", "CAFE DES ARTS", "INDU", "LOYER", "MUTUELLE")


def yes(records: Sequence[Record], rejected: Sequence[Rejected]) -> bool:
    return True


def stored(wallet: Wallet) -> list[tuple[str, str, str, str, int]]:
    return wallet.conn.execute(
        "SELECT e.identifier, p.payer, p.benefit, p.paid_on, p.amount_cents FROM payments p "
        "JOIN entities e ON e.id = p.entity_id ORDER BY p.paid_on, p.amount_cents"
    ).fetchall()


def everything_in_the_database(wallet: Wallet) -> str:
    """Every row of every table, as text: what a search of the vault's content would see."""
    tables = [
        row[0] for row in wallet.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
    ]
    dump = []
    for table in tables:
        dump.extend(repr(row) for row in wallet.conn.execute(f"SELECT * FROM {table}"))
    return "\n".join(dump).upper()


def test_ofx_keeps_only_benefit_credits(wallet: Wallet) -> None:
    result = wallet.import_file(OFX, confirm=yes)
    assert (result.importer, result.added, result.rejected_count) == ("bank_ofx", 4, 0)
    assert stored(wallet) == [
        (
            "00012345678",
            "France Travail",
            "Allocation d'aide au retour à l'emploi",
            "2026-01-02",
            108_593,
        ),
        ("00012345678", "CAF", "Prime d'activité", "2026-01-05", 6_717),
        ("00012345678", "CAF", "Aide personnalisée au logement", "2026-01-05", 31_247),
        ("00012345678", "CPAM", "", "2026-01-08", 2_350),
    ]
    # 1 085,93 + 312,47 + 67,17 + 23,50 = 1 489,07 euros; the salary, the card payments, the
    # "CAFE DES ARTS" credit and the repayment debit to the CAF are not benefits received.
    assert sum(row[4] for row in stored(wallet)) == 148_907
    assert wallet.import_file(OFX, confirm=yes).added == 0


def test_csv_credit_agricole_layout(wallet: Wallet) -> None:
    shown: list[Record] = []

    def person(records: Sequence[Record], rejected: Sequence[Rejected]) -> bool:
        shown.extend(records)
        return True

    result = wallet.import_file(CA_CSV, confirm=person)
    assert (result.importer, result.added, result.rejected_count) == ("bank_csv", 6, 0)
    iban = "FR7613306000011234567890189"
    assert stored(wallet) == [
        (iban, "France Travail", "Allocation d'aide au retour à l'emploi", "2026-01-02", 108_593),
        (iban, "CAF", "Prime d'activité", "2026-01-05", 6_717),
        (iban, "CAF", "Aide personnalisée au logement", "2026-01-05", 31_247),
        (iban, "CPAM", "", "2026-01-08", 2_350),
        (iban, "CARSAT", "", "2026-01-27", 41_280),
        (iban, "MSA", "", "2026-01-28", 9_640),
    ]
    # 1 085,93 + 312,47 + 67,17 + 23,50 + 412,80 + 96,40 = 1 998,27 euros
    assert sum(row[4] for row in stored(wallet)) == 199_827
    # The quoted label spread over three lines is shown as one line, cp1252 decoded.
    first = shown[0]
    assert isinstance(first, Payment)
    assert (
        first.evidence == "02/01/2026;VIREMENT EN VOTRE FAVEUR FRANCE TRAVAIL ARE 122025;;1 085,93;"
    )
    assert all(
        not any(word in r.evidence for word in PRIVATE) for r in shown if isinstance(r, Payment)
    )


@pytest.mark.parametrize("sample", [OFX, CA_CSV], ids=["ofx", "csv"])
def test_nothing_else_of_the_statement_is_stored_or_said(
    wallet_dir: Path,
    sample: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    run_cli(wallet_dir, "init")
    imported = run_cli(wallet_dir, "import", "--yes", str(sample))
    assert imported.code == 0, imported.out
    said = imported.out + caplog.text + "".join(capsys.readouterr())
    exports = "".join(run_cli(wallet_dir, "export", name).out for name in DATASETS)
    exports += run_cli(wallet_dir, "export", "benefits", "--format", "json").out
    exports += run_cli(wallet_dir, "datasets").out + run_cli(wallet_dir, "imports").out
    assert "CAF" in exports and "2026-01-05" in exports  # the search does look at the data
    with Wallet.unlock(wallet_dir, PASSPHRASE) as wallet:
        database = everything_in_the_database(wallet)
    assert "31247" in database
    for word in PRIVATE:
        assert word not in said.upper()
        assert word not in exports.upper()
        assert word not in database


def test_other_bank_layouts(wallet: Wallet, tmp_path: Path) -> None:
    societe_generale = tmp_path / "sg.csv"
    societe_generale.write_text(
        "Numéro de compte;00050012345\n"
        "Date de l'opération;Libellé;Détail de l'écriture;Montant de l'opération;Devise\n"
        "05/01/2026;VIR RECU 1234;DE: CAF DU RHONE MOTIF: RSA 12/2025;654,12;EUR\n"
        "06/01/2026;CARTE X1234;BOULANGERIE DU COIN;-3,40;EUR\n"
        "07/01/2026;VIR RECU 5678;DE: POLE EMPLOI MOTIF: ASS;1.120,80;EUR\n",
        encoding="utf-8-sig",
    )
    banque_postale = tmp_path / "lbp.csv"
    banque_postale.write_bytes(
        "Numéro Compte   ;0123456A020\r\nType   ;CCP\r\nCompte tenu en  ;euros\r\n\r\n"
        "Date;Libellé;Montant(EUROS);Montant(FRANCS)\r\n"
        "03/02/2026;VIREMENT DE MSA MIDI PYRENEES NORD;210,00;1377,51\r\n"
        "04/02/2026;PRELEVEMENT DE EDF;-61,00;-400,13\r\n".encode("cp1252")
    )
    boursorama = tmp_path / "export.csv"
    boursorama.write_text(
        "dateOp;dateVal;label;category;categoryParent;supplierFound;amount;comment;accountNum;"
        "accountLabel;accountbalance\n"
        '2026-02-05;2026-02-05;"VIR CAF DE PARIS PRIME D ACTIVITE";"Allocations";"Revenus";'
        '"caf";"188,94";;"00040123456";"BoursoBank";"2 000,00"\n'
        '2026-02-06;2026-02-06;"CARTE 05/02/26 CINEMA";"Loisirs";"Loisirs";"";"-11,50";;'
        '"00040123456";"BoursoBank";"1 988,50"\n',
        encoding="utf-8",
    )
    credit_mutuel = tmp_path / "cm.csv"
    credit_mutuel.write_bytes(
        "Date;Date de valeur;Débit;Crédit;Libellé;Solde\r\n"
        "10/02/2026;10/02/2026;;45,60;VIR CPAM PARIS IJ MALADIE;1 045,60\r\n"
        "11/02/2026;11/02/2026;-20,00;;RETRAIT DAB;1 025,60\r\n".encode("cp1252")
    )
    for path in (societe_generale, banque_postale, boursorama, credit_mutuel):
        result = wallet.import_file(path, confirm=yes)
        assert (result.importer, result.rejected_count) == ("bank_csv", 0), path.name
    assert stored(wallet) == [
        ("00050012345", "CAF", "Revenu de solidarité active", "2026-01-05", 65_412),
        (
            "00050012345",
            "France Travail",
            "Allocation de solidarité spécifique",
            "2026-01-07",
            112_080,
        ),
        ("0123456A020", "MSA", "", "2026-02-03", 21_000),
        ("00040123456", "CAF", "Prime d'activité", "2026-02-05", 18_894),
        ("bank", "CPAM", "Indemnités journalières", "2026-02-10", 4_560),
    ]
    # 654,12 + 1 120,80 + 210,00 + 188,94 + 45,60 = 2 219,46 euros
    assert sum(row[4] for row in stored(wallet)) == 221_946


def test_unreadable_benefit_line_is_rejected_without_its_label(
    wallet: Wallet, tmp_path: Path
) -> None:
    path = tmp_path / "releve.csv"
    path.write_text(
        "Date;Libellé;Débit;Crédit\n"
        "05/01/2026;VIR CAF DE LA GIRONDE APL;;312,47\n"
        "32/01/2026;VIR CAF DE LA GIRONDE PRIME ACTIVITE;;67,17\n"
        "not a date;CB SUPERMARCHE SECRET;douze;\n"  # not a benefit: skipped, not rejected
        "07/01/2026;VIR CPAM;;vingt\n",
        encoding="utf-8",
    )
    result = wallet.import_file(path, confirm=yes)
    assert result.added == 1
    assert [(r.line, r.reason) for r in result.rejected] == [
        (3, "a CAF payment line: date does not exist in the calendar"),
        (5, "a CPAM payment line: amount is not a number"),
    ]


def test_declining_stores_nothing(wallet: Wallet) -> None:
    with pytest.raises(ImportRefused, match="not confirmed"):
        wallet.import_file(CA_CSV, confirm=lambda records, rejected: False)
    assert stored(wallet) == []
    assert wallet.conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 0


def test_csv_without_an_amount_column_is_a_near_miss(wallet_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "releve.csv"
    path.write_text("Date;Libellé;Catégorie\n05/01/2026;VIR CAF;Revenus\n", encoding="utf-8")
    run_cli(wallet_dir, "init")
    refused = run_cli(wallet_dir, "import", "--yes", str(path))
    assert refused.code == 2
    assert "Bank statement (CSV)" in refused.out and "Montant or Débit/Crédit" in refused.out
    assert "VIR CAF" not in refused.out


MIXED_OFX = Path(__file__).parent / "data" / "benefits" / "releve_mixte_memo_vide.ofx"


def test_ofx_with_empty_memo_mixed_tags_and_decimal_commas(wallet: Wallet) -> None:
    # Four benefit credits: CAF 412,36 (RSA) + CAF 286,90 (APL) + CPAM 31,80 + France Travail
    # 1 058,71 = 1 789,77 euros. The card payment (with its empty <MEMO> line) and the salary
    # (with <MEMO></MEMO>) are skipped.
    result = wallet.import_file(MIXED_OFX, confirm=yes)
    assert (result.importer, result.added, result.rejected_count) == ("bank_ofx", 4, 0)
    assert stored(wallet) == [
        ("04212345678", "CAF", "Revenu de solidarité active", "2026-02-05", 41_236),
        ("04212345678", "CAF", "Aide personnalisée au logement", "2026-02-10", 28_690),
        ("04212345678", "CPAM", "", "2026-02-16", 3_180),
        (
            "04212345678",
            "France Travail",
            "Allocation d'aide au retour à l'emploi",
            "2026-02-27",
            105_871,
        ),
    ]
    assert sum(row[4] for row in stored(wallet)) == 178_977


def test_ofx_cut_short_is_refused_naming_the_cause(wallet: Wallet, tmp_path: Path) -> None:
    text = MIXED_OFX.read_bytes()
    cut = tmp_path / "releve.ofx"
    cut.write_bytes(text[: text.index(b"<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260227")])
    with pytest.raises(ImportRefused, match="cut short") as refused:
        wallet.import_file(cut, confirm=yes)
    assert "damaged" not in str(refused.value)
    assert stored(wallet) == []
