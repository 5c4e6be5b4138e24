"""The signed share package (``selfdata-share/1.0``): a zip a service checks with stock tools.

Contents: ``datapackage.json`` (Frictionless Data Package v2, a Table Schema per resource,
``hash`` and ``bytes`` per file), one CSV per resource, ``consent-receipt.json`` and
``manifest.jws`` (compact JWS, Ed25519, over the JCS manifest with every file's SHA-256).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from wallet.sharing import jws, tables
from wallet.sharing.consent import GIVEN, check_record
from wallet.sharing.descriptor import Descriptor
from wallet.sharing.durations import parse_rfc3339
from wallet.sharing.errors import VerificationError
from wallet.sharing.keys import SigningKey
from wallet.sharing.slices import Table, allowed_text, earliest_start

DATAPACKAGE = "datapackage.json"
RECEIPT = "consent-receipt.json"
MANIFEST = "manifest.jws"
JWS_TYPE = "selfdata-share+jws"
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
MAX_PACKAGE_BYTES = 512 * 1024 * 1024
MANIFEST_FIELDS = (
    "share_id",
    "consent_record_id",
    "aud",
    "iss",
    "iat",
    "descriptor_sha256",
    "datapackage_sha256",
    "consent_receipt_sha256",
    "resources",
    "slice",
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return out.getvalue().encode("utf-8")


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Built:
    payload: bytes  # the zip that leaves
    manifest: dict[str, Any]
    files: dict[str, bytes]


def build(
    share_id: str,
    record: dict[str, Any],
    data: list[Table],
    pseudonymised: bool,
    key: SigningKey,
    now: datetime,
) -> Built:
    files: dict[str, bytes] = {}
    resources = []
    for table in data:
        name = table.part.resource
        path = f"{name}.csv"
        body = csv_bytes(table)
        files[path] = body
        resources.append(
            {
                "name": name,
                "path": path,
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(body),
                "hash": f"sha256:{sha256(body)}",
                "schema": tables.table_schema(
                    table.part.dataset, table.part.granularity, list(table.part.fields)
                ),
            }
        )
    datapackage = {
        "$schema": PACKAGE_PROFILE,
        "name": f"selfdata-share-{share_id}",
        "title": f"Data shared with {record['service_name']}",
        "created": record["validity"]["not_before"],
        "resources": resources,
    }
    files[DATAPACKAGE] = _json_bytes(datapackage)
    files[RECEIPT] = _json_bytes(record)
    manifest = {
        "share_id": share_id,
        "jti": share_id,
        "consent_record_id": record["record_id"],
        "aud": record["service_id"],
        "iss": record["pii_principal_id"],
        "iat": int(now.timestamp()),
        "descriptor_sha256": record["descriptor_sha256"],
        "datapackage_sha256": sha256(files[DATAPACKAGE]),
        "consent_receipt_sha256": sha256(files[RECEIPT]),
        "resources": [
            {"path": r["path"], "sha256": str(r["hash"]).split(":", 1)[1], "bytes": r["bytes"]}
            for r in resources
        ],
        "slice": {
            "parts": [t.part.as_json() for t in data],
            "pseudonymised": pseudonymised,
        },
    }
    files[MANIFEST] = jws.sign(manifest, key.private, JWS_TYPE).encode("ascii")
    return Built(_zip(files, now), manifest, files)


def _zip(files: dict[str, bytes], now: datetime) -> bytes:
    out = io.BytesIO()
    stamp = now.timetuple()[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zf.writestr(info, body)
    return out.getvalue()


@dataclass(frozen=True)
class VerifiedShare:
    manifest: dict[str, Any]
    record: dict[str, Any]
    files: dict[str, bytes]

    def rows(self, path: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(self.files[path].decode("utf-8"))))


def read_files(payload: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > MAX_PACKAGE_BYTES or len(infos) > 1000:
                raise VerificationError("The package is too large.")
            files = {}
            for info in infos:
                if "/" in info.filename or "\\" in info.filename or info.filename.startswith("."):
                    raise VerificationError("The package holds a file outside its top folder.")
                if info.filename in files:
                    # Readers differ on which of two same-named entries they take: refuse both.
                    raise VerificationError(
                        f"The package holds two entries named {info.filename!r}."
                    )
                files[info.filename] = zf.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise VerificationError("The package is not a readable zip file.") from None
    return files


def verify(
    payload: bytes,
    *,
    audience: str | None = None,
    descriptor: Descriptor | None = None,
    known_kids: set[str] | None = None,
) -> VerifiedShare:
    """Check a package as a service would; raises VerificationError naming the first problem.

    With ``descriptor`` (the service's own), the slice must also be one the service asked
    for; with ``known_kids``, the signing key must be one of them (pinned, not trusted on
    first use).
    """
    try:
        checked = _verify(payload, audience, known_kids)
        if descriptor is not None:
            check_against_descriptor(checked, descriptor)
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
        what = f" (no {exc.args[0]!r})" if isinstance(exc, KeyError) and exc.args else ""
        raise VerificationError(
            f"The package's signed manifest or consent record is malformed{what}."
        ) from None
    return checked


def _verify(payload: bytes, audience: str | None, known_kids: set[str] | None) -> VerifiedShare:
    files = read_files(payload)
    for needed in (DATAPACKAGE, RECEIPT, MANIFEST):
        if needed not in files:
            raise VerificationError(f"The package has no {needed}.")
    try:
        record = json.loads(files[RECEIPT])
        datapackage = json.loads(files[DATAPACKAGE])
        token = files[MANIFEST].decode("ascii")
    except (ValueError, UnicodeDecodeError):
        raise VerificationError("A file of the package is not valid JSON or text.") from None
    check_record(record)
    key = jws.key_from_jwk(record["wallet_key"])
    if jws.thumbprint(record["wallet_key"]) != record["wallet_key"]["kid"]:
        raise VerificationError("The key id in the consent record is not the key's thumbprint.")
    if known_kids is not None and record["wallet_key"]["kid"] not in known_kids:
        raise VerificationError(
            f"The package is signed with key {record['wallet_key']['kid']}, which is not a key "
            "you pinned for this person."
        )
    manifest = jws.verify(token, key, typ=JWS_TYPE).payload
    _check_manifest(manifest, record, files, audience)
    _check_datapackage(datapackage, manifest, files)
    _check_consent(manifest, record)
    _check_columns(manifest, files)
    return VerifiedShare(manifest, record, files)


def _check_columns(manifest: dict[str, Any], files: dict[str, bytes]) -> None:
    for part in manifest["slice"]["parts"]:
        body = files.get(f"{tables.resource_name(part['dataset'], part['granularity'])}.csv")
        if body is None:
            raise VerificationError("A consented part has no CSV file in the package.")
        try:
            header = next(csv.reader(io.StringIO(body.decode("utf-8"))), [])
        except (UnicodeDecodeError, csv.Error):
            raise VerificationError("A CSV file of the package cannot be read.") from None
        if not set(header) <= set(part["fields"]):
            raise VerificationError("A CSV file holds columns the consent does not cover.")


def _check_manifest(
    manifest: dict[str, Any], record: dict[str, Any], files: dict[str, bytes], aud: str | None
) -> None:
    for key in MANIFEST_FIELDS:
        if key not in manifest:
            raise VerificationError(f"The signed manifest has no {key}.")
    if not isinstance(manifest["share_id"], str) or not isinstance(manifest["slice"], dict):
        raise VerificationError("The signed manifest's share_id or slice is of the wrong type.")
    if manifest.get("consent_record_id") != record["record_id"]:
        raise VerificationError("The package was signed for another consent record.")
    if manifest.get("iss") != record["pii_principal_id"]:
        raise VerificationError("The package was signed by another person's key.")
    if manifest.get("aud") != record["service_id"] or (aud is not None and manifest["aud"] != aud):
        raise VerificationError("The package was made for another service.")
    if manifest.get("descriptor_sha256") != record["descriptor_sha256"]:
        raise VerificationError("The package and its consent record name different descriptors.")
    if manifest.get("datapackage_sha256") != sha256(files[DATAPACKAGE]):
        raise VerificationError("datapackage.json was changed after signing (hash mismatch).")
    if manifest.get("consent_receipt_sha256") != sha256(files[RECEIPT]):
        raise VerificationError("consent-receipt.json was changed after signing (hash mismatch).")
    listed = manifest.get("resources")
    if not isinstance(listed, list):
        raise VerificationError("The signed manifest lists no resources.")
    covered = {DATAPACKAGE, RECEIPT, MANIFEST}
    for item in listed:
        path = item.get("path") if isinstance(item, dict) else None
        if path not in files:
            raise VerificationError("A file named in the signed manifest is missing.")
        if sha256(files[path]) != item.get("sha256") or len(files[path]) != item.get("bytes"):
            raise VerificationError(f"{path} was changed after signing (hash mismatch).")
        covered.add(path)
    if set(files) - covered:
        raise VerificationError("The package holds files the signature does not cover.")


def _check_datapackage(dp: Any, manifest: dict[str, Any], files: dict[str, bytes]) -> None:
    signed = {r["path"]: r for r in manifest["resources"]}
    resources = dp.get("resources") if isinstance(dp, dict) else None
    if not isinstance(resources, list) or {r.get("path") for r in resources} != set(signed):
        raise VerificationError("datapackage.json and the signed manifest list different files.")
    for resource in resources:
        path = resource["path"]
        if resource.get("hash") != f"sha256:{signed[path]['sha256']}":
            raise VerificationError(f"The hash of {path} in datapackage.json is wrong.")


def _check_consent(manifest: dict[str, Any], record: dict[str, Any]) -> None:
    events = record["events"]
    if events[-1]["event_state"] != GIVEN:
        raise VerificationError("The consent record does not say consent was given.")
    issued = manifest.get("iat")
    not_before = parse_rfc3339(record["validity"]["not_before"]).timestamp()
    not_after = parse_rfc3339(record["validity"]["not_after"]).timestamp()
    if not isinstance(issued, int) or not not_before <= issued <= not_after:
        raise VerificationError("The share was made outside the consent's validity.")
    consented = {p["dataset"]: p for p in record["pii"]}
    for part in manifest["slice"]["parts"]:
        allowed = consented.get(part["dataset"])
        if allowed is None:
            raise VerificationError("The package holds a dataset the consent does not cover.")
        if not set(part["fields"]) <= set(allowed["fields"]):
            raise VerificationError("The package holds fields the consent does not cover.")
        if part["granularity"] != allowed["granularity"]:
            raise VerificationError("The package is at another granularity than consented.")
        period = part["period"]
        if period["start"] < allowed["period"]["start"] or period["end"] > allowed["period"]["end"]:
            raise VerificationError("The package covers a period the consent does not.")


def check_against_descriptor(checked: VerifiedShare, descriptor: Descriptor) -> None:
    """The receiver's check: every consented and shared part is one the descriptor asked for."""
    record, manifest = checked.record, checked.manifest
    if record["descriptor_sha256"] != descriptor.sha256:
        raise VerificationError(
            "The consent was given for another version of the service's descriptor."
        )
    # The wallet counts the lookback from its local day; east of UTC that is a day after
    # the UTC date of the signature, so the receiver allows that day.
    issued = datetime.fromtimestamp(manifest["iat"], UTC).date() + timedelta(days=1)
    for part in [*record["pii"], *manifest["slice"]["parts"]]:
        request = descriptor.request_for(part["dataset"])
        if request is None:
            raise VerificationError(
                f"The package holds {part['dataset']} data, which the service does not ask for."
            )
        extra = sorted(set(part["fields"]) - set(request.fields))
        if extra:
            raise VerificationError(
                f"The package holds fields the service does not ask for: {', '.join(extra)}."
            )
        if part["granularity"] not in request.allowed:
            raise VerificationError(
                f"The package holds {part['dataset']} at {part['granularity']} granularity; "
                f"the service allows {allowed_text(request)}."
            )
        earliest = earliest_start(request, issued)
        if earliest is not None and date.fromisoformat(part["period"]["start"]) < earliest:
            raise VerificationError(
                f"The package holds {part['dataset']} from {part['period']['start']}, earlier "
                f"than the service allows ({allowed_text(request)})."
            )
