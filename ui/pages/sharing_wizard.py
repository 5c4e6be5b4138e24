"""The Sharing page's wizard: choose the service and the data it asks for, then the slice
(detail, fields, period, codes for identifiers), then the preview step
(``sharing_preview``), which asks for the confirmation and sends."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.live_texts import LiveTexts
from ui.pages.sharing_host import SharingHost
from ui.pages.sharing_preview import PreviewStep
from wallet.sharing import slices, tables
from wallet.sharing.descriptor import Descriptor, Request
from wallet.sharing.shares import Preview


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class ShareWizard(QWidget):
    def __init__(self, host: SharingHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.texts = LiveTexts()
        self._services: list[Descriptor] = []
        self.steps = QStackedWidget()
        self.steps.addWidget(self._step_service())
        self.steps.addWidget(self._step_slice())
        self.preview_step = PreviewStep(host, self.steps)
        self.steps.addWidget(self.preview_step)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the steps fill the tab as they did alone
        layout.addWidget(self.steps)

    def _step_service(self) -> QWidget:
        box = QWidget()
        self.service_choice = QComboBox()
        self.service_choice.currentIndexChanged.connect(self._service_chosen)
        self.dataset_choice = QComboBox()
        self.purpose_label = QLabel()
        self.purpose_label.setWordWrap(True)
        next_button = self.texts.button(lambda: self.tr("Next"))
        next_button.clicked.connect(self.go_to_slice)
        form = QFormLayout(box)
        form.addRow(self.texts.label(lambda: self.tr("1. Service")), self.service_choice)
        form.addRow(self.texts.label(lambda: self.tr("Data asked for")), self.dataset_choice)
        form.addRow(self.texts.label(lambda: self.tr("Why")), self.purpose_label)
        form.addRow(next_button)
        _label_fields(form)
        return box

    def _step_slice(self) -> QWidget:
        box = QWidget()
        self.granularity_choice = QComboBox()  # filled with what the chosen service allows
        self.granularity_choice.currentTextChanged.connect(self._fill_fields)
        self.fields_list = QListWidget()
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.pseudonymise_box = QCheckBox()
        self.texts.keep(
            self.pseudonymise_box.setText,
            lambda: self.tr("Replace identifiers by a code for this service"),
        )
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        suggest = self.texts.button(lambda: self.tr("Suggest the least the service needs"))
        suggest.clicked.connect(self.apply_suggestion)
        back = self.texts.button(lambda: self.tr("Back"))
        back.clicked.connect(lambda: self.steps.setCurrentIndex(0))
        preview = self.texts.button(lambda: self.tr("Preview what would leave"))
        preview.clicked.connect(lambda: self.make_preview())
        buttons = QHBoxLayout()
        for button in (back, suggest, preview):
            buttons.addWidget(button)
        form = QFormLayout(box)
        form.addRow(self.texts.label(lambda: self.tr("2. Detail")), self.granularity_choice)
        form.addRow(self.texts.label(lambda: self.tr("Fields")), self.fields_list)
        form.addRow(self.texts.label(lambda: self.tr("From")), self.from_edit)
        form.addRow(self.texts.label(lambda: self.tr("To (inclusive)")), self.to_edit)
        form.addRow(self.pseudonymise_box)
        form.addRow(self.warnings_label)
        form.addRow(buttons)
        _label_fields(form)
        return box

    def retranslate(self) -> None:
        self.texts.apply()
        self.preview_step.texts.apply()
        self._describe_purposes()
        preview = self.preview_step.preview
        if preview is not None and self.steps.currentIndex() == 2:
            self._show_preview(preview)  # consent is asked again, in the new language

    def show_services(self, services: list[Descriptor]) -> None:
        self._services = services
        self.service_choice.blockSignals(True)
        self.service_choice.clear()
        self.service_choice.addItems([d.name() for d in self._services])
        self.service_choice.blockSignals(False)
        self._service_chosen()

    def clear(self) -> None:
        self._services = []
        self.preview_step.clear()
        self.service_choice.clear()
        self.dataset_choice.clear()
        self.granularity_choice.clear()
        self.fields_list.clear()
        self.warnings_label.clear()
        self.steps.setCurrentIndex(0)

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
            self.host.say(self.tr("Add a service first."))
            return
        self.apply_suggestion()
        self.steps.setCurrentIndex(1)

    def apply_suggestion(self) -> None:
        service = self.chosen_service()
        if service is None:
            return
        sharing = self.host.sharing()
        suggestion = sharing.suggest(service, [self.dataset_choice.currentText()])
        part = suggestion.parts[0]
        request = service.request_for(part.dataset)
        if request is not None:
            self._offer_only_allowed(request, sharing.today())
        self.granularity_choice.setCurrentText(part.granularity)
        self._fill_fields(part.granularity, set(part.fields))
        self.from_edit.setDate(_qdate(part.first))
        self.to_edit.setDate(_qdate(part.last))
        self.pseudonymise_box.setChecked(True)  # identifiers leave as codes unless unticked

    def _offer_only_allowed(self, request: Request, today: date) -> None:
        """Only the granularities and the period the service asks for can be chosen."""
        self.granularity_choice.blockSignals(True)
        self.granularity_choice.clear()
        self.granularity_choice.addItems([g for g in tables.GRANULARITIES if g in request.allowed])
        self.granularity_choice.blockSignals(False)
        earliest = slices.earliest_start(request, today)
        for edit in (self.from_edit, self.to_edit):
            if earliest is None:
                edit.clearMinimumDate()
            else:
                edit.setMinimumDate(_qdate(earliest))

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
        self.host.session.tasks.run(
            lambda _h: self.host.sharing().preview(service, chosen, to_file=to_file),
            on_done=self._show_preview,
            on_error=self.host.show_error,
        )

    def _show_preview(self, result: object) -> None:
        assert isinstance(result, Preview)
        self.preview_step.show_preview(result)
        self.warnings_label.setText("\n".join(result.warnings))
        self.steps.setCurrentIndex(2)


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
