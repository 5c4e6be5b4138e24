"""The mobility page: trips over time, by mode and line, most used stops, hours, fares, and
the money of the cards per month (spent on fares, topped up, refunded), per currency."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from matplotlib.figure import Figure
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.charts import activity_plots, energy_plots
from ui.charts.qtstyle import currency_symbol, locale_formats
from ui.charts.style import Formats, Theme, number_axis
from ui.charts.table import ChartTable
from ui.charts.view import ChartView, Draw
from ui.pages import guides
from ui.pages.base import ChartPage, rename_items
from ui.session import Session
from wallet.analytics import energy
from wallet.analytics.views import MobilityView
from wallet.series import Bucket
from wallet.timebuckets import iso_local


class MobilityPage(ChartPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._kind = "month"
        self._anchor: date | None = None
        self._view: MobilityView | None = None
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_controls())
        self.facts_label = QLabel(self)
        self.facts_label.setWordWrap(True)
        layout.addWidget(self.facts_label)
        layout.addWidget(self._build_tabs(), 1)
        self.set_content(content)
        self.retranslate()
        self.show_empty(guides.mobility_empty)

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.period_combo = QComboBox(self)
        for key in ("month", "year", "all"):
            self.period_combo.addItem("", key)
        self.previous_button = QPushButton("◀", self)
        self.next_button = QPushButton("▶", self)
        for button in (self.previous_button, self.next_button):
            button.setMaximumWidth(button.fontMetrics().horizontalAdvance("◀") * 4)
        self.period_label = QLabel(self)
        self.period_label.setMinimumWidth(
            self.period_label.fontMetrics().horizontalAdvance("00/00/0000 – 00/00/0000 ")
        )
        self.granularity_combo = QComboBox(self)
        for key in ("day", "week", "month"):
            self.granularity_combo.addItem("", key)
        self.granularity_combo.setCurrentIndex(1)
        for combo in (self.period_combo, self.granularity_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for widget in (
            self.period_combo,
            self.previous_button,
            self.period_label,
            self.next_button,
            self.granularity_combo,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        self.period_combo.activated.connect(self._on_period)
        self.granularity_combo.activated.connect(lambda _i: self.refresh())
        self.previous_button.clicked.connect(lambda: self._shift(-1))
        self.next_button.clicked.connect(lambda: self._shift(1))
        return row

    def _build_tabs(self) -> QTabWidget:
        self.tabs = QTabWidget(self)
        self.trips_chart = ChartView("", self)
        self.modes_chart = ChartView("", self)
        self.stops_chart = ChartView("", self)
        self.hours_chart = ChartView("", self)
        self.fares_chart = ChartView("", self)
        self.money_chart = ChartView("", self)
        for chart in self.charts:
            self.tabs.addTab(chart, "")
        return self.tabs

    def retranslate(self) -> None:
        super().retranslate()
        self.period_combo.setAccessibleName(self.tr("Period"))
        rename_items(
            self.period_combo,
            {"month": self.tr("Month"), "year": self.tr("Year"), "all": self.tr("Everything")},
        )
        for button, text in (
            (self.previous_button, self.tr("Previous period")),
            (self.next_button, self.tr("Next period")),
        ):
            button.setAccessibleName(text)
            button.setToolTip(text)
        self.granularity_combo.setAccessibleName(self.tr("Trips counted"))
        rename_items(
            self.granularity_combo,
            {"day": self.tr("Per day"), "week": self.tr("Per week"), "month": self.tr("Per month")},
        )
        titles = (
            self.tr("Trips"),
            self.tr("Modes and lines"),
            self.tr("Most used stops"),
            self.tr("Time of day"),
            self.tr("Fares"),
            self.tr("Money per month"),
        )
        for index, (chart, title) in enumerate(zip(self.charts, titles, strict=True)):
            chart.set_title(title)
            self.tabs.setTabText(index, title)

    @property
    def charts(self) -> list[ChartView]:
        return [
            self.trips_chart,
            self.modes_chart,
            self.stops_chart,
            self.hours_chart,
            self.fares_chart,
            self.money_chart,
        ]

    def refresh(self) -> None:
        if not self.session.is_unlocked:
            return
        wallet = self.session.wallet
        kind, anchor = self._kind, self._anchor
        granularity = str(self.granularity_combo.currentData())
        self.compute(lambda: wallet.mobility_view(kind, anchor, granularity), self._show)

    def _on_period(self) -> None:
        self._kind = str(self.period_combo.currentData())
        self.refresh()

    def _shift(self, steps: int) -> None:
        view = self._view
        if view is None or view.first is None or self._kind == "all":
            return
        self._anchor = energy.shift_period(self._kind, view.first, steps)[0]
        self.refresh()

    def _show(self, view: MobilityView) -> None:
        self._view = view
        summary = view.summary
        if view.empty or summary is None:
            self.clear_charts()
            self.show_empty(guides.mobility_empty)
            return
        tz = self.session.tz
        fmt = locale_formats(self.locale())
        trips_unit = self.tr("trips")
        self._describe(view, fmt)
        self.trips_chart.show_chart(*_buckets_chart(view.buckets, tz, trips_unit, "value"))
        currencies = summary.currencies
        self.fares_chart.show_chart(*_fares_chart(view.buckets, currencies, tz))
        self.money_chart.show_chart(
            *_money_chart(
                view,
                currencies,
                tz,
                (self.tr("Spent on fares"), self.tr("Topped up"), self.tr("Refunded")),
            )
        )
        modes = [(m, float(n)) for m, n in summary.by_mode]
        lines = [(f"{m} {ln}", float(n)) for m, ln, n in summary.by_line]

        def draw_modes(fig: Figure, theme: Theme, f: Formats) -> None:
            left, right = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
            activity_plots.plot_ranked(left, modes, f, theme, unit=trips_unit)
            left.set_title(self.tr("By mode"), loc="left", fontsize="medium")
            activity_plots.plot_ranked(right, lines, f, theme, unit=trips_unit, colour=1)
            right.set_title(self.tr("By line"), loc="left", fontsize="medium")

        self.modes_chart.show_chart(
            draw_modes,
            ChartTable(
                ["mode", "line", "trips"],
                [[m, "", n] for m, n in summary.by_mode]
                + [[m, ln, n] for m, ln, n in summary.by_line],
            ),
        )
        stops = [(s, float(n)) for s, n in summary.top_stops]
        self.stops_chart.show_chart(
            lambda fig, theme, f: activity_plots.plot_ranked(
                fig.add_subplot(), stops, f, theme, unit=trips_unit, colour=2
            ),
            ChartTable(["stop", "trips"], [[s, n] for s, n in summary.top_stops]),
        )
        weekday, weekend = self.tr("Weekdays"), self.tr("Weekends")
        hour = self.tr("Hour of the day")
        self.hours_chart.show_chart(
            lambda fig, theme, f: activity_plots.plot_hours(
                fig.add_subplot(),
                summary.weekday_hours,
                summary.weekend_hours,
                f,
                theme,
                weekday_label=weekday,
                weekend_label=weekend,
                hour_label=hour,
                unit=trips_unit,
            ),
            ChartTable(
                ["hour", "weekday", "weekend"],
                [[h, summary.weekday_hours[h], summary.weekend_hours[h]] for h in range(24)],
            ),
        )
        self.show_content()

    def _describe(self, view: MobilityView, fmt: Formats) -> None:
        summary = view.summary
        assert summary is not None and view.first is not None and view.last is not None
        start = datetime(view.first.year, view.first.month, view.first.day)
        end = datetime(view.last.year, view.last.month, view.last.day)
        if self._kind == "month":
            self.period_label.setText(fmt.moment(start, "month"))
        elif self._kind == "year":
            self.period_label.setText(fmt.moment(start, "year"))
        else:
            self.period_label.setText(f"{fmt.moment(start, 'date')} – {fmt.moment(end, 'date')}")
        for widget in (self.previous_button, self.next_button):
            widget.setEnabled(self._kind != "all")
        # One total per currency: fares in pounds and in euros are never added together.
        spent = [fmt.money(c / 100, cur) for cur, c in sorted(summary.fares.items())]
        text = self.tr("%n trip(s), %1 spent on fares", "", summary.trips).replace(
            "%1", " + ".join(spent) or fmt.money(0, "EUR")
        )
        if summary.unpriced:
            text += " " + self.tr("(%n trip(s) without a known fare)", "", summary.unpriced)
        for currency in sorted(summary.money):
            kinds = summary.money[currency]
            text += " " + self.tr("Topped up %1, refunded %2.").replace(
                "%1", fmt.money(kinds.get("topup", 0) / 100, currency)
            ).replace("%2", fmt.money(kinds.get("refund", 0) / 100, currency))
        self.facts_label.setText(text)

    def clear_charts(self) -> None:
        for chart in self.charts:
            chart.clear()

    def clear(self) -> None:
        self.forget_pending()
        self._view = None
        self._anchor = None
        self.clear_charts()
        self.facts_label.clear()
        self.period_label.clear()
        self.show_empty(guides.mobility_empty)


def _fares_chart(
    buckets: list[Bucket], currencies: list[str], tz: ZoneInfo
) -> tuple[Draw, ChartTable]:
    """Fares per bucket, one chart per currency, each axis naming its currency."""
    shown = [c for c in currencies if any(f"fares_{c}" in b.extra for b in buckets)]
    per_currency = {
        c: [Bucket(b.start, b.end, float(b.extra.get(f"fares_{c}", 0.0)), c) for b in buckets]
        for c in shown
    }
    table = ChartTable(
        ["start", "end", "fares", "currency"],
        [
            [iso_local(b.start, tz), iso_local(b.end, tz), b.value, c]
            for c in shown
            for b in per_currency[c]
        ],
    )

    def draw(fig: Figure, theme: Theme, fmt: Formats) -> None:
        for index, currency in enumerate(shown, start=1):
            ax = fig.add_subplot(len(shown), 1, index)
            symbol = currency_symbol(currency)
            energy_plots.plot_buckets(
                ax, per_currency[currency], tz, fmt, theme, label=currency, unit=symbol
            )
            ax.set_ylim(bottom=0)
            number_axis(ax, fmt)

    return draw, table


def _money_chart(
    view: MobilityView, currencies: list[str], tz: ZoneInfo, labels: tuple[str, str, str]
) -> tuple[Draw, ChartTable]:
    """Per month and currency: spent on fares, topped up, refunded."""
    months = [(b.start, b.end) for b in view.months]
    payments = {b.start: b.extra for b in view.payments}
    amounts: dict[str, list[list[float]]] = {}
    for currency in currencies:
        fares = [float(b.extra.get(f"fares_{currency}", 0.0)) for b in view.months]
        topped = [float(payments.get(s, {}).get(f"topup_{currency}", 0.0)) for s, _ in months]
        refunded = [float(payments.get(s, {}).get(f"refund_{currency}", 0.0)) for s, _ in months]
        amounts[currency] = [fares, topped, refunded]
    table = ChartTable(
        ["start", "end", "currency", "fares", "topped_up", "refunded"],
        [
            [iso_local(start, tz), iso_local(end, tz), currency, *(a[i] for a in amounts[currency])]
            for currency in currencies
            for i, (start, end) in enumerate(months)
        ],
    )

    def draw(fig: Figure, theme: Theme, fmt: Formats) -> None:
        for index, currency in enumerate(currencies, start=1):
            activity_plots.plot_money_months(
                fig.add_subplot(len(currencies), 1, index),
                months,
                list(zip(labels, amounts[currency], strict=True)),
                tz,
                fmt,
                theme,
                currency=currency,
                symbol=currency_symbol(currency),
            )

    return draw, table


def _buckets_chart(
    buckets: list[Bucket], tz: ZoneInfo, unit: str, column: str
) -> tuple[Draw, ChartTable]:
    table = ChartTable(
        ["start", "end", column, "unit"],
        [[iso_local(b.start, tz), iso_local(b.end, tz), b.value, b.unit] for b in buckets],
    )

    def draw(fig: Figure, theme: Theme, fmt: Formats) -> None:
        ax = fig.add_subplot()
        energy_plots.plot_buckets(ax, buckets, tz, fmt, theme, label=unit, unit=unit)
        ax.set_ylim(bottom=0)
        number_axis(ax, fmt, integer=column == "value")  # trips are whole numbers

    return draw, table
