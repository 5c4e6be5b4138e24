"""What the pointer is on: each drawing function says how its artists describe themselves.

A describer gets the matplotlib mouse event and returns a short text, or None when the pointer
is not on its artist. The chart widget asks every describer of the figure and shows the first
answer in an annotation. No Qt here, so the texts are testable with the Agg backend.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import MouseEvent
from matplotlib.container import BarContainer
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D

Describer = Callable[[MouseEvent], str | None]
NEAR_PIXELS = 12.0

_DESCRIBERS: weakref.WeakKeyDictionary[Axes, list[Describer]] = weakref.WeakKeyDictionary()


def register(ax: Axes, describer: Describer) -> None:
    _DESCRIBERS.setdefault(ax, []).append(describer)


def describe(ax: Axes, event: MouseEvent) -> str | None:
    for describer in _DESCRIBERS.get(ax, []):
        text = describer(event)
        if text:
            return text
    return None


def line(ax: Axes, artist: Line2D, text: Callable[[float, float], str]) -> None:
    """The nearest drawn point of a line, within a few pixels of the pointer along x."""

    def describer(event: MouseEvent) -> str | None:
        if not artist.get_visible() or event.x is None:
            return None
        data = np.asarray(artist.get_xydata(), dtype=float)
        if data.size == 0:
            return None
        pixels = ax.transData.transform(data)
        # x matters most: a line is read along time; y only separates stacked lines.
        distance = np.hypot(pixels[:, 0] - event.x, (pixels[:, 1] - event.y) / 4)
        distance[np.isnan(distance)] = np.inf
        best = int(np.argmin(distance))
        if not distance[best] <= NEAR_PIXELS * 2:
            return None
        return text(float(data[best, 0]), float(data[best, 1]))

    register(ax, describer)


def bars(ax: Axes, container: BarContainer, texts: Sequence[str]) -> None:
    """One text per bar, shown while the pointer is on that bar."""
    patches = list(container.patches)

    def describer(event: MouseEvent) -> str | None:
        for patch, text in zip(patches, texts, strict=True):
            if patch.get_visible() and patch.contains(event)[0]:
                return text
        return None

    register(ax, describer)


def image(ax: Axes, artist: AxesImage, text: Callable[[float, float, float], str]) -> None:
    """A cell of an image (the heat map): its x, y in data units and its value."""

    def describer(event: MouseEvent) -> str | None:
        if event.xdata is None or event.ydata is None or not artist.contains(event)[0]:
            return None
        value = artist.get_cursor_data(event)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        return text(float(event.xdata), float(event.ydata), float(value))

    register(ax, describer)
