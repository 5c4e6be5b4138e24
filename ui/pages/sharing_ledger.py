"""The Sharing page's last tab: every share so far, its details (what left, why, until when,
its history) and Revoke, which withdraws the consent behind it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QTableView, QVBoxLayout, QWidget

from ui.live_texts import LiveTexts
from ui.pages.sharing_host import SharingHost
from ui.pages.sharing_models import SharesModel
from wallet.sharing.states import ShareView


class LedgerTab(QWidget):
    def __init__(self, host: SharingHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.texts = LiveTexts()
        self.shares_model = SharesModel(self._ledger_titles())
        self.shares_view = QTableView()
        self.shares_view.setModel(self.shares_model)
        self.shares_view.setTabKeyNavigation(False)
        self.texts.keep(self.shares_view.setAccessibleName, lambda: self.tr("Data shared so far"))
        self.shares_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.shares_view.clicked.connect(lambda index: self.show_details(index.row()))
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.revoke_button = self.texts.button(lambda: self.tr("Revoke…"))
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(self._ask_revoke)
        note = self.texts.label(
            lambda: self.tr(
                "Revoking stops further sharing at once and tells the service. It cannot pull "
                "back data already sent; the signed withdrawal is your evidence."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.shares_view)
        layout.addWidget(self.details)
        layout.addWidget(note)
        layout.addWidget(self.revoke_button)

    def _ledger_titles(self) -> list[str]:
        return [self.tr("When"), self.tr("Service"), self.tr("State"), self.tr("Rows")]

    def retranslate(self) -> None:
        self.texts.apply()
        self.shares_model.set_titles(self._ledger_titles())
        selected = self.shares_view.selectionModel().selectedRows()
        if selected:
            self.show_details(selected[0].row())

    def show_shares(self, shares: list[ShareView]) -> None:
        self.shares_model.set_shares(shares)
        self.details.clear()
        self.revoke_button.setEnabled(False)

    def clear(self) -> None:
        self.shares_model.set_shares([])
        self.details.clear()

    def show_details(self, row: int) -> None:
        if not 0 <= row < len(self.shares_model.shares):
            return
        view = self.shares_model.shares[row]
        self.shares_view.selectRow(row)
        lines = [
            self.tr("Service: %1 (%2)")
            .replace("%1", view.service_name)
            .replace("%2", view.service_id),
            self.tr("State: %1 %2").replace("%1", view.state).replace("%2", view.reason),
            self.tr("Why: %1").replace("%1", ", ".join(view.purposes)),
            self.tr("Valid until: %1").replace("%1", view.not_after),
            self.tr("Payload SHA-256: %1").replace("%1", view.payload_sha256),
        ]
        for part in view.parts:
            lines.append(
                f"{part['dataset']} ({part['granularity']}), {part['period']['start']} – "
                f"{part['period']['end']}: {', '.join(part['fields'])}"
            )
        if view.revocation:
            lines.append(self.tr("Withdrawal: %1").replace("%1", view.revocation))
            lines.append(view.withdrawal_method)
        lines.extend(f"{h['ts']}  {h['event']}" for h in view.history)
        self.details.setPlainText("\n".join(lines))
        self.revoke_button.setEnabled(view.state != "revoked")

    def selected_share(self) -> ShareView | None:
        rows = self.shares_view.selectionModel().selectedRows()
        return self.shares_model.shares[rows[0].row()] if rows else None

    def _ask_revoke(self) -> None:
        view = self.selected_share()
        if view is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Revoke"),
            self.tr("Withdraw your consent for this share with %1?").replace(
                "%1", view.service_name
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.revoke(view.share_id)

    def revoke(self, share_id: str) -> None:
        self.host.session.tasks.run(
            lambda _h: self.host.sharing().revoke(share_id),
            on_done=self._revoked,
            on_error=self.host.show_error,
        )

    def _revoked(self, view: object) -> None:
        assert isinstance(view, ShareView)
        self.host.say(
            self.tr("Consent withdrawn for %1 (service told: %2).")
            .replace("%1", view.service_name)
            .replace("%2", view.revocation)
        )
        self.host.refresh()
