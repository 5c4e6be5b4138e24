"""Rotating a signing key (SECURITY.md item 25): later shares carry the new key, what the old one
signed still checks out, and the ledger records the change in its unbroken chain."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.conftest import PASSPHRASE, run_cli
from tests.test_sharing_package import FILE_ONLY, NOW, saved_package
from wallet.settings import Settings
from wallet.sharing import ledger, package
from wallet.sharing.shares import Sharing
from wallet.sharing.slices import Slice, SlicePart
from wallet.vault import Wallet


def signer(path: Path) -> str:
    return str(package.verify(path.read_bytes()).record["wallet_key"]["kid"])


def test_rotate_key_from_the_command_line(wallet: Wallet, wallet_dir: Path, tmp_path: Path) -> None:
    first, sharing = saved_package(wallet, tmp_path)
    (service,) = [s.service_id for s in sharing.services()]
    old_kid = signer(first)
    wallet.lock()  # the command opens the wallet itself

    unknown = run_cli(wallet_dir, "rotate-key", "--service", "https://nobody.example", "--json")
    assert unknown.code == 2

    done = run_cli(wallet_dir, "rotate-key", "--service", service, "--json")
    assert done.code == 0, done.out
    answer = json.loads(done.out)
    assert answer["old_kid"] == old_kid and answer["new_kid"] != old_kid

    reopened = Wallet.unlock(wallet_dir, PASSPHRASE)
    try:
        events = [e for e in ledger.entries(reopened.conn) if e.event == "key_rotated"]
        assert [(e.service_id, e.body["old_kid"], e.body["new_kid"]) for e in events] == [
            (service, old_kid, answer["new_kid"])
        ]
        assert ledger.verify_ledger(reopened.conn).ok
        # The next share with that service is signed with the new key ...
        again = Sharing(reopened, settings=Settings(tmp_path / "s.json"), clock=lambda: NOW)
        day = date(2024, 3, 30)  # a day the filled wallet holds readings for
        part = SlicePart("electricity", "day", ("period_start", "energy_kwh"), day, day)
        preview = again.preview(again.service(service), Slice((part,)), to_file=True)
        second = tmp_path / "second.zip"
        again.share(preview, confirm=FILE_ONLY, to_file=second)
        assert signer(second) == answer["new_kid"]
    finally:
        reopened.lock()
    # ... and the package the old key signed still verifies, as a service would check it.
    assert run_cli(wallet_dir, "verify", str(first)).code == 0


def test_the_ledger_key_rotates_too(wallet: Wallet, tmp_path: Path) -> None:
    sharing = Sharing(wallet, settings=Settings(tmp_path / "s.json"), clock=lambda: NOW)
    old, new = sharing.rotate_key()
    assert old != new
    (event,) = [e for e in ledger.entries(wallet.conn) if e.event == "key_rotated"]
    assert event.body == {"scope": event.body["scope"], "old_kid": old, "new_kid": new}
    assert ledger.verify_ledger(wallet.conn).ok
    assert sharing.rotate_key()[0] == new  # the new key is the one in use now
