"""Table models of the Imports page: import batches, records as they will be stored, and
rejected lines."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject

from importers.base import Record, Rejected
from ui import format as fmt
from ui.tablemodel import RowsModel
from wallet.batches import Batch
from wallet.import_summary import not_stored_text

UTC = ZoneInfo("UTC")


class BatchesModel(RowsModel[Batch]):
    ID, FILE, KIND, WHEN, ADDED, PRESENT, CORRECTED, FILLED, REJECTED, NOT_STORED, ROWS_NOW = range(
        11
    )
    columns = 11

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tz = UTC
        self.labels: dict[str, str] = {}  # importer name -> its label

    def header(self, column: int) -> str:
        return (
            self.tr("Batch"),
            self.tr("File"),
            self.tr("Kind of export"),
            self.tr("Imported"),
            self.tr("Added"),
            self.tr("Already present"),
            self.tr("Corrected"),
            self.tr("Filled"),
            self.tr("Rejected"),
            self.tr("Not stored"),
            self.tr("Rows now"),
        )[column]

    def display(self, row: Batch, column: int) -> str | None:
        if column == self.ID:
            return str(row.id)
        if column == self.FILE:
            return row.file_name
        if column == self.KIND:
            return self.labels.get(row.importer, row.importer)
        if column == self.WHEN:
            return fmt.iso_instant(row.imported_at, self.tz)
        return fmt.number(self._counts(row)[column])

    def tooltip(self, row: Batch, column: int) -> str | None:
        """What the rows not stored were (repeated, outside the period...), in the core's words."""
        if column != self.NOT_STORED or not row.not_stored:
            return None
        return "\n".join(not_stored_text(row.not_stored))

    def _counts(self, row: Batch) -> dict[int, int]:
        return {
            self.ADDED: row.added,
            self.PRESENT: row.present,
            self.CORRECTED: row.corrected,
            self.FILLED: row.filled,
            self.REJECTED: row.rejected,
            self.NOT_STORED: sum(row.not_stored.values()),
            self.ROWS_NOW: row.rows_now,
        }

    def sort_value(self, row: Batch, column: int) -> Any:
        values = (
            row.id,
            row.file_name.lower(),
            row.importer,
            row.imported_at,
        )
        return values[column] if column < len(values) else self._counts(row)[column]

    def is_number(self, column: int) -> bool:
        return column == self.ID or column >= self.ADDED


_TIME_FIELDS = {"start", "end", "started_at", "ended_at", "at"}
_MONEY_FIELDS = {"fare_cents", "amount_cents"}
_NUMBER_FIELDS = {"value", "lat", "lon", "distance_m"}


class RecordsModel(RowsModel[Record]):
    """Records as they will be stored: one column per field (the evidence apart)."""

    def __init__(self, parent: QObject | None = None, *, with_evidence: bool = False) -> None:
        super().__init__(parent)
        self.tz = UTC
        self.with_evidence = with_evidence
        self.fields: list[str] = []

    def set_rows(self, rows: Any) -> None:
        fields: list[str] = []
        for record in rows:
            for name in record._fields:
                if name not in fields and (name != "evidence" or self.with_evidence):
                    fields.append(name)
        self.beginResetModel()
        self.fields = fields
        self.columns = len(fields)
        self.rows = list(rows)
        self.endResetModel()

    def header(self, column: int) -> str:
        names = {
            "dataset": self.tr("Dataset"),
            "meter": self.tr("Meter"),
            "quantity": self.tr("Quantity"),
            "start": self.tr("Start"),
            "end": self.tr("End"),
            "value": self.tr("Value"),
            "unit": self.tr("Unit"),
            "quality": self.tr("Quality"),
            "card": self.tr("Card"),
            "started_at": self.tr("Started"),
            "ended_at": self.tr("Ended"),
            "mode": self.tr("Mode"),
            "line": self.tr("Line"),
            "origin": self.tr("From"),
            "destination": self.tr("To"),
            "fare_cents": self.tr("Fare"),
            "currency": self.tr("Currency"),
            "distance_m": self.tr("Distance (m)"),
            "note": self.tr("Note"),
            "at": self.tr("Time"),
            "kind": self.tr("Kind"),
            "amount_cents": self.tr("Amount"),
            "label": self.tr("Label"),
            "account": self.tr("Account"),
            "payer": self.tr("Payer"),
            "benefit": self.tr("Benefit"),
            "paid_on": self.tr("Paid on"),
            "period_start": self.tr("Period from"),
            "period_end": self.tr("Period to"),
            "evidence": self.tr("Found in the file"),
            "network": self.tr("Network"),
            "stop_id": self.tr("Stop"),
            "name": self.tr("Name"),
        }
        field = self.fields[column]
        return names.get(field, field)

    def _value(self, row: Record, column: int) -> Any:
        return getattr(row, self.fields[column], None)

    def display(self, row: Record, column: int) -> str | None:
        field, value = self.fields[column], self._value(row, column)
        if value is None:
            return ""
        if field in _TIME_FIELDS and isinstance(value, int):
            return fmt.instant(value, self.tz)
        if field in _MONEY_FIELDS:
            return fmt.money(value, getattr(row, "currency", "EUR"))
        if field in ("paid_on", "period_start", "period_end"):
            return fmt.iso_date(value)
        if field in _NUMBER_FIELDS and isinstance(value, int | float):
            return fmt.number(value, 3 if field in ("lat", "lon") else 2)
        return str(value)

    def sort_value(self, row: Record, column: int) -> Any:
        value = self._value(row, column)
        return "" if value is None else value

    def is_number(self, column: int) -> bool:
        return self.fields[column] in _MONEY_FIELDS | _NUMBER_FIELDS


class RejectedModel(RowsModel[Rejected]):
    LINE, REASON = range(2)
    columns = 2

    def header(self, column: int) -> str:
        return (self.tr("Line"), self.tr("Why it was not read"))[column]

    def display(self, row: Rejected, column: int) -> str | None:
        return fmt.number(row.line) if column == self.LINE else row.reason

    def sort_value(self, row: Rejected, column: int) -> Any:
        return row.line if column == self.LINE else row.reason

    def is_number(self, column: int) -> bool:
        return column == self.LINE
