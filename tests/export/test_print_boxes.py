"""Where the PDF draws its boxes (a note's passage, a changed quotation's dotted box and
bracket) and how wide its notes column is (issue 13, items 12 and 17)."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument

from reader.export.boxes import Box, boxes_from_titles, line_rects, title_box
from reader.export.html import render_html, render_print_html
from reader.export.html_style import PAGE_CSS
from reader.present import layout_of
from reader.present.quotes import is_flagged, quote_parts
from reader.store.records import StoryComparison
from tests.export.fixtures import EXPORTED_AT, english_doc
from tests.export.htmltree import parse

pytestmark = pytest.mark.usefixtures("qapp")


def print_document(doc: StoryComparison) -> QTextDocument:
    text = QTextDocument()
    text.setHtml(render_print_html(doc, EXPORTED_AT))
    text.setTextWidth(900)
    return text


def text_of(text: QTextDocument, box: Box) -> str:
    cursor = QTextCursor(text)
    cursor.setPosition(box.start)
    cursor.setPosition(box.end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", " ")


def test_each_notes_box_frames_exactly_its_passage() -> None:
    doc = english_doc()
    text = print_document(doc)
    boxes = [b for b in boxes_from_titles(text, title_box) if not b.dotted]
    passages = {n.passage for r in layout_of(doc).rows for n in r.notes}
    assert passages and {text_of(text, b) for b in boxes} >= passages
    colours = {b.color.name() for b in boxes}
    assert "#e4572e" in colours and "#17a398" in colours  # each note in its own colour
    for box in boxes:  # each rectangle sits on the line of the words it frames
        for rect in line_rects(text, box.start, box.end):
            at = text.documentLayout().hitTest(rect.center(), Qt.HitTestAccuracy.FuzzyHit)
            assert box.start <= at <= box.end


def test_changed_quotations_get_a_dotted_box_and_a_bracket_not_a_line() -> None:
    doc = english_doc()
    text = print_document(doc)
    quotes = [b for b in boxes_from_titles(text, title_box) if b.dotted]
    assert quotes and all(b.bracket for b in quotes)
    framed = " ".join(text_of(text, b) for b in quotes)
    for quote in doc.comparison.quotes:
        for side in ("left", "right"):
            for part in quote_parts(quote, side):
                assert (part.text[:20] in framed) == is_flagged(quote), part.text
    css = PAGE_CSS[PAGE_CSS.index(".quoted-flagged"):].split("}")[0]
    assert "dotted" in css and "underline" not in css and "overline" not in css


def test_no_notes_column_when_no_row_has_a_note() -> None:
    doc = english_doc()
    bare = dataclasses.replace(doc, notes=tuple(n for n in doc.notes if n.article_id is None))
    def comparison_headers(page: str) -> list[str]:
        headers = [th.text() for th in parse(page)[0].find_all("th")]
        return headers[headers.index("Row"):headers.index("#")]

    for render in (render_html, render_print_html):
        bare_page = render(bare, EXPORTED_AT)
        assert comparison_headers(bare_page)[-1].startswith("Right:")
        assert not parse(bare_page)[0].find_all("td", "notes-col")
        assert comparison_headers(render(doc, EXPORTED_AT))[-1] == "Notes"
