"""Time to draw the energy page for one year and for five years of 10-minute readings.

The in-run baseline draws the same load curve without decimation on a figure of the same
size, so the ratio says what min/max decimation buys on this machine today.
"""

from __future__ import annotations

import math
import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from wallet.db import Connection

STEP = 600  # ten minutes
WIDTH, HEIGHT = 1200, 800


def _readings(years: int) -> list[tuple[int, int, int, float, str, int]]:
    """A plausible house: a daily rhythm, an evening peak, winter heating, some noise."""
    start = int(datetime(2020, 1, 1, tzinfo=UTC).timestamp())
    count = years * 365 * 86_400 // STEP
    rows = []
    for i in range(count):
        t = start + i * STEP
        hour = (t % 86_400) / 3600
        day = i * STEP / 86_400
        winter = 1 + 0.6 * math.cos(2 * math.pi * day / 365)
        watts = 300 + 900 * winter * (1 + math.sin(math.pi * (hour - 6) / 12)) / 2
        watts += 1500 if 18 <= hour < 21 else 0
        watts += (i * 7919) % 200
        rows.append((1, t, t + STEP, round(watts, 1), "W", 1))
    return rows


def _fill(conn: Connection, years: int) -> int:
    rows = _readings(years)
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO batches (id, file_name, sha256, importer, importer_version, source_tz, "
        "imported_at) VALUES (1, 'bench.csv', '', 'bench', '1', 'UTC', '2024-01-01')"
    )
    conn.execute(
        "INSERT INTO entities (id, dataset, identifier) VALUES (1, 'electricity', 'PRM-BENCH')"
    )
    conn.execute("INSERT INTO channels (id, entity_id, quantity) VALUES (1, 1, 'consumption')")
    conn.executemany(
        "INSERT INTO energy_values (channel_id, start_utc, end_utc, value, unit, batch_id) "
        "VALUES (?,?,?,?,?,?)",
        rows,
    )
    conn.execute("COMMIT")
    return len(rows)


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _best(action: Callable[[], object], repeat: int = 3) -> float:
    return min(_timed(action) for _ in range(repeat))


def _page_figures(years: int, tmp: Path) -> None:
    from ui.pages.energy import EnergyPage
    from ui.session import Session
    from ui.tasks import TaskRunner
    from wallet.analytics.views import EnergyRequest
    from wallet.keyslots import FAST_KDF
    from wallet.vault import Wallet

    wallet = Wallet.create(tmp / f"w{years}", "bench passphrase", kdf=FAST_KDF).wallet
    fill = _timed(lambda: _fill(wallet.conn, years))
    session = Session(TaskRunner(inline=True))
    session.open(wallet)
    page = EnergyPage(session)
    page.resize(WIDTH, HEIGHT)
    page.show()
    last_year = 2020 + years - 1

    def draw(request: EnergyRequest) -> None:
        page._request = request  # the state the pickers set
        page.refresh()
        for chart in page.charts:
            if chart.isVisible():  # hidden tabs render when they are shown
                chart.canvas.draw()  # draw now, not when the event loop gets round to it

    year = EnergyRequest(kind="year", first=date(last_year, 6, 1), granularity="curve")
    whole = EnergyRequest(
        kind="custom", first=date(2020, 1, 1), last=date(last_year, 12, 31), granularity="curve"
    )
    daily = EnergyRequest(kind="year", first=date(last_year, 6, 1), granularity="day")
    print(f"{years} year(s) of 10-minute readings: {years * 52_560:,} rows, filled in {fill:.1f} s")
    print(f"  energy page, one year as load curve:   {_best(lambda: draw(year)):.2f} s")
    print(f"  energy page, one year per day:         {_best(lambda: draw(daily)):.2f} s")
    if years > 1:
        print(f"  energy page, all {years} years as load curve: {_best(lambda: draw(whole)):.2f} s")
    page.close()
    session.lock()


def _draw_baseline(years: int) -> None:
    """Draw and pan the same curve, decimated against every point, on the same figure size."""
    from zoneinfo import ZoneInfo

    from matplotlib.axes import Axes
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ui.charts.energy_plots import plot_curve
    from ui.charts.style import Formats, Theme

    tz = ZoneInfo("Europe/Paris")
    points = [(float(r[1]), r[3] / 1000) for r in _readings(years)]

    def figure() -> tuple[Figure, Axes]:
        fig = Figure(figsize=(WIDTH / 100, HEIGHT / 200), dpi=100)
        FigureCanvasAgg(fig)
        return fig, fig.add_subplot()

    def decimated() -> Figure:
        fig, ax = figure()
        plot_curve(ax, points, tz, Formats(), Theme(), label="E", unit="kW", step=STEP)
        fig.canvas.draw()
        return fig

    def raw() -> Figure:
        fig, ax = figure()
        xs = [t / 86_400 for t, _ in points]
        ys = [v for _, v in points]
        ax.plot(xs, ys, drawstyle="steps-post", linewidth=1.0)
        fig.canvas.draw()
        return fig

    def pan(fig: Figure) -> Callable[[], None]:
        ax = fig.axes[0]

        def step() -> None:
            lo, hi = ax.get_xlim()
            shift = (hi - lo) / 50
            ax.set_xlim(lo + shift, hi + shift)
            fig.canvas.draw()

        return step

    t_dec, t_raw = _best(decimated), _best(raw)
    pan_dec, pan_raw = _best(pan(decimated()), 5), _best(pan(raw()), 5)
    print(f"  baseline, {len(points):,} points drawn on {WIDTH} px:")
    print(f"    draw: decimated {t_dec:.3f} s, every point {t_raw:.3f} s ({t_raw / t_dec:.1f}x)")
    print(f"    pan step: decimated {pan_dec:.3f} s, every point {pan_raw:.3f} s "
          f"({pan_raw / pan_dec:.1f}x)")  # fmt: skip


def run() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("SELFDATA_KDF_PROFILE", "minimum")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        for years in (1, 5):
            _page_figures(years, Path(folder))
            _draw_baseline(years)
    del app
