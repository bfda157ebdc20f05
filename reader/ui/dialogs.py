"""Small dialogs: keyboard shortcuts, about, and the list of files an import could not read."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import reader
from reader.store.records import ImportOutcome


def _table(headers: Sequence[str], rows: Sequence[tuple[str, str]],
           parent: QWidget) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    return table


class _TableDialog(QDialog):
    def __init__(self, title: str, intro: str, headers: Sequence[str],
                 rows: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(intro, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.table = _table(headers, rows, self)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 420)


class ShortcutsDialog(_TableDialog):
    def __init__(self, shortcuts: Sequence[tuple[str, str]], parent: QWidget | None = None):
        super().__init__("Keyboard Shortcuts",
                         "Every command in the menus, and the keys that run it.",
                         ("Keys", "Command"), [(keys, what) for what, keys in shortcuts], parent)


class ImportFailuresDialog(_TableDialog):
    def __init__(self, failures: Sequence[ImportOutcome], parent: QWidget | None = None):
        n = len(failures)
        super().__init__("Some Files Were Not Imported",
                         f"{n} file{'s' if n != 1 else ''} could not be imported. "
                         "The rest of the import went ahead.",
                         ("File", "Reason"), [(f.source, f.reason) for f in failures], parent)


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent, "About Parallax Reader",
        f"<h3>Parallax Reader {reader.__version__}</h3>"
        "<p>Compare versions of a news story: reworded, moved, added and dropped sentences, "
        "altered quotations, notes anchored to passages, and exports to share.</p>"
        "<p>MIT licence.</p>")
