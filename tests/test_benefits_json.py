"""CAF payments and France Travail letters, from the JSON their online accounts serve."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers import caf_json
from importers.base import Payment, Rejected
from tests.conftest import RESOURCE_SAMPLES, run_cli
from wallet.vault import Wallet

CAF = RESOURCE_SAMPLES / "caf_paiements_api.json"
LETTERS = RESOURCE_SAMPLES / "france_travail_courriers_api.json"


def payments(wallet: Wallet) -> list[tuple[str, str, str, str, str | None, str | None, int]]:
    return wallet.conn.execute(
        "SELECT e.identifier, p.payer, p.benefit, p.paid_on, p.period_start, p.period_end, "
        "p.amount_cents FROM payments p JOIN entities e ON e.id = p.entity_id ORDER BY p.paid_on"
    ).fetchall()


def test_caf_sample_counts_total_and_periods(wallet: Wallet) -> None:
    result = wallet.import_file(CAF)
    assert (result.importer, result.added, result.rejected_count) == ("caf_paiements_json", 5, 0)
    rows = payments(wallet)
    # 312,47 + 312,47 + 298,02 + 45,10 + 298,02 = 1 266,08 euros
    assert sum(r[6] for r in rows) == 126_608
    assert {(r[0], r[1], r[2]) for r in rows} == {("caf", "CAF", "")}
    # Paid on dateEmission; the period is the month of dateElaboration.
    assert rows[0][3:] == ("2025-11-05", "2025-10-01", "2025-10-31", 29_802)
    assert rows[1][3:] == ("2025-11-20", "2025-11-01", "2025-11-30", 4_510)
    assert rows[4][3:] == ("2026-02-05", "2026-01-01", "2026-01-31", 31_247)


def test_caf_reimport_adds_nothing(wallet: Wallet) -> None:
    wallet.import_file(CAF)
    again = wallet.import_file(CAF)
    assert (again.added, again.present) == (0, 5)
    assert len(payments(wallet)) == 5


def test_caf_bad_entries_are_reported_by_line_without_values(
    wallet: Wallet, tmp_path: Path
) -> None:
    path = tmp_path / "paiements.json"
    path.write_text(
        '{"paiements": [\n'
        '  {"dateEmission": "20260105", "dateElaboration": "20251231",'
        ' "montantPaiement": "1 012,50"},\n'
        '  {"dateEmission": "20261305", "dateElaboration": "20251231",'
        ' "montantPaiement": "9,99"},\n'
        '  {"dateEmission": "20260105", "dateElaboration": "20251231",'
        ' "montantPaiement": "douze"}\n'
        "]}\n",
        encoding="utf-8",
    )
    result = wallet.import_file(path)
    assert result.added == 1
    assert [(r.line, r.reason) for r in result.rejected] == [
        (3, "dateEmission is not a date that exists"),
        (4, "montantPaiement is not an amount"),
    ]
    assert payments(wallet)[0][6] == 101_250  # 1 012,50 with a thousands space


def test_caf_json_with_other_fields_is_a_near_miss(wallet_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "paiements.json"
    path.write_text('{"paiements": [{"date": "20260105", "montant": "1,00"}]}', encoding="utf-8")
    run_cli(wallet_dir, "init")
    refused = run_cli(wallet_dir, "import", str(path))
    assert refused.code == 2
    assert "CAF payments list" in refused.out
    assert "dateEmission, dateElaboration, montantPaiement" in refused.out


def test_france_travail_letters_are_documents_not_payments(wallet: Wallet) -> None:
    result = wallet.import_file(LETTERS)
    assert (result.importer, result.added, result.rejected_count) == (
        "france_travail_courriers_json",
        3,
        0,
    )
    assert payments(wallet) == []  # no amount in a notice: nothing counts as money received
    rows = wallet.conn.execute(
        "SELECT e.identifier, d.issuer, d.kind, d.issued_on, d.document_id "
        "FROM benefit_documents d JOIN entities e ON e.id = d.entity_id ORDER BY d.issued_on"
    ).fetchall()
    assert rows == [
        (
            "france-travail",
            "France Travail",
            "NOTIFICATION_DROITS",
            "2025-12-12",
            "0000000000000003",
        ),
        ("france-travail", "France Travail", "AVIS_PAIEMENT", "2026-01-05", "0000000000000002"),
        ("france-travail", "France Travail", "AVIS_PAIEMENT", "2026-02-03", "0000000000000001"),
    ]
    assert wallet.import_file(LETTERS).added == 0


def test_undoing_letters_removes_them_and_keeps_other_batches(wallet: Wallet) -> None:
    from wallet import batches

    first = wallet.import_file(CAF)
    letters = wallet.import_file(LETTERS)
    assert letters.batch_id is not None and first.batch_id is not None
    assert batches.undo(wallet.conn, letters.batch_id).removed == 3
    assert wallet.conn.execute("SELECT count(*) FROM benefit_documents").fetchone()[0] == 0
    assert len(payments(wallet)) == 5
    # Undoing the payments with letters present must not trip over the letters' account.
    wallet.import_file(LETTERS)
    assert batches.undo(wallet.conn, first.batch_id).removed == 5
    assert wallet.conn.execute("SELECT count(*) FROM benefit_documents").fetchone()[0] == 3


def french_amount(cents: int) -> str:
    """As CAF writes amounts: decimal comma, a space between thousands."""
    units = f"{cents // 100:,}".replace(",", " ")
    return f"{units},{cents % 100:02d}"


day = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
entry = st.tuples(day, st.integers(min_value=0, max_value=40), st.integers(0, 9_999_999))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(entry, max_size=30))
def test_caf_json_round_trip(tmp_path: Path, entries: list[tuple[date, int, int]]) -> None:
    document = {
        "paiements": [
            {
                "dateEmission": (drawn + timedelta(days=lag)).strftime("%Y%m%d"),
                "dateElaboration": drawn.strftime("%Y%m%d"),
                "montantPaiement": french_amount(cents),
            }
            for drawn, lag, cents in entries
        ]
    }
    path = tmp_path / "round_trip.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    items = list(caf_json.IMPORTER.parse(path))
    assert not [i for i in items if isinstance(i, Rejected)]
    assert [
        (p.paid_on, p.period_start, p.amount_cents) for p in items if isinstance(p, Payment)
    ] == [
        (
            (drawn + timedelta(days=lag)).isoformat(),
            drawn.replace(day=1).isoformat(),
            cents,
        )
        for drawn, lag, cents in entries
    ]
