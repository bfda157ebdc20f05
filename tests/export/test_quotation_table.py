"""The quotation table of the HTML and Markdown exports, on comparisons the real engine made:
each entry's verdict, speaker ("reattributed A → B"), wordings (reported speech said as such)
and the words cut and added, the same as the window's quotation list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reader.compare import compare
from reader.export.html import render_html
from reader.export.markdown import render_markdown
from reader.store.records import StoryComparison, StorySummary
from tests.export.fixtures import EXPORTED_AT, article, summary_of
from tests.export.htmltree import Node, parse

FIXTURES = Path(__file__).parent.parent / "compare" / "fixtures"
REATTRIBUTED = (
    "The bridge will close on Monday. \"We cannot risk a single life on a structure that is "
    "failing,\" Mayor Linda Ortiz said.\n",
    "The bridge will close on Monday. \"We cannot risk a single life on a structure that is "
    "failing,\" said council member Tom Hale.\n",
)


def _doc(left_text: str, right_text: str, language: str) -> StoryComparison:
    cmp = compare(left_text, right_text)
    left = article(31, cmp.left, outlet="First", published=date(2025, 2, 13), language=language)
    right = article(32, cmp.right, outlet="Second", published=None, language=language)
    story = StorySummary(4, "A story", (summary_of(left), summary_of(right)))
    return StoryComparison(story, left, right, cmp, ())


def seed_doc() -> StoryComparison:
    return _doc((FIXTURES / "seed_original_id.txt").read_text(encoding="utf-8"),
                (FIXTURES / "seed_rewrite_id.txt").read_text(encoding="utf-8"), "id")


def html_rows(doc: StoryComparison) -> list[list[Node]]:
    page, _ = parse(render_html(doc, EXPORTED_AT))
    table = page.find("table", "quotes")
    assert [th.text() for th in table.find("thead").find_all("th")] == [
        "#", "Verdict", "Speaker", "Left wording", "Right wording", "Similarity"]
    return [tr.find_all("td") for tr in table.find("tbody").find_all("tr")]


def md_rows(doc: StoryComparison) -> list[list[str]]:
    text = render_markdown(doc, EXPORTED_AT)
    section = text[text.index("## Quotations"):text.index("## Changes")]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    assert lines[0] == "| # | Verdict | Speaker | Left wording | Right wording | Similarity |"
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in lines[2:]]


def test_html_shows_verdict_speaker_and_the_words_cut_and_added() -> None:
    rows = html_rows(seed_doc())
    assert [(r[1].find("span", "badge").text(), r[2].text()) for r in rows] == [
        ("altered", "Mark Rutte"), ("unquoted", "Mark Rutte"), ("trimmed", "Mark Rutte"),
        ("dropped", "Mark Rutte"), ("verbatim", "Rustem Umerov"),
        ("verbatim", "Rustem Umerov"), ("altered", "Rustem Umerov")]
    altered = rows[0]
    assert "5 words cut: Yang jelas dan pembicaraan bersifat" in altered[3].text()
    assert "5 words added: serta negosiasi dapat bertahan lama" in altered[4].text()
    # A quotation the rewrite split in two: both parts, each in its own quotation marks.
    assert "“langgeng dan berkelanjutan.” … “Kami harus memastikan" in altered[4].text()
    unquoted = rows[1]
    assert unquoted[4].text().startswith("(reported speech) terus memberikan dukungan militer")
    assert "2 words cut: Kami harus" in unquoted[3].text()
    trimmed = rows[2]
    assert "4 words cut: antara Ukraina dan NATO" in trimmed[3].text()
    assert trimmed[4].text().startswith("“struktur bersama”")


def test_markdown_shows_verdict_speaker_and_the_words_cut_and_added() -> None:
    rows = md_rows(seed_doc())
    assert [(r[1], r[2]) for r in rows] == [
        ("altered", "Mark Rutte"), ("unquoted", "Mark Rutte"), ("trimmed", "Mark Rutte"),
        ("dropped", "Mark Rutte"), ("verbatim", "Rustem Umerov"),
        ("verbatim", "Rustem Umerov"), ("altered", "Rustem Umerov")]
    assert rows[2][3] == ("“struktur bersama antara Ukraina dan NATO” (row 4) — *4 words cut: "
                          "antara Ukraina dan NATO*")
    assert rows[2][4] == "“struktur bersama” (row 4)"
    assert rows[1][4] == "(reported speech) terus memberikan dukungan militer (row 3)"
    assert rows[0][4].endswith("— *5 words added: serta negosiasi dapat bertahan lama*")
    assert rows[3][4] == "—"


def test_a_changed_speaker_is_flagged_in_both_exports() -> None:
    doc = _doc(*REATTRIBUTED, "en")
    [row] = html_rows(doc)
    assert row[1].text().startswith("verbatim")
    assert row[2].text() == "reattributed Linda Ortiz → Tom Hale"
    assert row[2].find("span", "badge")  # flagged like a changed quotation
    [line] = md_rows(doc)
    assert line[1:3] == ["verbatim", "reattributed Linda Ortiz → Tom Hale"]
