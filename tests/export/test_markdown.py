"""The Markdown export: marks, notes as blockquotes under their row, escaped tables."""

from __future__ import annotations

import re

import pytest

from reader.export.markdown import md_escape, md_line, render_markdown
from tests.export.fixtures import EXPORTED_AT, anchor_at, english_doc, note, single_row_doc


@pytest.fixture(scope="module")
def text() -> str:
    return render_markdown(english_doc(), EXPORTED_AT)


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n#", start + len(heading))
    return text[start:] if end == -1 else text[start:end]


def _cells(line: str) -> list[str]:
    """Split a table line on pipes that are not escaped."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_title_metadata_and_statistics(text: str) -> None:
    assert text.startswith("# Bridge opens\n")
    assert "2026-11-22 03:00 UTC" in text
    assert "| Outlet | City Herald | Daily Wire Rewrite |" in text
    assert "- Rows: 2 equal, 3 edited, 1 added, 1 removed, 1 moved" in text


def test_changed_rows_show_both_sides_with_marks(text: str) -> None:
    row = _section(text, "### Row 2 · edited")
    assert "- **Left:** The mayor opened the ~~new~~ bridge on ~~Monday~~¹." in row
    assert "- **Right:** The mayor **proudly** opened the bridge on **Tuesday**." in row
    removed = _section(text, "### Row 4 · removed")
    assert "- **Right:** *(not in this version)*" in removed
    # Runs split by a quotation boundary still read as one mark.
    assert "~~“We were never consulted,”~~ *(quote unquoted)* ~~a resident complained.~~" in text
    assert "~~~~" not in text and "****" not in text


def test_moved_row_says_so(text: str) -> None:
    moved = _section(text, "### Row 1 · equal · moved")
    assert "Moved: in the left version, sentence 6 stood after row 6." in moved
    assert "- **Both:** Critics called it a waste of money." in moved


def test_unchanged_rows_without_notes_are_left_out(text: str) -> None:
    assert "### Row 5" not in text
    assert "1 unchanged row without notes not shown" in text


def test_notes_are_blockquotes_under_their_row(text: str) -> None:
    row = _section(text, "### Row 2 · edited")
    assert "> **Note 1** (left, on “on Monday”) · label: fact check" in row
    assert "> Day of the opening differs between versions." in row
    row3 = _section(text, "### Row 3 · edited")
    assert "> The quotation was shortened: check the recording." in row3


def test_whole_notes_first_and_orphaned_notes_last(text: str) -> None:
    whole = text.index("## Notes on the whole comparison")
    assert whole < text.index("## Quotations") < text.index("## Changes")
    assert "> Overall the rewrite keeps the facts\n> but softens the criticism." in text
    orphaned = _section(text, "## Orphaned notes")
    assert text.index("## Orphaned notes") > text.index("### Row 7")
    assert "on “Nobody attended the ceremony.”" in orphaned
    assert "> A sentence that was later deleted from the text." in orphaned


def test_quotation_table_has_six_cells_per_line(text: str) -> None:
    table = [line for line in _section(text, "## Quotations").splitlines()
             if line.startswith("|")]
    assert len(table) == 2 + 5
    assert all(len(_cells(line)) == 6 for line in table)
    assert [_cells(line)[1] for line in table[2:]] == ["altered", "dropped", "verbatim",
                                                       "unquoted", "added"]


def test_markdown_specials_in_text_are_escaped() -> None:
    left = "Rates rose | fell by *5%* in [Q1](http://x) # <b>really</b> ~~no~~."
    right = "Rates fell by _5%_ | in Q1."
    doc = single_row_doc(left, right, (
        note(1, 11, "- not a list\n# not a heading\n1. not a list either\n===",
             anchor=anchor_at(left, "rose | fell")),))
    out = render_markdown(doc, EXPORTED_AT)
    assert (r"- **Left:** ~~Rates rose \| fell~~¹ ~~by \*5%\* in \[Q1\](http://x) \# "
            r"\<b\>really\</b\> \~\~no\~\~.~~") in out
    assert r"- **Right:** **Rates fell by \_5%\_ \| in Q1.**" in out
    assert r"> \- not a list" in out
    assert r"> \# not a heading" in out
    assert r"> 1\. not a list either" in out
    assert r"> \===" in out
    for line in out.splitlines():
        if line.startswith("| Title"):
            assert len(_cells(line)) == 3


def test_escape_helpers() -> None:
    assert md_escape("a|b*c_d`e") == r"a\|b\*c\_d\`e"
    assert md_line("+ plus") == r"\+ plus"
    assert md_line("12) twelve") == r"12\) twelve"
    assert md_line("plain - text") == "plain - text"


def _commonmark(text: str) -> str:
    """Render with a CommonMark parser (plus GFM strikethrough and tables)."""
    import markdown_it  # a test dependency: the check must run, not skip

    md = markdown_it.MarkdownIt("commonmark").enable("strikethrough").enable("table")
    rendered: str = md.render(text)
    return rendered


def test_a_commonmark_parser_reads_every_mark() -> None:
    from tests.export.htmltree import parse
    from tests.export.test_real_engine import seed_doc

    for doc in (english_doc(), seed_doc()):
        root, _ = parse(_commonmark(render_markdown(doc, EXPORTED_AT)))
        text = root.text()
        assert "~~" not in text and "**" not in text  # no delimiter left unread
        assert root.find_all("table")
        struck = [n.text() for n in root.iter() if n.tag in ("s", "del")]
        assert struck and all(struck)


def test_punctuation_next_to_a_word_falls_back_to_html_marks() -> None:
    from reader.compare.model import Comparison, Row
    from tests.export.fixtures import make_doc, make_ops, make_side
    left = make_side("L", [["Sekjen Pakta Utara (NATO) berkata."]])
    right = make_side("R", [["Sekjen NATO, berkata."]])
    row = Row("edited", False, (0,), (0,), 0.6, make_ops([
        ("equal", "Sekjen ", "Sekjen "), ("delete", "Pakta Utara (", ""),
        ("equal", "NATO", "NATO"), ("replace", ")", ","), ("equal", " berkata.", " berkata.")]))
    doc = make_doc(Comparison(left, right, (row,), (), english_doc().comparison.stats))
    out = render_markdown(doc, EXPORTED_AT)
    assert "- **Left:** Sekjen <del>Pakta Utara (</del>NATO<del>)</del> berkata." in out
    assert "- **Right:** Sekjen NATO<ins>,</ins> berkata." in out
    from tests.export.htmltree import parse
    root, _ = parse(_commonmark(out))
    assert [d.text() for d in root.find_all("del")] == ["Pakta Utara (", ")"]
    assert [i.text() for i in root.find_all("ins")] == [","]
