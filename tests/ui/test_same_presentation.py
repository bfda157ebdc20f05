"""The window and the HTML export draw one presentation: the same changes, note numbers and
flagged quotations come out of both for the same story."""

from __future__ import annotations

import re

import pytest
from pytestqt.qtbot import QtBot

from reader.export.html import render_html
from reader.present import Layout, NoteRef, Piece, layout_of
from reader.present.quotes import is_flagged
from reader.store.records import StoryComparison
from reader.ui.comparison_view import ComparisonView
from tests.export.fixtures import EXPORTED_AT, english_doc
from tests.export.htmltree import Node, parse
from tests.ui.reading import boxed_texts, cell_text, runs_where, wait_for_rows

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def words(texts: list[str]) -> str:
    """The marked characters, spaces aside: the HTML marks the words of a piece and leaves the
    spaces around them unmarked, the window marks the piece as it is."""
    return "".join("".join(texts).split())


def shown(qtbot: QtBot, doc: StoryComparison) -> tuple[Layout, ComparisonView]:
    """The comparison's layout, and a window view that shows it with every row in."""
    layout = layout_of(doc)
    view = ComparisonView()
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.show_comparison(doc.left, doc.right, layout)
    wait_for_rows(view, len(layout.rows))
    return layout, view


@pytest.fixture
def drawn(qtbot: QtBot) -> tuple[StoryComparison, Layout, ComparisonView, Node]:
    doc = english_doc()
    layout, view = shown(qtbot, doc)
    page, declarations = parse(render_html(doc, EXPORTED_AT))
    assert declarations == ["DOCTYPE html"]
    return doc, layout, view, page


def test_the_same_words_are_struck_through_and_underlined(
        drawn: tuple[StoryComparison, Layout, ComparisonView, Node]) -> None:
    _, layout, view, page = drawn
    for n, row in enumerate(layout.rows):
        tr = page.by_id(row.anchor)
        for side, tag, look in (("left", "del", "strike"), ("right", "ins", "underline")):
            if not row.cell(side).items:  # type: ignore[arg-type]
                continue
            td = next(td for td in tr.find_all("td") if side in td.classes)
            in_html = words([e.text() for e in td.find_all(tag)])
            marked = ((lambda f: f.fontStrikeOut()) if look == "strike"
                      else (lambda f: f.fontUnderline()))
            in_window = words(runs_where(view, n, side, marked))  # type: ignore[arg-type]
            in_layout = words([p.text for p in row.cell(side).pieces  # type: ignore[arg-type]
                               if p.change != "same"])
            assert in_window == in_html == in_layout, (row.number, side)


def test_the_same_note_numbers_sit_in_the_same_rows(
        drawn: tuple[StoryComparison, Layout, ComparisonView, Node]) -> None:
    doc, layout, view, page = drawn
    seen_window, seen_html, seen_layout = [], [], []
    for n, row in enumerate(layout.rows):
        for side in ("left", "right"):
            shown = cell_text(view, n, side)  # type: ignore[arg-type]
            seen_window += [(row.number, int(m)) for m in re.findall("✎([0-9]+)", shown)]
            seen_layout += [(row.number, i.note.number) for i in row.cell(side).items  # type: ignore[arg-type]
                            if isinstance(i, NoteRef)]
        tr = page.by_id(row.anchor)
        seen_html += [(row.number, int(s.text())) for s in tr.find_all("sup", "noteref")]
    assert seen_window == seen_html == seen_layout
    # Whole-comparison notes are listed, not numbered: the first number is 1 in both.
    assert any(n.article_id is None for n in doc.notes)
    assert sorted(number for _, number in seen_window)[0] == 1


def test_the_same_quotations_are_flagged(
        drawn: tuple[StoryComparison, Layout, ComparisonView, Node]) -> None:
    doc, layout, view, page = drawn
    flagged = {i for i, q in enumerate(doc.comparison.quotes) if is_flagged(q)}
    assert flagged and len(flagged) < len(doc.comparison.quotes)  # a verbatim one too
    in_html = {int(a.attrs["href"].removeprefix("#quote-")) - 1
               for a in page.find_all("a", "qflag")}
    tags = [line for row in layout.rows for line in row.margin if line.kind == "quote"]
    in_margin = sum(cell_text(view, n, "margin").count("❝") for n in range(len(layout.rows)))
    assert in_html == flagged and len(tags) == in_margin == len(flagged)
    # The flagged words: boxed in the window, marked in the page, the same on each row.
    for n, row in enumerate(layout.rows):
        tr = page.by_id(row.anchor)
        for side in ("left", "right"):
            window = words(boxed_texts(view, n, side))  # type: ignore[arg-type]
            td = [td for td in tr.find_all("td") if side in td.classes]
            html = words([s.text() for t in td for s in t.find_all("span", "quoted-flagged")])
            pieces = words([p.text for p in row.cell(side).pieces  # type: ignore[arg-type]
                            if isinstance(p, Piece) and p.quote is not None])
            assert window == html == pieces, (row.number, side)


def test_the_window_margin_says_how_alike_an_edited_row_is(qtbot: QtBot) -> None:
    from tests.export.test_source_and_likeness import punctuation_doc

    doc = punctuation_doc()
    _, view = shown(qtbot, doc)
    margin = cell_text(view, 0, "margin")
    assert "punctuation only" in margin and "100%" not in margin
