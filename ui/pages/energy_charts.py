"""From an EnergyView to what each energy chart draws and the table of its numbers."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from matplotlib.figure import Figure

from ui.charts import energy_plots
from ui.charts.style import Formats, Theme
from ui.charts.table import ChartTable
from ui.charts.view import Draw
from wallet.analytics.views import EnergyView
from wallet.series import Bucket
from wallet.timebuckets import iso_local


def bucket_table(buckets: list[Bucket], tz: ZoneInfo) -> ChartTable:
    """The same columns and values as ``selfdata series`` for one energy dataset."""
    return ChartTable(
        ["start", "end", "value", "unit"],
        [[iso_local(b.start, tz), iso_local(b.end, tz), b.value, b.unit] for b in buckets],
    )


def consumption(
    view: EnergyView,
    tz: ZoneInfo,
    label: str,
    flag_texts: tuple[str, str] = ("estimated", "corrected"),
) -> tuple[Draw, ChartTable]:
    """``flag_texts``: the legend's names of estimated and corrected readings."""
    curve = view.curve
    if curve is not None:
        table = ChartTable(
            ["start", "value", "unit"],
            [[iso_local(int(t), tz), v, curve.unit] for t, v in curve.points],
        )

        def draw_curve(fig: Figure, theme: Theme, fmt: Formats) -> None:
            ax = fig.add_subplot()
            energy_plots.plot_curve(
                ax, curve.points, tz, fmt, theme, label=label, unit=curve.unit, step=curve.step
            )

        return draw_curve, table
    buckets = view.buckets
    unit = buckets[0].unit if buckets else "kWh"
    kind = {"hour": "full", "day": "date", "week": "date", "month": "month", "year": "year"}

    def draw_buckets(fig: Figure, theme: Theme, fmt: Formats) -> None:
        ax = fig.add_subplot()
        energy_plots.plot_buckets(
            ax, buckets, tz, fmt, theme, label=label, unit=unit,
            moment_kind=kind.get(view.granularity, "date"), flags=view.flags,
            flag_texts=flag_texts,
        )  # fmt: skip

    return draw_buckets, bucket_table(buckets, tz)


def profile(
    view: EnergyView, weekday: str, weekend: str, hour: str
) -> tuple[Draw, ChartTable] | None:
    found = view.profile
    if found is None or not (found.weekday_days or found.weekend_days):
        return None
    table = ChartTable(
        ["hour", "weekday", "weekend", "unit"],
        [[h, found.weekday[h], found.weekend[h], found.unit] for h in range(24)],
    )

    def draw(fig: Figure, theme: Theme, fmt: Formats) -> None:
        energy_plots.plot_profile(
            fig.add_subplot(), found, fmt, theme,
            weekday_label=weekday, weekend_label=weekend, hour_label=hour,
        )  # fmt: skip

    return draw, table


def heat(view: EnergyView, tz: ZoneInfo, hour: str) -> tuple[Draw, ChartTable] | None:
    found = view.heat
    if found is None:
        return None
    rows = [
        [day.isoformat(), h, value, found.unit]
        for day, values in zip(found.days, found.values, strict=True)
        for h, value in enumerate(values)
    ]

    def draw(fig: Figure, theme: Theme, fmt: Formats) -> None:
        energy_plots.plot_heat_map(
            fig.add_subplot(), found, tz, fmt, theme, unit=found.unit, hour_label=hour
        )

    return draw, ChartTable(["day", "hour", "value", "unit"], rows)


def peaks(
    view: EnergyView, tz: ZoneInfo, peak: str, subscribed: str
) -> tuple[Draw, ChartTable] | None:
    found = view.peaks
    if found is None or not found.days:
        return None
    rows = [
        [d.isoformat(), v, "kVA", found.subscribed_kva]
        for d, v in zip(found.days, found.kva, strict=True)
    ]

    def draw(fig: Figure, theme: Theme, fmt: Formats) -> None:
        energy_plots.plot_peaks(
            fig.add_subplot(), found, tz, fmt, theme, peak_label=peak, subscribed_label=subscribed
        )

    return draw, ChartTable(["day", "max_power", "unit", "subscribed_kva"], rows)


def beside(view: EnergyView, tz: ZoneInfo, names: dict[str, str]) -> tuple[Draw, ChartTable] | None:
    """Electricity and gas on two axes sharing the time axis."""
    if len(view.beside) < 2:
        return None
    elec, gas = view.beside["electricity"], view.beside["gas"]
    rows = [
        [iso_local(e.start, tz), iso_local(e.end, tz), e.value, g.value, e.unit]
        for e, g in zip(elec, gas, strict=True)
    ]

    def draw(fig: Figure, theme: Theme, fmt: Formats) -> None:
        top = fig.add_subplot(2, 1, 1)
        bottom = fig.add_subplot(2, 1, 2, sharex=top)
        for index, (ax, dataset) in enumerate(((top, "electricity"), (bottom, "gas"))):
            buckets = view.beside[dataset]
            energy_plots.plot_buckets(
                ax, buckets, tz, fmt, theme, label=names[dataset],
                unit=buckets[0].unit if buckets else "kWh", colour=index,
            )  # fmt: skip
            ax.set_title(names[dataset], loc="left", fontsize="medium")

    return draw, ChartTable(["start", "end", "electricity", "gas", "unit"], rows)
