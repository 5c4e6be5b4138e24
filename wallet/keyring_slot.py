"""The OS keyring, behind a tiny interface with explicit states.

"Remember on this computer" keeps the data key in the keyring under service ``selfdata-wallet``
and the vault's id. A backend that would store it in clear (or none at all) is refused: the
wallet then works with the passphrase alone and says why, once.

The ``keyring`` library is imported by the functions that use it, not with this module: it
costs tens of milliseconds (its backends, jaraco, importlib_metadata) that a command given
``--passphrase-stdin`` never needs, and the vault imports this module on every start.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wallet.errors import KeyringUnavailable
from wallet.paths import APP_ID

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# Backends that store nothing, or store secrets in a readable file.
_REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class KeyringState(enum.Enum):
    AVAILABLE = "available"
    LOCKED = "locked"
    ABSENT = "absent"


@dataclass(frozen=True)
class KeyringStatus:
    state: KeyringState
    backend: str
    reason: str = ""  # why it cannot be used, in words a person understands


def backend_name(backend: KeyringBackend | None = None) -> str:
    if backend is None:
        import keyring

        backend = keyring.get_keyring()
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _usable_backends(backend: KeyringBackend) -> list[str]:
    # The chainer hides its members; it is usable when one of them is.
    members = getattr(backend, "backends", None)
    if members is not None:
        return [backend_name(b) for b in members if not _is_refused(backend_name(b))]
    name = backend_name(backend)
    return [] if _is_refused(name) else [name]


def _is_refused(name: str) -> bool:
    return name.startswith(_REFUSED_MODULES)


def status() -> KeyringStatus:
    import keyring

    backend = keyring.get_keyring()
    name = backend_name(backend)
    if not _usable_backends(backend):
        return KeyringStatus(
            KeyringState.ABSENT,
            name,
            "This computer has no secure password store the wallet can use, so it cannot "
            "remember your passphrase. Your wallet works with the passphrase alone.",
        )
    return KeyringStatus(KeyringState.AVAILABLE, name)


def _fail(exc: Exception) -> KeyringUnavailable:
    import keyring.errors

    if isinstance(exc, keyring.errors.KeyringLocked):
        return KeyringUnavailable(
            "The computer's password store is locked. Unlock it, or use your passphrase."
        )
    return KeyringUnavailable(
        "The computer's password store did not answer, so the wallet cannot remember your "
        "passphrase here. Use your passphrase."
    )


def store(vault_id: str, data_key: bytes) -> str:
    """Keep the data key in the keyring; return the backend's name to record in the slot file."""
    current = status()
    if current.state is not KeyringState.AVAILABLE:
        raise KeyringUnavailable(current.reason)
    import keyring.errors

    try:
        keyring.set_password(APP_ID, vault_id, data_key.hex())
    except (keyring.errors.KeyringError, OSError, RuntimeError) as exc:
        raise _fail(exc) from None
    return current.backend


def load(vault_id: str) -> bytes | None:
    """The data key from the keyring, or None when it is not there."""
    if status().state is not KeyringState.AVAILABLE:
        return None
    import keyring.errors

    try:
        stored = keyring.get_password(APP_ID, vault_id)
    except (keyring.errors.KeyringError, OSError, RuntimeError) as exc:
        raise _fail(exc) from None
    if not stored:
        return None
    try:
        return bytes.fromhex(stored)
    except ValueError:
        return None


def forget(vault_id: str) -> None:
    import keyring.errors

    try:
        keyring.delete_password(APP_ID, vault_id)
    except keyring.errors.PasswordDeleteError:
        pass  # already gone
    except (keyring.errors.KeyringError, OSError, RuntimeError) as exc:
        raise _fail(exc) from None
