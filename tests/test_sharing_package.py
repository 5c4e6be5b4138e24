"""A package saved to a file checks out with stock tools and with ``selfdata verify``."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import frictionless
import pytest

from tests.conftest import PASSPHRASE, run_cli
from tests.sharing_support import ACCOUNT, descriptor, fill_wallet
from wallet.settings import Settings
from wallet.sharing import package
from wallet.sharing.errors import VerificationError
from wallet.sharing.shares import Sharing
from wallet.sharing.slices import Slice, SlicePart
from wallet.vault import Wallet

NOW = datetime(2024, 5, 15, 9, 30, tzinfo=UTC)
FILE_ONLY = "https://desk.example.org"


def saved_package(wallet: Wallet, tmp_path: Path) -> tuple[Path, Sharing]:
    fill_wallet(wallet, tmp_path)
    sharing = Sharing(wallet, settings=Settings(tmp_path / "s.json"), clock=lambda: NOW)
    data = descriptor(FILE_ONLY)
    del data["endpoints"]
    service = sharing.add_service(json.dumps(data)).descriptor
    chosen = Slice(
        (
            SlicePart(
                "electricity",
                "day",
                ("period_start", "period_end", "meter_id", "energy_kwh"),
                date(2024, 3, 30),
                date(2024, 4, 1),
            ),
            SlicePart(
                "mobility",
                "raw",
                ("card_id", "started_at", "mode", "currency"),
                date(2024, 1, 1),
                date(2024, 1, 31),
            ),
        ),
        pseudonymise=True,
    )
    target = tmp_path / "share.zip"
    preview = sharing.preview(service, chosen, to_file=True)
    view = sharing.share(preview, confirm=FILE_ONLY, to_file=target)
    assert view.state == "saved to file"
    return target, sharing


def test_a_saved_package_validates_with_frictionless(wallet: Wallet, tmp_path: Path) -> None:
    target, _ = saved_package(wallet, tmp_path)
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(target) as zf:
        zf.extractall(unpacked)
    report = frictionless.validate(str(unpacked / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    days = list(package.verify(target.read_bytes()).rows("electricity-day.csv"))
    # 2024-03-31 is the spring clock change: a 23-hour local day, still one row per meter.
    assert [r["period_start"][:10] for r in days] == ["2024-03-30"] * 2 + ["2024-03-31"] * 2 + [
        "2024-04-01"
    ] * 2
    assert sorted(r["energy_kwh"] for r in days[:2]) == ["10", "2"]
    trips = package.verify(target.read_bytes()).rows("mobility-raw.csv")
    assert len(trips) == 2  # the two January trips
    assert all(r["card_id"].startswith("ps-") for r in trips)


def test_selfdata_verify_accepts_the_package_and_refuses_one_flipped_byte(
    wallet: Wallet, wallet_dir: Path, tmp_path: Path
) -> None:
    target, _ = saved_package(wallet, tmp_path)
    result = run_cli(wallet_dir, "verify", str(target), "--json")
    assert result.code == 0, result.out
    assert json.loads(result.out)["valid"] is True

    original = target.read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    for name in ("electricity-day.csv", "datapackage.json", "manifest.jws", "consent-receipt.json"):
        changed = dict(files)
        body = bytearray(changed[name])
        body[len(body) // 2] ^= 0x01
        changed[name] = bytes(body)
        tampered = tmp_path / f"tampered-{name}.zip"
        with zipfile.ZipFile(tampered, "w") as zf:
            for member, data in changed.items():
                zf.writestr(member, data)
        with pytest.raises(VerificationError):
            package.verify(tampered.read_bytes())
        refused = run_cli(wallet_dir, "verify", str(tampered))
        assert refused.code == 2


def test_a_package_for_another_service_is_refused(wallet: Wallet, tmp_path: Path) -> None:
    target, _ = saved_package(wallet, tmp_path)
    package.verify(target.read_bytes(), audience=FILE_ONLY)
    with pytest.raises(VerificationError):
        package.verify(target.read_bytes(), audience="https://other.example.org")


def test_no_key_material_outside_the_encrypted_database(
    wallet: Wallet, wallet_dir: Path, tmp_path: Path
) -> None:
    saved_package(wallet, tmp_path)
    secrets = [bytes(r[0]) for r in wallet.conn.execute("SELECT secret FROM sharing_keys")]
    assert len(secrets) >= 3  # ledger key, pseudonym secret, the service's pairwise key
    for path in tmp_path.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert b"PRIVATE KEY" not in raw
            for secret in secrets:
                assert secret not in raw and secret.hex().encode() not in raw
    assert ACCOUNT.encode() not in (tmp_path / "share.zip").read_bytes()
    assert PASSPHRASE
