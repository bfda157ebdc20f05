"""Notes: adding (whole-comparison and anchored), editing, soft deletion, listing order."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from reader.store import (
    NoteConflict,
    NoteDeleted,
    NotFound,
    TextAnchor,
    add_article,
    add_note,
    anchor_for_passage,
    delete_note,
    find_quote,
    list_notes,
    restore_note,
    update_note,
    writing,
)
from reader.store.models import Article
from tests.store.conftest import FLOOD_ORIGINAL, FLOOD_REWRITE, ORCHESTRA, make_article


@pytest.fixture
def story(sessions: sessionmaker[Session]) -> tuple[int, int, int, int]:
    """(story id, original id, rewrite id, unrelated article id)"""
    with sessions.begin() as s:
        original = add_article(s, make_article(FLOOD_ORIGINAL, "Floods"))
        rewrite = add_article(s, make_article(FLOOD_REWRITE, "Swamped"),
                              story_id=original.story_id)
        other = add_article(s, make_article(ORCHESTRA, "Concert"), new_story=True)
    assert original.story_id and original.article_id and rewrite.article_id
    assert other.article_id
    return original.story_id, original.article_id, rewrite.article_id, other.article_id


def _anchor(text: str, passage: str) -> TextAnchor:
    start = text.index(passage)
    return anchor_for_passage(text, start, start + len(passage))


def test_add_whole_and_anchored_notes(sessions: sessionmaker[Session],
                                      story: tuple[int, int, int, int]) -> None:
    story_id, original, _, _ = story
    anchor = _anchor(FLOOD_ORIGINAL, "4,200 residents")
    with sessions.begin() as s:
        whole = add_note(s, story_id, "The rewrite adds no new facts.", label="summary")
        placed = add_note(s, story_id, "Number unchanged", article_id=original, anchor=anchor,
                          color="#ff8800")
    assert whole.article_id is None and whole.anchor is None and not whole.orphaned
    assert whole.label == "summary" and not whole.deleted
    assert placed.anchor == anchor and placed.resolved == anchor and not placed.orphaned
    assert placed.color == "#ff8800"
    assert placed.created == placed.updated and placed.created.tzinfo is not None


def test_add_note_validates(sessions: sessionmaker[Session],
                            story: tuple[int, int, int, int]) -> None:
    story_id, original, _, unrelated = story
    wrong_place = TextAnchor("4,200 residents", "", "", 0, 15)
    with sessions() as s:
        with pytest.raises(ValueError, match="not a version of story"):
            add_note(s, story_id, "x", article_id=unrelated)
        with pytest.raises(ValueError, match="anchored passage is not at 0:15"):
            add_note(s, story_id, "x", article_id=original, anchor=wrong_place)
        with pytest.raises(ValueError, match="needs the article"):
            add_note(s, story_id, "x", anchor=_anchor(FLOOD_ORIGINAL, "Kaligawe"))
        with pytest.raises(NotFound, match="no story with id 99"):
            add_note(s, 99, "x")
        with pytest.raises(NotFound, match="no article with id 99"):
            add_note(s, story_id, "x", article_id=99)


def test_find_quote_tolerates_whitespace(sessions: sessionmaker[Session],
                                         story: tuple[int, int, int, int]) -> None:
    _, original, _, _ = story
    with sessions() as s:
        anchor = find_quote(s, original, "4,200   residents\nwere evacuated")
        assert FLOOD_ORIGINAL[anchor.start:anchor.end] == "4,200 residents were evacuated"
        assert anchor.exact == "4,200 residents were evacuated"
        with pytest.raises(ValueError, match=f"passage not found in article {original}"):
            find_quote(s, original, "not in the text")
        with pytest.raises(ValueError, match="passage not found"):
            find_quote(s, original, "   ")
        with pytest.raises(NotFound):
            find_quote(s, 404, "x")


def test_update_delete_restore(sessions: sessionmaker[Session],
                               story: tuple[int, int, int, int]) -> None:
    story_id = story[0]
    with sessions.begin() as s:
        note = add_note(s, story_id, "first thought")
    time.sleep(0.01)
    with sessions.begin() as s:
        edited = update_note(s, note.id, body="second thought", label="check", color="#00ff00")
    assert (edited.body, edited.label, edited.color) == ("second thought", "check", "#00ff00")
    assert edited.updated > note.updated and edited.created == note.created
    with sessions.begin() as s:
        kept_label = update_note(s, note.id, body="third")
    assert kept_label.label == "check"
    with sessions.begin() as s:
        delete_note(s, note.id)
        delete_note(s, note.id)  # deleting twice is harmless
    with sessions() as s:
        assert list_notes(s, story_id) == []
        [deleted] = list_notes(s, story_id, include_deleted=True)
    assert deleted.deleted and deleted.body == "third"
    with sessions.begin() as s:
        restored = restore_note(s, note.id)
    assert not restored.deleted
    with sessions() as s:
        assert [n.id for n in list_notes(s, story_id)] == [note.id]
    with writing(sessions) as s:
        with pytest.raises(NotFound, match="no note with id 77"):
            update_note(s, 77, body="x")
        with pytest.raises(NotFound):
            delete_note(s, 77)
        with pytest.raises(NotFound):
            restore_note(s, 77)


def test_list_order_and_query(sessions: sessionmaker[Session],
                              story: tuple[int, int, int, int]) -> None:
    story_id, original, rewrite, _ = story
    with sessions.begin() as s:
        late = add_note(s, story_id, "On Sunday", article_id=original,
                        anchor=_anchor(FLOOD_ORIGINAL, "until Sunday"))
        on_rewrite = add_note(s, story_id, "Paraphrased", article_id=rewrite,
                              anchor=_anchor(FLOOD_REWRITE, "Semarang was swamped"))
        early = add_note(s, story_id, "Kaligawe spelling", article_id=original,
                         anchor=_anchor(FLOOD_ORIGINAL, "Kaligawe"))
        whole = add_note(s, story_id, "Overall: faithful rewrite", label="verdict")
        unplaced = add_note(s, story_id, "About the whole original", article_id=original)
    with sessions() as s:
        ordered = [n.id for n in list_notes(s, story_id)]
        assert ordered == [whole.id, unplaced.id, early.id, late.id, on_rewrite.id]
        assert [n.id for n in list_notes(s, story_id, query="verdict")] == [whole.id]
        assert [n.id for n in list_notes(s, story_id, query="SUNDAY")] == [late.id]
        assert [n.id for n in list_notes(s, story_id, query="swamped")] == [on_rewrite.id]
        assert list_notes(s, story_id, query="nothing like this") == []
        with pytest.raises(NotFound):
            list_notes(s, 4242)


def test_notes_follow_or_lose_their_passage_when_the_text_changes(
        sessions: sessionmaker[Session], story: tuple[int, int, int, int]) -> None:
    story_id, original, _, _ = story
    with sessions.begin() as s:
        moved = add_note(s, story_id, "governor", article_id=original,
                         anchor=_anchor(FLOOD_ORIGINAL, "Governor Ahmad Luthfi"))
        lost = add_note(s, story_id, "the quote", article_id=original,
                        anchor=_anchor(FLOOD_ORIGINAL, "We are moving families first"))
    new_text = ("Editor's note: updated on Friday.\n\n"
                + FLOOD_ORIGINAL.replace("We are moving families first", "Children go first"))
    with sessions.begin() as s:
        s.scalars(select(Article).where(Article.id == original)).one().text = new_text
    with sessions() as s:
        notes = {n.id: n for n in list_notes(s, story_id)}
    resolved = notes[moved.id].resolved
    assert resolved is not None and not notes[moved.id].orphaned
    assert new_text[resolved.start:resolved.end] == "Governor Ahmad Luthfi"
    assert resolved.start == FLOOD_ORIGINAL.index("Governor") + len(
        "Editor's note: updated on Friday.\n\n")
    assert notes[moved.id].anchor == moved.anchor  # the stored anchor is not rewritten
    assert notes[lost.id].orphaned and notes[lost.id].resolved is None
    assert notes[lost.id].anchor == lost.anchor  # kept as stored, never dropped


def test_a_note_keeps_its_author_and_counts_its_saves(
        sessions: sessionmaker[Session], story: tuple[int, int, int, int]) -> None:
    story_id = story[0]
    with sessions.begin() as s:
        note = add_note(s, story_id, "First thought", author="Dewi")
    assert (note.author, note.version) == ("Dewi", 1)
    with sessions.begin() as s:
        saved = update_note(s, note.id, body="Second thought", expected_version=1)
    assert (saved.body, saved.author, saved.version) == ("Second thought", "Dewi", 2)
    with sessions.begin() as s:
        [listed] = list_notes(s, story_id)
    assert (listed.author, listed.version, listed.body) == ("Dewi", 2, "Second thought")


def test_a_save_based_on_an_older_version_is_refused_with_the_other_text(
        sessions: sessionmaker[Session], story: tuple[int, int, int, int]) -> None:
    story_id = story[0]
    with sessions.begin() as s:
        note = add_note(s, story_id, "Draft", author="Dewi")
    # Two people opened version 1; Budi saves first.
    with sessions.begin() as s:
        update_note(s, note.id, body="Budi's wording", expected_version=note.version)
    with pytest.raises(NoteConflict) as conflict, sessions.begin() as s:
        update_note(s, note.id, body="Dewi's wording", expected_version=note.version)
    assert conflict.value.theirs.body == "Budi's wording"
    assert conflict.value.theirs.version == 2
    with sessions.begin() as s:
        [stored] = list_notes(s, story_id)
    assert stored.body == "Budi's wording"  # nothing overwritten
    # Keeping one's own text anyway is a save based on the version now stored.
    with sessions.begin() as s:
        kept = update_note(s, note.id, body="Dewi's wording",
                           expected_version=conflict.value.theirs.version)
    assert (kept.body, kept.version) == ("Dewi's wording", 3)


def test_a_save_of_a_note_deleted_meanwhile_is_refused_naming_who_deleted_it(
        sessions: sessionmaker[Session], story: tuple[int, int, int, int]) -> None:
    story_id = story[0]
    with writing(sessions) as s:
        note = add_note(s, story_id, "Draft", author="Dewi")
    with writing(sessions) as s:  # Budi deletes it while Dewi edits it
        delete_note(s, note.id, by="Budi")
    for expected in (note.version, None):  # with or without the version it was based on
        with pytest.raises(NoteDeleted) as refused, writing(sessions) as s:
            update_note(s, note.id, body="Dewi's wording", expected_version=expected)
        assert isinstance(refused.value, NoteConflict)
        theirs = refused.value.theirs
        assert (theirs.deleted, theirs.deleted_by, theirs.body) == (True, "Budi", "Draft")
        assert str(refused.value) == f"note {note.id} was deleted by Budi meanwhile"
    with sessions() as s:
        assert list_notes(s, story_id) == []
        [stored] = list_notes(s, story_id, include_deleted=True)
    assert (stored.body, stored.version, stored.deleted_by) == ("Draft", 1, "Budi")
    with writing(sessions) as s:  # restored: it saves again, and no longer names a deleter
        restored = restore_note(s, note.id)
        saved = update_note(s, note.id, body="Dewi's wording", expected_version=1)
    assert restored.deleted_by == "" and (saved.body, saved.version) == ("Dewi's wording", 2)
