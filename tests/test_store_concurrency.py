"""A share, a revocation and an undo while a ten-year load curve (525,600 rows) is imported,
each on a real thread of its own, with a reader counting rows all along (no Qt).

Everything finishes whole: the import's batch holds every row, the share was sent with its
ledger entries, the revocation is in the ledger, the undone batch is gone, the ledger chain
verifies, and no read ever saw a count between "before the import" and "after it".
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import trustme

from bench.bench_importers_energy import write_r63
from tests.sharing_support import HttpsService, descriptor, fill_wallet
from wallet.settings import Settings
from wallet.sharing.delivery import Transport
from wallet.sharing.shares import Sharing
from wallet.sharing.slices import Slice, SlicePart
from wallet.sharing.states import REVOKED, SENT
from wallet.vault import Wallet

ROWS = 525_600
NOW = datetime(2024, 5, 15, 9, 30, tzinfo=UTC)
MONTHLY = ("period_start", "period_end", "energy_kwh")


def test_share_revoke_and_undo_while_a_big_import_runs(tmp_path: Path, wallet: Wallet) -> None:
    ca = trustme.CA()
    server = HttpsService(ca)
    try:
        _run(tmp_path, wallet, ca, server)
    finally:
        server.close()


def _run(tmp_path: Path, wallet: Wallet, ca: trustme.CA, server: HttpsService) -> None:
    bundle = tmp_path / "city-ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    settings = Settings(tmp_path / "settings.json")
    settings.set("ca_bundle", str(bundle))
    sharing = Sharing(
        wallet,
        settings=settings,
        clock=lambda: NOW,
        transport=Transport(ca_bundle=str(bundle), sleep=lambda _s: None),
    )
    fill_wallet(wallet, tmp_path)  # three batches: energy, trips, benefits
    trips_batch = next(b.id for b in wallet.batches() if b.file_name == "trips.csv")
    service = sharing.add_service(json.dumps(descriptor(server.origin))).descriptor
    january = Slice(
        (SlicePart("electricity", "month", MONTHLY, date(2024, 1, 1), date(2024, 1, 31)),)
    )
    earlier = sharing.share(sharing.preview(service, january), confirm=service.service_id)
    before = wallet.counts()["electricity"]
    big = tmp_path / "r63.csv"
    write_r63(big, ROWS)

    inside = threading.Event()
    started = threading.Event()

    def cancelled() -> bool:
        if not inside.is_set():
            inside.set()  # the import's transaction holds its first rows now
            assert started.wait(120)
        return False

    seen: list[int] = []
    done = threading.Event()

    def read_all_along() -> None:
        while not done.is_set():
            seen.append(wallet.counts()["electricity"])

    outcomes: dict[str, object] = {}

    def thread(name: str, work: Callable[[], object]) -> threading.Thread:
        def run() -> None:
            try:
                outcomes[name] = work()
            except BaseException as exc:
                outcomes[name] = exc

        found = threading.Thread(target=run, name=name)
        found.start()
        return found

    importer = thread("import", lambda: wallet.import_file(big, cancelled=cancelled))
    assert inside.wait(300)
    reader = threading.Thread(target=read_all_along)
    reader.start()
    february = Slice(
        (SlicePart("electricity", "month", MONTHLY, date(2024, 2, 1), date(2024, 2, 29)),)
    )
    others = [
        thread(
            "share",
            lambda: sharing.share(sharing.preview(service, february), confirm=service.service_id),
        ),
        thread("revoke", lambda: sharing.revoke(earlier.share_id)),
        thread("undo", lambda: wallet.undo_batch(trips_batch)),
    ]
    started.set()
    for worker in [importer, *others]:
        worker.join(600)
        assert not worker.is_alive(), worker.name
    done.set()
    reader.join(60)

    problems = {k: v for k, v in outcomes.items() if isinstance(v, BaseException)}
    assert problems == {}
    result = outcomes["import"]
    assert result.added == ROWS  # type: ignore[attr-defined]
    (batch,) = [b for b in wallet.batches() if b.file_name == "r63.csv"]
    assert batch.rows_now == ROWS
    assert wallet.counts()["electricity"] == before + ROWS
    assert not [b for b in wallet.batches() if b.id == trips_batch]
    assert wallet.counts()["mobility"] == 0
    shared = outcomes["share"]
    assert shared.state == SENT  # type: ignore[attr-defined]
    assert sharing.share_view(earlier.share_id).state == REVOKED
    check = sharing.verify_ledger()
    assert check.ok, check.bad_seq
    # Every read saw the wallet before the import or after it, never in between.
    assert seen and set(seen) <= {before, before + ROWS}
    assert before in seen  # (reads did run while the import's rows were uncommitted)
