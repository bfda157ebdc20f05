"""The HTML export, parsed back: content, alignment, notes beside passages, self-containment."""

from __future__ import annotations

import re

import pytest

from reader.compare.model import row_text
from reader.export.html import render_html, render_print_html
from tests.export.fixtures import EXPORTED_AT, anchor_at, english_doc, note, single_row_doc
from tests.export.htmltree import Node, parse


@pytest.fixture(scope="module")
def page() -> Node:
    root, declarations = parse(render_html(english_doc(), EXPORTED_AT))
    assert declarations == ["DOCTYPE html"]
    return root


def _compare_rows(page: Node) -> list[Node]:
    table = page.find("table", "compare")
    return [tr for tr in table.find("tbody").find_all("tr") if "row" in tr.classes]


def _cell(tr: Node, side: str) -> Node:
    return [td for td in tr.find_all("td") if "side" in td.classes][0 if side == "left" else 1]


def test_every_row_is_one_table_row_with_both_sides_text(page: Node) -> None:
    cmp = english_doc().comparison
    rows = _compare_rows(page)
    assert len(rows) == len(cmp.rows)
    for tr, row in zip(rows, cmp.rows, strict=True):
        for side_name, side, ids in (("left", cmp.left, row.left), ("right", cmp.right, row.right)):
            cell = _cell(tr, side_name)
            if ids:
                text = re.sub(r"quote (altered|dropped|unquoted|added)|\d", "", cell.text())
                expected = re.sub(r"\d", "", row_text(side, ids))
                assert text == expected
            else:
                assert "empty" in cell.classes and cell.text() == ""


def test_deleted_and_inserted_words_are_marked(page: Node) -> None:
    mayor = page.by_id("row-2")
    assert [d.text() for d in _cell(mayor, "left").find_all("del")] == ["new", "Monday"]
    assert [i.text() for i in _cell(mayor, "right").find_all("ins")] == ["proudly", "Tuesday"]
    assert not _cell(mayor, "left").find_all("ins")
    assert not _cell(mayor, "right").find_all("del")
    assert "edited" in mayor.classes
    assert "edited" in mayor.find("td", "margin").text()


def test_row_kinds_have_text_badges_not_just_colour(page: Node) -> None:
    badges = {tr.attrs["id"]: {b.text() for b in tr.find_all("span", "badge")}
              for tr in _compare_rows(page)}
    assert "removed" in badges["row-4"]
    assert "added" in badges["row-7"]
    assert "moved" in badges["row-1"]
    assert badges["row-5"] == set()


def test_moved_row_and_its_old_place_link_both_ways(page: Node) -> None:
    moved = page.by_id("row-1")
    assert "moved" in moved.classes
    links = [a.attrs["href"] for a in moved.find_all("a", "moved-link")]
    assert links == ["#moved-from-1-left"]
    old_place = page.by_id("moved-from-1-left")
    assert {a.attrs["href"] for a in old_place.find_all("a")} == {"#row-1"}
    # The old place sits where the sentence stood in the left version: after its last row.
    order = [tr.attrs.get("id") for tr in page.find("table", "compare").find_all("tr")]
    assert order.index("moved-from-1-left") == order.index("row-6") + 1


def test_each_note_sits_in_its_passage_row_and_links_both_ways(page: Node) -> None:
    # Left version's notes first by place, then the right's.
    expected = {1: ("row-2", "on Monday"), 2: ("row-4", "one councillor said"),
                3: ("row-3", "It will serve us for decades"),
                4: ("row-7", "calling the jams “unavoidable.”")}
    for number, (row_id, passage) in expected.items():
        ref = page.by_id(f"noteref-{number}")
        assert ref.tag == "sup"
        assert ref.find("a").attrs["href"] == f"#note-{number}"
        entry = page.by_id(f"note-{number}")
        assert ref.ancestor("tr").attrs["id"] == row_id
        assert entry.ancestor("tr").attrs["id"] == row_id
        assert entry.find("a").attrs["href"] == f"#noteref-{number}"
        marks = [m for m in ref.ancestor("td").find_all("mark")
                 if f"Note {number}" in (m.attrs.get("title") or "")]
        # One highlight around the whole passage, even where changes and quotes cut it up.
        assert len(marks) == 1
        assert re.sub(r"quote (altered|added)", "", marks[0].text()) == passage


def test_note_shows_label_colour_and_times(page: Node) -> None:
    entry = page.by_id("note-1")
    assert "fact check" in entry.text()
    assert "Day of the opening differs between versions." in entry.text()
    assert "created 2026-11-20 09:15 UTC" in entry.text()
    swatch = entry.find("span", "swatch")
    assert "#e4572e" in (swatch.attrs.get("style") or "")


