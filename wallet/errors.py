"""Small typed errors, each carrying a message a person can act on.

The CLI maps them to exit codes; the UI shows ``str(error)``. Messages never quote personal data.
"""

from __future__ import annotations


class WalletError(Exception):
    """Base of every error the wallet reports to a person."""

    exit_code = 2


class WalletNotFound(WalletError):
    pass


class WalletExists(WalletError):
    pass


class WrongSecretError(WalletError):
    """Wrong passphrase or recovery code. Nothing on disk was changed."""


class VaultLocked(WalletError):
    """A data call was made while the wallet is locked."""


class WalletBusy(WalletError):
    """Another program has this wallet open for writing."""


class SchemaTooNew(WalletError):
    pass


class VaultDamaged(WalletError):
    pass


class KeyringUnavailable(WalletError):
    """No usable OS keyring: the wallet works with the passphrase alone."""


class ImportRefused(WalletError):
    """The file was not imported at all; nothing was stored."""


class ImportCancelled(WalletError):
    pass


class NotFound(WalletError):
    pass


class InvalidInput(WalletError):
    pass


class DiskFull(WalletError):
    pass
