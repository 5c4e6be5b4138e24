"""What the ledger says about each share: the person's answer to "who has my data?"."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from wallet import db
from wallet.sharing import ledger
from wallet.sharing.durations import parse_rfc3339

SENT, FAILED, SAVED, REVOKED, EXPIRED, PREPARED = (
    "sent",
    "failed",
    "saved to file",
    "revoked",
    "expired",
    "prepared",
)


@dataclass
class ShareView:
    share_id: str
    consent_record_id: str
    service_id: str
    service_name: str
    created: str
    state: str = PREPARED
    reason: str = ""
    destination: str = ""
    rows: int = 0
    bytes: int = 0
    payload_sha256: str = ""
    parts: list[dict[str, Any]] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    not_after: str = ""
    revocation: str = ""  # "", "pending", "acknowledged", "by the service's own means"
    withdrawal_method: str = ""
    history: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ConsentState:
    record: dict[str, Any]
    withdrawn: bool = False
    expired: bool = False
    expired_reason: str = ""
    revocation: str = ""
    revocation_jws: str = ""
    revocation_failures: int = 0
    next_attempt: str = ""
    share_ids: list[str] = field(default_factory=list)


def consent_states(conn: db.Connection) -> dict[str, ConsentState]:
    found = {
        str(rid): ConsentState(json.loads(text))
        for rid, text in conn.execute("SELECT record_id, record_json FROM consents")
    }
    for entry in ledger.entries(conn):
        state = found.get(entry.consent_record_id)
        if state is None:
            continue
        if entry.event == "share_prepared" and entry.share_id not in state.share_ids:
            state.share_ids.append(entry.share_id)
        elif entry.event == "consent_withdrawn":
            state.withdrawn = True
            state.revocation_jws = str(entry.body.get("jws", ""))
            state.revocation = "pending" if entry.body.get("revocation_url") else "manual"
        elif entry.event == "revocation_failed":
            state.revocation_failures += 1
            state.next_attempt = str(entry.body.get("next_attempt", ""))
        elif entry.event == "revocation_acknowledged":
            state.revocation = "acknowledged"
        elif entry.event == "consent_expired":
            state.expired = True
            state.expired_reason = str(entry.body.get("reason", ""))
    return found


def lapsed(state: ConsentState, now: datetime, current_sha: str | None) -> str:
    """Why a consent can no longer be used for sharing, or "" when it can."""
    if state.expired:
        return state.expired_reason or "its end date has passed"
    if now > parse_rfc3339(state.record["validity"]["not_after"]):
        return "its end date has passed"
    if current_sha != state.record["descriptor_sha256"]:
        return "the service changed what it asks for"
    return ""


def share_views(conn: db.Connection, consents: dict[str, ConsentState]) -> list[ShareView]:
    views: dict[str, ShareView] = {}
    for entry in ledger.entries(conn):
        if entry.share_id:
            view = views.get(entry.share_id)
            if view is None:
                consent = consents.get(entry.consent_record_id)
                record = consent.record if consent else {}
                view = views[entry.share_id] = ShareView(
                    entry.share_id,
                    entry.consent_record_id,
                    entry.service_id,
                    str(record.get("service_name", entry.service_id)),
                    entry.ts,
                    purposes=list(record.get("purposes", [])),
                    not_after=str(record.get("validity", {}).get("not_after", "")),
                    withdrawal_method=str(record.get("withdrawal_method", "")),
                )
            _apply(view, entry)
            view.history.append({"ts": entry.ts, "event": entry.event, "seq": entry.seq})
    for view in views.values():
        consent = consents.get(view.consent_record_id)
        if consent is None:
            continue
        view.revocation = {"pending": "pending", "acknowledged": "acknowledged"}.get(
            consent.revocation, "by the service's own means" if consent.revocation else ""
        )
        if consent.withdrawn:
            view.state = REVOKED
        elif consent.expired:
            view.state = EXPIRED
            view.reason = consent.expired_reason
    return sorted(views.values(), key=lambda v: v.created, reverse=True)


def _apply(view: ShareView, entry: ledger.Entry) -> None:
    body = entry.body
    if entry.event == "share_prepared":
        view.rows = int(body.get("rows", 0))
        view.bytes = int(body.get("bytes", 0))
        view.payload_sha256 = str(body.get("payload_sha256", ""))
        view.parts = list(body.get("slice", {}).get("parts", []))
        view.destination = str(body.get("destination", ""))
    elif entry.event == "share_sent":
        view.state, view.reason = SENT, ""
    elif entry.event == "share_failed":
        view.state, view.reason = FAILED, str(body.get("reason", ""))
    elif entry.event == "share_saved":
        view.state, view.reason = SAVED, ""
        view.destination = str(body.get("file", view.destination))
