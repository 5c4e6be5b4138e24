"""The demo household's sharing history: the example services, one past share, one revoked.

Both shares are saved to files in the demo's throwaway folder, as a resident would for a
service with no API, with the sharing clock set to the day each happened. The revocation is
recorded in the ledger as the resident's withdrawal; the demo contacts no service, so the
ledger says the service has not been told yet (``DemoTransport``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from wallet.resources import services_dir
from wallet.sharing import slices
from wallet.sharing.descriptor import Descriptor
from wallet.sharing.delivery import Outcome, Transport
from wallet.sharing.shares import Sharing
from wallet.vault import Wallet

ENERGY_SERVICE = "energy-coach.json"
MOBILITY_SERVICE = "mobility-planner.json"
PAST_SHARE_AT = datetime(2025, 11, 14, 9, 30, tzinfo=UTC)
REVOKED_SHARE_AT = datetime(2025, 6, 3, 18, 10, tzinfo=UTC)
REVOKED_AT = datetime(2025, 9, 21, 8, 45, tzinfo=UTC)


class DemoTransport(Transport):
    """Sends nothing: a demo wallet must never reach a service, even an example one."""

    def post(self, url: str, body: bytes, content_type: str, idempotency_key: str) -> Outcome:
        return Outcome(False, reason="Not sent: the demo wallet contacts no service.")


class _Clock:
    def __init__(self) -> None:
        self.now = PAST_SHARE_AT

    def __call__(self) -> datetime:
        return self.now


def fill(wallet: Wallet, folder: Path) -> None:
    """Add every example service, then the two shares (saved into ``folder``)."""
    clock = _Clock()
    sharing = Sharing(wallet, clock=clock, transport=DemoTransport())
    clock.now = REVOKED_SHARE_AT
    added = {
        path.name: sharing.add_service(path).descriptor
        for path in sorted(services_dir().glob("*.json"))
    }
    mobility = added[MOBILITY_SERVICE]
    revoked = _share(sharing, mobility, "mobility", date(2025, 3, 3), date(2025, 6, 1), folder)
    clock.now = PAST_SHARE_AT
    energy = added[ENERGY_SERVICE]
    _share(sharing, energy, "electricity", date(2024, 11, 1), date(2025, 10, 31), folder)
    clock.now = REVOKED_AT
    sharing.revoke(revoked)


def _share(
    sharing: Sharing, descriptor: Descriptor, dataset: str, first: date, last: date, folder: Path
) -> str:
    request = descriptor.request_for(dataset)
    if request is None:
        raise ValueError(f"the example service {descriptor.service_id} asks for no {dataset}")
    part = slices.for_request(request, sharing.today(), first=first, last=last)
    preview = sharing.preview(descriptor, slices.Slice((part,)), to_file=True)
    target = folder / f"share-{dataset}.zip"
    return sharing.share(preview, confirm=descriptor.service_id, to_file=target).share_id
