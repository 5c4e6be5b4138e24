"""The sharing step of ``--self-test``: a signed share to a file, then checked as a service would.

It uses the energy-coaching example service shipped in resources/services and the throwaway
wallet the self-test filled; nothing leaves the computer.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from wallet.errors import WalletError
from wallet.resources import services_dir
from wallet.sharing import package, slices
from wallet.sharing.shares import Sharing
from wallet.vault import Wallet

SERVICE_FILE = "energy-coach.json"


def run(wallet: Wallet, folder: Path) -> str:
    sharing = Sharing(wallet)
    descriptor = sharing.add_service(services_dir() / SERVICE_FILE).descriptor
    request = descriptor.request_for("electricity")
    if request is None:
        raise WalletError("the example energy service asks for no electricity data")
    last = _last_electricity_day(wallet)
    part = slices.for_request(request, sharing.today(), first=last - timedelta(days=30), last=last)
    preview = sharing.preview(descriptor, slices.Slice((part,)), to_file=True)
    target = folder / "share.zip"
    view = sharing.share(preview, confirm=descriptor.service_id, to_file=target)
    checked = package.verify(target.read_bytes(), audience=descriptor.service_id)
    if checked.record.get("service_id") != descriptor.service_id:
        raise WalletError("the saved share names another service")
    return (
        f"saved a signed share of {preview.rows} row(s) for {descriptor.service_id} "
        f"(state {view.state}) and verified its signature and consent record"
    )


def _last_electricity_day(wallet: Wallet) -> date:
    found = [d for d in wallet.datasets() if d.dataset == "electricity" and d.last]
    if not found:
        raise WalletError("the self-test wallet holds no electricity to share")
    return date.fromisoformat(max(str(d.last) for d in found)[:10])
