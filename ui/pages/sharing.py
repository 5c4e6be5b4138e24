"""The Sharing page: services, a step-by-step share wizard ending on the preview and an
explicit confirmation that names the service, and the ledger with details and Revoke.

Thin: every decision (what may be asked, what leaves, what the ledger says) is in
``wallet.sharing``; this page only gathers choices and shows results.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QDate, QEvent, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.pages.sharing_models import RowsModel, SharesModel, plot_rows
from ui.session import Session
from wallet.errors import WalletError
from wallet.sharing import slices, tables
from wallet.sharing.descriptor import Descriptor
from wallet.sharing.shares import Preview, Sharing
from wallet.sharing.states import ShareView
from wallet.vault import Wallet

SharingFactory = Callable[[Wallet], Sharing]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


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
        self._services: list[Descriptor] = []
        self.preview: Preview | None = None
        self.last_share: ShareView | None = None
        # (setter, text): what a language switch sets again.
        self._texts: list[tuple[Callable[[str], None], Callable[[], str]]] = []
        tabs = QTabWidget(self)
        tabs.addTab(self._build_services(), "")
        tabs.addTab(self._build_wizard(), "")
        tabs.addTab(self._build_ledger(), "")
        self.tabs = tabs
        self._keep(lambda t: tabs.setTabText(0, t), lambda: self.tr("Services"))
        self._keep(lambda t: tabs.setTabText(1, t), lambda: self.tr("Share"))
        self._keep(lambda t: tabs.setTabText(2, t), lambda: self.tr("Shared data"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.message)
        session.locked.connect(self.clear)

    def _keep(self, setter: Callable[[str], None], text: Callable[[], str]) -> None:
        setter(text())
        self._texts.append((setter, text))

    def _label(self, text: Callable[[], str]) -> QLabel:
        label = QLabel()
        self._keep(label.setText, text)
        return label

    def _button(self, text: Callable[[], str]) -> QPushButton:
        button = QPushButton()
        self._keep(button.setText, text)
        return button

    def retranslate(self) -> None:
        for setter, text in self._texts:
            setter(text())
        self.shares_model.set_titles(self._ledger_titles())
        self._describe_purposes()
        if self.preview is not None and self.steps.currentIndex() == 2:
            self._show_preview(self.preview)  # consent is asked again, in the new language
        selected = self.shares_view.selectionModel().selectedRows()
        if selected:
            self.show_details(selected[0].row())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._texts:
            self.retranslate()
        super().changeEvent(event)

    # --- building -----------------------------------------------------------------
    def _build_services(self) -> QWidget:
        box = QWidget()
        self.services_list = QListWidget()
        self.add_button = self._button(lambda: self.tr("Add a service from a file…"))
        self.add_button.clicked.connect(self._ask_descriptor_file)
        layout = QVBoxLayout(box)
        title = self._label(lambda: self.tr("Services you can share with"))
        title.setBuddy(self.services_list)
        layout.addWidget(title)
        layout.addWidget(self.services_list)
        layout.addWidget(self.add_button)
        return box

    def _build_wizard(self) -> QWidget:
        self.steps = QStackedWidget()
        self.steps.addWidget(self._step_service())
        self.steps.addWidget(self._step_slice())
        self.steps.addWidget(self._step_preview())
        return self.steps

    def _step_service(self) -> QWidget:
        box = QWidget()
        self.service_choice = QComboBox()
        self.service_choice.currentIndexChanged.connect(self._service_chosen)
        self.dataset_choice = QComboBox()
        self.purpose_label = QLabel()
        self.purpose_label.setWordWrap(True)
        next_button = self._button(lambda: self.tr("Next"))
        next_button.clicked.connect(self.go_to_slice)
        form = QFormLayout(box)
        form.addRow(self._label(lambda: self.tr("1. Service")), self.service_choice)
        form.addRow(self._label(lambda: self.tr("Data asked for")), self.dataset_choice)
        form.addRow(self._label(lambda: self.tr("Why")), self.purpose_label)
        form.addRow(next_button)
        _label_fields(form)
        return box

    def _step_slice(self) -> QWidget:
        box = QWidget()
        self.granularity_choice = QComboBox()
        self.granularity_choice.addItems(list(tables.GRANULARITIES))
        self.granularity_choice.currentTextChanged.connect(self._fill_fields)
        self.fields_list = QListWidget()
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.pseudonymise_box = QCheckBox()
        self._keep(
            self.pseudonymise_box.setText,
            lambda: self.tr("Replace identifiers by a code for this service"),
        )
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        suggest = self._button(lambda: self.tr("Suggest the least the service needs"))
        suggest.clicked.connect(self.apply_suggestion)
        back = self._button(lambda: self.tr("Back"))
        back.clicked.connect(lambda: self.steps.setCurrentIndex(0))
        preview = self._button(lambda: self.tr("Preview what would leave"))
        preview.clicked.connect(lambda: self.make_preview())
        buttons = QHBoxLayout()
        for button in (back, suggest, preview):
            buttons.addWidget(button)
        form = QFormLayout(box)
        form.addRow(self._label(lambda: self.tr("2. Detail")), self.granularity_choice)
        form.addRow(self._label(lambda: self.tr("Fields")), self.fields_list)
        form.addRow(self._label(lambda: self.tr("From")), self.from_edit)
        form.addRow(self._label(lambda: self.tr("To (inclusive)")), self.to_edit)
        form.addRow(self.pseudonymise_box)
        form.addRow(self.warnings_label)
        form.addRow(buttons)
        _label_fields(form)
        return box

    def _step_preview(self) -> QWidget:
        box = QWidget()
        self.rows_model = RowsModel()
        self.rows_view = QTableView()
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self._keep(self.rows_view.setAccessibleName, lambda: self.tr("Rows that would be shared"))
        self.figure = Figure(figsize=(5, 2))
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.axes = self.figure.add_subplot()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.confirm_box = QCheckBox()
        self.confirm_box.toggled.connect(self._confirm_toggled)
        self.send_button = self._button(lambda: self.tr("Send"))
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(lambda: self.send())
        self.save_button = self._button(lambda: self.tr("Save to a file instead…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._ask_target_file)
        back = self._button(lambda: self.tr("Back"))
        back.clicked.connect(lambda: self.steps.setCurrentIndex(1))
        buttons = QHBoxLayout()
        for button in (back, self.save_button, self.send_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(box)
        layout.addWidget(self._label(lambda: self.tr("3. Exactly what would leave")))
        layout.addWidget(self.rows_view)
        layout.addWidget(self.canvas)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.confirm_box)
        layout.addLayout(buttons)
        return box

    def _build_ledger(self) -> QWidget:
        box = QWidget()
        self.shares_model = SharesModel(self._ledger_titles())
        self.shares_view = QTableView()
        self.shares_view.setModel(self.shares_model)
        self.shares_view.setTabKeyNavigation(False)
        self._keep(self.shares_view.setAccessibleName, lambda: self.tr("Data shared so far"))
        self.shares_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.shares_view.clicked.connect(lambda index: self.show_details(index.row()))
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.revoke_button = self._button(lambda: self.tr("Revoke…"))
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(self._ask_revoke)
        note = self._label(
            lambda: self.tr(
                "Revoking stops further sharing at once and tells the service. It cannot pull "
                "back data already sent; the signed withdrawal is your evidence."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.shares_view)
        layout.addWidget(self.details)
        layout.addWidget(note)
        layout.addWidget(self.revoke_button)
        return box

    def _ledger_titles(self) -> list[str]:
        return [self.tr("When"), self.tr("Service"), self.tr("State"), self.tr("Rows")]

    # --- Page protocol ------------------------------------------------------------
    def sharing(self) -> Sharing:
        return self._factory(self.session.wallet)

    def refresh(self) -> None:
        if not self.session.is_unlocked:
            self.clear()
            return
        sharing = self.sharing()
        self._services = sharing.services()
        self.services_list.clear()
        for d in self._services:
            datasets = ", ".join(r.dataset for r in d.requests)
            self.services_list.addItem(f"{d.name()} — {d.controller} ({datasets})")
        self.service_choice.blockSignals(True)
        self.service_choice.clear()
        self.service_choice.addItems([d.name() for d in self._services])
        self.service_choice.blockSignals(False)
        self._service_chosen()
        self.shares_model.set_shares(sharing.shares())
        self.details.clear()
        self.revoke_button.setEnabled(False)

    def clear(self) -> None:
        self._services = []
        self.preview = None
        self.services_list.clear()
        self.service_choice.clear()
        self.dataset_choice.clear()
        self.fields_list.clear()
        self.rows_model.set_rows([], [])
        self.shares_model.set_shares([])
        self.details.clear()
        self.axes.clear()
        self.canvas.draw_idle()
        self.summary_label.clear()
        self.warnings_label.clear()
        self.message.clear()
        self.confirm_box.setChecked(False)
        self.steps.setCurrentIndex(0)

    # --- services -----------------------------------------------------------------
    def _ask_descriptor_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Service descriptor"), "", self.tr("Descriptors (*.json)")
        )
        if name:
            self.add_service_file(Path(name))

    def add_service_file(self, path: Path) -> None:
        def work(_handle: object) -> str:
            return self.sharing().add_service(path).descriptor.name()

        self.session.tasks.run(work, on_done=self._service_added, on_error=self._show_error)

    def _service_added(self, name: object) -> None:
        self.message.setText(self.tr("Service added: %1").replace("%1", str(name)))
        self.refresh()

    # --- wizard -------------------------------------------------------------------
    def chosen_service(self) -> Descriptor | None:
        index = self.service_choice.currentIndex()
        return self._services[index] if 0 <= index < len(self._services) else None

    def _service_chosen(self) -> None:
        service = self.chosen_service()
        self.dataset_choice.clear()
        if service is None:
            self.purpose_label.clear()
            return
        self.dataset_choice.addItems([r.dataset for r in service.requests])
        self._describe_purposes()

    def _describe_purposes(self) -> None:
        service = self.chosen_service()
        if service is None:
            return
        language = QLocale().name()[:2]  # the interface language (ui.i18n sets the default)
        self.purpose_label.setText(
            "\n".join(
                f"{r.dataset}: "
                + "; ".join(
                    p.description.get(language) or p.description.get("en", "") for p in r.purposes
                )
                + self.tr(" (kept %1)").replace("%1", r.retention)
                for r in service.requests
            )
        )

    def go_to_slice(self) -> None:
        if self.chosen_service() is None:
            self.message.setText(self.tr("Add a service first."))
            return
        self.apply_suggestion()
        self.steps.setCurrentIndex(1)

    def apply_suggestion(self) -> None:
        service = self.chosen_service()
        if service is None:
            return
        suggestion = self.sharing().suggest(service, [self.dataset_choice.currentText()])
        part = suggestion.parts[0]
        self.granularity_choice.setCurrentText(part.granularity)
        self._fill_fields(part.granularity, set(part.fields))
        self.from_edit.setDate(_qdate(part.first))
        self.to_edit.setDate(_qdate(part.last))
        self.pseudonymise_box.setChecked(True)  # identifiers leave as codes unless unticked

    def _fill_fields(self, granularity: str, checked: set[str] | None = None) -> None:
        service = self.chosen_service()
        request = service.request_for(self.dataset_choice.currentText()) if service else None
        self.fields_list.clear()
        if request is None:
            return
        for name in tables.field_names(request.dataset, granularity):
            if name not in request.fields:
                continue
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = name in checked if checked is not None else name in request.required_fields
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.fields_list.addItem(item)

    def chosen_slice(self) -> slices.Slice:
        fields = tuple(
            self.fields_list.item(i).text()
            for i in range(self.fields_list.count())
            if self.fields_list.item(i).checkState() == Qt.CheckState.Checked
        )
        part = slices.SlicePart(
            self.dataset_choice.currentText(),
            self.granularity_choice.currentText(),
            fields,
            _day(self.from_edit),
            _day(self.to_edit),
        )
        return slices.Slice((part,), self.pseudonymise_box.isChecked())

    def make_preview(self, to_file: bool = False) -> None:
        service = self.chosen_service()
        if service is None:
            return
        chosen = self.chosen_slice()
        self.session.tasks.run(
            lambda _h: self.sharing().preview(service, chosen, to_file=to_file),
            on_done=self._show_preview,
            on_error=self._show_error,
        )

    def _show_preview(self, result: object) -> None:
        assert isinstance(result, Preview)
        self.preview = result
        table = result.tables[0]
        self.rows_model.set_rows(table.header, table.rows)
        plot_rows(self.axes, table.header, table.rows)
        self.canvas.draw_idle()
        name = result.descriptor.name()
        self.summary_label.setText(
            self.tr("%1 rows, %2 bytes of data, for %3 (%4).")
            .replace("%1", str(result.rows))
            .replace("%2", str(result.data_bytes))
            .replace("%3", name)
            .replace("%4", result.descriptor.service_id)
            + "".join("\n" + self.tr("Warning: ") + w for w in result.warnings)
        )
        self.warnings_label.setText("\n".join(result.warnings))
        self.confirm_box.setChecked(False)
        self.confirm_box.setText(
            self.tr("I agree to share these %1 rows with %2.")
            .replace("%1", str(result.rows))
            .replace("%2", name)
        )
        self.send_button.setText(self.tr("Send to %1").replace("%1", name))
        self._confirm_toggled(False)
        self.steps.setCurrentIndex(2)

    def _confirm_toggled(self, on: bool) -> None:
        ready = bool(on) and self.preview is not None and self.preview.rows > 0
        can_send = ready and self.preview is not None and self.preview.descriptor.share_url
        self.send_button.setEnabled(bool(can_send))
        self.save_button.setEnabled(ready)

    def send(self, to_file: Path | None = None) -> None:
        preview = self.preview
        if preview is None or not self.confirm_box.isChecked():
            return
        service_id = preview.descriptor.service_id

        def work(_handle: object) -> ShareView:
            sharing = self.sharing()
            current = preview
            if (to_file is not None) != (preview.destination == "file"):
                current = sharing.preview(preview.descriptor, preview.slice, to_file=bool(to_file))
            return sharing.share(current, confirm=service_id, to_file=to_file)

        self.confirm_box.setChecked(False)
        self.session.tasks.run(work, on_done=self._shared, on_error=self._show_error)

    def _ask_target_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the signed package"), "share.zip", self.tr("Zip (*.zip)")
        )
        if name:
            self.send(Path(name))

    def _shared(self, view: object) -> None:
        assert isinstance(view, ShareView)
        self.last_share = view
        if view.state == "failed":
            self.message.setText(
                self.tr("Not shared: %1 Nothing was sent twice; try again later.").replace(
                    "%1", view.reason
                )
            )
        else:
            self.message.setText(
                self.tr("Shared with %1: %2.")
                .replace("%1", view.service_name)
                .replace("%2", view.state)
            )
        self.preview = None
        self.rows_model.set_rows([], [])
        self.steps.setCurrentIndex(0)
        self.refresh()

    # --- ledger -------------------------------------------------------------------
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
        self.session.tasks.run(
            lambda _h: self.sharing().revoke(share_id),
            on_done=self._revoked,
            on_error=self._show_error,
        )

    def _revoked(self, view: object) -> None:
        assert isinstance(view, ShareView)
        self.message.setText(
            self.tr("Consent withdrawn for %1 (service told: %2).")
            .replace("%1", view.service_name)
            .replace("%2", view.revocation)
        )
        self.refresh()

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, WalletError):
            self.message.setText(str(error))
        else:
            self.message.setText(self.tr("Something went wrong; nothing was shared."))


def _label_fields(form: QFormLayout) -> None:
    """Each label names the field beside it for screen readers (a QLabel added as a row's
    label is not its field's buddy by itself)."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None:
            continue
        text, widget = label.widget(), field.widget()
        if isinstance(text, QLabel) and widget is not None and not isinstance(widget, QLabel):
            text.setBuddy(widget)
