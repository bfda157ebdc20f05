"""How a note reads in the list: passage in italics, orphans marked but shown, filtering."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtGui import QColor

from reader.store.records import NoteRecord, TextAnchor
from reader.ui.notes_model import NotesModel, note_html

WHEN = datetime(2025, 2, 13, 9, 30, tzinfo=UTC)


def note(note_id: int, body: str, *, exact: str | None = None, orphaned: bool = False,
         label: str = "") -> NoteRecord:
    anchor = TextAnchor(exact, "", "", 0, len(exact)) if exact is not None else None
    return NoteRecord(id=note_id, story_id=1, article_id=1 if anchor else None, body=body,
                      label=label, color="", anchor=anchor,
                      resolved=None if orphaned else anchor, orphaned=orphaned, created=WHEN,
                      updated=WHEN, deleted=False)


def test_an_orphaned_note_is_shown_and_marked() -> None:
    html = note_html(note(1, "Check this", exact="kata <Hendra>", orphaned=True),
                     QColor("gray"), QColor("red"))
    assert "<i>“kata &lt;Hendra&gt;”</i>" in html  # escaped, in italics
    assert "passage not found" in html and "Check this" in html
    whole = note_html(note(2, ""), QColor("gray"), QColor("red"))
    assert "On the whole comparison" in whole and "(empty note)" in whole
    assert "passage not found" not in whole


def test_filter_matches_body_label_and_passage_case_insensitively() -> None:
    model = NotesModel()
    model.set_notes([note(1, "Quote changed", exact="jembatan gantung"),
                     note(2, "Dateline wrong", label="Dates"),
                     note(3, "Nothing here")])
    for needle, expected in (("JEMBATAN", [1]), ("dates", [2]), ("quote", [1]), ("", [1, 2, 3])):
        model.set_filter(needle)
        shown = [model.note(model.index(r)) for r in range(model.rowCount())]
        assert [n.id for n in shown if n is not None] == expected, needle
    model.set_filter("")
    assert model.data(model.index(2)) == "Nothing here"
    model.remove(2)
    assert [n.id for n in model.notes()] == [1, 3]
