"""Receipts the person can keep for each consent, in three shapes (SECURITY.md item 24).

- ``record``: the wallet's own consent record (``selfdata-consent/1.0``), with the events the
  ledger added since (withdrawn, expired);
- ``kantara``: the same consent as a Kantara Initiative Consent Receipt v1.1 (KI-CR-v1.1.0);
- ``jsonld``: a W3C DPV JSON-LD receipt following the DPV profile of ISO/IEC TS 27560
  (``dpv-27560:receipt-record``: a receipt carrying a copy of the record).
Each is checked against its bundled JSON Schema before it is handed out. ``cross_check``
compares what the ledger says was shared with the signed manifests of the stored packages.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import rfc8785

from wallet import db
from wallet.errors import InvalidInput, NotFound
from wallet.sharing import consent, ledger, package, services, states
from wallet.sharing.durations import parse_rfc3339
from wallet.sharing.errors import VerificationError
from wallet.sharing.receipt_formats import FORMATS
from wallet.sharing.resources import schema

KANTARA_SCHEMA = "kantara-consent-receipt-1.1.json"
JSONLD_SCHEMA = "dpv-27560-receipt-1.0.json"
KANTARA_VERSION = "KI-CR-v1.1.0"
DPV_CONTEXT = {
    "dpv": "https://w3id.org/dpv#",
    "dct": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dpv-27560": "https://w3id.org/dpv/schema/dpv-27560#",
    "selfdata": "https://selfdata-wallet.example/vocab#",
}
COLLECTION_METHOD = "Explicit confirmation naming the service, in the Self Data Wallet"
_LATER_EVENTS = {
    "consent_withdrawn": (consent.WITHDRAWN, "dpv:WithdrawConsent"),
    "consent_expired": ("dpv:ConsentExpired", "selfdata:ConsentLapsed"),
}


def record_for(conn: db.Connection, record_id: str) -> dict[str, Any]:
    """The consent record as stored, with the events the ledger added since it was given."""
    row = conn.execute(
        "SELECT record_json FROM consents WHERE record_id = ?", (record_id,)
    ).fetchone()
    if row is None:
        raise NotFound("No consent with that id in this wallet.")
    record: dict[str, Any] = json.loads(row[0])
    for entry in ledger.entries(conn, consent=record_id):
        if entry.event in _LATER_EVENTS:
            state, kind = _LATER_EVENTS[entry.event]
            record["events"].append(
                {
                    "event_time": entry.ts,
                    "event_type": kind,
                    "event_state": state,
                    "entity_id": "principal" if entry.event == "consent_withdrawn" else "wallet",
                }
            )
    consent.check_record(record)
    return record


def _status(record: dict[str, Any]) -> str:
    return str(record["events"][-1]["event_state"])


def _descriptor_raw(conn: db.Connection, record: dict[str, Any]) -> dict[str, Any]:
    try:
        return services.get(conn, str(record["service_id"])).raw
    except NotFound:
        return {}


def _purpose_texts(raw: dict[str, Any], record: dict[str, Any]) -> dict[str, str]:
    """What each purpose term means, in the record's language, from the service's descriptor."""
    language = str(record.get("language", "en"))
    texts: dict[str, str] = {}
    for request in raw.get("requests", []):
        for purpose in request.get("purposes", []):
            words = purpose.get("description", {})
            text = words.get(language) or words.get("en") or next(iter(words.values()), "")
            texts.setdefault(purpose.get("dpv") or purpose["id"], str(text))
    return texts


def _pii_categories(record: dict[str, Any]) -> list[str]:
    return [
        f"{p['dataset']}: {', '.join(p['fields'])} ({p['granularity']}, "
        f"{p['period']['start']} to {p['period']['end']})"
        + (", identifiers pseudonymised" if p["pseudonymised"] else "")
        for p in record["pii"]
    ]


def kantara(conn: db.Connection, record: dict[str, Any]) -> dict[str, Any]:
    """The consent as a Kantara Consent Receipt v1.1 (field names as the specification spells)."""
    raw = _descriptor_raw(conn, record)
    controller = record["controller"]
    texts = _purpose_texts(raw, record)
    termination = (
        f"Kept at most {record['retention']}; consent valid until "
        f"{record['validity']['not_after']} unless withdrawn. {record['withdrawal_method']}"
    )
    receipt = {
        "version": KANTARA_VERSION,
        "jurisdiction": record.get("jurisdiction") or controller.get("country", ""),
        "consentTimestamp": int(parse_rfc3339(record["validity"]["not_before"]).timestamp()),
        "collectionMethod": COLLECTION_METHOD,
        "consentReceiptID": record["record_id"],
        "publicKey": json.dumps(record["wallet_key"], sort_keys=True),
        "language": record["language"],
        "piiPrincipalId": record["pii_principal_id"],
        "piiControllers": [
            {
                "piiController": controller.get("name", ""),
                "onBehalf": False,
                "contact": controller.get("email", ""),
                "address": controller.get("address", ""),
                "email": controller.get("email", ""),
                "phone": controller.get("phone", ""),
                "piiControllerUrl": controller.get("url", record["service_id"]),
            }
        ],
        "policyUrl": raw.get("policy_url", record["service_id"]),
        "services": [
            {
                "service": record["service_name"],
                "purposes": [
                    {
                        "purpose": texts.get(term, term),
                        "purposeCategory": [term],
                        "consentType": "EXPLICIT",
                        "piiCategory": _pii_categories(record),
                        "primaryPurpose": index == 0,
                        "termination": termination,
                        "thirdPartyDisclosure": bool(record["recipients"]),
                        **(
                            {"thirdPartyName": ", ".join(record["recipients"])}
                            if record["recipients"]
                            else {}
                        ),
                    }
                    for index, term in enumerate(record["purposes"])
                ],
            }
        ],
        "sensitive": False,
        "spiCat": [],
    }
    _check(receipt, KANTARA_SCHEMA, "Kantara receipt")
    return receipt


def jsonld(conn: db.Connection, record: dict[str, Any]) -> dict[str, Any]:
    """The consent as a DPV JSON-LD receipt carrying a copy of the ISO/IEC TS 27560 record."""
    raw = _descriptor_raw(conn, record)
    texts = _purpose_texts(raw, record)
    storage: list[dict[str, Any]] = [
        {"@type": "dpv:StorageDuration", "dpv:hasDuration": record["retention"]}
    ]
    if record["storage_locations"]:
        storage.append(
            {"@type": "dpv:StorageLocation", "dpv:hasLocation": record["storage_locations"]}
        )
    process = {
        "@type": "dpv:Process",
        "dpv:hasService": record["service_name"],
        "dpv:hasPurpose": [
            {"@id": term, "dct:description": texts.get(term, "")} for term in record["purposes"]
        ],
        "dpv:hasProcessing": record["processing"],
        "dpv:hasPersonalData": [
            {
                "@type": "selfdata:Dataset",
                "dct:title": part["dataset"],
                "selfdata:fields": part["fields"],
                "selfdata:granularity": part["granularity"],
                "dct:temporal": {
                    "dpv:hasStartTime": part["period"]["start"],
                    "dpv:hasEndTime": part["period"]["end"],
                },
                "selfdata:pseudonymised": part["pseudonymised"],
            }
            for part in record["pii"]
        ],
        "dpv:hasRecipient": record["recipients"],
        "dpv:hasStorageCondition": storage,
    }
    copy_of_record = {
        "@id": f"urn:uuid:{record['record_id']}",
        "@type": "dpv:ConsentRecord",
        "dct:identifier": record["record_id"],
        "dct:conformsTo": "https://w3id.org/dpv/schema/dpv-27560#record",
        "dpv:hasDataSubject": {"@id": record["pii_principal_id"], "@type": "dpv:DataSubject"},
        "dpv:hasDataController": {
            "@id": record["service_id"],
            "@type": "dpv:DataController",
            "schema:name": record["controller"].get("name", ""),
            "schema:email": record["controller"].get("email", ""),
        },
        "dpv:hasJurisdiction": [
            record.get("jurisdiction") or record["controller"].get("country", "")
        ],
        "dpv:hasLegalBasis": record["lawful_basis"],
        "dpv:hasProcess": process,
        "dpv:hasConsentStatus": {"@id": _status(record)},
        "dct:valid": {
            "dpv:hasStartTime": record["validity"]["not_before"],
            "dpv:hasEndTime": record["validity"]["not_after"],
        },
        "dpv:hasWithdrawalMethod": record["withdrawal_method"],
        "selfdata:descriptorSha256": record["descriptor_sha256"],
        "selfdata:walletKey": record["wallet_key"],
        "dpv:hasEvent": [
            {
                "@type": "dpv:Event",
                "dct:date": event["event_time"],
                "dpv:hasIndicationMethod": event["event_type"],
                "dpv:hasConsentStatus": event["event_state"],
                "dpv:hasEntity": event["entity_id"],
            }
            for event in record["events"]
        ],
    }
    receipt = {
        "@context": DPV_CONTEXT,
        "@id": f"urn:selfdata:receipt:{record['record_id']}",
        "@type": "dpv-27560:ConsentReceipt",
        "dct:conformsTo": "https://w3id.org/dpv/schema/dpv-27560#receipt-record",
        "dct:created": record["events"][-1]["event_time"],
        "dct:publisher": "Self Data Wallet",
        "schema:recipient": {"@id": record["pii_principal_id"]},
        "selfdata:recordSha256": package.sha256(rfc8785.dumps(_as_given(record))),
        "dpv:hasRecordOfActivity": copy_of_record,
    }
    _check(receipt, JSONLD_SCHEMA, "DPV receipt")
    return receipt


def _as_given(record: dict[str, Any]) -> dict[str, Any]:
    """The record as signed into the share (before later events), whose hash the ledger keeps."""
    given = copy.deepcopy(record)
    given["events"] = given["events"][:1]
    return given


def _check(document: dict[str, Any], schema_file: str, what: str) -> None:
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(schema(schema_file)).iter_errors(document)
    )
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise InvalidInput(f"The {what} could not be made from this consent ({where}).")


def receipt(conn: db.Connection, share_id: str, form: str) -> dict[str, Any]:
    """The receipt of the consent behind ``share_id`` (or a consent record id) in ``form``."""
    if form not in FORMATS:
        raise InvalidInput(f"Choose a receipt format among {', '.join(FORMATS)}.")
    record_id = _consent_of(conn, share_id)
    record = record_for(conn, record_id)
    if form == "kantara":
        return kantara(conn, record)
    if form == "jsonld":
        return jsonld(conn, record)
    return record


def _consent_of(conn: db.Connection, ref: str) -> str:
    row = conn.execute(
        "SELECT consent_record_id FROM share_ledger WHERE share_id = ? AND consent_record_id != '' "
        "LIMIT 1",
        (ref,),
    ).fetchone()
    if row is not None:
        return str(row[0])
    if conn.execute("SELECT 1 FROM consents WHERE record_id = ?", (ref,)).fetchone():
        return ref
    raise NotFound("No share or consent with that id in this wallet. See 'selfdata shares'.")


def cross_check(conn: db.Connection) -> list[str]:
    """Where the ledger's "what, with whom, when, why" differs from the signed manifests."""
    problems: list[str] = []
    consents = states.consent_states(conn)
    for entry in ledger.entries(conn):
        if entry.event != "share_prepared":
            continue
        sid = entry.share_id
        row = conn.execute(
            "SELECT payload FROM share_payloads WHERE share_id = ?", (sid,)
        ).fetchone()
        if row is None:
            continue  # purged by the person: only the hashes remain, as designed
        try:
            checked = package.verify(bytes(row[0]), audience=entry.service_id)
        except VerificationError as exc:
            problems.append(f"share {sid}: the stored package does not verify ({exc})")
            continue
        manifest, record = checked.manifest, checked.record
        given = consents.get(entry.consent_record_id)
        body = entry.body
        expected = {
            "the manifest hash": (
                package.sha256(rfc8785.dumps(manifest)),
                body.get("manifest_sha256"),
            ),
            "the payload hash": (package.sha256(bytes(row[0])), body.get("payload_sha256")),
            "the service": (manifest["aud"], entry.service_id),
            "the consent": (manifest["consent_record_id"], entry.consent_record_id),
            "the share id": (manifest["share_id"], sid),
            "what was shared": (
                [_slice_of(p) for p in manifest["slice"]["parts"]],
                [_slice_of(p) for p in body.get("slice", {}).get("parts", [])],
            ),
            "when": (manifest["iat"], int(parse_rfc3339(entry.ts).timestamp())),
            "why": (record["purposes"], given.record["purposes"] if given else None),
            "the consent record": (
                package.sha256(rfc8785.dumps(record)),
                _given_sha(conn, entry.consent_record_id),
            ),
            "pseudonyms": (
                manifest["slice"].get("pseudonymised"),
                body.get("slice", {}).get("pseudonymise"),
            ),
        }
        problems += [
            f"share {sid}: {what} in the ledger differs from the signed manifest"
            for what, (signed, kept) in expected.items()
            if signed != kept
        ]
    return problems


def _given_sha(conn: db.Connection, record_id: str) -> str | None:
    for entry in ledger.entries(conn, consent=record_id):
        if entry.event == "consent_given":
            return str(entry.body.get("record_sha256"))
    return None


def _slice_of(part: dict[str, Any]) -> dict[str, Any]:
    return {k: part.get(k) for k in ("dataset", "fields", "granularity", "period")}
