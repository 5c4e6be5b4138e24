"""The overview: a few plain facts with small charts, each leading to its page."""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.charts import energy_plots
from ui.charts.qtstyle import locale_formats
from ui.charts.style import Formats, Theme, number_axis, time_axis
from ui.charts.table import ChartTable
from ui.charts.view import ChartView
from ui.pages import guides
from ui.pages.base import ChartPage
from ui.session import Session
from wallet.analytics.views import OverviewFacts
from wallet.rights import catalogue
from wallet.rights.alerts import Alert
from wallet.series import Bucket
from wallet.timebuckets import iso_local


class _Card(QGroupBox):
    """One domain: a sentence, a small chart, and the way to its page."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.chart = ChartView("", self, compact=True)
        self.button = QPushButton(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.facts)
        layout.addWidget(self.chart, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        layout.addLayout(row)

    def set_texts(self, title: str, button_text: str) -> None:
        self.setTitle(title)
        self.chart.set_title(title)
        self.button.setText(button_text)
        self.button.setAccessibleName(button_text)

    def show_empty(self, html: str) -> None:
        self.facts.setText(html)
        self.chart.clear()
        self.chart.hide()

    def show_facts(self, text: str) -> None:
        self.facts.setText(text)
        self.chart.show()


class OverviewPage(ChartPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        content = QWidget(self)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._build_alert())
        layout = QHBoxLayout()
        outer.addLayout(layout, 1)
        self.energy_card = _Card(self)
        self.mobility_card = _Card(self)
        self.benefits_card = _Card(self)
        for card, key in (
            (self.energy_card, "energy"),
            (self.mobility_card, "mobility"),
            (self.benefits_card, "benefits"),
        ):
            layout.addWidget(card, 1)
            card.button.clicked.connect(lambda _checked=False, key=key: self.navigate.emit(key))
        self.set_content(content)
        self.show_content()
        self.retranslate()
        self._show_all_empty()

    def _build_alert(self) -> QWidget:
        """A benefit the household seems entitled to and has not received: said once, closable."""
        self.alert_box = QGroupBox(self)
        self.alert_label = QLabel(self.alert_box)
        self.alert_label.setWordWrap(True)
        self.alert_label.setTextFormat(Qt.TextFormat.RichText)
        self.alert_open = QPushButton(self.alert_box)
        self.alert_open.clicked.connect(lambda: self.navigate.emit("benefits"))
        self.alert_dismiss = QPushButton(self.alert_box)
        self.alert_dismiss.clicked.connect(self.dismiss_alerts)
        row = QHBoxLayout(self.alert_box)
        row.addWidget(self.alert_label, 1)
        row.addWidget(self.alert_open)
        row.addWidget(self.alert_dismiss)
        self.alerts: list[Alert] = []
        self.alert_box.hide()
        return self.alert_box

    def retranslate(self) -> None:
        super().retranslate()
        self.alert_box.setTitle(self.tr("You may be entitled to more"))
        self.alert_open.setText(self.tr("See my rights"))
        self.alert_dismiss.setText(self.tr("Dismiss"))
        self.show_alerts(self.alerts)
        self.energy_card.set_texts(self.tr("Electricity"), self.tr("Open the energy page"))
        self.mobility_card.set_texts(self.tr("Trips"), self.tr("Open the mobility page"))
        self.benefits_card.set_texts(self.tr("Benefits"), self.tr("Open the benefits page"))
        if not self.session.is_unlocked:
            self._show_all_empty()

    @property
    def cards(self) -> list[_Card]:
        return [self.energy_card, self.mobility_card, self.benefits_card]

    def refresh(self, today: date | None = None) -> None:
        if not self.session.is_unlocked:
            return
        wallet = self.session.wallet
        day = today or date.today()
        self.compute(lambda: wallet.overview_facts(day), self._show)
        self.session.tasks.run(lambda _handle: wallet.rights_alerts(day), on_done=self.show_alerts)

    def show_alerts(self, alerts: list[Alert]) -> None:
        self.alerts = alerts
        if not alerts or not self.session.is_unlocked:
            self.alert_box.hide()
            return
        language = "fr" if self.locale().name().startswith("fr") else "en"
        names = ", ".join(escape(catalogue.by_key(a.benefit).name(language)) for a in alerts)
        self.alert_label.setText(
            self.tr(
                "The estimate of your rights finds %1, and the wallet saw nothing paid for it "
                "in the last three months. It is an estimate, not a decision."
            ).replace("%1", f"<b>{names}</b>")
        )
        self.alert_box.show()

    def dismiss_alerts(self) -> None:
        """Closed until the household description changes: the same alert never nags."""
        if self.session.is_unlocked:
            for alert in self.alerts:
                self.session.wallet.dismiss_rights_alert(alert.benefit)
        self.show_alerts([])

    def _show_all_empty(self) -> None:
        self.energy_card.show_empty(guides.energy_empty())
        self.mobility_card.show_empty(guides.mobility_empty())
        self.benefits_card.show_empty(guides.benefits_empty())

    def _show(self, facts: OverviewFacts) -> None:
        fmt = locale_formats(self.locale())
        self._show_energy(facts, fmt)
        self._show_trips(facts, fmt)
        self._show_benefits(facts, fmt)
        self.show_content()

    def _show_energy(self, facts: OverviewFacts, fmt: Formats) -> None:
        found = facts.electricity
        if found is None:
            self.energy_card.show_empty(guides.energy_empty())
            return
        month = datetime(found.month.year, found.month.month, 1)
        this_label = fmt.moment(month, "month")
        last_label = fmt.moment(month.replace(year=month.year - 1), "month")
        text = (
            self.tr("<b>%1</b> of electricity in %2.")
            .replace("%1", fmt.value(found.value, found.unit))
            .replace("%2", this_label)
        )
        if found.value is not None and found.previous_year:
            change = (found.value - found.previous_year) / found.previous_year * 100
            text += " " + self.tr("%1 % against %2 (%3).").replace(
                "%1", ("+" if change >= 0 else "") + fmt.number(change, 0)
            ).replace("%2", last_label).replace("%3", fmt.value(found.previous_year, found.unit))
        else:
            text += " " + self.tr("No data for %1 to compare with.").replace("%1", last_label)
        self.energy_card.show_facts(text)
        labels, values = [last_label, this_label], [found.previous_year, found.value]
        self.energy_card.chart.show_chart(
            lambda fig, theme, f: energy_plots.plot_comparison(
                fig.add_subplot(), labels, values, f, theme, unit=found.unit
            ),
            ChartTable(
                ["month", "value", "unit"],
                [
                    [
                        found.month.replace(year=found.month.year - 1).isoformat()[:7],
                        found.previous_year,
                        found.unit,
                    ],
                    [found.month.isoformat()[:7], found.value, found.unit],
                ],
            ),
        )

    def _show_trips(self, facts: OverviewFacts, fmt: Formats) -> None:
        if facts.trips_month is None:
            self.mobility_card.show_empty(guides.mobility_empty())
            return
        month = fmt.moment(datetime(facts.trips_month.year, facts.trips_month.month, 1), "month")
        self.mobility_card.show_facts(
            self.tr("<b>%n trip(s)</b> in %1.", "", facts.trips_total).replace("%1", month)
        )
        self._small_buckets(self.mobility_card, facts.trips, self.tr("trips"), "date", integer=True)

    def _show_benefits(self, facts: OverviewFacts, fmt: Formats) -> None:
        if facts.benefits_year is None:
            self.benefits_card.show_empty(guides.benefits_empty())
            return
        self.benefits_card.show_facts(
            self.tr("<b>%1</b> received in %2.")
            .replace("%1", fmt.money(facts.benefits_total, "EUR"))
            .replace("%2", str(facts.benefits_year))
        )
        self._small_buckets(self.benefits_card, facts.benefits_months, "EUR", "month")

    def _small_buckets(
        self, card: _Card, buckets: list[Bucket], unit: str, kind: str, *, integer: bool = False
    ) -> None:
        tz = self.session.tz

        def draw(fig: Figure, theme: Theme, fmt: Formats) -> None:
            ax = fig.add_subplot()
            energy_plots.plot_buckets(
                ax, buckets, tz, fmt, theme, label=unit, unit=unit, moment_kind=kind
            )
            ax.set_ylim(bottom=0)
            time_axis(ax, tz, fmt, max_ticks=3)  # a small chart has room for few labels
            number_axis(ax, fmt, integer=integer)

        card.chart.show_chart(
            draw,
            ChartTable(
                ["start", "end", "value", "unit"],
                [[iso_local(b.start, tz), iso_local(b.end, tz), b.value, b.unit] for b in buckets],
            ),
        )

    def clear(self) -> None:
        self.forget_pending()
        self.show_alerts([])
        for card in self.cards:
            card.chart.clear()
        self._show_all_empty()
