"""Services the person added, pinned by the SHA-256 of their descriptor."""

from __future__ import annotations

import json
from dataclasses import dataclass

from wallet import db
from wallet.errors import NotFound
from wallet.sharing import ledger
from wallet.sharing.descriptor import Descriptor, validate


@dataclass(frozen=True)
class Added:
    descriptor: Descriptor
    changed: bool  # a new version of a known service: earlier consents lapse
    new: bool


def add(conn: db.Connection, descriptor: Descriptor, now: str) -> Added:
    row = conn.execute(
        "SELECT descriptor_sha256 FROM services WHERE service_id = ?", (descriptor.service_id,)
    ).fetchone()
    if row is not None and row[0] == descriptor.sha256:
        return Added(descriptor, changed=False, new=False)
    with db.transaction(conn):
        conn.execute(
            "INSERT INTO services (service_id, descriptor_json, descriptor_sha256, added_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (service_id) DO UPDATE SET "
            "descriptor_json = excluded.descriptor_json, "
            "descriptor_sha256 = excluded.descriptor_sha256, added_at = excluded.added_at",
            (
                descriptor.service_id,
                json.dumps(descriptor.raw, ensure_ascii=False),
                descriptor.sha256,
                now,
            ),
        )
        ledger.append(
            conn,
            now,
            "descriptor_imported",
            {
                "descriptor_sha256": descriptor.sha256,
                "replaces": None if row is None else str(row[0]),
                "name": descriptor.name(),
            },
            service_id=descriptor.service_id,
        )
    return Added(descriptor, changed=row is not None, new=row is None)


def all_services(conn: db.Connection) -> list[Descriptor]:
    found = []
    for text, sha in conn.execute(
        "SELECT descriptor_json, descriptor_sha256 FROM services ORDER BY service_id"
    ):
        found.append(Descriptor(json.loads(text), str(sha)))
    return found


def get(conn: db.Connection, service_id: str) -> Descriptor:
    row = conn.execute(
        "SELECT descriptor_json, descriptor_sha256 FROM services WHERE service_id = ?",
        (service_id,),
    ).fetchone()
    if row is None:
        raise NotFound(
            "No service with that id in this wallet. See 'selfdata services', or add its "
            "descriptor with 'selfdata services add FILE'."
        )
    return Descriptor(json.loads(row[0]), str(row[1]))


def current_sha(conn: db.Connection, service_id: str) -> str | None:
    row = conn.execute(
        "SELECT descriptor_sha256 FROM services WHERE service_id = ?", (service_id,)
    ).fetchone()
    return None if row is None else str(row[0])


def revalidate(descriptor: Descriptor, retention_cap: str) -> Descriptor:
    """A stored descriptor checked again (the cap may have been lowered since)."""
    return validate(descriptor.raw, retention_cap=retention_cap)
