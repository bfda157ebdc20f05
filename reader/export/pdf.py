"""The PDF export: the print variant of the HTML laid out by Qt, A4, numbered "Page N of M".

The only module of reader.export that imports Qt. QTextDocument paginates the content; each
page is painted by hand so the footer can carry the page count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

from reader.export.atomic import write_atomic
from reader.export.boxes import boxes_from_titles, paint_boxes, title_box
from reader.export.html import GENERATOR, print_table_headers, render_print_html
from reader.store.records import StoryComparison

# Millimetres; generous enough for binding and for printers that cannot print to the edge.
MARGINS_MM = QMarginsF(15, 15, 15, 12)
RESOLUTION_DPI = 300
BODY_POINT_SIZE = 9.0
FOOTER_POINT_SIZE = 8.0

# Qt's rich text reads a small CSS subset; the print HTML carries its colours inline.
_QT_STYLE = """
a { color: #0b3c7a; text-decoration: none; }
th { text-align: left; background-color: #eeeeee; }
h1 { font-size: 16pt; }
h2 { font-size: 12pt; }
"""

# When this module had to create the application, it keeps it here for the life of the process
# (Qt needs exactly one, and dropping the Python reference would destroy it).
_owned_app: list[QGuiApplication] = []


def render_pdf(doc: StoryComparison, exported_at: datetime,
               path_or_buffer: Path | BinaryIO | None = None) -> bytes:
    """Render the annotated comparison as PDF and return its bytes.

    A Path is written atomically (ExportError on failure); a binary buffer gets the bytes.
    """
    _ensure_gui_application()
    data = _print(doc, render_print_html(doc, exported_at), print_table_headers(doc))
    if isinstance(path_or_buffer, Path):
        write_atomic(path_or_buffer, data)
    elif path_or_buffer is not None:
        path_or_buffer.write(data)
    return data


def _ensure_gui_application() -> None:
    app = QCoreApplication.instance()
    if app is None:
        # Only fonts and painting are needed, never a window: offscreen works with no display.
        _owned_app.append(QGuiApplication(["parallax-reader", "-platform", "offscreen"]))
    elif not isinstance(app, QGuiApplication):
        raise RuntimeError("PDF export needs a QGuiApplication, not a QCoreApplication")


def _print(doc: StoryComparison, markup: str, headers: dict[str, tuple[str, ...]]) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle(f"{doc.story.title} \u2014 comparison")
    writer.setCreator(GENERATOR)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, MARGINS_MM,
                                     QPageLayout.Unit.Millimeter))
    paint_pages(writer, RESOLUTION_DPI, markup, headers)
    buffer.close()
    return bytes(array.data())


def print_comparison(doc: StoryComparison, exported_at: datetime,
                     device: QPagedPaintDevice, resolution: int) -> int:
    """Paint the comparison onto a paged device (a printer the reader chose) laid out exactly
    as the PDF export; return the number of pages."""
    return paint_pages(device, resolution, render_print_html(doc, exported_at),
                       print_table_headers(doc))


def paint_pages(device: QPagedPaintDevice, resolution: int, markup: str,
                headers: dict[str, tuple[str, ...]]) -> int:
    """Lay the print HTML out in pages of the device's page layout and paint them, each with
    "Page N of M" at its foot; return the number of pages."""
    text = QTextDocument()
    text.setUndoRedoEnabled(False)  # a print document is never edited by a user
    layout: QAbstractTextDocumentLayout = text.documentLayout()
    layout.setPaintDevice(device)
    font = QFont("Noto Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(BODY_POINT_SIZE)
    text.setDefaultFont(font)
    text.setDefaultStyleSheet(_QT_STYLE)
    text.setHtml(markup)

    page_rect = device.pageLayout().paintRectPixels(resolution)
    footer_font = QFont(font)
    footer_font.setPointSizeF(FOOTER_POINT_SIZE)
    footer_height = round(FOOTER_POINT_SIZE / 72 * resolution * 2.2)
    body_height = page_rect.height() - footer_height
    text.setPageSize(QRectF(0, 0, page_rect.width(), body_height).size())
    _keep_rows_together(text, body_height, headers)
    pages = text.pageCount()
    boxes = boxes_from_titles(text, title_box)
    line = resolution / 96  # a pen one screen pixel wide

    painter = QPainter()
    if not painter.begin(device):
        raise RuntimeError("could not start painting the pages")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * body_height)
            clip = QRectF(0, page * body_height, page_rect.width(), body_height)
            text.drawContents(painter, clip)
            painter.setClipRect(clip)
            paint_boxes(painter, text, boxes, clip, line)
            painter.restore()
            painter.setFont(footer_font)
            painter.drawText(QRectF(0, body_height, page_rect.width(), footer_height),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                             f"Page {page + 1} of {pages}")
    finally:
        painter.end()
    return pages


# Rows taller than this share of a page are left to split: moving them would not help.
_MOVABLE_ROW_SHARE = 0.8
# Pagination is planned from one layout, applied, and checked against a fresh layout;
# a second round only fixes what the first one's estimates got wrong.
_ROUNDS = 3


@dataclass(eq=False)  # identity: rows are keys of a plan
class _KeptRow:
    """One print row (a one-row table), or the header table above a run of them."""

    table: QTextTable
    headers: tuple[str, ...]  # () for a header table: it never gets a header of its own
    header_height: float
    run_start: bool  # nothing kept comes right before it (it starts a table)
    has_header: bool = False
    breaks_before: bool = False


def _keep_rows_together(text: QTextDocument, page_height: float,
                        headers: dict[str, tuple[str, ...]]) -> None:
    """Move a row that would straddle a page break to the next page, and repeat the column
    headers above every row that starts a page.

    Each row of the print HTML is its own one-row table whose first cell starts with a link
    ("#row-3", "#quote-2") saying which headers belong to it; a header table comes right
    before the rows. Qt lays the whole document out again after every change, so changing
    rows one by one and measuring again is quadratic (minutes for a long story); instead the
    heights are read from one layout, the pages planned here, and all changes applied at once.
    """
    rows = _kept_rows(text, headers)
    for _ in range(_ROUNDS):
        text.pageCount()  # one full layout; every rectangle below comes from it
        plan = _plan(text, rows, page_height)
        if not plan:
            return
        # One edit block: Qt then relays out once for all the changes, not once per change.
        block = QTextCursor(text)
        block.beginEditBlock()
        for row, (breaks_before, has_header) in plan.items():
            _apply(row, breaks_before, has_header)
        block.endEditBlock()


def _kept_rows(text: QTextDocument, headers: dict[str, tuple[str, ...]]) -> list[_KeptRow]:
    layout = text.documentLayout()
    rows: list[_KeptRow] = []
    pending_header: QTextTable | None = None
    in_run = False
    for frame in text.rootFrame().childFrames():
        table = frame if isinstance(frame, QTextTable) else None
        kind = None
        if table is not None:
            kind = next((k for k in headers if _first_link(table).startswith(k)), None)
        if table is None or kind is None:
            in_run = False
            pending_header = table
            continue
        header_height = 0.0
        if pending_header is not None:
            header_height = layout.frameBoundingRect(pending_header).height()
            rows.append(_KeptRow(pending_header, (), 0.0, run_start=True))
            in_run = True
        elif rows:
            header_height = rows[-1].header_height
        rows.append(_KeptRow(table, headers[kind], header_height, run_start=not in_run))
        pending_header = None
        in_run = True
    return rows


def _plan(text: QTextDocument, rows: list[_KeptRow],
          page_height: float) -> dict[_KeptRow, tuple[bool, bool]]:
    """Which rows must break before them and carry a header, where that differs from now.

    Within a run each row is placed right after the previous one, on the next page when it
    would straddle, with a header when it starts a page; a header table moves with the first
    row under it. Content after a run moves by as much as the run grew (Qt paginates that
    content itself; the next round corrects small errors).
    """
    layout = text.documentLayout()
    page_top_margin = text.documentMargin()  # where Qt starts content on a new page
    changes: dict[_KeptRow, tuple[bool, bool]] = {}
    shift = 0.0
    position = 0.0  # planned bottom of the previous row
    for index, row in enumerate(rows):
        rect = layout.frameBoundingRect(row.table)
        body = rect.height() - (row.header_height if row.has_header else 0.0)
        adjacent = not row.run_start
        top = position if adjacent else rect.top() + shift
        page = int(top // page_height)
        breaks_before = row.breaks_before
        if breaks_before and adjacent and int((position - 1) // page_height) == page:
            page += 1
            top = page * page_height + page_top_margin
        starts_page = adjacent and int((position - 1) // page_height) < page
        with_header = starts_page and bool(row.headers)
        height = body + (row.header_height if with_header else 0.0)
        # A header table must not stay behind alone: it needs its first row on its page.
        needed = height
        if not row.headers and index + 1 < len(rows) and not rows[index + 1].run_start:
            following = rows[index + 1]
            needed += (layout.frameBoundingRect(following.table).height()
                       - (following.header_height if following.has_header else 0.0))
        if (not starts_page and int((top + needed - 1) // page_height) != page
                and needed < page_height * _MOVABLE_ROW_SHARE and top > page_top_margin):
            breaks_before = True
            page += 1
            top = page * page_height + page_top_margin
            with_header = bool(row.headers)
            height = body + (row.header_height if with_header else 0.0)
        if (breaks_before, with_header) != (row.breaks_before, row.has_header):
            changes[row] = (breaks_before, with_header)
        position = top + height
        shift = position - rect.bottom()  # how far content after this row moves
    return changes


def _apply(row: _KeptRow, breaks_before: bool, has_header: bool) -> None:
    if breaks_before != row.breaks_before:
        fmt = row.table.format()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore if breaks_before
                               else QTextFormat.PageBreakFlag.PageBreak_Auto)
        row.table.setFormat(fmt)
        row.breaks_before = breaks_before
    if has_header != row.has_header:
        if has_header:
            _insert_header_row(row.table, row.headers)
        else:
            row.table.removeRows(0, 1)
        row.has_header = has_header


def _first_link(table: QTextTable) -> str:
    cursor = table.cellAt(0, 0).firstCursorPosition()
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
    return cursor.charFormat().anchorHref()


def _insert_header_row(table: QTextTable, headers: tuple[str, ...]) -> None:
    table.insertRows(0, 1)
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    for column, label in enumerate(headers[:table.columns()]):
        cell = table.cellAt(0, column)
        cell_format = cell.format()
        cell_format.setBackground(QColor("#eeeeee"))
        cell.setFormat(cell_format)
        cell.firstCursorPosition().insertText(label, bold)
