"""Thin table models and the preview chart for the Sharing page (no decisions here)."""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from wallet.sharing.states import ShareView

Index = QModelIndex | QPersistentModelIndex
MEASURES = ("energy_kwh", "volume_l", "trips", "amount_eur", "value", "amount", "fare", "fares")


class RowsModel(QAbstractTableModel):
    """The exact rows that would leave, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.header: list[str] = []
        self.rows: list[list[str]] = []

    def set_rows(self, header: list[str], rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.header, self.rows = list(header), list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.header)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        return self.rows[index.row()][index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and section < len(self.header):
            return self.header[section]
        return str(section + 1)


class SharesModel(QAbstractTableModel):
    """The ledger as the person reads it: when, with whom, what state."""

    def __init__(self, titles: list[str]) -> None:
        super().__init__()
        self.titles = titles
        self.shares: list[ShareView] = []

    def set_titles(self, titles: list[str]) -> None:
        self.titles = list(titles)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(titles) - 1)

    def set_shares(self, shares: list[ShareView]) -> None:
        self.beginResetModel()
        self.shares = list(shares)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.shares)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.titles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        view = self.shares[index.row()]
        return (view.created, view.service_name, view.state, str(view.rows))[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.titles[section]
        return None


def plot_rows(ax: Axes, header: list[str], rows: list[list[str]]) -> bool:
    """Bars of the slice's measure, one per row; False when there is nothing numeric to draw."""
    ax.clear()
    column = next((header.index(m) for m in MEASURES if m in header), None)
    if column is None or not rows:
        return False
    values = []
    for row in rows:
        try:
            values.append(float(row[column]))
        except ValueError:
            values.append(0.0)
    ax.bar(range(len(values)), values)
    ax.set_ylabel(header[column])
    if "period_start" in header:
        where = header.index("period_start")
        step = max(1, len(rows) // 6)
        ax.set_xticks(range(0, len(rows), step))
        ax.set_xticklabels([rows[i][where][:10] for i in range(0, len(rows), step)], fontsize=7)
    return True
