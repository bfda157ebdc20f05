"""Who wrote each note, in every export: "— name" under the note, `creator` in the JSON."""

from __future__ import annotations

import io
import json
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from reader.export.annotations import render_json
from reader.export.html import render_html, render_print_html
from reader.export.markdown import md_escape, render_markdown
from reader.export.pdf import render_pdf
from reader.store import (
    add_note,
    close_library,
    import_paths,
    list_stories,
    open_library,
    writing,
)
from reader.store.comparisons import load_story_comparison
from reader.store.records import StoryComparison
from tests.export.fixtures import EXPORTED_AT, english_doc
from tests.export.htmltree import Node, parse
from tests.export.test_json import check_annotation

# Note id -> author: a whole-comparison note, an anchored one, an orphaned one; the others
# (3, 4, 6) have none, as notes written before authors were kept.
AUTHORS = {1: "Ana Putri", 2: "Budi <b>Santoso</b> *desk*", 5: "Ana Putri"}
BODY = {1: "softens the criticism.", 2: "Day of the opening differs between versions.",
        3: "The quotation was shortened: check the recording.",
        5: "A sentence that was later deleted from the text."}


@pytest.fixture(scope="module")
def doc() -> StoryComparison:
    base = english_doc()
    notes = tuple(replace(n, author=AUTHORS.get(n.id, "")) for n in base.notes)
    return replace(base, notes=notes)


def _note_blocks(root: Node) -> dict[int, Node]:
    """The element of each note of BODY, found by its words."""
    found = {}
    for node in root.iter():
        if "note" in node.classes:
            for note_id, body in BODY.items():
                if body in node.find("div", "note-body").text():
                    found[note_id] = node
    assert sorted(found) == sorted(BODY)
    return found


@pytest.mark.parametrize("render", [render_html, render_print_html])
def test_html_signs_each_note_by_its_author(
        doc: StoryComparison, render: Callable[[StoryComparison, datetime], str]) -> None:
    html = render(doc, EXPORTED_AT)
    root, _ = parse(html)
    for note_id, block in _note_blocks(root).items():
        signed = block.find_all("div", "note-author")
        if note_id in AUTHORS:
            assert [s.text() for s in signed] == [f"\u2014 {AUTHORS[note_id]}"]
        else:
            assert signed == []
    # The name is text, never markup.
    assert "Budi &lt;b&gt;Santoso&lt;/b&gt; *desk*" in html
    assert "<b>Santoso</b>" not in html


def test_markdown_signs_each_note_under_its_words(doc: StoryComparison) -> None:
    text = render_markdown(doc, EXPORTED_AT)
    lines = text.splitlines()
    for note_id, body in BODY.items():
        at = next(i for i, line in enumerate(lines) if line.startswith(">") and body in line)
        after = lines[at + 1:at + 3]
        if note_id in AUTHORS:  # Markdown's specials escaped: the name shows as typed
            assert after == [">", f"> \u2014 {md_escape(AUTHORS[note_id])}"]
        else:
            assert not any("\u2014" in line for line in after)
    assert text.count("\u2014 Ana Putri") == 2
    assert "<b>" not in text


def test_pdf_shows_the_authors(qapp: QApplication, doc: StoryComparison) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(doc, EXPORTED_AT)))
    text = " ".join(" ".join(unicodedata.normalize("NFKC", page.extract_text() or "").split())
                    for page in reader.pages)
    assert text.count("\u2014 Ana Putri") == 2
    assert "\u2014 Budi <b>Santoso" in text  # as text: the PDF reader spaces "</ b>"


def test_json_gives_each_authored_note_a_person_as_creator(doc: StoryComparison) -> None:
    data = json.loads(render_json(doc, EXPORTED_AT))
    creators = {}
    for item in data["first"]["items"]:
        check_annotation(item)
        note_id = int(item["id"].rsplit(":", 1)[-1])
        creators[note_id] = item.get("creator")
    assert creators == {1: {"type": "Person", "name": "Ana Putri"},
                        2: {"type": "Person", "name": "Budi <b>Santoso</b> *desk*"},
                        3: None, 4: None, 5: {"type": "Person", "name": "Ana Putri"}, 6: None}


def test_the_author_stored_with_a_note_reaches_the_exports(backend_url: str,
                                                          tmp_path: Path) -> None:
    """From the library (either engine) through the comparison the window exports."""
    folder = tmp_path / "files"
    folder.mkdir()
    first = folder / "1.txt"
    first.write_text("Harbour\n\nThe harbour barrier opened on Monday after ten years of "
                     "work.\n", encoding="utf-8")
    second = folder / "2.txt"
    second.write_text("Harbour\n\nThe harbour barrier opened on Tuesday after ten years of "
                      "work.\n", encoding="utf-8")
    sessions = open_library(backend_url)
    try:
        import_paths(sessions, [first, second])
        with writing(sessions) as s:
            [story] = list_stories(s)
            add_note(s, story.id, "Which day was it?", author="Citra Dewi")
            add_note(s, story.id, "Written before authors were kept.")
        with sessions() as s:
            doc = load_story_comparison(s, story.id)
    finally:
        close_library(sessions)
    markdown = render_markdown(doc, datetime(2026, 12, 2, tzinfo=UTC))
    assert markdown.count("\u2014 Citra Dewi") == 1
    assert "> Which day was it?\n>\n> \u2014 Citra Dewi" in markdown
    items = json.loads(render_json(doc, EXPORTED_AT))["first"]["items"]
    assert sorted(str(i.get("creator")) for i in items) == [
        "None", str({"type": "Person", "name": "Citra Dewi"})]
