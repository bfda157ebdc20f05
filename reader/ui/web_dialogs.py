"""The two questions a web import asks: which pages, or which page's archived versions."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.web.urls import is_web_url

NOT_FETCHED = ("Only the page itself is fetched: never its images, scripts or styles, and "
               "nothing in it is run.")


def web_urls(text: str) -> tuple[list[str], list[str]]:
    """(web addresses, other lines) of what was typed or pasted, one address a line."""
    good: list[str] = []
    bad: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        (good if is_web_url(line) else bad).append(line)
    return good, bad



def _import_footer(dialog: QDialog, layout: QVBoxLayout, note_text: str
                   ) -> tuple[QDialogButtonBox, QPushButton]:
    """What both web dialogs end with: a quiet line on what is fetched, Import and Cancel."""
    note = QLabel(note_text, dialog)
    note.setWordWrap(True)
    note.setEnabled(False)
    layout.addWidget(note)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok_button.setText("Import")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return buttons, ok_button

class UrlImportDialog(QDialog):
    """Addresses to fetch, one a line; Import is enabled once every line is an http(s) URL."""

    def __init__(self, parent: QWidget | None = None, text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from URL")
        layout = QVBoxLayout(self)
        intro = QLabel("Addresses of the pages to import, one a line. Each page is fetched "
                       "now and read like an HTML file; a page already in the library becomes "
                       "a new version of its story when its text changed.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.urls_edit = QPlainTextEdit(self)
        self.urls_edit.setAccessibleName("Addresses")
        self.urls_edit.setPlaceholderText("https://news.example/2025/02/harbour-barrier")
        self.urls_edit.setPlainText(text)
        layout.addWidget(self.urls_edit)
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons, self.ok_button = _import_footer(self, layout, NOT_FETCHED)
        self.urls_edit.textChanged.connect(self._check)
        self._check()
        self.resize(560, 300)

    def urls(self) -> list[str]:
        return web_urls(self.urls_edit.toPlainText())[0]

    def _check(self) -> None:
        good, bad = web_urls(self.urls_edit.toPlainText())
        self.ok_button.setEnabled(bool(good) and not bad)
        self.problem.setText(f"Not a web address (http:// or https://): {bad[0]}" if bad else "")


@dataclass(frozen=True)
class HistoryRequest:
    url: str
    archive: str
    since: str | None  # YYYY-MM-DD
    until: str | None
    limit: int | None


class HistoryDialog(QDialog):
    """A page's address, an optional period and limit, and the archive to ask."""

    def __init__(self, archive: str, parent: QWidget | None = None, url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Archived Versions")
        layout = QVBoxLayout(self)
        intro = QLabel("Every distinct text of the page that the web archive captured becomes "
                       "a version of one story, dated by its capture time.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.url_edit = QLineEdit(url, self)
        self.url_edit.setPlaceholderText("https://news.example/2025/02/harbour-barrier")
        form.addRow("&Page address:", self.url_edit)
        self.since_check, self.since_edit = self._date_row(form, "&From:", QDate(2000, 1, 1))
        self.until_check, self.until_edit = self._date_row(form, "&To:", QDate.currentDate())
        self.limit_spin = QSpinBox(self)
        self.limit_spin.setRange(0, 10_000)
        self.limit_spin.setSpecialValueText("No limit")
        self.limit_spin.setValue(50)
        self.limit_spin.setSuffix(" captures")
        form.addRow("At &most:", self.limit_spin)
        self.archive_edit = QLineEdit(archive, self)
        self.archive_edit.setToolTip("Any archive serving the Wayback CDX API "
                                     "(the Wayback Machine, a national library's pywb)")
        form.addRow("&Archive:", self.archive_edit)
        layout.addLayout(form)
        self.buttons, self.ok_button = _import_footer(
            self, layout, "At most one request a second goes to the archive. " + NOT_FETCHED)
        for edit in (self.url_edit, self.archive_edit):
            edit.textChanged.connect(self._check)
        self._check()
        self.resize(520, 0)

    def _date_row(self, form: QFormLayout, label: str, day: QDate
                  ) -> tuple[QCheckBox, QDateEdit]:
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        check = QCheckBox(row)
        check.setAccessibleName(label.replace("&", "").rstrip(":") + " date enabled")
        edit = QDateEdit(day, row)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        check.toggled.connect(edit.setEnabled)
        box.addWidget(check)
        box.addWidget(edit, 1)
        form.addRow(label, row)
        return check, edit

    def request(self) -> HistoryRequest:
        def day(check: QCheckBox, edit: QDateEdit) -> str | None:
            return edit.date().toString(Qt.DateFormat.ISODate) if check.isChecked() else None

        limit = self.limit_spin.value()
        return HistoryRequest(url=self.url_edit.text().strip(),
                              archive=self.archive_edit.text().strip().rstrip("/"),
                              since=day(self.since_check, self.since_edit),
                              until=day(self.until_check, self.until_edit),
                              limit=limit or None)

    def _check(self) -> None:
        self.ok_button.setEnabled(is_web_url(self.url_edit.text())
                                  and is_web_url(self.archive_edit.text()))
