"""The share ledger: an append-only, hash-chained, signed log inside the vault.

``entry_hash = SHA-256(JCS({seq, ts, event, consent_record_id, share_id, service_id, body,
prev_hash}))`` and ``sig`` is the ledger key's Ed25519 signature over the hash. Triggers refuse
UPDATE and DELETE; ``verify_ledger`` recomputes everything and names the first bad ``seq``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature

from wallet import db
from wallet.sharing import keys

GENESIS = "0" * 64
EVENTS = (
    "descriptor_imported",
    "consent_given",
    "share_prepared",
    "share_sent",
    "share_failed",
    "share_saved",
    "consent_withdrawn",
    "revocation_sent",
    "revocation_acknowledged",
    "revocation_failed",
    "consent_expired",
    "key_rotated",
)


@dataclass(frozen=True)
class Entry:
    seq: int
    ts: str
    event: str
    consent_record_id: str
    share_id: str
    service_id: str
    body: dict[str, Any]
    prev_hash: str
    entry_hash: str

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "ts": self.ts,
            "event": self.event,
            "consent_record_id": self.consent_record_id,
            "share_id": self.share_id,
            "service_id": self.service_id,
            "body": self.body,
            "entry_hash": self.entry_hash,
        }


@dataclass(frozen=True)
class LedgerCheck:
    ok: bool
    entries: int
    bad_seq: int | None = None
    reason: str = ""


def _hash(fields: dict[str, Any]) -> str:
    return hashlib.sha256(rfc8785.dumps(fields)).hexdigest()


def append(
    conn: db.Connection,
    ts: str,
    event: str,
    body: dict[str, Any],
    *,
    consent_record_id: str = "",
    share_id: str = "",
    service_id: str = "",
) -> Entry:
    """Append one entry. Call inside a transaction so seq and prev_hash cannot race."""
    if event not in EVENTS:
        raise ValueError("unknown ledger event")
    last = conn.execute(
        "SELECT seq, entry_hash FROM share_ledger ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    seq, prev = (1, GENESIS) if last is None else (int(last[0]) + 1, str(last[1]))
    fields = {
        "seq": seq,
        "ts": ts,
        "event": event,
        "consent_record_id": consent_record_id,
        "share_id": share_id,
        "service_id": service_id,
        "body": body,
        "prev_hash": prev,
    }
    entry_hash = _hash(fields)
    key = keys.signing_key(conn, keys.LEDGER_SCOPE, ts)
    sig = base64.b64encode(key.private.sign(bytes.fromhex(entry_hash))).decode("ascii")
    conn.execute(
        "INSERT INTO share_ledger (seq, ts, event, consent_record_id, share_id, service_id, "
        "body_json, prev_hash, entry_hash, kid, sig) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            seq,
            ts,
            event,
            consent_record_id,
            share_id,
            service_id,
            json.dumps(body, ensure_ascii=False, sort_keys=True),
            prev,
            entry_hash,
            key.kid,
            sig,
        ),
    )
    return Entry(seq, ts, event, consent_record_id, share_id, service_id, body, prev, entry_hash)


_COLUMNS = (
    "seq, ts, event, consent_record_id, share_id, service_id, body_json, prev_hash, entry_hash"
)


def _entry(row: tuple[Any, ...]) -> Entry:
    seq, ts, event, consent, share, service, body, prev, entry_hash = row
    return Entry(int(seq), ts, event, consent, share, service, json.loads(body), prev, entry_hash)


def entries(
    conn: db.Connection, *, share_id: str | None = None, consent: str | None = None
) -> list[Entry]:
    if share_id is not None:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM share_ledger WHERE share_id = ? ORDER BY seq", (share_id,)
        )
    elif consent is not None:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM share_ledger WHERE consent_record_id = ? ORDER BY seq",
            (consent,),
        )
    else:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM share_ledger ORDER BY seq")
    return [_entry(tuple(r)) for r in rows]


def verify_ledger(conn: db.Connection) -> LedgerCheck:
    """Walk the chain: contiguous seq, each prev_hash, each entry_hash, each signature."""
    signers = {kid: k.public_key() for kid, k in keys.public_keys(conn).items()}
    prev = GENESIS
    count = 0
    for expected_seq, row in enumerate(
        conn.execute(f"SELECT {_COLUMNS}, kid, sig FROM share_ledger ORDER BY seq"), start=1
    ):
        count += 1
        *columns, kid, sig = tuple(row)
        seq = int(columns[0])
        if seq != expected_seq:
            return LedgerCheck(False, count, expected_seq, "an entry is missing")
        try:
            entry = _entry(tuple(columns))
        except ValueError:
            return LedgerCheck(False, count, seq, "an entry cannot be read")
        if entry.prev_hash != prev:
            return LedgerCheck(False, count, seq, "the chain is broken before this entry")
        fields = {
            "seq": entry.seq,
            "ts": entry.ts,
            "event": entry.event,
            "consent_record_id": entry.consent_record_id,
            "share_id": entry.share_id,
            "service_id": entry.service_id,
            "body": entry.body,
            "prev_hash": entry.prev_hash,
        }
        if _hash(fields) != entry.entry_hash:
            return LedgerCheck(False, count, seq, "the entry was changed")
        signer = signers.get(str(kid))
        try:
            if signer is None:
                raise InvalidSignature
            signer.verify(base64.b64decode(sig), bytes.fromhex(entry.entry_hash))
        except (InvalidSignature, ValueError):
            return LedgerCheck(False, count, seq, "the signature does not match")
        prev = entry.entry_hash
    return LedgerCheck(True, count)
