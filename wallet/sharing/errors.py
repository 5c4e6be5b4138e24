"""Typed errors of the sharing flow; each message says what to do and quotes no personal data."""

from __future__ import annotations

from wallet.errors import WalletError


class SharingError(WalletError):
    """Base of every sharing error."""


class DescriptorError(SharingError):
    """A service descriptor was refused; nothing was stored."""


class ConsentWithdrawn(SharingError):
    """The consent was withdrawn: nothing more may be shared under it."""


class ConsentExpired(SharingError):
    """The consent lapsed (past its end date, or the service changed its descriptor)."""


class NotConfirmed(SharingError):
    """The person did not confirm, or confirmed a different service: nothing left."""


class DeliveryError(SharingError):
    """Delivery failed; the ledger says why. The same share can be retried without duplicate."""

    exit_code = 1


class VerificationError(SharingError):
    """A share package does not verify (bad signature, hash mismatch, bad consent record)."""


class LedgerDamaged(SharingError):
    """The share ledger's chain or signatures do not verify."""
