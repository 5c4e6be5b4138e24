"""The share wizard's last step: exactly what would leave (the rows and a chart of them), a
confirmation that names the service, then Send, or Save to a file."""

from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.live_texts import LiveTexts
from ui.pages.sharing_host import SharingHost
from ui.pages.sharing_models import RowsModel, plot_rows
from wallet.sharing.shares import Preview
from wallet.sharing.states import ShareView


class PreviewStep(QWidget):
    """``steps`` is the wizard's stack this step stands in: Back goes to the slice before it,
    and a share ends on the first step."""

    def __init__(self, host: SharingHost, steps: QStackedWidget) -> None:
        super().__init__()
        self.host = host
        self.steps = steps
        self.texts = LiveTexts()
        self.preview: Preview | None = None
        self.last_share: ShareView | None = None
        self.rows_model = RowsModel()
        self.rows_view = QTableView()
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.texts.keep(
            self.rows_view.setAccessibleName, lambda: self.tr("Rows that would be shared")
        )
        self.figure = Figure(figsize=(5, 2))
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.axes = self.figure.add_subplot()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.confirm_box = QCheckBox()
        self.confirm_box.toggled.connect(self._confirm_toggled)
        self.send_button = self.texts.button(lambda: self.tr("Send"))
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(lambda: self.send())
        self.save_button = self.texts.button(lambda: self.tr("Save to a file instead…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._ask_target_file)
        back = self.texts.button(lambda: self.tr("Back"))
        back.clicked.connect(lambda: self.steps.setCurrentIndex(1))
        buttons = QHBoxLayout()
        for button in (back, self.save_button, self.send_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.texts.label(lambda: self.tr("3. Exactly what would leave")))
        layout.addWidget(self.rows_view)
        layout.addWidget(self.canvas)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.confirm_box)
        layout.addLayout(buttons)

    def clear(self) -> None:
        self.preview = None
        self.rows_model.set_rows([], [])
        self.axes.clear()
        self.canvas.draw_idle()
        self.summary_label.clear()
        self.confirm_box.setChecked(False)

    def show_preview(self, result: Preview) -> None:
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
        self.confirm_box.setChecked(False)
        self.confirm_box.setText(
            self.tr("I agree to share these %1 rows with %2.")
            .replace("%1", str(result.rows))
            .replace("%2", name)
        )
        self.send_button.setText(self.tr("Send to %1").replace("%1", name))
        self._confirm_toggled(False)

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
            sharing = self.host.sharing()
            current = preview
            if (to_file is not None) != (preview.destination == "file"):
                current = sharing.preview(preview.descriptor, preview.slice, to_file=bool(to_file))
            return sharing.share(current, confirm=service_id, to_file=to_file)

        self.confirm_box.setChecked(False)
        self.host.session.tasks.run(work, on_done=self._shared, on_error=self.host.show_error)

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
            self.host.say(
                self.tr("Not shared: %1 Nothing was sent twice; try again later.").replace(
                    "%1", view.reason
                )
            )
        else:
            self.host.say(
                self.tr("Shared with %1: %2.")
                .replace("%1", view.service_name)
                .replace("%2", view.state)
            )
        self.preview = None
        self.rows_model.set_rows([], [])
        self.steps.setCurrentIndex(0)
        self.host.refresh()
