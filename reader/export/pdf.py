"""The PDF export: the print variant of the HTML laid out by Qt, A4, numbered "Page N of M".

The only module of reader.export that imports Qt. QTextDocument paginates the content; each
page is painted by hand so the footer can carry the page count.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
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

    text = QTextDocument()
    layout: QAbstractTextDocumentLayout = text.documentLayout()
    layout.setPaintDevice(writer)
    font = QFont("Noto Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(BODY_POINT_SIZE)
    text.setDefaultFont(font)
    text.setDefaultStyleSheet(_QT_STYLE)
    text.setHtml(markup)

    page_rect = writer.pageLayout().paintRectPixels(RESOLUTION_DPI)
    footer_font = QFont(font)
    footer_font.setPointSizeF(FOOTER_POINT_SIZE)
    footer_height = round(FOOTER_POINT_SIZE / 72 * RESOLUTION_DPI * 2.2)
    body_height = page_rect.height() - footer_height
    text.setPageSize(QRectF(0, 0, page_rect.width(), body_height).size())
    _keep_rows_together(text, body_height, headers)
    pages = text.pageCount()

    painter = QPainter()
    if not painter.begin(writer):
        raise RuntimeError("could not start painting the PDF")
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * body_height)
            clip = QRectF(0, page * body_height, page_rect.width(), body_height)
            text.drawContents(painter, clip)
            painter.restore()
            painter.setFont(footer_font)
            painter.drawText(QRectF(0, body_height, page_rect.width(), footer_height),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                             f"Page {page + 1} of {pages}")
    finally:
        painter.end()
    buffer.close()
    return bytes(array.data())


def _keep_rows_together(text: QTextDocument, page_height: float,
                        headers: dict[str, tuple[str, ...]]) -> None:
    """Move a row that would straddle a page break to the next page, and repeat the column
    headers above any row that starts a page.

    Each row of the print HTML is its own one-row table whose first cell starts with a link
    ("#row-3", "#quote-2"); the link says which headers belong to it. Tables are handled top
    to bottom, so every position read is already final for the rows above.
    """
    layout = text.documentLayout()
    previous_bottom_page = -1
    for frame in text.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            previous_bottom_page = -1
            continue
        kind = next((k for k in headers if _first_link(frame).startswith(k)), None)
        if kind is None:
            previous_bottom_page = -1
            continue
        rect = layout.frameBoundingRect(frame)
        top_page = int(rect.top() // page_height)
        bottom_page = int((rect.bottom() - 1) // page_height)
        if top_page != bottom_page and rect.height() < page_height * 0.8:
            fmt = frame.format()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            frame.setFormat(fmt)
            top_page += 1
        if previous_bottom_page != -1 and top_page > previous_bottom_page:
            _insert_header_row(frame, headers[kind])
        rect = layout.frameBoundingRect(frame)
        previous_bottom_page = int((rect.bottom() - 1) // page_height)


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
