"""The wallet's keys, kept only inside the encrypted database.

- a ledger key (Ed25519) signs ledger entries;
- one Ed25519 key per service signs that service's shares, so two services cannot link
  the person by a shared public key (one key per pairwise identity);
- a pseudonym secret (HMAC-SHA256) from which each service gets its own pseudonym key.
The ledger key and the pseudonym secret are made with the wallet; a service's pairwise key
when the person first shares with it. A rotation retires the old key (kept for verification).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from wallet import db
from wallet.sharing.jws import public_jwk

LEDGER_SCOPE = "ledger"
PSEUDONYM_SCOPE = "pseudonym"


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private: Ed25519PrivateKey

    @property
    def jwk(self) -> dict[str, str]:
        return public_jwk(self.private.public_key())


def create_wallet_keys(conn: db.Connection, now: str) -> str:
    """The wallet's own keys, made at wallet creation; returns the ledger key's kid."""
    _pseudonym_secret(conn, now)
    return signing_key(conn, LEDGER_SCOPE, now).kid


def pairwise_scope(service_id: str) -> str:
    return f"pairwise:{service_id}"


def signing_key(conn: db.Connection, scope: str, now: str) -> SigningKey:
    """The current key of ``scope``, made now if there is none."""
    row = conn.execute(
        "SELECT secret FROM sharing_keys WHERE scope = ? AND kind = 'ed25519' "
        "AND retired_at IS NULL ORDER BY id DESC LIMIT 1",
        (scope,),
    ).fetchone()
    if row is not None:
        private = Ed25519PrivateKey.from_private_bytes(bytes(row[0]))
        return SigningKey(public_jwk(private.public_key())["kid"], private)
    return _new_signing_key(conn, scope, now)


def _new_signing_key(conn: db.Connection, scope: str, now: str) -> SigningKey:
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    kid = public_jwk(private.public_key())["kid"]
    conn.execute(
        "INSERT INTO sharing_keys (scope, kind, secret, kid, created_at) "
        "VALUES (?, 'ed25519', ?, ?, ?)",
        (scope, raw, kid, now),
    )
    return SigningKey(kid, private)


def rotate(conn: db.Connection, scope: str, now: str) -> tuple[str, SigningKey]:
    """Retire the current key of ``scope`` and make a new one; returns (old kid, new key)."""
    old = signing_key(conn, scope, now)
    conn.execute(
        "UPDATE sharing_keys SET retired_at = ? WHERE scope = ? AND retired_at IS NULL",
        (now, scope),
    )
    return old.kid, _new_signing_key(conn, scope, now)


def public_keys(conn: db.Connection) -> dict[str, Ed25519PrivateKey]:
    """Every signing key ever made, by kid (for checking old ledger entries)."""
    found: dict[str, Ed25519PrivateKey] = {}
    for kid, secret in conn.execute("SELECT kid, secret FROM sharing_keys WHERE kind = 'ed25519'"):
        found[str(kid)] = Ed25519PrivateKey.from_private_bytes(bytes(secret))
    return found


def _pseudonym_secret(conn: db.Connection, now: str) -> bytes:
    row = conn.execute(
        "SELECT secret FROM sharing_keys WHERE scope = ? AND kind = 'hmac' ORDER BY id LIMIT 1",
        (PSEUDONYM_SCOPE,),
    ).fetchone()
    if row is not None:
        return bytes(row[0])
    secret = os.urandom(32)
    conn.execute(
        "INSERT INTO sharing_keys (scope, kind, secret, created_at) VALUES (?, 'hmac', ?, ?)",
        (PSEUDONYM_SCOPE, secret, now),
    )
    return secret


class Pseudonyms:
    """Identifiers replaced by HMAC pseudonyms, stable for one service and unlinkable across."""

    def __init__(self, conn: db.Connection, service_id: str, now: str) -> None:
        secret = _pseudonym_secret(conn, now)
        self._key = hmac.new(secret, b"pseudonym-key\x00" + service_id.encode(), "sha256").digest()

    def identifier(self, dataset: str, value: str) -> str:
        mac = hmac.new(self._key, f"{dataset}\x00{value}".encode(), hashlib.sha256)
        return "ps-" + mac.hexdigest()[:32]

    def principal(self) -> str:
        """The person's pairwise id for this service (like a MyData surrogate id)."""
        mac = hmac.new(self._key, b"principal", hashlib.sha256)
        return "urn:selfdata:pairwise:" + mac.hexdigest()[:32]
