"""Every consent gives three receipts that validate, and the ledger matches the signed manifests.

SECURITY.md item 24: the consent record, a Kantara KI-CR-v1.1 view and a DPV / ISO 27560
JSON-LD receipt, each checked here with ``jsonschema`` against the schema shipped in
``resources/schemas`` (not through the code that made them).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import run_cli
from tests.sharing_support import descriptor, fill_wallet
from wallet.sharing import receipts
from wallet.sharing.shares import Sharing
from wallet.sharing.slices import Slice, SlicePart
from wallet.vault import Wallet

SCHEMAS = Path(__file__).resolve().parents[1] / "resources" / "schemas"
NOW = datetime(2024, 5, 15, 9, 30, tzinfo=UTC)
DESK = "https://desk.example.org"  # a service with no API: packages are saved to files


def _schema(name: str) -> jsonschema.Draft202012Validator:
    loaded = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    return jsonschema.Draft202012Validator(loaded)


VALIDATORS = {
    "record": _schema("consent-record-1.0.json"),
    "kantara": _schema("kantara-consent-receipt-1.1.json"),
    "jsonld": _schema("dpv-27560-receipt-1.0.json"),
}


def _two_shares(wallet: Wallet, tmp_path: Path) -> tuple[Sharing, list[str]]:
    """A monthly electricity share with identifiers, and a pseudonymised trips share."""
    fill_wallet(wallet, tmp_path)
    raw = descriptor(DESK, endpoints={}, jurisdiction="FR")
    raw["controller"]["address"] = "1 place de la Mairie, 44000 Nantes"
    sharing = Sharing(wallet, clock=lambda: NOW)
    service = sharing.add_service(json.dumps(raw)).descriptor
    fields = ("period_start", "period_end", "meter_id", "energy_kwh")
    energy = Slice(
        (SlicePart("electricity", "month", fields, date(2024, 1, 1), date(2024, 3, 31)),)
    )
    trips = Slice(
        (
            SlicePart(
                "mobility", "raw", ("card_id", "started_at"), date(2024, 1, 1), date(2024, 1, 31)
            ),
        ),
        pseudonymise=True,
    )
    ids = []
    for number, chosen in enumerate((energy, trips)):
        preview = sharing.preview(service, chosen, to_file=True)
        view = sharing.share(preview, confirm=DESK, to_file=tmp_path / f"share-{number}.zip")
        assert view.state == "saved to file"
        ids.append(view.share_id)
    return sharing, ids


def test_each_consent_has_three_receipts_that_validate(wallet: Wallet, tmp_path: Path) -> None:
    sharing, ids = _two_shares(wallet, tmp_path)
    sharing.revoke(ids[1])
    for share_id in ids:
        for form, validator in VALIDATORS.items():
            document = receipts.receipt(wallet.conn, share_id, form)
            errors = [e.message for e in validator.iter_errors(document)]
            assert not errors, (form, errors)

    energy = receipts.receipt(wallet.conn, ids[0], "kantara")
    assert energy["version"] == "KI-CR-v1.1.0"
    assert energy["consentTimestamp"] == int(NOW.replace(second=0).timestamp())
    assert energy["piiControllers"][0]["piiController"] == "Test SAS"
    assert energy["piiControllers"][0]["address"] == "1 place de la Mairie, 44000 Nantes"
    assert energy["jurisdiction"] == "FR"
    (purpose,) = energy["services"][0]["purposes"]
    assert purpose["purpose"] == "Saving tips"
    assert purpose["purposeCategory"] == ["dpv:ServicePersonalisation"]
    assert purpose["piiCategory"] == [
        "electricity: period_start, period_end, meter_id, energy_kwh (month, 2024-01-01 to 2024-03-31)"
    ]

    # The withdrawn consent says so in all three shapes.
    record = receipts.receipt(wallet.conn, ids[1], "record")
    assert [e["event_state"] for e in record["events"]] == [
        "dpv:ConsentGiven",
        "dpv:ConsentWithdrawn",
    ]
    linked = receipts.receipt(wallet.conn, ids[1], "jsonld")["dpv:hasRecordOfActivity"]
    assert linked["dpv:hasConsentStatus"] == {"@id": "dpv:ConsentWithdrawn"}
    assert linked["dpv:hasDataSubject"]["@id"] == record["pii_principal_id"]
    (data,) = linked["dpv:hasProcess"]["dpv:hasPersonalData"]
    assert (data["dct:title"], data["selfdata:pseudonymised"]) == ("mobility", True)
    assert linked["dpv:hasProcess"]["dpv:hasStorageCondition"][0]["dpv:hasDuration"] == "P3M"


def test_the_ledger_matches_the_signed_manifests(wallet: Wallet, tmp_path: Path) -> None:
    _, ids = _two_shares(wallet, tmp_path)
    assert receipts.cross_check(wallet.conn) == []
    # A stored package swapped for another share's: the ledger no longer matches it.
    other = wallet.conn.execute(
        "SELECT payload FROM share_payloads WHERE share_id = ?", (ids[1],)
    ).fetchone()[0]
    wallet.conn.execute("UPDATE share_payloads SET payload = ? WHERE share_id = ?", (other, ids[0]))
    problems = receipts.cross_check(wallet.conn)
    assert problems and all(p.startswith(f"share {ids[0]}:") for p in problems)
    assert any("what was shared" in p for p in problems)


def test_receipts_from_the_command_line(wallet: Wallet, wallet_dir: Path, tmp_path: Path) -> None:
    _, ids = _two_shares(wallet, tmp_path)
    wallet.lock()
    for form, validator in VALIDATORS.items():
        target = tmp_path / f"receipt-{form}.json"
        done = run_cli(
            wallet_dir, "shares", "--receipt", ids[0], "--format", form, "-o", str(target)
        )
        assert done.code == 0, done.out
        assert not list(validator.iter_errors(json.loads(target.read_text(encoding="utf-8"))))
        assert target.stat().st_mode & 0o077 == 0
    printed = run_cli(wallet_dir, "shares", "--receipt", ids[1], "--format", "kantara")
    assert json.loads(printed.out)["version"] == "KI-CR-v1.1.0"
    missing = run_cli(wallet_dir, "shares", "--receipt", "no-such-share")
    assert missing.code == 2


@pytest.mark.parametrize("form", sorted(VALIDATORS))
def test_a_receipt_missing_a_required_field_is_invalid(
    wallet: Wallet, tmp_path: Path, form: str
) -> None:
    """The schemas are strict enough to catch a broken receipt."""
    _, ids = _two_shares(wallet, tmp_path)
    document = receipts.receipt(wallet.conn, ids[0], form)
    first_required = VALIDATORS[form].schema["required"][0]
    del document[first_required]
    assert list(VALIDATORS[form].iter_errors(document))
