"""Boxes drawn around passages of a laid-out QTextDocument: the dotted box and margin bracket
of a changed quotation, and the frame of a note's passage.

Qt's rich text draws no borders around inline text, so the window and the PDF export paint
them over the text, from the lines the document's own layout made (one rectangle per line a
passage covers). The print HTML names what each span is through its title (Qt keeps it as the
fragment's tool-tip), which `boxes_from_titles` reads back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextDocument, QTextLine

from reader.export.html_flavour import NOTE_TITLE, QUOTE_TITLE, TITLE_SEPARATOR


@dataclass(frozen=True)
class Box:
    start: int  # document positions, end exclusive
    end: int
    color: QColor
    dotted: bool  # a changed quotation; solid: a note's passage
    bracket: bool  # a bracket in the cell's left padding beside the passage's lines


def line_rects(doc: QTextDocument, start: int, end: int) -> list[QRectF]:
    """One rectangle per laid-out line the range covers, in document coordinates."""
    layout = doc.documentLayout()
    out: list[QRectF] = []
    block = doc.findBlock(start)
    while block.isValid() and block.position() < end:
        text_layout = block.layout()
        origin = layout.blockBoundingRect(block).topLeft()  # lays the block out if needed
        base = block.position()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            a = max(start, base + line.textStart())
            b = min(end, base + line.textStart() + line.textLength())
            if a >= b:
                continue
            x1, x2 = _x_of(line, a - base), _x_of(line, b - base)
            out.append(QRectF(origin.x() + min(x1, x2), origin.y() + line.y(), abs(x2 - x1),
                              line.height()))
        block = block.next()
    return out


def _x_of(line: QTextLine, position: int) -> float:
    """Where a cursor at `position` in the block stands on the line (PySide returns the
    x with the position Qt may have moved)."""
    found: object = line.cursorToX(position)
    x = found[0] if isinstance(found, tuple) else found
    assert isinstance(x, float | int)
    return float(x)


def paint_boxes(painter: QPainter, doc: QTextDocument, boxes: Iterable[Box],
                visible: QRectF | None = None, width: float = 1.0) -> None:
    """Draw each box (in document coordinates: translate the painter as for drawContents)."""
    for box in boxes:
        rects = line_rects(doc, box.start, box.end)
        if not rects:
            continue
        if visible is not None and not any(r.intersects(visible) for r in rects):
            continue
        pen = QPen(box.color, width, Qt.PenStyle.DotLine if box.dotted else Qt.PenStyle.SolidLine)
        painter.save()
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for r in rects:
            painter.drawRect(r.adjusted(-width, 0, width, -width))
        if box.bracket:
            _bracket(painter, doc, box, rects, width)
        painter.restore()


def _bracket(painter: QPainter, doc: QTextDocument, box: Box, rects: list[QRectF],
             width: float) -> None:
    """A "[" in the cell's left padding from the passage's first line to its last."""
    left = doc.documentLayout().blockBoundingRect(doc.findBlock(box.start)).left()
    x = left - 3 * width
    top, bottom = rects[0].top() + width, rects[-1].bottom() - width
    painter.setPen(QPen(box.color, 1.6 * width, Qt.PenStyle.SolidLine))
    painter.drawLine(QPointF(x, top), QPointF(x, bottom))
    painter.drawLine(QPointF(x, top), QPointF(x + 2 * width, top))
    painter.drawLine(QPointF(x, bottom), QPointF(x + 2 * width, bottom))


def boxes_from_titles(doc: QTextDocument, style: Callable[[str], Box | None]) -> list[Box]:
    """Boxes over the runs of text whose title (tool-tip) `style` turns into a box; its
    start and end are replaced by the run's. A title may name several things (a quotation in
    a note's passage), each a run of its own; neighbouring fragments naming one thing are one
    run."""
    runs: list[tuple[int, int, str]] = []
    open_runs: dict[str, int] = {}  # what a title names -> index of its latest run
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            a, b = fragment.position(), fragment.position() + fragment.length()
            for part in filter(None, fragment.charFormat().toolTip().split(TITLE_SEPARATOR)):
                at = open_runs.get(part)
                if at is not None and runs[at][1] >= a - 1:
                    runs[at] = (runs[at][0], b, part)
                else:
                    open_runs[part] = len(runs)
                    runs.append((a, b, part))
        block = block.next()
    out: list[Box] = []
    for a, b, title in runs:
        box = style(title)
        if box is not None:
            out.append(Box(a, b, box.color, box.dotted, box.bracket))
    return out


QUOTE_BOX_COLOR = QColor("#6a34b5")  # the quotation purple of the exports


def title_box(title: str) -> Box | None:
    """The box the print HTML asks for with a span's title (see html_flavour)."""
    if title.startswith(QUOTE_TITLE):
        return Box(0, 0, QUOTE_BOX_COLOR, dotted=True, bracket=True)
    if title.startswith(NOTE_TITLE):
        color = QColor(title.rsplit(" ", 1)[-1])
        if color.isValid():
            return Box(0, 0, color, dotted=False, bracket=False)
    return None
