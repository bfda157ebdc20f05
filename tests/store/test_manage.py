"""Managing stories: rename, delete, merge, move and delete versions, and undoing each."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from reader.store import (
    NotFound,
    add_article,
    add_note,
    count_stories,
    delete_story,
    delete_version,
    find_quote,
    get_article,
    get_story,
    list_notes,
    list_stories,
    merge_stories,
    move_version,
    rename_story,
    restore_story,
    restore_version,
    undo_change,
)
from reader.store.records import ImportOutcome
from tests.store.conftest import FLOOD_ORIGINAL, FLOOD_REWRITE, ORCHESTRA, make_article


def _library(sessions: sessionmaker[Session]) -> tuple[ImportOutcome, ImportOutcome,
                                                       ImportOutcome]:
    """Two versions of the flood story (one anchored note, one whole-story note) and the
    orchestra story on its own."""
    with sessions.begin() as s:
        original = add_article(s, make_article(FLOOD_ORIGINAL, "Floods in Semarang"))
        rewrite = add_article(s, make_article(FLOOD_REWRITE, "Semarang swamped"))
        orchestra = add_article(s, make_article(ORCHESTRA, "Philharmonic summer"))
        assert original.story_id == rewrite.story_id != orchestra.story_id
        assert rewrite.article_id is not None and original.story_id is not None
        add_note(s, original.story_id, "check the number", article_id=rewrite.article_id,
                 anchor=find_quote(s, rewrite.article_id, "Some 4,200 residents"))
        add_note(s, original.story_id, "a paraphrase throughout")
    return original, rewrite, orchestra


def _titles(sessions: sessionmaker[Session]) -> list[tuple[str, int]]:
    with sessions() as s:
        return sorted((st.title, len(st.versions)) for st in list_stories(s))


def test_rename_story_and_undo(sessions: sessionmaker[Session]) -> None:
    original, _, _ = _library(sessions)
    assert original.story_id is not None
    with sessions.begin() as s:
        change = rename_story(s, original.story_id, "  Semarang   embankment collapse ")
    assert change.summary == "Renamed “Floods in Semarang” to “Semarang embankment collapse”"
    with sessions() as s:
        assert get_story(s, original.story_id).title == "Semarang embankment collapse"
        assert [st.id for st in list_stories(s, "embankment")] == [original.story_id]
    with sessions.begin() as s:
        with pytest.raises(ValueError, match="cannot be empty"):
            rename_story(s, original.story_id, "   ")
        assert undo_change(s, change) == original.story_id
    with sessions() as s:
        assert get_story(s, original.story_id).title == "Floods in Semarang"


def test_deleted_story_is_hidden_everywhere_until_undone(
        sessions: sessionmaker[Session]) -> None:
    original, rewrite, _ = _library(sessions)
    assert original.story_id is not None and rewrite.article_id is not None
    with sessions.begin() as s:
        change = delete_story(s, original.story_id)
    with sessions() as s:
        assert count_stories(s) == 1
        assert [st.title for st in list_stories(s)] == ["Philharmonic summer"]
        assert list_stories(s, "Semarang") == []
        with pytest.raises(NotFound):
            get_story(s, original.story_id)
        with pytest.raises(NotFound):
            get_article(s, rewrite.article_id)
        with pytest.raises(NotFound):
            list_notes(s, original.story_id)
    with sessions.begin() as s:
        assert undo_change(s, change) == original.story_id
    assert _titles(sessions) == [("Floods in Semarang", 2), ("Philharmonic summer", 1)]
    with sessions() as s:
        assert len(list_notes(s, original.story_id)) == 2


def test_restore_story_from_the_command_line_brings_its_versions(
        sessions: sessionmaker[Session]) -> None:
    original, _, _ = _library(sessions)
    assert original.story_id is not None
    with sessions.begin() as s:
        delete_story(s, original.story_id)
    with sessions.begin() as s:
        restore_story(s, original.story_id)
        with pytest.raises(ValueError, match="not deleted"):
            restore_story(s, original.story_id)
    assert _titles(sessions) == [("Floods in Semarang", 2), ("Philharmonic summer", 1)]


def test_merge_moves_versions_and_notes_and_undo_splits_them_again(
        sessions: sessionmaker[Session]) -> None:
    original, _, orchestra = _library(sessions)
    assert original.story_id is not None and orchestra.story_id is not None
    with sessions.begin() as s:
        change = merge_stories(s, original.story_id, orchestra.story_id)
        with pytest.raises(ValueError, match="into itself"):
            merge_stories(s, orchestra.story_id, orchestra.story_id)
    assert change.story_id == orchestra.story_id
    assert _titles(sessions) == [("Philharmonic summer", 3)]
    with sessions() as s:
        notes = list_notes(s, orchestra.story_id)
        assert sorted(n.body for n in notes) == ["a paraphrase throughout", "check the number"]
        assert all(not n.orphaned for n in notes)
    with sessions.begin() as s:
        assert undo_change(s, change) == original.story_id
    assert _titles(sessions) == [("Floods in Semarang", 2), ("Philharmonic summer", 1)]
    with sessions() as s:
        assert list_notes(s, orchestra.story_id) == []
        assert len(list_notes(s, original.story_id)) == 2


def test_move_version_takes_its_notes_to_a_new_story(sessions: sessionmaker[Session]) -> None:
    original, rewrite, _ = _library(sessions)
    assert original.story_id is not None and rewrite.article_id is not None
    with sessions.begin() as s:
        change = move_version(s, rewrite.article_id, new_story=True)
    assert change.created_story is not None and change.story_id == change.created_story
    assert _titles(sessions) == [("Floods in Semarang", 1), ("Philharmonic summer", 1),
                                 ("Semarang swamped", 1)]
    with sessions() as s:
        moved = list_notes(s, change.created_story)
        assert [n.body for n in moved] == ["check the number"]
        assert moved[0].resolved is not None and not moved[0].orphaned
        # The whole-comparison note stays with the story it was written on.
        assert [n.body for n in list_notes(s, original.story_id)] == ["a paraphrase throughout"]
    with sessions.begin() as s:
        undo_change(s, change)
    assert _titles(sessions) == [("Floods in Semarang", 2), ("Philharmonic summer", 1)]


def test_moving_the_last_version_away_deletes_the_empty_story(
        sessions: sessionmaker[Session]) -> None:
    original, _, orchestra = _library(sessions)
    assert orchestra.article_id is not None and original.story_id is not None
    with sessions.begin() as s:
        change = move_version(s, orchestra.article_id, to_story_id=original.story_id)
        with pytest.raises(ValueError, match="already in story"):
            move_version(s, orchestra.article_id, to_story_id=original.story_id)
        with pytest.raises(ValueError, match="either"):
            move_version(s, orchestra.article_id)
    assert change.deleted_stories == (orchestra.story_id,)
    assert _titles(sessions) == [("Floods in Semarang", 3)]
    with sessions.begin() as s:
        undo_change(s, change)
    assert _titles(sessions) == [("Floods in Semarang", 2), ("Philharmonic summer", 1)]


def test_deleted_version_and_its_notes_are_hidden_until_restored(
        sessions: sessionmaker[Session]) -> None:
    original, rewrite, _ = _library(sessions)
    assert original.story_id is not None and rewrite.article_id is not None
    with sessions.begin() as s:
        delete_version(s, rewrite.article_id)
    with sessions() as s:
        assert [v.id for v in get_story(s, original.story_id).versions] == [original.article_id]
        assert [n.body for n in list_notes(s, original.story_id)] == ["a paraphrase throughout"]
        # Its text no longer finds the story.
        assert list_stories(s, "swamped") == []
    with sessions.begin() as s:
        restore_version(s, rewrite.article_id)
    with sessions() as s:
        assert len(get_story(s, original.story_id).versions) == 2
        assert len(list_notes(s, original.story_id)) == 2


def test_reimporting_a_deleted_version_brings_it_back(sessions: sessionmaker[Session]) -> None:
    original, rewrite, _ = _library(sessions)
    with sessions.begin() as s:
        assert rewrite.article_id is not None
        delete_version(s, rewrite.article_id)
    with sessions.begin() as s:
        again = add_article(s, make_article(FLOOD_REWRITE, "Semarang swamped"))
    assert again.status == "imported"
    assert (again.article_id, again.story_id) == (rewrite.article_id, original.story_id)
    with sessions() as s:
        assert original.story_id is not None
        assert len(list_notes(s, original.story_id)) == 2


def test_a_version_without_a_title_takes_its_story_title(
        sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        add_article(s, make_article(FLOOD_ORIGINAL, "Floods in Semarang"))
        untitled = replace(make_article(FLOOD_REWRITE, "Semarang was swamped by floodwaters…"),
                           title_derived=True)
        outcome = add_article(s, untitled)
        assert outcome.article_id is not None
        assert get_article(s, outcome.article_id).title == "Floods in Semarang"


def test_missing_or_deleted_ids_are_not_found(sessions: sessionmaker[Session]) -> None:
    original, _, _ = _library(sessions)
    assert original.story_id is not None
    with sessions.begin() as s:
        delete_story(s, original.story_id)
    with sessions.begin() as s:
        for action in (lambda: rename_story(s, 99, "x"), lambda: delete_story(s, 99),
                       lambda: delete_story(s, original.story_id or 0),
                       lambda: delete_version(s, 99),
                       lambda: move_version(s, 99, new_story=True)):
            with pytest.raises(NotFound):
                action()


def test_a_0001_library_is_upgraded_by_the_real_migrations(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from reader.store import close_library, open_library
    from reader.store import engine as engine_module

    path = tmp_path / "old.sqlite3"
    config = Config()
    config.set_main_option("script_location", str(engine_module.MIGRATIONS_DIR))
    old = create_engine(f"sqlite:///{path}")
    with old.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("INSERT INTO stories (id, title, created) "
                          "VALUES (1, 'Floods in Semarang', '2026-11-22 10:00:00')"))
    old.dispose()

    sessions = open_library(f"sqlite:///{path}")
    try:
        with sessions.begin() as s:
            outcome = add_article(s, make_article(FLOOD_ORIGINAL, "Floods"), story_id=1)
            assert outcome.status == "imported"
            assert [st.title for st in list_stories(s, "Kaligawe")] == ["Floods in Semarang"]
            delete_story(s, 1)
            assert list_stories(s) == []
    finally:
        close_library(sessions)
    assert len(list(tmp_path.glob("old.sqlite3.backup-0001-*"))) == 1


def test_the_list_sorts_by_versions_left_after_deleting_moving_and_undoing(
        sessions: sessionmaker[Session]) -> None:
    # The list sorts on columns kept on each story (reader.store.story_stats): every action
    # that changes a story's versions keeps them, and searches skip deleted versions.
    original, rewrite, orchestra = _library(sessions)

    def by_versions() -> list[tuple[int, int]]:
        with sessions() as s:
            return [(st.id, len(st.versions)) for st in list_stories(s, sort="versions")]

    assert by_versions() == [(original.story_id, 2), (orchestra.story_id, 1)]
    with sessions.begin() as s:
        deleted = delete_version(s, rewrite.article_id or 0)
    assert by_versions() == [(orchestra.story_id, 1), (original.story_id, 1)]
    with sessions() as s:
        assert list_stories(s, "journalists") == []  # a word only the deleted version has
        assert count_stories(s, "journalists") == 0
    with sessions.begin() as s:
        undo_change(s, deleted)
        moved = move_version(s, rewrite.article_id or 0, to_story_id=orchestra.story_id)
    assert by_versions() == [(orchestra.story_id, 2), (original.story_id, 1)]
    with sessions() as s:
        assert [st.id for st in list_stories(s, "journalists")] == [orchestra.story_id]
    with sessions.begin() as s:
        undo_change(s, moved)
    assert by_versions() == [(original.story_id, 2), (orchestra.story_id, 1)]
