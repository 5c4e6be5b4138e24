"""Key slots: each one wraps the same random 256-bit data key that opens the database.

``vault.json`` holds a passphrase slot (Argon2id -> AES-256-GCM), a recovery-code slot and,
optionally, a note that the key is also in the OS keyring. Changing a passphrase rewraps one
slot; the database is never rewritten.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from wallet.errors import VaultDamaged, WrongSecretError
from wallet.files import atomic_write

FORMAT = "selfdata-vault/1"
KEY_BYTES = 32

# Argon2id: defaults from SECURITY.md; floors are enforced when a slot is read, so a tampered
# slot file cannot weaken the key derivation.
DEFAULT_MEMORY_KIB = 64 * 1024
DEFAULT_TIME_COST = 3
DEFAULT_PARALLELISM = 4
MIN_MEMORY_KIB = 19 * 1024
MIN_TIME_COST = 2
MIN_PARALLELISM = 1
MAX_TIME_COST = 12
# Ceilings enforced on read: a crafted key file (one in a backup, say) must not make an unlock
# allocate gigabytes or run for minutes.
MAX_MEMORY_KIB = 1024 * 1024
MAX_PARALLELISM = 16
TARGET_SECONDS = 0.5
MAX_SLOT_FILE_BYTES = 64 * 1024
SALT_BYTES = 16
NONCE_BYTES = 12
WRAPPED_BYTES = KEY_BYTES + 16  # AES-GCM adds a 16-byte tag
KDF_ENV = "SELFDATA_KDF_PROFILE"
_CHECKOUT = Path(__file__).resolve().parents[1]

# The recovery code: 25 characters in 5 groups, from an alphabet without 0/O, 1/I/L, 5/S, 2/Z.
RECOVERY_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
RECOVERY_GROUPS = 5
RECOVERY_GROUP_LEN = 5


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int = DEFAULT_MEMORY_KIB
    time_cost: int = DEFAULT_TIME_COST
    parallelism: int = DEFAULT_PARALLELISM

    def check(self) -> None:
        if (
            self.memory_kib < MIN_MEMORY_KIB
            or self.time_cost < MIN_TIME_COST
            or self.parallelism < MIN_PARALLELISM
        ):
            raise KeyFileDamaged(
                "it asks for a key derivation weaker than the wallet allows (it may have been "
                "tampered with)"
            )
        if (
            self.memory_kib > MAX_MEMORY_KIB
            or self.time_cost > MAX_TIME_COST
            or self.parallelism > MAX_PARALLELISM
        ):
            raise KeyFileDamaged(
                "it asks for a key derivation far heavier than the wallet ever makes (more "
                "memory, passes or lanes than allowed; it may have been tampered with)"
            )

    def as_json(self) -> dict[str, int]:
        return {"m": self.memory_kib, "t": self.time_cost, "p": self.parallelism}


# The fastest parameters the floors allow; used by tests and benchmarks that make many wallets.
FAST_KDF = KdfParams(MIN_MEMORY_KIB, MIN_TIME_COST, 1)


def from_checkout(root: Path = _CHECKOUT) -> bool:
    """True when the program runs from a source checkout (its tests beside it), not installed.

    A built or installed program (PyInstaller, a wheel) has no ``tests/conftest.py`` and no
    ``pyproject.toml`` beside its packages.
    """
    if getattr(sys, "frozen", False):
        return False
    return (root / "pyproject.toml").is_file() and (root / "tests" / "conftest.py").is_file()


def kdf_for_new_secrets(root: Path = _CHECKOUT) -> KdfParams | None:
    """None tunes Argon2id to this computer. ``SELFDATA_KDF_PROFILE=minimum`` gives the weakest
    allowed profile to tests and benchmarks run from a checkout; the installed program ignores
    it, so a resident's new passphrase is never weakened by a variable."""
    if os.environ.get(KDF_ENV) == "minimum" and from_checkout(root):
        return FAST_KDF
    return None


