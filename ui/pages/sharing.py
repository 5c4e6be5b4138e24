"""The Sharing page: services, a step-by-step share wizard ending on the preview and an
explicit confirmation that names the service, and the ledger with details and Revoke.

Thin: every decision (what may be asked, what leaves, what the ledger says) is in
``wallet.sharing``; this page only gathers choices and shows results. Each tab is a widget of
its own (``sharing_services``, ``sharing_wizard`` with ``sharing_preview``, ``sharing_ledger``);
the page holds the message line they speak through and tells them what the wallet holds.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.live_texts import LiveTexts
from ui.pages.sharing_ledger import LedgerTab
from ui.pages.sharing_services import ServicesTab
from ui.pages.sharing_wizard import ShareWizard
from ui.session import Session
from wallet.errors import WalletError
from wallet.sharing.shares import Preview, Sharing
from wallet.sharing.states import ShareView
from wallet.vault import Wallet

SharingFactory = Callable[[Wallet], Sharing]


class SharingPage(QWidget):
    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        sharing_factory: SharingFactory | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._factory: SharingFactory = sharing_factory or (lambda wallet: Sharing(wallet))
        self._texts = LiveTexts()
        tabs = QTabWidget(self)
        self.services_tab = ServicesTab(self)
        self.wizard = ShareWizard(self)
        self.ledger = LedgerTab(self)
        tabs.addTab(self.services_tab, "")
        tabs.addTab(self.wizard, "")
        tabs.addTab(self.ledger, "")
        self.tabs = tabs
        self._texts.keep(lambda t: tabs.setTabText(0, t), lambda: self.tr("Services"))
        self._texts.keep(lambda t: tabs.setTabText(1, t), lambda: self.tr("Share"))
        self._texts.keep(lambda t: tabs.setTabText(2, t), lambda: self.tr("Shared data"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.message)
        self._name_parts()
        session.locked.connect(self.clear)

    def _name_parts(self) -> None:
        """The tabs' controls and actions under the page's names, where other code and the
        tests reach them."""
        services, wizard, ledger = self.services_tab, self.wizard, self.ledger
        step = wizard.preview_step
        self.services_list = services.services_list
        self.add_service_file = services.add_service_file
        self.steps = wizard.steps
        self.dataset_choice = wizard.dataset_choice
        self.granularity_choice = wizard.granularity_choice
        self.fields_list = wizard.fields_list
        self.from_edit, self.to_edit = wizard.from_edit, wizard.to_edit
        self.pseudonymise_box = wizard.pseudonymise_box
        self.warnings_label = wizard.warnings_label
        self.go_to_slice = wizard.go_to_slice
        self._fill_fields = wizard._fill_fields
        self.make_preview = wizard.make_preview
        self.rows_model = step.rows_model
        self.axes = step.axes
        self.confirm_box = step.confirm_box
        self.send_button = step.send_button
        self.send = step.send
        self.shares_model = ledger.shares_model
        self.details = ledger.details
        self.revoke_button = ledger.revoke_button
        self.show_details = ledger.show_details

    @property
    def preview(self) -> Preview | None:
        return self.wizard.preview_step.preview

    @property
    def last_share(self) -> ShareView | None:
        return self.wizard.preview_step.last_share

    def retranslate(self) -> None:
        self._texts.apply()
        self.services_tab.retranslate()
        self.wizard.retranslate()
        self.ledger.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._texts:
            self.retranslate()
        super().changeEvent(event)

    # --- Page protocol ------------------------------------------------------------
    def sharing(self) -> Sharing:
        return self._factory(self.session.wallet)

    def refresh(self) -> None:
        if not self.session.is_unlocked:
            self.clear()
            return
        sharing = self.sharing()
        services = sharing.services()
        self.services_tab.show_services(services)
        self.wizard.show_services(services)
        self.ledger.show_shares(sharing.shares())

    def clear(self) -> None:
        self.services_tab.clear()
        self.wizard.clear()
        self.ledger.clear()
        self.message.clear()

    # --- what the tabs ask of the page (SharingHost) ------------------------------
    def say(self, text: str) -> None:
        self.message.setText(text)

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, WalletError):
            self.message.setText(str(error))
        else:
            self.message.setText(self.tr("Something went wrong; nothing was shared."))
