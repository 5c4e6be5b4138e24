"""The demo household's sharing history: the example services, one past share, one revoked.

Both shares are saved to files in the demo's throwaway folder, as a resident would for a
service with no API, with the sharing clock set to the day each happened. The revocation is
recorded in the ledger as the resident's withdrawal; the demo contacts no service, so the
ledger says the service has not been told yet (``DemoTransport``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from wallet.demo.household import Span, add_months
from wallet.resources import services_dir
from wallet.sharing import slices
from wallet.sharing.delivery import Outcome, Transport
from wallet.sharing.descriptor import Descriptor
from wallet.sharing.shares import Sharing
from wallet.vault import Wallet

ENERGY_SERVICE = "energy-coach.json"
MOBILITY_SERVICE = "mobility-planner.json"


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


class DemoTransport(Transport):
    """Sends nothing: a demo wallet must never reach a service, even an example one."""

    def post(self, url: str, body: bytes, content_type: str, idempotency_key: str) -> Outcome:
        return Outcome(False, reason="Not sent: the demo wallet contacts no service.")


class _Clock:
    """The sharing clock, moved to the day each step of the history happened."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def fill(wallet: Wallet, span: Span, folder: Path) -> None:
    """Add every example service, then the two shares (saved into ``folder``).

    Six months before the span's end the household shared three months of trips with the
    mobility planner, and withdrew that consent three months later; two weeks before the
    end it shared the last twelve whole months of electricity with the energy coach.
    """
    end_month = span.last.replace(day=1)
    clock = _Clock(_at(add_months(end_month, -6) + timedelta(days=2), 18, 10))
    sharing = Sharing(wallet, clock=clock, transport=DemoTransport())
    added = {
        path.name: sharing.add_service(path).descriptor
        for path in sorted(services_dir().glob("*.json"))
    }
    mobility = added[MOBILITY_SERVICE]
    shared_on = clock.now.date()
    first = add_months(shared_on, -3)
    revoked = _share(sharing, mobility, "mobility", first, shared_on - timedelta(days=1), folder)
    clock.now = _at(add_months(end_month, -3) + timedelta(days=20), 8, 45)
    sharing.revoke(revoked)
    clock.now = _at(span.last - timedelta(days=14), 9, 30)
    energy = added[ENERGY_SERVICE]
    month = clock.now.date().replace(day=1)
    last_month = month - timedelta(days=1)
    _share(sharing, energy, "electricity", add_months(month, -12), last_month, folder)


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