def test_whole_comparison_notes_come_before_the_table(page: Node) -> None:
    nodes = list(page.iter())
    whole = page.by_id("comparison-notes")
    assert "softens the criticism" in whole.text()
    assert nodes.index(whole) < nodes.index(page.by_id("comparison"))
    assert whole.find("br")  # the note's line break survives


def test_orphaned_note_is_listed_with_its_quoted_passage(page: Node) -> None:
    section = page.by_id("orphaned-notes")
    assert "Nobody attended the ceremony." in section.find("blockquote").text()
    assert "later deleted" in section.text()


def test_quotation_table_lists_every_status_with_both_wordings(page: Node) -> None:
    rows = page.find("table", "quotes").find("tbody").find_all("tr")
    statuses = [r.attrs["class"].split()[1] for r in rows]  # type: ignore[union-attr]
    assert statuses == ["altered", "dropped", "verbatim", "unquoted", "added"]
    altered = rows[0].text()
    assert "It will serve the city for a century," in altered
    assert "It will serve us for decades," in altered
    assert "58%" in altered
    assert rows[1].find_all("td")[4].text() == "—"


def test_altered_quotation_is_flagged_with_the_other_wording(page: Node) -> None:
    left = _cell(page.by_id("row-3"), "left")
    flag = left.find("a", "qflag")
    assert flag.attrs["href"] == "#quote-1"
    assert "quote altered" in flag.text()
    assert "It will serve us for decades," in (flag.attrs.get("title") or "")
    quoted = left.find("span", "quoted-flagged")
    assert "Right version" in (quoted.attrs.get("title") or "")


def test_page_is_self_contained_and_script_free(page: Node) -> None:
    tags = {n.tag for n in page.iter()}
    assert not tags & {"script", "iframe", "object", "embed", "img", "link"}
    ids = [n.attrs["id"] for n in page.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    for n in page.iter():
        assert "src" not in n.attrs
        assert not any(a.startswith("on") for a in n.attrs)
        href = n.attrs.get("href")
        if href is not None:
            assert href.startswith("#") and href[1:] in ids, href
    html_tag = page.find("html")
    assert html_tag.attrs["lang"] == "en"
    assert _cell(page.by_id("row-2"), "left").attrs.get("lang") == "en"
    style = page.find("style").text()
    assert "@media print" in style and "break-inside: avoid" in style
    assert "url(" not in style and "@import" not in style


def test_header_names_both_versions_and_the_export_time(page: Node) -> None:
    header = page.find("header").text()
    for fact in ("Bridge opens", "Bridge opens to traffic", "City Herald", "Daily Wire Rewrite",
                 "2025-02-13", "date unknown", "2026-11-22 03:00 UTC"):
        assert fact in header
    stats = page.by_id("statistics").text()
    assert "55 left, 49 right" in stats and "71%" in stats and "1 moved" in stats


ATTACKS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']


@pytest.mark.parametrize("attack", ATTACKS)
def test_article_and_note_text_is_inert(attack: str) -> None:
    left_sentence = f"The minister said {attack} yesterday."
    right_sentence = f"The minister wrote {attack} today."
    doc = single_row_doc(
        left_sentence, right_sentence,
        (note(1, None, f"Whole {attack}", label=attack, color='red;"><script>x</script>'),
         note(2, 11, f"Body {attack}", anchor=anchor_at(left_sentence, attack), label=attack),
         note(3, 12, attack, anchor=anchor_at(right_sentence, attack), orphaned=True)))
    for render in (render_html, render_print_html):
        markup = render(doc, EXPORTED_AT)
        root, _ = parse(markup)
        assert not root.find_all("script") and not root.find_all("img")
        assert all(not a.startswith("on") for n in root.iter() for a in n.attrs)
        assert "<script>" not in markup and "<img" not in markup
        text = root.find("body").text()
        assert text.count(attack) >= 5  # both sentences, the notes and labels, as plain text
        # The invalid colour never reaches a style attribute.
        assert all("script" not in (n.attrs.get("style") or "") for n in root.iter())


def test_print_variant_uses_only_qt_rich_text_tags() -> None:
    markup = render_print_html(english_doc(), EXPORTED_AT)
    root, _ = parse(markup)
    tags = {n.tag for n in root.iter()}
    assert not tags & {"del", "ins", "mark", "style"}
    assert {"s", "u", "table", "sup"} <= tags
    assert "Day of the opening differs between versions." in root.text()
