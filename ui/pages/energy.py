"""The energy page: consumption over a chosen period, daily profile, heat map, peak power."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.charts.qtstyle import locale_formats
from ui.charts.table import ChartTable
from ui.charts.view import ChartView, Draw
from ui.pages import energy_charts, guides
from ui.pages.base import ChartPage, rename_items
from ui.session import Session
from wallet.analytics import energy
from wallet.analytics.views import EnergyRequest, EnergyView


class EnergyPage(ChartPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._request = EnergyRequest()
        self._view: EnergyView | None = None
        self._updating = False
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_controls())
        layout.addWidget(self._build_tabs(), 1)
        self.set_content(content)
        self.retranslate()
        self.show_empty(guides.energy_empty)

    # --- layout ------------------------------------------------------------------------
    def _names(self) -> dict[str, str]:
        return {
            "electricity": self.tr("Electricity"),
            "gas": self.tr("Gas"),
            "water": self.tr("Water"),
        }

    def _granularity_names(self) -> dict[str, str]:
        return {
            "curve": self.tr("Load curve"),
            "hour": self.tr("Per hour"),
            "day": self.tr("Per day"),
            "week": self.tr("Per week"),
            "month": self.tr("Per month"),
            "year": self.tr("Per year"),
        }

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.dataset_combo = QComboBox(self)
        self.period_combo = QComboBox(self)
        for key in ("week", "month", "year", "custom"):
            self.period_combo.addItem("", key)
        self.period_combo.setCurrentIndex(1)
        self.previous_button = QPushButton("◀", self)
        self.next_button = QPushButton("▶", self)
        self.period_label = QLabel(self)
        self.period_label.setMinimumWidth(
            self.period_label.fontMetrics().horizontalAdvance("00/00/0000 – 00/00/0000 ")
        )
        self.from_edit = QDateEdit(self)
        self.to_edit = QDateEdit(self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.hide()
        self.granularity_combo = QComboBox(self)
        for combo in (self.dataset_combo, self.period_combo, self.granularity_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for button in (self.previous_button, self.next_button):
            button.setMaximumWidth(button.fontMetrics().horizontalAdvance("◀") * 4)
        for widget in (
            self.dataset_combo,
            self.period_combo,
            self.previous_button,
            self.period_label,
            self.next_button,
            self.from_edit,
            self.to_edit,
            self.granularity_combo,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        self.dataset_combo.activated.connect(self._on_controls)
        self.period_combo.activated.connect(self._on_controls)
        self.granularity_combo.activated.connect(self._on_controls)
        self.from_edit.dateChanged.connect(self._on_custom_dates)
        self.to_edit.dateChanged.connect(self._on_custom_dates)
        self.previous_button.clicked.connect(lambda: self._shift(-1))
        self.next_button.clicked.connect(lambda: self._shift(1))
        return row

    def _build_tabs(self) -> QTabWidget:
        self.tabs = QTabWidget(self)
        self.consumption_chart = ChartView("", self)
        self.profile_chart = ChartView("", self)
        self.heat_chart = ChartView("", self)
        self.peaks_chart = ChartView("", self)
        self.beside_chart = ChartView("", self)
        peaks_tab = QWidget(self)
        peaks_layout = QVBoxLayout(peaks_tab)
        peaks_layout.setContentsMargins(0, 0, 0, 0)
        setting = QHBoxLayout()
        self.subscribed_spin = QDoubleSpinBox(self)
        self.subscribed_spin.setRange(0.0, 250.0)
        self.subscribed_spin.setDecimals(1)
        self.subscribed_spin.setSuffix(" kVA")
        self.subscribed_label = QLabel(self)
        self.subscribed_label.setBuddy(self.subscribed_spin)
        setting.addWidget(self.subscribed_label)
        setting.addWidget(self.subscribed_spin)
        setting.addStretch(1)
        self.subscribed_spin.editingFinished.connect(self._on_subscribed)
        peaks_layout.addLayout(setting)
        peaks_layout.addWidget(self.peaks_chart, 1)
        # The setting sits above the chart: Tab reaches it first (it was made after the chart).
        QWidget.setTabOrder(self.subscribed_spin, self.peaks_chart.table_button)
        QWidget.setTabOrder(self.peaks_chart.table_button, self.peaks_chart.export_button)
        for tab in (
            self.consumption_chart,
            self.profile_chart,
            self.heat_chart,
            peaks_tab,
            self.beside_chart,
        ):
            self.tabs.addTab(tab, "")
        return self.tabs

    def retranslate(self) -> None:
        super().retranslate()
        self.dataset_combo.setAccessibleName(self.tr("Energy"))
        self.period_combo.setAccessibleName(self.tr("Period"))
        periods = {
            "week": self.tr("Week"),
            "month": self.tr("Month"),
            "year": self.tr("Year"),
            "custom": self.tr("Custom"),
        }
        rename_items(self.period_combo, periods)
        rename_items(self.dataset_combo, self._names())
        rename_items(self.granularity_combo, self._granularity_names())
        for button, text in (
            (self.previous_button, self.tr("Previous period")),
            (self.next_button, self.tr("Next period")),
        ):
            button.setAccessibleName(text)
            button.setToolTip(text)
        self.from_edit.setAccessibleName(self.tr("From"))
        self.to_edit.setAccessibleName(self.tr("To (included)"))
        self.granularity_combo.setAccessibleName(self.tr("Granularity"))
        self.subscribed_spin.setSpecialValueText(self.tr("not set"))
        self.subscribed_spin.setAccessibleName(self.tr("Subscribed power"))
        self.subscribed_label.setText(self.tr("Subscribed power (on your electricity bill):"))
        titles = (
            self.tr("Consumption"),
            self.tr("Daily profile"),
            self.tr("Heat map"),
            self.tr("Peak power"),
            self.tr("Electricity and gas"),
        )
        for index, (chart, title) in enumerate(zip(self.charts, titles, strict=True)):
            chart.set_title(title)
            self.tabs.setTabText(index, title)

    @property
    def charts(self) -> list[ChartView]:
        return [
            self.consumption_chart,
            self.profile_chart,
            self.heat_chart,
            self.peaks_chart,
            self.beside_chart,
        ]

    # --- requests ----------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.session.is_unlocked:
            return
        wallet = self.session.wallet
        request = EnergyRequest(
            self._request.dataset,
            self._request.kind,
            self._request.first,
            self._request.last,
            self._request.granularity,
            energy.subscribed_power(wallet),
        )
        self.compute(lambda: wallet.energy_view(request), self._show)

    def _on_controls(self) -> None:
        if self._updating:
            return
        kind = str(self.period_combo.currentData())
        granularity = self.granularity_combo.currentData()
        first, last = self._request.first, self._request.last
        if kind != self._request.kind:
            granularity = None  # a new kind of period gets its natural granularity
            view = self._view
            if view is not None and view.first is not None:
                first, last = view.first, (view.last if kind == "custom" else None)
        self._request = EnergyRequest(
            dataset=str(self.dataset_combo.currentData() or "electricity"),
            kind=kind,
            first=first,
            last=last,
            granularity=granularity,
        )
        self.refresh()

    def _on_custom_dates(self) -> None:
        if self._updating or self._request.kind != "custom":
            return
        first = _as_date(self.from_edit.date())
        last = _as_date(self.to_edit.date())
        self._request = EnergyRequest(
            self._request.dataset, "custom", first, last, self._request.granularity
        )
        self.refresh()

    def _shift(self, steps: int) -> None:
        view = self._view
        if view is None or view.first is None or self._request.kind == "custom":
            return
        first, _ = energy.shift_period(self._request.kind, view.first, steps)
        self._request = EnergyRequest(
            self._request.dataset, self._request.kind, first, None, self._request.granularity
        )
        self.refresh()

    def _on_subscribed(self) -> None:
        if not self.session.is_unlocked:
            return
        value = self.subscribed_spin.value()
        wallet, kva = self.session.wallet, value if value > 0 else None
        # A write: off the GUI thread, which would otherwise wait out a running import.
        self.session.tasks.run(
            lambda _h: energy.set_subscribed_power(wallet, kva),
            on_done=lambda _none: self.refresh(),
            on_error=self._failed,
        )

    # --- showing -----------------------------------------------------------------------
    def _show(self, view: EnergyView) -> None:
        self._view = view
        if view.empty:
            self.clear_charts()
            self.show_empty(guides.energy_empty)
            return
        self._sync_controls(view)
        tz = self.session.tz
        names = self._names()
        flag_texts = (self.tr("Estimated by the provider"), self.tr("Corrected by the provider"))
        draw, table = energy_charts.consumption(view, tz, names[view.dataset], flag_texts)
        self.consumption_chart.show_chart(draw, table)
        hour = self.tr("Hour of the day")
        need_curve = self.tr("A daily profile needs a load curve (hourly or finer readings).")
        self._show_optional(
            self.profile_chart,
            energy_charts.profile(view, self.tr("Weekdays"), self.tr("Weekends"), hour),
            need_curve,
        )
        self._show_optional(
            self.heat_chart,
            energy_charts.heat(view, tz, hour),
            self.tr("A heat map needs a load curve (hourly or finer readings)."),
        )
        self._show_optional(
            self.peaks_chart,
            energy_charts.peaks(view, tz, self.tr("Peak of the day"), self.tr("Subscribed")),
            self.tr("No peak power readings for this period (the Linky 'puissance max' export)."),
        )
        self._show_optional(
            self.beside_chart,
            energy_charts.beside(view, tz, names),
            self.tr("Import both electricity and gas exports to see them side by side."),
        )
        self.tabs.setTabVisible(4, bool(view.beside))
        self.show_content()

    def _show_optional(
        self, chart: ChartView, built: tuple[Draw, ChartTable] | None, message: str
    ) -> None:
        if built is None:
            chart.show_message(message)
        else:
            chart.show_chart(*built)

    def _sync_controls(self, view: EnergyView) -> None:
        self._updating = True
        try:
            names = self._names()
            self.dataset_combo.clear()
            for dataset in view.datasets:
                self.dataset_combo.addItem(names[dataset], dataset)
            self.dataset_combo.setCurrentIndex(view.datasets.index(view.dataset))
            labels = self._granularity_names()
            self.granularity_combo.clear()
            for key in view.granularities:
                self.granularity_combo.addItem(labels[key], key)
            self.granularity_combo.setCurrentIndex(view.granularities.index(view.granularity))
            custom = self._request.kind == "custom"
            for edit in (self.from_edit, self.to_edit):
                edit.setVisible(custom)
            for widget in (self.previous_button, self.next_button, self.period_label):
                widget.setVisible(not custom)
            if view.first and view.last:
                self.from_edit.setDate(QDate(view.first.year, view.first.month, view.first.day))
                self.to_edit.setDate(QDate(view.last.year, view.last.month, view.last.day))
                self.period_label.setText(self._period_text(view.first, view.last))
            subscribed = view.peaks.subscribed_kva if view.peaks else None
            self.subscribed_spin.setValue(subscribed or 0.0)
        finally:
            self._updating = False

    def _period_text(self, first: date, last: date) -> str:
        fmt = locale_formats(self.locale())
        start = datetime(first.year, first.month, first.day)
        end = datetime(last.year, last.month, last.day)
        if self._request.kind == "month":
            return fmt.moment(start, "month")
        if self._request.kind == "year":
            return fmt.moment(start, "year")
        return f"{fmt.moment(start, 'date')} – {fmt.moment(end, 'date')}"

    def clear_charts(self) -> None:
        for chart in self.charts:
            chart.clear()

    def clear(self) -> None:
        """Forget every figure and number (the wallet was locked)."""
        self.forget_pending()
        self._view = None
        self._request = EnergyRequest()
        self.clear_charts()
        self._updating = True
        self.dataset_combo.clear()
        self.granularity_combo.clear()
        self.period_label.clear()
        self.subscribed_spin.setValue(0.0)
        self._updating = False
        self.show_empty(guides.energy_empty)


def _as_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
