"""The household questionnaire: a short form, every answer optional.

The form only collects answers in the JSON form ``wallet.rights.household.from_json`` reads;
the core checks them and says what is wrong, and the dialog shows that message.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wallet.errors import InvalidInput
from wallet.rights.household import MAX_CHILDREN, Household, from_json

NOT_ANSWERED = None


def _combo(parent: QWidget, items: list[tuple[str, Any]], current: Any) -> QComboBox:
    combo = QComboBox(parent)
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))
    return combo


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


def _value(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


class _AdultBox(QGroupBox):
    def __init__(self, number: int, answers: dict[str, Any], parent: QWidget) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Adult %1").replace("%1", str(number)))
        form = QFormLayout(self)
        self.birth = QLineEdit(_text(answers.get("birth_date")), self)
        self.birth.setPlaceholderText(self.tr("YYYY-MM-DD"))
        form.addRow(self.tr("Birth date"), self.birth)
        self.activity = _combo(
            self,
            [
                (self.tr("Not answered"), None),
                (self.tr("Working"), "employed"),
                (self.tr("Unemployed"), "unemployed"),
                (self.tr("Student"), "student"),
                (self.tr("Retired"), "retired"),
                (self.tr("Other, not working"), "inactive"),
            ],
            answers.get("activity"),
        )
        form.addRow(self.tr("Activity"), self.activity)
        incomes = answers.get("incomes") or {}
        self.incomes: dict[str, QLineEdit] = {}
        labels = {
            "salary": self.tr("Net salary per month (€)"),
            "unemployment": self.tr("Unemployment benefit per month (€)"),
            "pension": self.tr("Pension per month, before deductions (€)"),
        }
        for kind, label in labels.items():
            edit = QLineEdit(_text(incomes.get(kind)), self)
            edit.setPlaceholderText(self.tr("empty: not answered; 0: none"))
            self.incomes[kind] = edit
            form.addRow(label, edit)
        self.disability = _combo(
            self,
            [
                (self.tr("Not answered"), None),
                (self.tr("No recognised disability"), 0.0),
                (self.tr("Rate from 50 to 79 %"), 0.5),
                (self.tr("Rate of 80 % or more"), 0.8),
            ],
            answers.get("disability_rate"),
        )
        form.addRow(self.tr("Disability (MDPH)"), self.disability)
        self.pregnant = _combo(
            self,
            [(self.tr("Not answered"), None), (self.tr("No"), False), (self.tr("Yes"), True)],
            answers.get("pregnant"),
        )
        form.addRow(self.tr("Pregnant"), self.pregnant)

    def answers(self) -> dict[str, Any]:
        return {
            "birth_date": _value(self.birth),
            "activity": self.activity.currentData(),
            "incomes": {k: v for k, e in self.incomes.items() if (v := _value(e)) is not None},
            "disability_rate": self.disability.currentData(),
            "pregnant": self.pregnant.currentData(),
        }


class HouseholdDialog(QDialog):
    """Asks the questions; ``household`` holds the checked answers once accepted."""

    def __init__(self, current: Household | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("My household"))
        self.household: Household | None = None
        start = current.as_json() if current is not None else {}
        body = QWidget(self)
        self.body_layout = QVBoxLayout(body)
        intro = QLabel(
            self.tr(
                "Every answer is optional; the estimate says which missing answers limit it. "
                "Your answers stay encrypted in your wallet."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.body_layout.addWidget(intro)
        adults = start.get("adults") or [{}]
        self.adult_count = QSpinBox(self)
        self.adult_count.setRange(1, 2)
        self.adult_count.setValue(len(adults))
        count_form = QFormLayout()
        count_form.addRow(self.tr("Adults in the home"), self.adult_count)
        self.body_layout.addLayout(count_form)
        self.adult_boxes = [
            _AdultBox(n + 1, adults[n] if n < len(adults) else {}, self) for n in range(2)
        ]
        for box in self.adult_boxes:
            self.body_layout.addWidget(box)
        self.adult_count.valueChanged.connect(self._show_adults)
        self._build_children(start.get("children"))
        self._build_housing(start.get("housing") or {})
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.hide()
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._show_adults()
        self.resize(560, 640)

    def _build_children(self, children: list[dict[str, Any]] | None) -> None:
        box = QGroupBox(self.tr("Children living in the home"), self)
        form = QFormLayout(box)
        self.child_count = QSpinBox(box)
        self.child_count.setRange(-1, MAX_CHILDREN)
        self.child_count.setSpecialValueText(self.tr("Not answered"))
        self.child_count.setValue(-1 if children is None else len(children))
        form.addRow(self.tr("Number of children"), self.child_count)
        self.child_births: list[QLineEdit] = []
        for n in range(MAX_CHILDREN):
            known = children[n].get("birth_date") if children and n < len(children) else None
            edit = QLineEdit(_text(known), box)
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
            self.child_births.append(edit)
            form.addRow(self.tr("Child %1: birth date").replace("%1", str(n + 1)), edit)
        self.child_form = form
        self.child_count.valueChanged.connect(self._show_children)
        self.body_layout.addWidget(box)
        self._show_children()

    def _build_housing(self, housing: dict[str, Any]) -> None:
        box = QGroupBox(self.tr("Housing"), self)
        form = QFormLayout(box)
        self.housing_status = _combo(
            box,
            [
                (self.tr("Not answered"), None),
                (self.tr("Tenant"), "tenant"),
                (self.tr("Tenant of social housing (HLM)"), "social_tenant"),
                (self.tr("Tenant of a furnished home"), "furnished_tenant"),
                (self.tr("Owner"), "owner"),
                (self.tr("Hosted free of charge"), "hosted"),
            ],
            housing.get("status"),
        )
        form.addRow(self.tr("You are"), self.housing_status)
        self.rent = QLineEdit(_text(housing.get("rent")), box)
        self.rent.setPlaceholderText(self.tr("without charges"))
        form.addRow(self.tr("Rent per month (€)"), self.rent)
        self.postcode = QLineEdit(_text(housing.get("postcode")), box)
        form.addRow(self.tr("Postcode"), self.postcode)
        self.commune = QLineEdit(_text(housing.get("commune")), box)
        self.commune.setPlaceholderText(
            self.tr("found from the postcode in Lyon, Nantes, La Rochelle")
        )
        form.addRow(self.tr("INSEE commune code"), self.commune)
        self.body_layout.addWidget(box)

    def _show_adults(self) -> None:
        for number, box in enumerate(self.adult_boxes):
            box.setVisible(number < self.adult_count.value())

    def _show_children(self) -> None:
        count = self.child_count.value()
        for number, edit in enumerate(self.child_births):
            self.child_form.setRowVisible(edit, number < count)

    def answers(self) -> dict[str, Any]:
        count = self.child_count.value()
        return {
            "adults": [box.answers() for box in self.adult_boxes[: self.adult_count.value()]],
            "children": None
            if count < 0
            else [{"birth_date": _value(e)} for e in self.child_births[:count]],
            "housing": {
                "status": self.housing_status.currentData(),
                "rent": _value(self.rent),
                "postcode": _value(self.postcode),
                "commune": _value(self.commune),
            },
        }

    def _check_and_accept(self) -> None:
        try:
            self.household = from_json(self.answers())
        except InvalidInput as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()
