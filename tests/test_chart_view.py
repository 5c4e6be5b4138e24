"""The chart widget, offscreen: hover value, table one click away, exports, dark palette."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from matplotlib.backend_bases import MouseEvent
from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from tests import chartdata
from tests.chartdata import PARIS
from ui.charts import energy_plots
from ui.charts.style import Formats, Theme
from ui.charts.table import ChartTable
from ui.charts.view import ChartView

START = chartdata.local_ts(date(2024, 1, 3), 19)
POINTS: list[tuple[float, float | None]] = [(START, 6.0), (START + 1800, 1.5)]


def draw(fig: Figure, theme: Theme, fmt: Formats) -> None:
    energy_plots.plot_curve(
        fig.add_subplot(), POINTS, PARIS, fmt, theme, label="E", unit="kW", step=1800
    )


def table() -> ChartTable:
    return ChartTable(
        ["start", "value", "unit"],
        [["2024-01-03T19:00:00+01:00", 6.0, "kW"], ["=HYPERLINK(1)", 1.5, "kW"]],
    )


def make_view(qtbot: QtBot) -> ChartView:
    view = ChartView("Consumption")
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    view.show_chart(draw, table())
    view.canvas.draw()
    return view


def test_hover_shows_the_value_under_the_pointer(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    ax = view.figure.axes[0]
    x, y = ax.transData.transform((START / 86_400, 6.0))
    event = MouseEvent("motion_notify_event", view.canvas, x, y)
    view.canvas.callbacks.process("motion_notify_event", event)
    text = view.annotation_text
    assert text is not None and "6" in text and "kW" in text
    far = MouseEvent("motion_notify_event", view.canvas, 2, 2)
    view.canvas.callbacks.process("motion_notify_event", far)
    assert view.annotation_text is None


def test_table_is_one_click_away(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    assert view.stack.currentWidget() is view.canvas
    qtbot.mouseClick(view.table_button, Qt.MouseButton.LeftButton)
    assert view.stack.currentWidget() is view.table_view
    assert view.model.rowCount() == 2
    assert view.model.headerData(1, Qt.Orientation.Horizontal) == "value"
    qtbot.mouseClick(view.table_button, Qt.MouseButton.LeftButton)
    assert view.stack.currentWidget() is view.canvas


def test_exports_png_svg_pdf_and_csv(qtbot: QtBot, tmp_path: Path) -> None:
    view = make_view(qtbot)
    view.export_image(tmp_path / "c.png")
    view.export_image(tmp_path / "c.svg")
    view.export_image(tmp_path / "c.pdf")
    assert (tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in (tmp_path / "c.svg").read_bytes()[:500]
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    assert view.export_csv(tmp_path / "c.csv") == 2
    lines = (tmp_path / "c.csv").read_text(encoding="utf-8").splitlines()
    assert lines == [
        "start,value,unit",
        "2024-01-03T19:00:00+01:00,6.0,kW",
        "'=HYPERLINK(1),1.5,kW",  # a spreadsheet will not run it
    ]


def test_dark_palette_gives_a_dark_figure(qtbot: QtBot, tmp_path: Path) -> None:
    view = ChartView("Dark")
    qtbot.addWidget(view)
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    view.setPalette(palette)
    view.show_chart(draw, table())
    red, green, blue, _ = view.figure.get_facecolor()
    assert max(red, green, blue) < 0.2
    ax = view.figure.axes[0]
    assert ax.yaxis.label.get_color() == "#f0f0f0"
    view.resize(800, 400)
    view.grab().save(str(tmp_path / "chart_dark.png"))


def test_clear_empties_figure_and_table(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.clear()
    assert view.model.rowCount() == 0
    assert view.figure.axes == []
