"""ChartView: a matplotlib figure with zoom, pan, hover values, export, and its table.

The page hands over a drawing function and the table of numbers; the view owns the figure,
paints it in the palette's colours, writes numbers with QLocale, and switches between the
chart and its table with one click.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backend_bases import Event, MouseEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg, NavigationToolbar2QT
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.charts import hover
from ui.charts.qtstyle import locale_formats, palette_theme
from ui.charts.style import Formats, Theme, apply_theme
from ui.charts.table import ChartTable, NumbersModel

Draw = Callable[[Figure, Theme, Formats], None]
IMAGE_FORMATS = ("png", "svg", "pdf")


class ChartView(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.title = title
        self.figure = Figure(figsize=(6, 3.2 if not compact else 1.8), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumHeight(140 if compact else 260)
        self.model = NumbersModel(self)
        self.table_view = QTableView(self)
        self.table_view.setModel(self.model)
        self.table_view.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.table_view.setAlternatingRowColors(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.table_view)
        self._annotation: Annotation | None = None
        self._render_on_show = False
        self._theme = palette_theme(self.palette())
        self._formats = locale_formats(self.locale())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if not compact:
            layout.addLayout(self._build_toolbar())
        layout.addWidget(self.stack, 1)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.canvas.mpl_connect("figure_leave_event", self._on_leave)
        self.retranslate()

    def set_title(self, title: str) -> None:
        """The chart's name (accessible names, export file names) in the current language."""
        self.title = title
        self.canvas.setAccessibleName(title)
        self.table_view.setAccessibleName(self.tr("Numbers of the chart: %1").replace("%1", title))

    def retranslate(self) -> None:
        self.set_title(self.title)
        if not hasattr(self, "toolbar"):
            return
        self.toolbar.setAccessibleName(self.tr("Zoom and pan"))
        self.table_button.setText(
            self.tr("Show chart") if self.table_button.isChecked() else self.tr("Show table")
        )
        self.table_button.setAccessibleName(self.tr("Show the numbers as a table"))
        self.export_button.setText(self.tr("Export"))
        self.export_button.setAccessibleName(self.tr("Export the chart or its numbers"))
        self.image_action.setText(self.tr("Image (PNG, SVG or PDF)…"))
        self.csv_action.setText(self.tr("Numbers (CSV)…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- layout ------------------------------------------------------------------------
    def _build_toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.toolbar = NavigationToolbar2QT(self.canvas, self, coordinates=False)
        for action in self.toolbar.actions():
            if action.text() in ("Subplots", "Customize", "Save"):
                self.toolbar.removeAction(action)  # our own export replaces the save action
        row.addWidget(self.toolbar)
        row.addStretch(1)
        self.table_button = QPushButton(self)
        self.table_button.setCheckable(True)
        self.table_button.toggled.connect(self.show_table)
        row.addWidget(self.table_button)
        self.export_button = QToolButton(self)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.image_action = menu.addAction("", self._ask_image)
        self.csv_action = menu.addAction("", self._ask_csv)
        self.export_button.setMenu(menu)
        row.addWidget(self.export_button)
        return row

    # --- showing -----------------------------------------------------------------------
    def show_chart(self, draw: Draw, table: ChartTable) -> None:
        """Draw a chart and keep its numbers for the table and the CSV export."""
        self._reset_figure()
        self._theme = palette_theme(self.palette())
        self._formats = locale_formats(self.locale())
        draw(self.figure, self._theme, self._formats)
        apply_theme(self.figure, self._theme)
        self.model.set_table(table)
        self._render()
        if hasattr(self, "toolbar"):
            self.toolbar.update()  # the home view is the chart just drawn

    def show_message(self, text: str) -> None:
        """No chart to draw: say why in the figure's place."""
        self._reset_figure()
        self._theme = palette_theme(self.palette())
        self.figure.text(0.5, 0.5, text, ha="center", va="center", wrap=True)
        apply_theme(self.figure, self._theme)
        self.model.clear()
        self._render()

    def clear(self) -> None:
        """Forget everything shown: figure and numbers."""
        self._reset_figure()
        self.model.clear()
        self._render()

    def _render(self) -> None:
        """Render soon if the chart is on screen; a hidden one (another tab) when it is shown."""
        if self.isVisible():
            self.canvas.draw_idle()
        else:
            self._render_on_show = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._render_on_show:
            self._render_on_show = False
            self.canvas.draw()  # before the first paint, so the old figure never flashes

    def show_table(self, on: bool) -> None:
        self.stack.setCurrentIndex(1 if on else 0)
        if hasattr(self, "table_button"):
            self.table_button.setText(self.tr("Show chart") if on else self.tr("Show table"))
            if self.table_button.isChecked() != on:
                self.table_button.setChecked(on)

    @property
    def has_data(self) -> bool:
        return bool(self.model.table.rows)

    def _reset_figure(self) -> None:
        self.figure.clear()
        self._annotation = None

    # --- export ------------------------------------------------------------------------
    def export_image(self, path: Path) -> None:
        kind = path.suffix.lower().lstrip(".")
        if kind not in IMAGE_FORMATS:
            raise ValueError("choose a .png, .svg or .pdf file name")
        self.figure.savefig(path, format=kind, facecolor=self.figure.get_facecolor())

    def export_csv(self, path: Path) -> int:
        return self.model.table.write_csv(path)

    def _ask_image(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the chart"),
            f"{self.title}.png",
            self.tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"),
        )
        if name:
            self._guarded(lambda: self.export_image(Path(name)))

    def _ask_csv(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the numbers"), f"{self.title}.csv", self.tr("CSV file (*.csv)")
        )
        if name:
            self._guarded(lambda: self.export_csv(Path(name)))

    def _guarded(self, action: Callable[[], object]) -> None:
        try:
            action()
        except (OSError, ValueError) as exc:
            message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            QMessageBox.warning(
                self,
                self.tr("Export failed"),
                self.tr("The file could not be written: %1").replace("%1", message),
            )

    # --- hover -------------------------------------------------------------------------
    def hover_text(self, event: MouseEvent) -> str | None:
        ax = event.inaxes
        return hover.describe(ax, event) if isinstance(ax, Axes) else None

    def _on_motion(self, event: Event) -> None:
        if not isinstance(event, MouseEvent):
            return
        text = self.hover_text(event)
        if text is None or event.inaxes is None:
            self._on_leave(event)
            return
        self._place_annotation(event.inaxes, event, text)
        self.canvas.draw_idle()

    def _place_annotation(self, ax: Axes, event: MouseEvent, text: str) -> None:
        if self._annotation is not None and self._annotation.axes is not ax:
            self._annotation.remove()
            self._annotation = None
        if self._annotation is None:
            self._annotation = ax.annotate(
                "",
                xy=(0, 0),
                xytext=(12, 12),
                textcoords="offset points",
                bbox={
                    "boxstyle": "round,pad=0.4",
                    "fc": self._theme.background,
                    "ec": self._theme.foreground,
                    "alpha": 0.95,
                },
                color=self._theme.foreground,
                fontsize="small",
                zorder=10,
                annotation_clip=False,
            )
        right_half = event.x > self.figure.bbox.width * 0.6
        top_half = event.y > self.figure.bbox.height * 0.6
        self._annotation.set_text(text)
        self._annotation.xy = (event.xdata, event.ydata)  # type: ignore[assignment]
        self._annotation.set_position((-12 if right_half else 12, -12 if top_half else 12))
        self._annotation.set_horizontalalignment("right" if right_half else "left")
        self._annotation.set_verticalalignment("top" if top_half else "bottom")
        self._annotation.set_visible(True)

    def _on_leave(self, _event: Event) -> None:
        if self._annotation is not None and self._annotation.get_visible():
            self._annotation.set_visible(False)
            self.canvas.draw_idle()

    @property
    def annotation_text(self) -> str | None:
        """What the hover annotation shows now (None when hidden)."""
        if self._annotation is None or not self._annotation.get_visible():
            return None
        return self._annotation.get_text()
