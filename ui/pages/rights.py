"""My rights (a tab of the Benefits page): estimates beside what was paid, and what to do.

The estimate comes from the core (``Wallet.rights``: OpenFisca-France, loaded once per
process, off the GUI thread with progress); this view only shows it, labelled an estimate,
with the model version and the legislation date.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.charts.table import ChartTable, NumbersModel
from ui.session import Session
from ui.widgets.household_form import HouseholdDialog
from wallet.errors import WalletError
from wallet.rights import catalogue
from wallet.rights.estimate import Line, RightsReport
from wallet.rights.household import Limit

COLUMNS = ["period", "benefit", "estimate", "paid", "difference", "todo"]


class RightsView(QWidget):
    household_saved = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.report: RightsReport | None = None
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.household_button = QPushButton(self)
        self.household_button.clicked.connect(self.edit_household)
        self.estimate_button = QPushButton(self)
        self.estimate_button.clicked.connect(self.estimate)
        self.progress = QProgressBar(self)
        self.progress.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.household_button)
        buttons.addWidget(self.estimate_button)
        buttons.addWidget(self.progress, 1)
        self.model = NumbersModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.limits = QLabel(self)
        self.limits.setWordWrap(True)
        self.limits.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.limits)
        session.locked.connect(self.clear)
        self.retranslate()

    @property
    def language(self) -> str:
        return "fr" if self.locale().name().startswith("fr") else "en"

    def retranslate(self) -> None:
        self.household_button.setText(self.tr("My household…"))
        self.estimate_button.setText(self.tr("Estimate my rights"))
        self.table.setAccessibleName(self.tr("Estimated rights and payments seen, per month"))
        self.show_report(self.report)

    # --- data ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """The last estimate kept in the wallet (the model is not loaded for this)."""
        if not self.session.is_unlocked:
            return
        wallet = self.session.wallet
        self.session.tasks.run(
            lambda _handle: wallet.stored_rights(date.today()),
            on_done=self.show_report,
            on_error=self._failed,
        )

    def estimate(self) -> None:
        if not self.session.is_unlocked:
            return
        wallet = self.session.wallet
        self.progress.setRange(0, 0)
        self.progress.show()
        self.estimate_button.setEnabled(False)
        self.notice.setText(self.tr("Loading the model of French benefits (a few seconds)…"))
        self.session.tasks.run(
            lambda h: wallet.rights(date.today(), on_progress=h.report),
            on_done=self._estimated,
            on_error=self._failed,
            on_progress=self._progressed,
        )

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _estimated(self, report: RightsReport) -> None:
        self._stop_progress()
        self.show_report(report)

    def _failed(self, error: BaseException) -> None:
        self._stop_progress()
        if isinstance(error, WalletError):
            self.notice.setText(escape(str(error)))
        else:
            self.notice.setText(self.tr("The estimate failed. Please send a support report."))

    def _stop_progress(self) -> None:
        self.progress.hide()
        self.estimate_button.setEnabled(True)

    def edit_household(self) -> None:
        if not self.session.is_unlocked:
            return
        wallet = self.session.wallet
        saved = wallet.household()
        dialog = HouseholdDialog(saved.household if saved else None, self)
        if dialog.exec() and dialog.household is not None:
            wallet.save_household(dialog.household)
            self.household_saved.emit()
            self.notice.setText(self.tr("Household saved. Click “Estimate my rights”."))

    # --- showing ------------------------------------------------------------------------
    def show_report(self, report: RightsReport | None) -> None:
        self.report = report
        if report is None:
            self.model.clear()
            self.limits.clear()
            self.notice.setText(
                self.tr(
                    "Describe your household, then ask for an estimate: the wallet works out, "
                    "on this computer, which benefits you may be entitled to, and shows them "
                    "beside what you were paid."
                )
            )
            return
        model = report.model
        self.notice.setText(
            self.tr(
                "<b>An estimate, not a decision</b>: only the paying organisation decides. "
                "OpenFisca-France %1, legislation up to %2."
            )
            .replace("%1", escape(model.version))
            .replace("%2", escape(model.legislation_date))
        )
        self.model.set_table(
            ChartTable(
                COLUMNS,
                [self._row(line) for line in report.lines if line.eligible or line.paid_cents],
                [
                    self.tr("Month"),
                    self.tr("Benefit"),
                    self.tr("Estimate (€)"),
                    self.tr("Paid (€)"),
                    self.tr("Difference (€)"),
                    self.tr("What to do"),
                ],
            )
        )
        self.table.resizeColumnsToContents()
        self.limits.setText(self._limits_html(report))

    def _row(self, line: Line) -> list[object]:
        benefit = catalogue.by_key(line.benefit)
        estimate: object = line.estimate_cents / 100
        if benefit.kind == "coverage" and line.estimate_cents == 0:
            estimate = self.tr("free")
        paid = None if line.paid_cents is None else line.paid_cents / 100
        difference = None if line.difference_cents is None else line.difference_cents / 100
        return [
            line.period,
            benefit.name(self.language),
            estimate,
            paid,
            difference,
            self._todo(line),
        ]

    def _todo(self, line: Line) -> str:
        benefit = catalogue.by_key(line.benefit)
        texts = {
            "claim": self.tr("You may be entitled: ask %1. %2"),
            "less": self.tr("Less paid than estimated: check your file with %1."),
            "more": self.tr("More paid than estimated: check your answers; tell %1 of changes."),
            "matches": self.tr("Matches the estimate."),
            "unknown": self.tr("The wallet cannot tell what was paid."),
            "none": "",
        }
        return (
            texts[line.action]
            .replace("%1", benefit.payer(self.language))
            .replace("%2", benefit.procedure(self.language))
        )

    def _topics(self) -> dict[str, str]:
        """The missing answers' topics (wallet.rights.household.TOPICS), in this language."""
        return {
            "adults": self.tr("the adults of the household"),
            "birth_date": self.tr("birth date"),
            "activity": self.tr("activity"),
            "salary": self.tr("monthly salary"),
            "unemployment": self.tr("monthly unemployment benefit"),
            "pension": self.tr("monthly pension"),
            "disability": self.tr("disability"),
            "pregnancy": self.tr("pregnancy"),
            "children": self.tr("children"),
            "housing": self.tr("housing"),
            "rent": self.tr("rent"),
            "commune": self.tr("commune (INSEE code)"),
            "tax_notice": self.tr("tax notice (import your avis d'impôt)"),
        }

    def _limit(self, limit: Limit) -> str:
        topic = self._topics()[limit.topic]
        if limit.adult:
            return self.tr("adult %1: %2").replace("%1", str(limit.adult)).replace("%2", topic)
        if limit.child:
            return self.tr("child %1: %2").replace("%1", str(limit.child)).replace("%2", topic)
        return topic

    def _limits_html(self, report: RightsReport) -> str:
        parts = []
        if report.filled:
            items = [
                self.tr("adult %1: %2 (from %3 payments, %4 months)")
                .replace("%1", str(f.adult))
                .replace("%2", self._topics()[f.kind])
                .replace("%3", escape(f.payer))
                .replace("%4", str(f.months))
                for f in report.filled
            ]
            parts.append(
                self.tr("Filled from the payments in your wallet:")
                + "<ul><li>"
                + "</li><li>".join(items)
                + "</li></ul>"
            )
        if report.limits:
            parts.append(
                self.tr("Not answered, which limits this estimate:")
                + "<ul><li>"
                + "</li><li>".join(escape(self._limit(limit)) for limit in report.limits)
                + "</li></ul>"
            )
        return "".join(parts)

    def clear(self) -> None:
        self.report = None
        self.model.clear()
        self.limits.clear()
        self._stop_progress()
