"""The numbers behind a chart, as a thin table model (shown one click away, exported to CSV)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from wallet.files import private_text_output
from wallet.queries import write_csv

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass
class ChartTable:
    """Column names (the CSV header), rows of plain values, and optional display titles."""

    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    titles: list[str] | None = None

    def write_csv(self, path: Path) -> int:
        """Write the raw values; text a spreadsheet would run as a formula is neutralised."""
        with private_text_output(path) as out:
            return write_csv(out, self.header, iter(self.rows))


class NumbersModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = ChartTable([])
        self._locale = QLocale()

    @property
    def table(self) -> ChartTable:
        return self._table

    def set_table(self, table: ChartTable) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def clear(self) -> None:
        self.set_table(ChartTable([]))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.header)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = self._table.titles or self._table.header
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return ""
            if isinstance(value, float):
                return self._locale.toString(value, "g", 10)
            if isinstance(value, int):
                return self._locale.toString(value)
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