def derive_kek(secret: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def tune_kdf(target: float = TARGET_SECONDS) -> KdfParams:
    """Default memory and lanes, with passes raised until one derivation takes ``target``."""
    params = KdfParams()
    start = time.perf_counter()
    derive_kek("calibration", os.urandom(16), params)
    elapsed = time.perf_counter() - start
    if elapsed <= 0:
        return params
    time_cost = round(params.time_cost * target / elapsed)
    time_cost = max(DEFAULT_TIME_COST, min(MAX_TIME_COST, time_cost))
    return KdfParams(params.memory_kib, time_cost, params.parallelism)


def new_recovery_code() -> str:
    chars = "".join(
        secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN)
    )
    return "-".join(
        chars[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(chars), RECOVERY_GROUP_LEN)
    )


def normalise_recovery_code(text: str) -> str:
    """Accept what a person types: any case, spaces or dashes, and the usual look-alikes."""
    look_alikes = str.maketrans({"0": "O", "1": "I", "5": "S", "2": "Z", "L": "I"})
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(look_alikes)
    # Look-alike letters are not in the alphabet, so a typo stays wrong rather than matching.
    return "-".join(
        cleaned[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(cleaned), RECOVERY_GROUP_LEN)
    )


def _recovery_kek(code: str, salt: bytes) -> bytes:
    # The code carries about 119 bits of randomness, so a plain HKDF is enough to derive the KEK.
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"selfdata recovery")
    return hkdf.derive(normalise_recovery_code(code).encode("ascii"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _seal(kek: bytes, data_key: bytes, aad: bytes) -> dict[str, str]:
    nonce = os.urandom(12)
    return {"nonce": _b64(nonce), "wrapped": _b64(AESGCM(kek).encrypt(nonce, data_key, aad))}


def _open(kek: bytes, slot: dict[str, Any], aad: bytes, what: str) -> bytes:
    try:
        return AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]), aad)
    except InvalidTag:
        raise WrongSecretError(f"Wrong {what}. Check it and try again.") from None


