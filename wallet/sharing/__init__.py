"""Sharing with consent: service descriptors, slices, signed packages, delivery and the ledger.

The protocol is ``SHARING.md`` (selfdata-service/1.0, selfdata-consent/1.0, selfdata-share/1.0).
No Qt here: the CLI (``wallet.sharing.cli``) and the UI page drive the same ``Sharing`` façade.
"""

from wallet.sharing.errors import (
    ConsentExpired,
    ConsentWithdrawn,
    DeliveryError,
    DescriptorError,
    NotConfirmed,
    SharingError,
    VerificationError,
)

__all__ = [
    "ConsentExpired",
    "ConsentWithdrawn",
    "DeliveryError",
    "DescriptorError",
    "NotConfirmed",
    "SharingError",
    "VerificationError",
]
