"""Pure drawing functions for energy: ``plot_x(ax, data, ...)`` on a matplotlib Axes. No Qt.

Texts come in already translated; numbers and dates go through ``Formats``. Long series are
decimated with the core's min/max decimation to the axes' pixel width, and again for the
visible span whenever the view is zoomed or panned.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ui.charts import hover
from ui.charts.style import Formats, Theme, from_days, grid, number_axis, time_axis, to_days
from wallet.analytics.energy import DailyProfile, HeatMap, PeakPower
from wallet.analytics.flags import Flags
from wallet.decimate import Point, decimate
from wallet.series import Bucket

MAX_BARS = 400  # beyond this many buckets a bar chart is a smear: draw a line instead


def _pixel_width(ax: Axes) -> int:
    width = int(ax.bbox.width)
    return width if width > 10 else 800


def _xy(points: Sequence[Point]) -> tuple[list[float], list[float]]:
    return (
        [to_days(t) for t, _ in points],
        [math.nan if v is None else v for _, v in points],
    )


def plot_curve(
    ax: Axes,
    points: Sequence[Point],
    tz: ZoneInfo,
    fmt: Formats,
    theme: Theme,
    *,
    label: str,
    unit: str,
    colour: int = 0,
    step: float = 0.0,
) -> Line2D:
    """A load curve as steps; drawn decimated, re-decimated when the visible span changes.

    ``step`` (seconds) closes the last interval, so the last reading is drawn as wide as
    the others instead of as a single point at its start.
    """
    if points and step > 0 and points[-1][1] is not None:
        points = [*points, (points[-1][0] + step, points[-1][1])]
    drawn = decimate(points, _pixel_width(ax))
    xs, ys = _xy(drawn)
    (artist,) = ax.plot(
        xs, ys, drawstyle="steps-post", color=theme.colour(colour), linewidth=1.0, label=label
    )
    time_axis(ax, tz, fmt)
    number_axis(ax, fmt)
    ax.set_ylabel(unit)
    grid(ax, theme)
    if points:
        lo, hi = to_days(points[0][0]), to_days(points[-1][0])
        ax.set_xlim(lo, hi if hi > lo else lo + 1)

    def redecimate(changed: Axes) -> None:
        lo_days, hi_days = changed.get_xlim()
        span = (lo_days * 86_400.0, hi_days * 86_400.0)
        artist.set_data(*_xy(decimate(points, _pixel_width(changed), span)))

    ax.callbacks.connect("xlim_changed", redecimate)
    hover.line(
        ax,
        artist,
        lambda x, y: f"{fmt.moment(from_days(x, tz), 'full')}\n{fmt.value(y, unit)}",
    )
    return artist


def plot_buckets(
    ax: Axes,
    buckets: Sequence[Bucket],
    tz: ZoneInfo,
    fmt: Formats,
    theme: Theme,
    *,
    label: str,
    unit: str,
    moment_kind: str = "date",
    colour: int = 0,
    flags: Sequence[Flags] = (),
    flag_texts: tuple[str, str] = ("estimated", "corrected"),
) -> None:
    """One bar per calendar bucket (a line when there are too many to read as bars).

    ``flags`` (one per bucket, from ``wallet.analytics.flags``): a bucket holding readings the
    provider estimated is hatched, one holding corrected readings gets a marker on top, and a
    legend names both with ``flag_texts`` (estimated, corrected).
    """
    time_axis(ax, tz, fmt)
    number_axis(ax, fmt)
    ax.set_ylabel(unit)
    grid(ax, theme)
    if not buckets:
        return
    if len(buckets) > MAX_BARS:
        plot_curve(
            ax, [(b.start, b.value) for b in buckets], tz, fmt, theme,
            label=label, unit=unit, colour=colour, step=buckets[-1].end - buckets[-1].start,
        )  # fmt: skip
        return
    lefts = [to_days(b.start) for b in buckets]
    widths = [to_days(b.end - b.start) * 0.9 for b in buckets]
    heights = [0.0 if b.value is None else b.value for b in buckets]
    bars = ax.bar(
        lefts, heights, width=widths, align="edge", color=theme.colour(colour), label=label
    )
    texts = [
        f"{fmt.moment(datetime.fromtimestamp(b.start, tz), moment_kind)}\n"
        f"{fmt.value(b.value, unit)}"
        for b in buckets
    ]
    if len(flags) == len(buckets) and any(f.any for f in flags):
        _flag_bars(ax, theme, lefts, widths, heights, flags, flag_texts)
        texts = [
            text + _flag_note(flag, flag_texts) for text, flag in zip(texts, flags, strict=True)
        ]
    hover.bars(ax, bars, texts)
    ax.set_xlim(lefts[0], to_days(buckets[-1].end))


def _flag_bars(
    ax: Axes,
    theme: Theme,
    lefts: list[float],
    widths: list[float],
    heights: list[float],
    flags: Sequence[Flags],
    texts: tuple[str, str],
) -> None:
    """Hatching over estimated buckets, a marker over corrected ones, and their legend."""
    estimated = [i for i, f in enumerate(flags) if f.estimated]
    corrected = [i for i, f in enumerate(flags) if f.corrected]
    if estimated:
        ax.bar(
            [lefts[i] for i in estimated],
            [heights[i] for i in estimated],
            width=[widths[i] for i in estimated],
            align="edge",
            fill=False,
            hatch="///",
            edgecolor=theme.foreground,
            linewidth=0.0,
            label=texts[0],
        )
    if corrected:
        ax.plot(
            [lefts[i] + widths[i] / 2 for i in corrected],
            [heights[i] for i in corrected],
            linestyle="none",
            marker="D",
            markersize=4,
            color=theme.alert,
            label=texts[1],
        )
    ax.legend(loc="upper left", fontsize="small")


def _flag_note(flag: Flags, texts: tuple[str, str]) -> str:
    notes = [f"{texts[0]}: {flag.estimated}"] if flag.estimated else []
    if flag.corrected:
        notes.append(f"{texts[1]}: {flag.corrected}")
    return ("\n" + ", ".join(notes)) if notes else ""


def plot_profile(
    ax: Axes,
    profile: DailyProfile,
    fmt: Formats,
    theme: Theme,
    *,
    weekday_label: str,
    weekend_label: str,
    hour_label: str,
) -> None:
    """The average weekday and weekend day, hour by hour."""
    hours = list(range(24))
    for index, (values, label) in enumerate(
        ((profile.weekday, weekday_label), (profile.weekend, weekend_label))
    ):
        ys = [math.nan if v is None else v for v in values]
        (artist,) = ax.plot(
            hours, ys, marker="o", markersize=3, color=theme.colour(index), label=label
        )
        hover.line(ax, artist, _hour_text(label, profile.unit, fmt))
    ax.set_xticks(range(0, 24, 3))
    ax.set_xlim(-0.5, 23.5)
    ax.set_xlabel(hour_label)
    ax.set_ylabel(profile.unit)
    number_axis(ax, fmt)
    grid(ax, theme, "both")
    ax.legend(loc="upper left", fontsize="small")


def _hour_text(label: str, unit: str, fmt: Formats) -> Callable[[float, float], str]:
    return lambda x, y: f"{label}, {round(x)}:00\n{fmt.value(y, unit)}"


def plot_heat_map(
    ax: Axes,
    heat: HeatMap,
    tz: ZoneInfo,
    fmt: Formats,
    theme: Theme,
    *,
    unit: str,
    hour_label: str,
) -> None:
    """Days along x, clock hours down y, energy as colour; empty hours left blank."""
    if not heat.days:
        return
    matrix = np.array(
        [[math.nan if row[h] is None else row[h] for row in heat.values] for h in range(24)],
        dtype=float,
    )
    first = _midnight_days(heat.days[0], tz)
    last = _midnight_days(heat.days[-1], tz) + 1
    image = ax.imshow(
        matrix,
        aspect="auto",
        interpolation="nearest",
        cmap=theme.heat_map,
        extent=(first, last, 24, 0),
    )
    time_axis(ax, tz, fmt)
    ax.set_yticks(range(0, 25, 6))
    ax.set_ylabel(hour_label)
    bar = ax.figure.colorbar(image, ax=ax)
    bar.set_label(unit)
    bar.ax.tick_params(colors=theme.foreground)
    bar.outline.set_edgecolor(theme.grid)

    def text(x: float, y: float, value: float) -> str:
        day = from_days(x, tz).date()
        return f"{fmt.moment(_noon(day, tz), 'date')}, {int(y)}:00\n{fmt.value(value, unit)}"

    hover.image(ax, image, text)


def _midnight_days(day: date, tz: ZoneInfo) -> float:
    return to_days(datetime(day.year, day.month, day.day, tzinfo=tz).timestamp())


def _noon(day: date, tz: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=tz)


def plot_peaks(
    ax: Axes,
    peaks: PeakPower,
    tz: ZoneInfo,
    fmt: Formats,
    theme: Theme,
    *,
    peak_label: str,
    subscribed_label: str,
) -> None:
    """The day's peak power as bars, over the subscribed power in the alert colour."""
    time_axis(ax, tz, fmt)
    number_axis(ax, fmt)
    ax.set_ylabel("kVA")
    grid(ax, theme)
    if not peaks.days:
        return
    over = set(peaks.over)
    lefts = [_midnight_days(d, tz) for d in peaks.days]
    colours = [theme.alert if d in over else theme.colour(0) for d in peaks.days]
    bars = ax.bar(lefts, peaks.kva, width=0.8, align="edge", color=colours, label=peak_label)
    hover.bars(
        ax,
        bars,
        [
            f"{fmt.moment(_noon(d, tz), 'date')}\n{fmt.value(v, 'kVA')}"
            for d, v in zip(peaks.days, peaks.kva, strict=True)
        ],
    )
    if peaks.subscribed_kva is not None:
        ax.axhline(
            peaks.subscribed_kva,
            color=theme.alert,
            linestyle="--",
            linewidth=1.2,
            label=f"{subscribed_label} ({fmt.value(peaks.subscribed_kva, 'kVA')})",
        )
    ax.set_xlim(lefts[0], lefts[-1] + 1)
    ax.legend(loc="upper left", fontsize="small")


def plot_comparison(
    ax: Axes,
    labels: Sequence[str],
    values: Sequence[float | None],
    fmt: Formats,
    theme: Theme,
    *,
    unit: str,
) -> None:
    """A few labelled bars side by side (the overview's this month against last year)."""
    heights = [0.0 if v is None else v for v in values]
    bars = ax.bar(range(len(labels)), heights, color=[theme.colour(i) for i in range(len(labels))])
    ax.set_xticks(range(len(labels)), list(labels))
    number_axis(ax, fmt)
    ax.set_ylabel(unit)
    grid(ax, theme)
    hover.bars(
        ax, bars, [f"{lbl}\n{fmt.value(v, unit)}" for lbl, v in zip(labels, values, strict=True)]
    )
