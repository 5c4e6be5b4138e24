"""``selfdata verify`` on crafted packages: every malformed one is "NOT valid" with a reason.

Two entries of one name (unsigned first, signed last), an entry the manifest does not list,
a manifest missing a required field, and a package re-signed with another key while the
service pinned the key it saw first.
"""

from __future__ import annotations

import base64
import io
import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.conftest import run_cli
from tests.sharing_support import descriptor, forged_package
from wallet.sharing import package
from wallet.sharing.descriptor import validate
from wallet.sharing.errors import VerificationError

FIELDS = ("period_start", "energy_kwh")


def _good(key: Ed25519PrivateKey | None = None) -> package.Built:
    service = validate(descriptor("https://coach.example.org"))
    first = date.today() - timedelta(days=60)
    return forged_package(service, "day", first, first + timedelta(days=9), FIELDS, key)


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, body in entries:
            zf.writestr(zipfile.ZipInfo(name), body)
    return out.getvalue()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _verify_cli(tmp_path: Path, payload: bytes, *options: str) -> tuple[int, str]:
    target = tmp_path / "package.zip"
    target.write_bytes(payload)
    result = run_cli(tmp_path / "no-wallet", "verify", str(target), *options)
    return result.code, result.out


def test_two_entries_of_one_name_are_refused(tmp_path: Path) -> None:
    built = _good()
    csv_name = "electricity-day.csv"
    unsigned = b"period_start,energy_kwh\n2020-01-01T00:00:00+01:00,99999\n"
    entries = [(csv_name, unsigned), *built.files.items()]  # the unsigned copy comes first
    with pytest.warns(UserWarning, match="Duplicate name"):
        payload = _zip(entries)
    with pytest.raises(VerificationError, match="two entries named"):
        package.verify(payload)
    code, out = _verify_cli(tmp_path, payload)
    assert code == 2 and "NOT valid" in out and "two entries named" in out


def test_an_entry_the_manifest_does_not_list_is_refused(tmp_path: Path) -> None:
    built = _good()
    payload = _zip([*built.files.items(), ("notes.txt", b"not signed")])
    code, out = _verify_cli(tmp_path, payload)
    assert code == 2 and "NOT valid" in out and "signature does not cover" in out


@pytest.mark.parametrize("missing", ["slice", "iat", "resources", "share_id"])
def test_a_signed_manifest_missing_a_field_is_not_valid_with_a_reason(
    tmp_path: Path, missing: str
) -> None:
    key = Ed25519PrivateKey.generate()
    built = _good(key)
    manifest = dict(built.manifest)
    del manifest[missing]
    header = {"alg": "Ed25519", "kid": json.loads(built.files["consent-receipt.json"])[
        "wallet_key"
    ]["kid"], "typ": package.JWS_TYPE}  # fmt: skip
    signing_input = f"{_b64(rfc8785.dumps(header))}.{_b64(rfc8785.dumps(manifest))}"
    token = f"{signing_input}.{_b64(key.sign(signing_input.encode()))}"
    files = dict(built.files)
    files[package.MANIFEST] = token.encode()
    code, out = _verify_cli(tmp_path, _zip(list(files.items())))
    assert code == 2, out
    assert f"NOT valid. The signed manifest has no {missing}." in out


def test_a_pinned_key_refuses_a_package_re_signed_with_another_key(tmp_path: Path) -> None:
    first_key = Ed25519PrivateKey.generate()
    seen_first = json.loads(_good(first_key).files["consent-receipt.json"])["wallet_key"]["kid"]
    again = _good(first_key)
    code, out = _verify_cli(tmp_path, again.payload, "--key", seen_first)
    assert code == 0, out
    assert f"Signed by key {seen_first}" in out and "one you pinned" in out

    other = _good()  # re-signed by someone else, who also put their key in the consent record
    code, out = _verify_cli(tmp_path, other.payload, "--key", seen_first)
    assert code == 2 and "not a key you pinned" in out

    known = tmp_path / "known-keys.txt"
    known.write_text(f"# keys seen first\n{seen_first}\n", encoding="utf-8")
    assert _verify_cli(tmp_path, again.payload, "--known-keys", str(known))[0] == 0
    assert _verify_cli(tmp_path, other.payload, "--known-keys", str(known))[0] == 2

    code, out = _verify_cli(tmp_path, other.payload)  # nothing pinned: said so
    assert code == 0 and "not pinned" in out


def test_a_signature_with_alg_none_is_not_valid(tmp_path: Path) -> None:
    built = _good()
    head = _b64(json.dumps({"alg": "none", "typ": package.JWS_TYPE}).encode())
    token = f"{head}.{_b64(rfc8785.dumps(built.manifest))}."
    files = dict(built.files)
    files[package.MANIFEST] = token.encode()
    code, out = _verify_cli(tmp_path, _zip(list(files.items())))
    assert code == 2 and "NOT valid" in out


@pytest.mark.parametrize("name", ["../evil.csv", "/etc/evil.csv", "sub\\evil.csv", ".hidden"])
def test_an_entry_with_a_path_is_not_valid(tmp_path: Path, name: str) -> None:
    built = _good()
    code, out = _verify_cli(tmp_path, _zip([*built.files.items(), (name, b"x")]))
    assert code == 2 and "outside its top folder" in out
