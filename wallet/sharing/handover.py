"""A confirmed share on its way out: written down, then handed over, then its outcome
written down.

The consent, the exact bytes and the prepared entry go into the ledger in one transaction
before the network is touched, so a crash or a failed delivery leaves evidence and a retry
sends the very same bytes with the same idempotency key.
"""

from __future__ import annotations

import json
from pathlib import Path

import rfc8785

from wallet.errors import InvalidInput, WalletError
from wallet.files import atomic_write
from wallet.sharing import ledger, package, services
from wallet.sharing.delivery import Transport, parse_reply
from wallet.sharing.descriptor import Descriptor
from wallet.sharing.journal import Journal, failure
from wallet.sharing.preview import Preview


def record_prepared(
    journal: Journal,
    descriptor: Descriptor,
    record: dict[str, object],
    share_id: str,
    built: package.Built,
    preview: Preview,
    stamp: str,
    to_file: Path | None,
) -> None:
    rid = str(record["record_id"])
    sid = descriptor.service_id
    with journal.transaction():
        conn = journal.conn
        conn.execute(
            "INSERT INTO consents (record_id, service_id, descriptor_sha256, not_after, "
            "record_json, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                rid,
                sid,
                descriptor.sha256,
                record["validity"]["not_after"],  # type: ignore[index]
                json.dumps(record, ensure_ascii=False),
                stamp,
            ),
        )
        conn.execute(
            "INSERT INTO share_payloads (share_id, payload) VALUES (?, ?)",
            (share_id, built.payload),
        )
        ledger.append(
            conn,
            stamp,
            "consent_given",
            {
                "record_sha256": package.sha256(rfc8785.dumps(record)),  # type: ignore[arg-type]
                "purposes": record["purposes"],
                "pii": record["pii"],
                "not_after": record["validity"]["not_after"],  # type: ignore[index]
            },
            consent_record_id=rid,
            service_id=sid,
        )
        ledger.append(
            conn,
            stamp,
            "share_prepared",
            {
                "manifest_sha256": package.sha256(rfc8785.dumps(built.manifest)),
                "payload_sha256": package.sha256(built.payload),
                "rows": preview.rows,
                "bytes": len(built.payload),
                "slice": preview.slice.as_json(),
                "destination": "file" if to_file else preview.destination,
            },
            consent_record_id=rid,
            share_id=share_id,
            service_id=sid,
        )


def save(
    journal: Journal, share_id: str, record: dict[str, object], payload: bytes, target: Path
) -> None:
    try:
        atomic_write(target, payload)
    except (OSError, WalletError) as exc:
        reason = str(exc) if isinstance(exc, WalletError) else "the file could not be written"
        journal.append("share_failed", {"reason": f"Not saved: {reason}."}, record, share_id)
        return
    journal.append(
        "share_saved",
        {"file": target.name, "payload_sha256": package.sha256(payload)},
        record,
        share_id,
    )


def deliver(
    journal: Journal,
    transport: Transport,
    share_id: str,
    record: dict[str, object],
    payload: bytes,
) -> None:
    url = _share_url(journal, record)
    outcome = transport.post(url, payload, "application/zip", share_id)
    if outcome.ok:
        journal.append(
            "share_sent",
            {
                "status": outcome.status,
                "reply_sha256": outcome.reply_sha256,
                "reply": parse_reply(outcome.reply),
                "attempts": outcome.attempts,
            },
            record,
            share_id,
        )
    else:
        journal.append("share_failed", failure(outcome), record, share_id)


def _share_url(journal: Journal, record: dict[str, object]) -> str:
    url = services.get(journal.conn, str(record["service_id"])).share_url
    if url is None:
        raise InvalidInput("This service takes no data over the network.")
    return url
