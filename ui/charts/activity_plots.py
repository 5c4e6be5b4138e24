"""Pure drawing functions for mobility and benefits: ``plot_x(ax, data, ...)``. No Qt."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ui.charts import hover
from ui.charts.style import Formats, Theme, grid, number_axis, time_axis, to_days
from wallet.analytics.benefits import BenefitsSummary, month_index, month_of

LEGEND_WIDTH = 24  # characters per legend line


def plot_ranked(
    ax: Axes,
    items: Sequence[tuple[str, float]],
    fmt: Formats,
    theme: Theme,
    *,
    unit: str,
    colour: int = 0,
) -> None:
    """Horizontal bars, most first at the top (modes, lines, stops)."""
    labels = [label for label, _ in items]
    values = [value for _, value in items]
    positions = list(range(len(items)))[::-1]
    bars = ax.barh(positions, values, color=theme.colour(colour))
    ax.set_yticks(positions, labels)
    ax.set_xlabel(unit)
    number_axis(ax, fmt, which="x", integer=True)
    grid(ax, theme, "x")
    hover.bars(
        ax, bars, [f"{lbl}\n{fmt.value(v, unit)}" for lbl, v in zip(labels, values, strict=True)]
    )


def plot_hours(
    ax: Axes,
    weekday: Sequence[int],
    weekend: Sequence[int],
    fmt: Formats,
    theme: Theme,
    *,
    weekday_label: str,
    weekend_label: str,
    hour_label: str,
    unit: str,
) -> None:
    """Trips by hour of the day, weekdays and weekends side by side."""
    hours = range(24)
    for index, (counts, label, shift) in enumerate(
        ((weekday, weekday_label, -0.2), (weekend, weekend_label, 0.2))
    ):
        bars = ax.bar(
            [h + shift for h in hours], counts, width=0.4, color=theme.colour(index), label=label
        )
        hover.bars(
            ax, bars, [f"{label}, {h}:00\n{fmt.value(c, unit)}" for h, c in enumerate(counts)]
        )
    ax.set_xticks(range(0, 24, 3))
    ax.set_xlim(-0.7, 23.7)
    ax.set_xlabel(hour_label)
    ax.set_ylabel(unit)
    number_axis(ax, fmt, integer=True)
    grid(ax, theme)
    ax.legend(loc="upper left", fontsize="small")


def plot_money_months(
    ax: Axes,
    months: Sequence[tuple[int, int]],
    series: Sequence[tuple[str, Sequence[float]]],
    tz: ZoneInfo,
    fmt: Formats,
    theme: Theme,
    *,
    currency: str,
    symbol: str,
) -> None:
    """Money of one currency per month, one bar per series side by side (fares spent, topped
    up, refunded). ``months``: each month's UTC bounds; the axis names the currency."""
    time_axis(ax, tz, fmt)
    number_axis(ax, fmt)
    ax.set_ylabel(symbol)
    grid(ax, theme)
    if not months or not series:
        return
    width = 0.85 / len(series)
    for index, (label, amounts) in enumerate(series):
        lefts = [
            to_days(start) + to_days(end - start) * (0.05 + index * width) for start, end in months
        ]
        widths = [to_days(end - start) * width for start, end in months]
        bars = ax.bar(
            lefts, list(amounts), width=widths, align="edge", color=theme.colour(index), label=label
        )
        hover.bars(
            ax,
            bars,
            [
                f"{label}\n{fmt.moment(datetime.fromtimestamp(start, tz), 'month')}: "
                f"{fmt.money(amount, currency)}"
                for (start, _end), amount in zip(months, amounts, strict=True)
            ],
        )
    ax.set_xlim(to_days(months[0][0]), to_days(months[-1][1]))
    ax.legend(loc="upper left", fontsize="small")


def _month_days(month: date, tz: ZoneInfo) -> float:
    return to_days(datetime(month.year, month.month, 1, tzinfo=tz).timestamp())


def plot_benefits(
    ax: Axes,
    summary: BenefitsSummary,
    tz: ZoneInfo,
    fmt: Formats,
    theme: Theme,
    *,
    gap_label: str,
    change_label: str,
) -> None:
    """Payments per month covered, stacked by benefit; gaps shaded and changes marked."""
    time_axis(ax, tz, fmt)
    number_axis(ax, fmt)
    ax.set_ylabel(summary.currency)
    grid(ax, theme)
    if not summary.by_benefit:
        return
    months = sorted({m for per in summary.by_benefit.values() for m in per})
    lo, hi = month_index(months[0]), month_index(months[-1])
    timeline = [month_of(i) for i in range(lo, hi + 1)]
    lefts = [_month_days(m, tz) for m in timeline]
    widths = [(_month_days(month_of(month_index(m) + 1), tz) - x) * 0.85 for m, x in
              zip(timeline, lefts, strict=True)]  # fmt: skip
    bottoms = [0.0] * len(timeline)
    for index, label in enumerate(sorted(summary.by_benefit)):
        per = summary.by_benefit[label]
        heights = [per.get(m, 0) / 100 for m in timeline]
        bars = ax.bar(
            lefts, heights, width=widths, bottom=bottoms, align="edge",
            color=theme.colour(index), label=label,
        )  # fmt: skip
        hover.bars(
            ax,
            bars,
            [
                f"{label}\n{fmt.moment(_noon(m, tz), 'month')}: {fmt.money(h, summary.currency)}"
                if h
                else ""
                for m, h in zip(timeline, heights, strict=True)
            ],
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    top = max(bottoms) or 1.0
    for gap in summary.gaps:
        x = _month_days(gap.month, tz)
        ax.axvspan(x, x + 28, color=theme.alert, alpha=0.18, hatch="//", linewidth=0)
    xs, ys = [], []
    for change in summary.changes:
        position = month_index(change.month) - lo
        xs.append(lefts[position] + widths[position] / 2)
        ys.append(bottoms[position] + top * 0.04)
    if xs:
        ax.scatter(xs, ys, marker="v", color=theme.alert, zorder=3, label=change_label)
    handles, labels = ax.get_legend_handles_labels()
    if summary.gaps:
        handles.append(Patch(facecolor=theme.alert, alpha=0.3, hatch="//"))
        labels.append(gap_label)
    # Beside the plot, not over it: benefit names are long and the bars reach the top.
    # Long names are wrapped, so the legend leaves the bars most of the width.
    labels = [textwrap.fill(label, LEGEND_WIDTH) for label in labels]
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    ax.set_xlim(lefts[0], _month_days(month_of(hi + 1), tz))
    ax.set_ylim(0, top * 1.15)


def _noon(day: date, tz: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=tz)
