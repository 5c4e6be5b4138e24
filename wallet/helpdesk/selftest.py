"""``--self-test``: prove an installed build works, on a throwaway wallet, and say what it did.

It creates a wallet in a temporary folder, imports the wallet's own CSV for every domain and
one shipped sample for each importer that recognises one, reads the series back, draws a
chart with matplotlib, checks that Qt is present, writes and re-reads a backup, and
(when the sharing module offers it) makes and verifies a share to a file. Nothing it does
touches the person's real wallet, settings or help-desk notes.
"""

from __future__ import annotations

import importlib
import io
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

from importers import registry
from importers.base import read_sample
from wallet import backup, build_info
from wallet.errors import WalletError
from wallet.helpdesk import outcomes, qtprobe
from wallet.keyslots import FAST_KDF
from wallet.resources import samples_dir
from wallet.vault import Wallet

PASSPHRASE = "self-test passphrase, thrown away"

SELF_CSV = {
    "energy.csv": (
        "dataset,meter,quantity,start,end,value,unit\n"
        "electricity,SELFTEST-M1,consumption,2025-01-01T00:00:00+01:00,"
        "2025-01-02T00:00:00+01:00,7.5,kWh\n"
        "electricity,SELFTEST-M1,consumption,2025-01-02T00:00:00+01:00,"
        "2025-01-03T00:00:00+01:00,8.25,kWh\n"
    ),
    "mobility.csv": (
        "card,started_at,ended_at,mode,line,origin,destination,fare,currency\n"
        "SELFTEST-C1,2025-01-02T08:00:00+01:00,2025-01-02T08:20:00+01:00,tram,1,A,B,1.70,EUR\n"
    ),
    "benefits.csv": (
        "account,payer,benefit,paid_on,period_start,period_end,amount,currency\n"
        "SELFTEST-A1,CAF,Test,2025-01-05,2024-12-01,2024-12-31,100.00,EUR\n"
    ),
}


class SelfTest:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.failures = 0

    def step(self, name: str, action: Callable[[], str]) -> None:
        try:
            said = action()
        except Exception as exc:
            self.failures += 1
            self.out.write(f"FAILED  {name}: {type(exc).__name__}: {exc}\n")
            traceback.print_exc(file=sys.stderr)
            return
        self.out.write(f"ok      {name}: {said}\n")


def one_sample_per_importer(folder: Path) -> dict[str, Path]:
    chosen: dict[str, Path] = {}
    if not folder.is_dir():
        return chosen
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        ranked = registry.rank(read_sample(path))
        if ranked and ranked[0].detection.confidence >= registry.ACCEPT_THRESHOLD:
            chosen.setdefault(ranked[0].importer.name, path)
    return chosen


def run(out: TextIO | None = None) -> int:
    out = out or sys.stdout
    test = SelfTest(out)
    out.write(f"Self-test of {build_info.describe('Self Data Wallet')}\n")
    with tempfile.TemporaryDirectory(prefix="selfdata-selftest-") as tmp:
        folder = Path(tmp)
        with outcomes.kept_in(folder / "state"):
            _run_in(test, folder)
    out.write(
        "Self-test passed.\n"
        if not test.failures
        else f"Self-test: {test.failures} step(s) failed.\n"
    )
    return 0 if not test.failures else 1


def _run_in(test: SelfTest, folder: Path) -> None:
    created = Wallet.create(folder / "wallet", PASSPHRASE, kdf=FAST_KDF)
    wallet = created.wallet
    test.out.write(f"ok      wallet: created a throwaway wallet in {folder / 'wallet'}\n")
    try:
        for name, text in SELF_CSV.items():
            path = folder / name
            path.write_text(text, encoding="utf-8")
            test.step(f"import {name}", lambda p=path: _import(wallet, p))  # type: ignore[misc]
        for importer, path in one_sample_per_importer(samples_dir()).items():
            test.step(f"import sample for {importer}", lambda p=path: _import(wallet, p))  # type: ignore[misc]
        test.step("series", lambda: _series(wallet))
        test.step("chart", lambda: _chart(wallet))
        test.step("backup", lambda: _backup(wallet, folder / "backup.swbak"))
        test.step("sharing", lambda: _share(wallet, folder / "share"))
    finally:
        wallet.lock()
    test.step("Qt", _qt)


def _import(wallet: Wallet, path: Path) -> str:
    result = wallet.import_file(path, confirm=lambda records, rejected: True)
    if result.added == 0:
        raise WalletError("nothing was added")
    return f"{result.importer}: {result.added} added, {result.rejected_count} unreadable"


def _series(wallet: Wallet) -> str:
    said = []
    for summary in wallet.datasets():
        first = date.fromisoformat(str(summary.first)[:10])
        last = date.fromisoformat(str(summary.last)[:10])
        buckets = wallet.series(summary.dataset, "day", first, last)
        filled = [b for b in buckets if b.value is not None]
        if not filled:
            raise WalletError(f"the {summary.dataset} series is empty")
        said.append(f"{summary.dataset} {len(filled)} day(s)")
    return ", ".join(sorted(set(said)))


def _chart(wallet: Wallet) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    buckets = wallet.series("electricity", "day", date(2025, 1, 1), date(2025, 1, 2))
    figure = Figure(figsize=(4, 3), dpi=72)
    axes = figure.add_subplot()
    axes.bar(range(len(buckets)), [b.value or 0 for b in buckets])
    axes.set_title("Électricité (kWh)")
    png = io.BytesIO()
    FigureCanvasAgg(figure).print_png(png)
    if not png.getvalue().startswith(b"\x89PNG"):
        raise WalletError("matplotlib wrote no PNG")
    return f"matplotlib drew a {len(png.getvalue())}-byte PNG of {len(buckets)} days"


def _backup(wallet: Wallet, target: Path) -> str:
    info = backup.backup(wallet, target)
    manifest = backup.read_manifest(target)
    if manifest.get("schema_version") != info.schema_version:
        raise WalletError("the backup's manifest does not match")
    return f"wrote and re-read an encrypted backup ({sum(info.rows.values())} rows)"


def _share(wallet: Wallet, folder: Path) -> str:
    try:
        hook = importlib.import_module("wallet.sharing.selftest")
    except ModuleNotFoundError:
        return "skipped (this build has no sharing module with a self-test)"
    folder.mkdir()
    return str(hook.run(wallet, folder))


def _qt() -> str:
    info = qtprobe.probe()
    if not info.available:
        return "skipped (Qt is not part of this build)"
    plugins = ", ".join(info.platforms) or "none found"
    # Drawing is checked by `selfdata-wallet --self-test`, which owns Qt.
    return f"Qt {info.version} present; platform plugins: {plugins}"
