"""Compact JWS with Ed25519 (RFC 8037 / RFC 9864), JWK thumbprints (RFC 7638), JCS payloads.

Small on purpose: a service checks our signatures with any JOSE library; this module only
needs to produce and check one algorithm.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from wallet.sharing.errors import VerificationError

ALG = "Ed25519"
ACCEPTED_ALGS = ("Ed25519", "EdDSA")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    if not isinstance(text, str) or not all(c.isalnum() or c in "-_" for c in text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_jwk(key: Ed25519PublicKey) -> dict[str, str]:
    raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw)}
    jwk["kid"] = thumbprint(jwk)
    return jwk


def thumbprint(jwk: dict[str, Any]) -> str:
    """RFC 7638: SHA-256 over the required members, sorted, no whitespace."""
    required = {"crv": jwk["crv"], "kty": jwk["kty"], "x": jwk["x"]}
    text = json.dumps(required, separators=(",", ":"), sort_keys=True)
    return b64url(hashlib.sha256(text.encode("utf-8")).digest())


def key_from_jwk(jwk: Any) -> Ed25519PublicKey:
    try:
        if jwk["kty"] != "OKP" or jwk["crv"] != "Ed25519":
            raise ValueError("not an Ed25519 key")
        return Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
    except (KeyError, TypeError, ValueError):
        raise VerificationError(
            "The public key in the consent record is not an Ed25519 JWK."
        ) from None


def sign(payload: dict[str, Any], key: Ed25519PrivateKey, typ: str) -> str:
    """Compact JWS over the JCS form of ``payload``."""
    kid = thumbprint(public_jwk(key.public_key()))
    header = {"alg": ALG, "kid": kid, "typ": typ}
    signing_input = f"{b64url(rfc8785.dumps(header))}.{b64url(rfc8785.dumps(payload))}"
    signature = key.sign(signing_input.encode("ascii"))
    return f"{signing_input}.{b64url(signature)}"


@dataclass(frozen=True)
class Verified:
    header: dict[str, Any]
    payload: dict[str, Any]
    payload_bytes: bytes


def verify(token: str, key: Ed25519PublicKey, *, typ: str | None = None) -> Verified:
    """Check a compact JWS; raises VerificationError with the reason."""
    try:
        head_b64, payload_b64, sig_b64 = token.strip().split(".")
        header = json.loads(b64url_decode(head_b64))
        payload_bytes = b64url_decode(payload_b64)
        signature = b64url_decode(sig_b64)
    except (ValueError, AttributeError):
        raise VerificationError("The signature is not a compact JWS.") from None
    if not isinstance(header, dict) or header.get("alg") not in ACCEPTED_ALGS:
        raise VerificationError("The signature does not use Ed25519.")
    if typ is not None and header.get("typ") != typ:
        raise VerificationError("The signature is of another type than expected.")
    expected_kid = thumbprint(public_jwk(key))
    if header.get("kid") != expected_kid:
        raise VerificationError("The signature was made with another key (kid differs).")
    try:
        key.verify(signature, f"{head_b64}.{payload_b64}".encode("ascii"))
    except InvalidSignature:
        raise VerificationError("The signature does not match: the content was changed.") from None
    try:
        payload = json.loads(payload_bytes)
    except ValueError:
        raise VerificationError("The signed content is not JSON.") from None
    if not isinstance(payload, dict):
        raise VerificationError("The signed content is not a JSON object.")
    return Verified(header, payload, payload_bytes)
