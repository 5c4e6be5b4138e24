"""Consent records (``selfdata-consent/1.0``, a profile of ISO/IEC TS 27560) and withdrawals."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from wallet.sharing.descriptor import Descriptor
from wallet.sharing.durations import parse_duration, rfc3339
from wallet.sharing.errors import VerificationError
from wallet.sharing.resources import schema
from wallet.sharing.slices import Slice

SCHEMA_FILE = "consent-record-1.0.json"
GIVEN = "dpv:ConsentGiven"
WITHDRAWN = "dpv:ConsentWithdrawn"


def _union(items: list[list[str]]) -> list[str]:
    seen: list[str] = []
    for group in items:
        seen.extend(x for x in group if x not in seen)
    return seen


def make_record(
    descriptor: Descriptor,
    chosen: Slice,
    principal: str,
    wallet_jwk: dict[str, str],
    now: datetime,
    language: str = "en",
) -> dict[str, Any]:
    """The record of one consent: who, to whom, what, why, when, until when, how to withdraw."""
    requests = [descriptor.request_for(p.dataset) for p in chosen.parts]
    used = [r for r in requests if r is not None]
    longest = max((parse_duration(r.retention) for r in used), key=lambda d: d.span())
    retention = next(r.retention for r in used if parse_duration(r.retention) == longest)
    raw = descriptor.raw
    record: dict[str, Any] = {
        "schema_version": "selfdata-consent/1.0",
        "conforms_to": "https://w3id.org/dpv/schema/dpv-27560#record",
        "record_id": str(uuid.uuid4()),
        "pii_principal_id": principal,
        "service_id": descriptor.service_id,
        "service_name": descriptor.name(language),
        "controller": raw["controller"],
        "descriptor_sha256": descriptor.sha256,
        "language": language,
        "lawful_basis": raw.get("lawful_basis", "dpv:Consent"),
        "purposes": _union([[p.dpv or p.id for p in r.purposes] for r in used]),
        "processing": _union([r.raw.get("processing", []) for r in used]),
        "pii": [{**part.as_json(), "pseudonymised": chosen.pseudonymise} for part in chosen.parts],
        "retention": retention,
        "recipients": _union([r.raw.get("recipients", []) for r in used]),
        "storage_locations": _union([r.raw.get("storage_locations", []) for r in used]),
        "withdrawal_method": descriptor.withdrawal_method,
        "recurrence": used[0].raw.get("recurrence", {"mode": "once"}),
        "validity": {"not_before": rfc3339(now), "not_after": rfc3339(longest.after(now))},
        "wallet_key": wallet_jwk,
        "events": [
            {
                "event_time": rfc3339(now),
                "event_type": "dpv:ExplicitlyExpressedConsent",
                "event_state": GIVEN,
                "entity_id": "principal",
            }
        ],
    }
    for key in ("notice", "jurisdiction"):
        if key in raw:
            record[key] = raw[key]
    if descriptor.revoke_url:
        record["revocation_url"] = descriptor.revoke_url
    return record


def check_record(record: Any) -> None:
    import jsonschema  # slow to load; rarely needed

    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(schema(SCHEMA_FILE)).iter_errors(record)
    )
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise VerificationError(f"The consent record is not valid ({where}).")


def withdrawal(
    record: dict[str, Any], share_ids: list[str], now: datetime, erase: bool = True
) -> dict[str, Any]:
    """The signed instruction sent to the revocation URL (SHARING.md, revocation step 2)."""
    return {
        "type": "selfdata.revocation",
        "consent_record_id": record["record_id"],
        "share_ids": share_ids,
        "aud": record["service_id"],
        "iss": record["pii_principal_id"],
        "iat": int(now.timestamp()),
        "jti": str(uuid.uuid4()),
        "requested_actions": ["stop_processing", "erase"] if erase else ["stop_processing"],
    }
