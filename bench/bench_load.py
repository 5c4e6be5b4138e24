"""A heavy wallet: 10 years of 10-minute readings for two meters, 5 years of daily trips,
10 years of monthly payments. Prints its size, the time to unlock, and the time of the
queries each page runs (and, when the desktop pages are importable, the time to open each
page offscreen).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from importers.base import AccountId, CardId, EnergyReading, MeterId, Payment, Record, Trip
from importers.selfdata_csv import IMPORTER
from wallet import queries, series
from wallet.importing import import_items
from wallet.keyslots import tune_kdf
from wallet.vault import Wallet

START = 1_420_070_400  # 2015-01-01 UTC
TEN_YEARS_10_MIN = 525_600
PASSPHRASE = "bench passphrase"


def energy(meter: str, dataset: str, phase: int) -> list[EnergyReading]:
    return [
        EnergyReading(
            dataset,
            MeterId(meter),
            "consumption",
            START + i * 600,
            START + i * 600 + 600,
            float((i + phase) % 3000),
            "W",
        )
        for i in range(TEN_YEARS_10_MIN)
    ]


def trips() -> list[Trip]:
    found = []
    for day in range(5 * 365):
        at = START + day * 86_400 + 8 * 3600
        found.append(
            Trip(CardId("card-1"), at, at + 1500, "tram", "T1", "Gare", "Centre", 170, "EUR")
        )
    return found


def payments() -> list[Payment]:
    return [
        Payment(
            AccountId("caf-1"),
            "CAF",
            "Aide personnalisée au logement",
            f"{2015 + m // 12}-{m % 12 + 1:02d}-05",
            None,
            None,
            31247,
        )
        for m in range(120)
    ]


def timed(label: str, work: object) -> float:
    started = time.perf_counter()
    assert callable(work)
    work()
    elapsed = time.perf_counter() - started
    print(f"  {label:<48} {elapsed:6.2f} s")
    return elapsed


def run() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "wallet"
        created = Wallet.create(root, PASSPHRASE, kdf=tune_kdf())
        conn = created.wallet.conn
        batches: list[tuple[str, Sequence[Record]]] = [
            ("electricity", energy("01234567890123", "electricity", 0)),
            ("gas", energy("GI000000000001", "gas", 7)),
            ("mobility", trips()),
            ("benefits", payments()),
        ]
        for name, records in batches:
            import_items(conn, iter(records), IMPORTER, f"{name}.csv", lambda: "0" * 64)
        created.wallet.lock()
        size = sum(p.stat().st_size for p in root.iterdir() if p.is_file())
        print(f"wallet: 2 x {TEN_YEARS_10_MIN:,} readings, {5 * 365:,} trips, 120 payments")
        print(f"  {'size on disk':<48} {size / 1e6:6.1f} MB")
        started = time.perf_counter()
        wallet = Wallet.unlock(root, PASSPHRASE)
        print(
            f"  {'unlock (Argon2id tuned here + open)':<48} {time.perf_counter() - started:6.2f} s"
        )
        tz = ZoneInfo(wallet.timezone)
        year = (date(2024, 1, 1), date(2024, 12, 31))
        ten = (date(2015, 1, 1), date(2024, 12, 31))
        c = wallet.conn
        timed("datasets summary (overview)", lambda: queries.datasets(c, tz))
        timed(
            "electricity, one year by day (energy page)",
            lambda: series.series(c, "electricity", "day", *year, tz),
        )
        timed(
            "electricity, one year by hour",
            lambda: series.series(c, "electricity", "hour", *year, tz),
        )
        timed(
            "electricity, ten years by month",
            lambda: series.series(c, "electricity", "month", *ten, tz),
        )
        timed("gas, one year by day", lambda: series.series(c, "gas", "day", *year, tz))
        timed(
            "mobility, five years by week (mobility page)",
            lambda: series.series(c, "mobility", "week", *ten, tz),
        )
        timed(
            "benefits, ten years by month (benefits page)",
            lambda: series.series(c, "benefits", "month", *ten, tz),
        )
        timed("counts (status, backup)", lambda: queries.counts(c))
        open_pages(wallet)
        wallet.lock()


def open_pages(wallet: Wallet) -> None:
    """Each desktop page built, filled and drawn offscreen, as the sidebar opens it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:
        print("  (PySide6 is not installed: no page figures)")
        return
    from ui.session import Session
    from ui.tasks import TaskRunner
    from ui.workspace import PAGES, page_class

    app = QApplication.instance() or QApplication([])
    session = Session(TaskRunner(inline=True))
    session.open(wallet)
    print("opening each page offscreen (built, computed inline and drawn, 1200 x 800):")
    pages = []
    for key, module, name in PAGES:
        cls = page_class(module, name)

        def show(cls: type = cls) -> None:
            page = cls(session)
            page.resize(1200, 800)
            page.show()  # a chart page computes on show; TaskRunner(inline=True) waits for it
            if hasattr(page, "refresh"):
                page.refresh()
            for chart in getattr(page, "charts", []):
                chart.canvas.draw()  # draw now, not when the event loop gets round to it
            app.processEvents()
            pages.append(page)

        timed(f"{key} page", show)
    for page in pages:
        page.close()
    session.lock()