@dataclass
class SlotFile:
    """The parsed content of ``vault.json``."""

    vault_id: str
    created: str
    slots: dict[str, dict[str, Any]]

    # --- making and saving -------------------------------------------------------------
    @classmethod
    def new(cls) -> SlotFile:
        return cls(
            vault_id=str(uuid.uuid4()),
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            slots={},
        )

    @classmethod
    def load(cls, path: Path) -> SlotFile:
        with open(path, "rb") as handle:
            return cls.load_bytes(handle.read(MAX_SLOT_FILE_BYTES + 1))

    @classmethod
    def load_bytes(cls, data: bytes) -> SlotFile:
        """The slot file, fully checked; VaultDamaged naming what is wrong otherwise."""
        if len(data) > MAX_SLOT_FILE_BYTES:
            raise _damaged("it is far larger than a key file")
        try:
            raw = json.loads(data)
        except (ValueError, RecursionError):
            raise _damaged("it is not JSON") from None
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise _damaged("it is not a Self Data Wallet key file")
        for key in ("vault_id", "created"):
            if not isinstance(raw.get(key), str) or not 0 < len(raw[key]) <= 100:
                raise _damaged(f"its {key} is missing or not text")
        slots = raw.get("slots")
        if not isinstance(slots, dict) or set(slots) - set(_SLOT_CHECKS):
            raise _damaged("its list of slots is not one the wallet writes")
        for kind, slot in slots.items():
            _SLOT_CHECKS[kind](slot)
        return cls(raw["vault_id"], raw["created"], dict(slots))

    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "vault_id": self.vault_id,
            "created": self.created,
            "slots": self.slots,
        }
        return (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode("utf-8")

    def save(self, path: Path) -> None:
        atomic_write(path, self.to_bytes())

    def _aad(self, kind: str) -> bytes:
        return f"{FORMAT}|{self.vault_id}|{kind}".encode()

    # --- passphrase ---------------------------------------------------------------------
    def set_passphrase(self, passphrase: str, data_key: bytes, params: KdfParams) -> None:
        params.check()
        salt = os.urandom(16)
        kek = derive_kek(passphrase, salt, params)
        self.slots["passphrase"] = {
            "kdf": "argon2id",
            "salt": _b64(salt),
            **params.as_json(),
            **_seal(kek, data_key, self._aad("passphrase")),
        }

    def passphrase_params(self) -> KdfParams:
        slot = self.slots["passphrase"]
        return KdfParams(int(slot["m"]), int(slot["t"]), int(slot["p"]))

    def unlock_passphrase(self, passphrase: str) -> bytes:
        slot = self.slots.get("passphrase")
        if slot is None:
            raise VaultDamaged("This wallet has no passphrase slot. Use the recovery code.")
        params = self.passphrase_params()
        params.check()
        kek = derive_kek(passphrase, _unb64(slot["salt"]), params)
        return _open(kek, slot, self._aad("passphrase"), "passphrase")

    # --- recovery code ------------------------------------------------------------------
    def set_recovery(self, code: str, data_key: bytes) -> None:
        salt = os.urandom(16)
        self.slots["recovery"] = {
            "kdf": "hkdf-sha256",
            "salt": _b64(salt),
            **_seal(_recovery_kek(code, salt), data_key, self._aad("recovery")),
        }

    def unlock_recovery(self, code: str) -> bytes:
        slot = self.slots.get("recovery")
        if slot is None:
            raise VaultDamaged("This wallet has no recovery slot.")
        kek = _recovery_kek(code, _unb64(slot["salt"]))
        return _open(kek, slot, self._aad("recovery"), "recovery code")

    # --- keyring note -------------------------------------------------------------------
    def set_keyring(self, backend: str) -> None:
        self.slots["keyring"] = {"backend": backend}

    def clear_keyring(self) -> None:
        self.slots.pop("keyring", None)

    @property
    def keyring_backend(self) -> str | None:
        slot = self.slots.get("keyring")
        return None if slot is None else str(slot["backend"])


class KeyFileDamaged(VaultDamaged):
    """``vault.json`` (or a backup's copy) is malformed; ``why`` says what is wrong."""

    def __init__(self, why: str) -> None:
        super().__init__(
            f"The key file vault.json is damaged: {why}. Nothing was changed. Restore the "
            "wallet from a backup (a backup holds its own key file)."
        )
        self.why = why


def _damaged(why: str) -> KeyFileDamaged:
    return KeyFileDamaged(why)


def _bytes_field(slot: dict[str, Any], kind: str, key: str, size: int) -> None:
    value = slot.get(key)
    try:
        decoded = _unb64(value) if isinstance(value, str) and len(value) < 200 else None
    except ValueError:
        decoded = None
    if decoded is None or len(decoded) != size:
        raise _damaged(f"the {kind} slot's {key} is not {size} bytes")


def _int_field(slot: dict[str, Any], key: str) -> int:
    value = slot.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _damaged(f"the passphrase slot's parameter {key} is not a whole number")
    return value


def _check_sealed(slot: Any, kind: str, kdf: str, extra: set[str]) -> None:
    if not isinstance(slot, dict):
        raise _damaged(f"the {kind} slot is not a record")
    if slot.get("kdf") != kdf:
        raise _damaged(f"the {kind} slot does not use {kdf} (slots swapped or edited?)")
    if set(slot) != {"kdf", "salt", "nonce", "wrapped"} | extra:
        raise _damaged(f"the {kind} slot holds other fields than the wallet writes")
    _bytes_field(slot, kind, "salt", SALT_BYTES)
    _bytes_field(slot, kind, "nonce", NONCE_BYTES)
    _bytes_field(slot, kind, "wrapped", WRAPPED_BYTES)


def _check_passphrase_slot(slot: Any) -> None:
    _check_sealed(slot, "passphrase", "argon2id", {"m", "t", "p"})
    KdfParams(_int_field(slot, "m"), _int_field(slot, "t"), _int_field(slot, "p")).check()


def _check_recovery_slot(slot: Any) -> None:
    _check_sealed(slot, "recovery", "hkdf-sha256", set())


def _check_keyring_slot(slot: Any) -> None:
    if not isinstance(slot, dict) or set(slot) != {"backend"}:
        raise _damaged("the keyring note is not a record naming a keyring")
    if not isinstance(slot["backend"], str) or not 0 < len(slot["backend"]) <= 300:
        raise _damaged("the keyring note does not name a keyring")


_SLOT_CHECKS = {
    "passphrase": _check_passphrase_slot,
    "recovery": _check_recovery_slot,
    "keyring": _check_keyring_slot,
}
