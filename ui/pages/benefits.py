"""The benefits page: payments by benefit over time, totals, covered periods, gaps, changes."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.charts import activity_plots, energy_plots
from ui.charts.qtstyle import locale_formats
from ui.charts.style import Formats, Theme
from ui.charts.table import ChartTable, NumbersModel
from ui.charts.view import ChartView, Draw
from ui.pages import guides
from ui.pages.base import ChartPage
from ui.pages.rights import RightsView
from ui.session import Session
from wallet.analytics.benefits import BenefitsSummary
from wallet.analytics.views import BenefitsView
from wallet.series import Bucket
from wallet.timebuckets import iso_local

PAYMENT_COLUMNS = [
    "paid_on",
    "payer",
    "benefit",
    "period_start",
    "period_end",
    "amount",
    "currency",
]


class BenefitsPage(ChartPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._view: BenefitsView | None = None
        # My rights needs no payment to start from: its button works on an empty page too.
        # Made first, so that Tab reaches it first, as it is read: at the top of the page.
        self.rights_button = QPushButton(self)
        self.rights_button.clicked.connect(self.show_rights)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.rights_button)
        page_layout = self.layout()
        assert isinstance(page_layout, QVBoxLayout)  # ChartPage's own layout
        page_layout.insertLayout(0, row)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.notes_label = QLabel(self)
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextFormat(Qt.TextFormat.RichText)
        # A long list of gaps must not push the chart off the page: it scrolls instead.
        notes = QScrollArea(self)
        notes.setWidget(self.notes_label)
        notes.setWidgetResizable(True)
        notes.setFrameShape(QFrame.Shape.NoFrame)
        notes.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        layout.addWidget(notes)
        layout.addWidget(self._build_tabs(), 1)
        self.set_content(content)
        self.retranslate()
        self.show_empty(guides.benefits_empty)

    def _build_tabs(self) -> QTabWidget:
        self.tabs = QTabWidget(self)
        self.by_benefit_chart = ChartView("", self)
        self.months_chart = ChartView("", self)
        self.years_chart = ChartView("", self)
        self.payments_model = NumbersModel(self)
        self.payments_view = QTableView(self)
        self.payments_view.setModel(self.payments_model)
        self.payments_view.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.payments_view.setAlternatingRowColors(True)
        for chart in self.charts:
            self.tabs.addTab(chart, "")
        self.tabs.addTab(self.payments_view, "")
        self.rights_view = RightsView(self.session, self)
        self.tabs.addTab(self.rights_view, "")
        return self.tabs

    def retranslate(self) -> None:
        super().retranslate()
        self.notes_label.setAccessibleName(self.tr("Gaps and changes in amount"))
        self.payments_view.setAccessibleName(self.tr("Payments and the period each covers"))
        titles = (
            self.tr("Payments by benefit"),
            self.tr("Totals per month"),
            self.tr("Totals per year"),
        )
        for index, (chart, title) in enumerate(zip(self.charts, titles, strict=True)):
            chart.set_title(title)
            self.tabs.setTabText(index, title)
        self.tabs.setTabText(len(titles), self.tr("Payments"))
        self.tabs.setTabText(len(titles) + 1, self.tr("My rights"))
        self.rights_button.setText(self.tr("My rights"))
        self.rights_view.retranslate()

    @property
    def charts(self) -> list[ChartView]:
        return [self.by_benefit_chart, self.months_chart, self.years_chart]

    def refresh(self) -> None:
        if not self.session.is_unlocked:
            return
        wallet = self.session.wallet
        self.compute(wallet.benefits_view, self._show)
        self.rights_view.refresh()

    def show_rights(self) -> None:
        """The My rights tab, even when no payment was imported yet."""
        self.tabs.setCurrentWidget(self.rights_view)
        self.show_content()

    def _show(self, view: BenefitsView) -> None:
        self._view = view
        summary = view.summary
        if view.empty or summary is None:
            self.clear_data()
            if not (self.tabs.currentWidget() is self.rights_view and not self.showing_empty):
                self.show_empty(guides.benefits_empty)
            return
        tz = self.session.tz
        fmt = locale_formats(self.locale())
        gap, change = self.tr("Month without payment"), self.tr("Amount changed")

        def draw_benefits(fig: Figure, theme: Theme, f: Formats) -> None:
            activity_plots.plot_benefits(
                fig.add_subplot(), summary, tz, f, theme, gap_label=gap, change_label=change
            )

        self.by_benefit_chart.show_chart(draw_benefits, _by_benefit_table(summary))
        self.months_chart.show_chart(*_totals_chart(view.months, tz, "month"))
        self.years_chart.show_chart(*_totals_chart(view.years, tz, "year"))
        self.payments_model.set_table(
            ChartTable(
                PAYMENT_COLUMNS,
                [
                    [
                        p.paid_on.isoformat(),
                        p.payer,
                        p.benefit,
                        p.period_start.isoformat() if p.period_start else "",
                        p.period_end.isoformat() if p.period_end else "",
                        p.amount_cents / 100,
                        p.currency,
                    ]
                    for p in summary.payments
                ],
                [
                    self.tr("Paid on"),
                    self.tr("Payer"),
                    self.tr("Benefit"),
                    self.tr("Period from"),
                    self.tr("Period to"),
                    self.tr("Amount"),
                    self.tr("Currency"),
                ],
            )
        )
        self.payments_view.resizeColumnsToContents()
        self.notes_label.setText(self._notes(summary, fmt))
        self.show_content()

    def _notes(self, summary: BenefitsSummary, fmt: Formats) -> str:
        """Gaps and changes in plain words, beside the chart that marks them."""
        lines = []
        for gap in summary.gaps:
            month = fmt.moment(datetime(gap.month.year, gap.month.month, 1), "month")
            lines.append(
                self.tr("%1: no payment for %2.")
                .replace("%1", escape(gap.benefit))
                .replace("%2", month)
            )
        for change in summary.changes:
            month = fmt.moment(datetime(change.month.year, change.month.month, 1), "month")
            lines.append(
                self.tr("%1: from %2, %3 instead of %4.")
                .replace("%1", escape(change.benefit))
                .replace("%2", month)
                .replace("%3", fmt.money(change.after_cents / 100, summary.currency))
                .replace("%4", fmt.money(change.before_cents / 100, summary.currency))
            )
        if not lines:
            return self.tr("No gap and no change in amount in your regular benefits.")
        return self.tr("To check:") + "<ul><li>" + "</li><li>".join(lines) + "</li></ul>"

    def clear_data(self) -> None:
        for chart in self.charts:
            chart.clear()
        self.payments_model.clear()
        self.notes_label.clear()

    def clear(self) -> None:
        self.forget_pending()
        self._view = None
        self.clear_data()
        self.rights_view.clear()
        self.show_empty(guides.benefits_empty)


def _by_benefit_table(summary: BenefitsSummary) -> ChartTable:
    rows = [
        [label, month.isoformat()[:7], cents / 100, summary.currency]
        for label in sorted(summary.by_benefit)
        for month, cents in sorted(summary.by_benefit[label].items())
    ]
    return ChartTable(["benefit", "month", "amount", "currency"], rows)


def _totals_chart(buckets: list[Bucket], tz: ZoneInfo, kind: str) -> tuple[Draw, ChartTable]:
    """Amounts received per calendar month or year (the vault's series, by payment date)."""
    table = ChartTable(
        ["start", "end", "value", "unit"],
        [[iso_local(b.start, tz), iso_local(b.end, tz), b.value, b.unit] for b in buckets],
    )

    def draw(fig: Figure, theme: Theme, fmt: Formats) -> None:
        ax = fig.add_subplot()
        unit = buckets[0].unit if buckets else "EUR"
        energy_plots.plot_buckets(
            ax, buckets, tz, fmt, theme, label=unit, unit=unit, moment_kind=kind
        )

    return draw, table
