"""The story overview page (`reader export STORY --format html --all-versions`), parsed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from reader.export import ExportError, export_overview
from reader.export.overview import render_overview_html
from reader.ingest.model import ParsedArticle
from reader.store import add_article, add_note, anchor_for_passage, close_library, open_library
from reader.store.overview import load_story_overview
from reader.store.records import StoryOverview
from tests.compare.quote_chain import QUOTE_CHAIN_EN
from tests.export.htmltree import Node, parse

ATTACK = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def overview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoryOverview]:
    """The English quotation chain in a library, a version title and a note hostile."""
    folder = tmp_path_factory.mktemp("overview")
    sessions = open_library(f"sqlite:///{folder / 'lib.sqlite3'}")
    story_id = None
    with sessions.begin() as s:
        for n, text in enumerate(QUOTE_CHAIN_EN):
            title = f"Harbour budget {ATTACK}" if n == 2 else "Harbour budget"
            outcome = add_article(s, ParsedArticle(
                source_name=f"v{n}.txt", raw=text.encode(), text=text, title=title,
                outlet="Courier", url=None, published=date(2026, 3, 1 + n), section=None,
                language="en", content_hash=hashlib.sha256(text.encode()).hexdigest()),
                story_id=story_id, new_story=story_id is None)
            story_id = outcome.story_id
            if n == 0:
                first_id, first_text = outcome.article_id, text
        assert story_id is not None and first_id is not None
        start = first_text.index("council approved")
        add_note(s, story_id, f"Check the vote {ATTACK}", article_id=first_id,
                 anchor=anchor_for_passage(first_text, start, start + 16))
    with sessions.begin() as s:
        yield load_story_overview(s, story_id)
    close_library(sessions)


@pytest.fixture(scope="module")
def page(overview: StoryOverview) -> Node:
    root, declarations = parse(render_overview_html(overview, datetime(2026, 3, 9, tzinfo=UTC)))
    assert declarations == ["DOCTYPE html"]
    return root


def test_the_timeline_lists_every_version_with_its_changes(page: Node) -> None:
    rows = page.by_id("timeline").find("tbody").find_all("tr")
    assert [r.find("th").text() for r in rows] == [f"v{n}" for n in range(1, 7)]
    cells = [c.text() for c in rows[2].find_all("td")]
    assert cells[1:3] == ["2026-03-03", "Courier"]
    assert "1 edited, 1 added" in cells[5] and cells[6] == "1 altered, 1 added"
    assert rows[0].find_all("td")[5].text() == "first version"
    link = rows[3].find_all("td")[5].find("a")
    assert link.attrs["href"] == "#v4"
    assert page.by_id("v4").find("h2").text().startswith("v3 \u00b7 Courier")


def test_each_quotation_is_listed_in_every_version_with_its_verdict(page: Node) -> None:
    quotations = page.by_id("quotation-history").find_all("div", "quotation")
    assert len(quotations) == 4
    reyes = next(q for q in quotations if "We will not accept" in q.find("h3").text())
    rows = reyes.find("tbody").find_all("tr")
    verdicts = [r.find("td", "verdict").find("span", "badge").text() for r in rows]
    assert verdicts == ["first seen", "verbatim", "unquoted", "absent"]  # quiet runs as one
    assert [r.find("td", "version").text() for r in rows[1::2]] == [
        "v2\u2013v3 (2 versions)", "v5\u2013v6 (2 versions)"]
    assert rows[2].find("td", "wording").text() == (
        "as reported speech: \u2026will not accept a budget written without us\u2026")
    assert rows[3].classes == {"absent"}
    assert rows[3].find("td", "wording").text() == "not in this version"
    assert "quote" in rows[2].find("span", "badge").classes
    assert rows[2].find("td", "wording").attrs["lang"] == "en"  # read in the article's language
    assert "lang" not in rows[3].find("td", "wording").attrs  # flagged, not just coloured
    diaz = next(q for q in quotations if "rushed" in q.find("h3").text())
    assert diaz.find("td", "version").text().startswith("v3 \u00b7 Courier")


def test_each_step_is_drawn_as_the_one_pair_export_draws_it(page: Node) -> None:
    steps = page.find_all("section", "step")
    assert [s.attrs["id"] for s in steps] == [f"v{n}" for n in range(2, 7)]
    for step in steps:
        assert step.find("table", "compare").find_all("tr", "row")
        assert step.find("table", "quotes")
    v3 = page.by_id("v3")
    altered = v3.find("tr", "altered")
    assert "every working family" in altered.text()
    assert page.by_id("v3-quotations").find("h3").text() == "Quotations"


def test_every_id_is_unique_and_every_link_lands(page: Node) -> None:
    ids = [n.attrs["id"] for n in page.iter() if n.attrs.get("id")]
    assert len(ids) == len(set(ids))
    targets = {(n.attrs.get("href") or "")[1:] for n in page.find_all("a")
               if (n.attrs.get("href") or "").startswith("#")}
    assert targets and targets <= set(ids)


def test_the_page_is_self_contained_and_hostile_text_is_inert(
        overview: StoryOverview, page: Node) -> None:
    assert not {n.tag for n in page.iter()} & {"script", "iframe", "object", "embed", "img",
                                                "link"}
    markup = render_overview_html(overview, datetime(2026, 3, 9, tzinfo=UTC))
    assert "<script>" not in markup and "<img" not in markup
    assert any(ATTACK in n.text() for n in page.find_all("td"))  # the title, as text
    assert any(f"Check the vote {ATTACK}" in n.text() for n in page.find_all("div", "note-body"))


def test_the_page_is_written_atomically(overview: StoryOverview, tmp_path: Path) -> None:
    target = tmp_path / "overview.html"
    assert export_overview(overview, target) == target
    parse(target.read_text(encoding="utf-8"))
    with pytest.raises(ExportError):
        export_overview(overview, tmp_path / "missing" / "x.html")
    assert not (tmp_path / "missing").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
