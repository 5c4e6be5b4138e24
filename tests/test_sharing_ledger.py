"""The share ledger: append-only, tamper-evident, and it survives restarts and restores."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, run_cli
from tests.sharing_support import descriptor, fill_wallet, no_lookback
from wallet import backup, db
from wallet.settings import Settings
from wallet.sharing import ledger
from wallet.sharing.errors import ConsentExpired, ConsentWithdrawn
from wallet.sharing.shares import Sharing
from wallet.sharing.slices import Slice, SlicePart
from wallet.vault import Wallet

DESK = "https://desk.example.org"
START = datetime(2024, 5, 15, 9, 30, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def file_service(**changes: object) -> str:
    data = descriptor(DESK, **changes)
    del data["endpoints"]
    return json.dumps(data)


def a_few_shares(wallet: Wallet, tmp_path: Path, clock: Clock | None = None) -> Sharing:
    fill_wallet(wallet, tmp_path)
    sharing = Sharing(wallet, settings=Settings(tmp_path / "s.json"), clock=clock or Clock())
    service = sharing.add_service(file_service()).descriptor
    fields = ("period_start", "period_end", "energy_kwh")
    for month in (1, 2, 3):
        first = date(2024, month, 1)
        last = date(2024, month + 1, 1) - timedelta(days=1)
        chosen = Slice((SlicePart("electricity", "month", fields, first, last),))
        preview = sharing.preview(service, chosen, to_file=True)
        sharing.share(preview, confirm=DESK, to_file=tmp_path / f"share-{month}.zip")
    return sharing


def test_the_ledger_refuses_update_and_delete(wallet: Wallet, tmp_path: Path) -> None:
    a_few_shares(wallet, tmp_path)
    with pytest.raises(db.DatabaseError, match="append-only"):
        wallet.conn.execute("UPDATE share_ledger SET event = 'share_sent' WHERE seq = 2")
    with pytest.raises(db.DatabaseError, match="append-only"):
        wallet.conn.execute("DELETE FROM share_ledger WHERE seq = 2")
    with pytest.raises(db.DatabaseError, match="immutable"):
        wallet.conn.execute("DELETE FROM consents")


def _drop_triggers(conn: db.Connection) -> None:
    conn.execute("DROP TRIGGER share_ledger_no_update")
    conn.execute("DROP TRIGGER share_ledger_no_delete")


@pytest.mark.parametrize("tamper", ["edit", "delete", "reorder", "forge_hash"])
def test_tampering_is_found_at_that_seq(wallet: Wallet, tmp_path: Path, tamper: str) -> None:
    sharing = a_few_shares(wallet, tmp_path)
    conn = wallet.conn
    assert sharing.verify_ledger().ok
    count = sharing.verify_ledger().entries
    assert count >= 8
    _drop_triggers(conn)
    if tamper == "edit":
        conn.execute("UPDATE share_ledger SET body_json = '{\"rows\": 1}' WHERE seq = 4")
    elif tamper == "delete":
        conn.execute("DELETE FROM share_ledger WHERE seq = 4")
    elif tamper == "reorder":
        conn.execute("UPDATE share_ledger SET seq = -4 WHERE seq = 4")
        conn.execute("UPDATE share_ledger SET seq = 4 WHERE seq = 5")
        conn.execute("UPDATE share_ledger SET seq = 5 WHERE seq = -4")
    else:  # rewrite an entry and recompute its hash: the signature still gives it away
        conn.execute("UPDATE share_ledger SET ts = '2030-01-01T00:00:00Z' WHERE seq = 4")
        row = conn.execute("SELECT * FROM share_ledger WHERE seq = 4").fetchone()
        fields = {
            "seq": 4,
            "ts": row[1],
            "event": row[2],
            "consent_record_id": row[3],
            "share_id": row[4],
            "service_id": row[5],
            "body": json.loads(row[6]),
            "prev_hash": row[7],
        }
        conn.execute(
            "UPDATE share_ledger SET entry_hash = ? WHERE seq = 4", (ledger._hash(fields),)
        )
    check = sharing.verify_ledger()
    assert not check.ok
    assert check.bad_seq == 4


def test_the_ledger_survives_a_restart(wallet: Wallet, wallet_dir: Path, tmp_path: Path) -> None:
    sharing = a_few_shares(wallet, tmp_path)
    before = [v.as_json() for v in sharing.shares()]
    wallet.lock()
    with Wallet.unlock(wallet_dir, PASSPHRASE) as again:
        after = Sharing(again, settings=Settings(tmp_path / "s.json"), clock=Clock())
        assert after.verify_ledger().ok
        assert [v.as_json() for v in after.shares()] == before
        assert len(before) == 3


def test_the_ledger_survives_a_backup_and_restore(
    wallet: Wallet, wallet_dir: Path, tmp_path: Path
) -> None:
    sharing = a_few_shares(wallet, tmp_path)
    before = [v.as_json() for v in sharing.shares()]
    backup.backup(wallet, tmp_path / "backup.zip")
    wallet.lock()
    elsewhere = tmp_path / "restored"
    backup.restore(tmp_path / "backup.zip", elsewhere, PASSPHRASE)
    with Wallet.unlock(elsewhere, PASSPHRASE) as restored:
        again = Sharing(restored, settings=Settings(tmp_path / "s.json"), clock=Clock())
        assert again.verify_ledger().ok
        assert [v.as_json() for v in again.shares()] == before
        with pytest.raises(db.DatabaseError, match="append-only"):
            restored.conn.execute("DELETE FROM share_ledger")


def test_a_consent_expires_when_the_clock_passes_its_end(wallet: Wallet, tmp_path: Path) -> None:
    clock = Clock()
    sharing = a_few_shares(wallet, tmp_path, clock)
    view = sharing.shares()[0]
    assert view.state == "saved to file"
    sharing.usable_consent(view.consent_record_id)  # still valid
    clock.now = START + timedelta(days=367)  # retention P12M
    with pytest.raises(ConsentExpired):
        sharing.usable_consent(view.consent_record_id)
    assert {v.state for v in sharing.shares()} == {"expired"}
    events = [e.event for e in ledger.entries(wallet.conn)]
    assert events.count("consent_expired") == 3
    assert sharing.verify_ledger().ok


def test_a_changed_descriptor_needs_new_consent(wallet: Wallet, tmp_path: Path) -> None:
    sharing = a_few_shares(wallet, tmp_path)
    view = sharing.shares()[0]
    added = sharing.add_service(file_service(withdrawal_method="Write to us"))
    assert added.changed
    with pytest.raises(ConsentExpired, match="changed what it asks"):
        sharing.usable_consent(view.consent_record_id)


def test_revoking_without_a_revocation_url_is_local_and_says_how(
    wallet: Wallet, tmp_path: Path
) -> None:
    sharing = a_few_shares(wallet, tmp_path)
    view = sharing.shares()[0]
    after = sharing.revoke(view.share_id)
    assert after.state == "revoked"
    assert after.revocation == "by the service's own means"
    assert after.withdrawal_method == "Revoke in the wallet"
    with pytest.raises(ConsentWithdrawn):
        sharing.usable_consent(view.consent_record_id)


def test_cli_share_to_file_list_and_revoke(
    wallet: Wallet, wallet_dir: Path, tmp_path: Path
) -> None:
    fill_wallet(wallet, tmp_path)
    wallet.lock()
    descriptor_file = tmp_path / "desk.json"
    # The command line counts the lookback from today: this desk sets no limit on it, so the
    # 2024 readings stay shareable whatever the date the test runs.
    unlimited = no_lookback(json.loads(file_service()))
    descriptor_file.write_text(json.dumps(unlimited), encoding="utf-8")
    added = run_cli(wallet_dir, "services", "add", str(descriptor_file), "--json")
    assert added.code == 0, added.out
    listed = run_cli(wallet_dir, "services", "--json")
    assert [s["service_id"] for s in json.loads(listed.out)] == [DESK]

    refused = run_cli(
        wallet_dir,
        "share",
        DESK,
        "--dataset",
        "electricity",
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-31",
        "--to-file",
        str(tmp_path / "x.zip"),
    )
    assert refused.code == 2  # no --yes and no terminal: nothing shared
    assert not (tmp_path / "x.zip").exists()

    shared = run_cli(
        wallet_dir,
        "share",
        DESK,
        "--dataset",
        "electricity",
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-31",
        "--to-file",
        str(tmp_path / "x.zip"),
        "--yes",
        "--json",
    )
    assert shared.code == 0, shared.out
    share = json.loads(shared.out)
    assert share["state"] == "saved to file"
    assert share["rows"] == 3
    assert run_cli(wallet_dir, "verify", str(tmp_path / "x.zip")).code == 0

    # The default period is the last twelve months before today, when this wallet holds nothing.
    empty = run_cli(
        wallet_dir,
        "share",
        DESK,
        "--dataset",
        "electricity",
        "--to-file",
        str(tmp_path / "y.zip"),
        "--yes",
    )
    assert empty.code == 2
    assert not (tmp_path / "y.zip").exists()

    listed_shares = run_cli(wallet_dir, "shares", "--json")
    assert listed_shares.code == 0
    assert [s["share_id"] for s in json.loads(listed_shares.out)["shares"]] == [share["share_id"]]
    revoked = run_cli(wallet_dir, "revoke", share["share_id"], "--yes", "--json")
    assert revoked.code == 0, revoked.out
    assert json.loads(revoked.out)["state"] == "revoked"
    missing = run_cli(wallet_dir, "revoke", "no-such-share", "--yes")
    assert missing.code == 2
