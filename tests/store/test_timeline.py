"""A story's timeline and notes carried between its versions, through the real library."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from reader.store import add_article, add_note, anchor_for_passage, get_article, writing
from reader.store.models import ComparisonCache
from reader.store.timeline import (
    notes_in_version,
    story_timeline,
    story_timeline_briefly_locked,
    versions_in_order,
)
from tests.compare.chain import CHAIN
from tests.store.conftest import make_article


@pytest.fixture
def chain(sessions: sessionmaker[Session]) -> tuple[int, list[int]]:
    """The six versions of the council story, dated one day apart, imported out of order."""
    ids: dict[int, int] = {}
    story_id = None
    with sessions.begin() as s:
        for n in (3, 0, 5, 1, 4, 2):
            article = make_article(CHAIN[n], f"Council budget v{n}", source=f"v{n}.txt",
                                   published=date(2026, 3, 1 + n))
            outcome = add_article(s, article, story_id=story_id)
            story_id = outcome.story_id
            assert outcome.article_id is not None
            ids[n] = outcome.article_id
    assert story_id is not None
    return story_id, [ids[n] for n in range(6)]


def _note_on(sessions: sessionmaker[Session], story_id: int, article_id: int,
             passage: str, body: str) -> int:
    with writing(sessions) as s:
        text = get_article(s, article_id).text
        start = text.index(passage)
        note = add_note(s, story_id, body, article_id=article_id,
                        anchor=anchor_for_passage(text, start, start + len(passage)))
        return note.id


def test_versions_come_in_publication_order_not_import_order(
        sessions: sessionmaker[Session], chain: tuple[int, list[int]]) -> None:
    story_id, ids = chain
    with sessions.begin() as s:
        assert [v.id for v in versions_in_order(s, story_id)] == ids


def test_the_timeline_counts_each_step_against_the_one_before(
        sessions: sessionmaker[Session], chain: tuple[int, list[int]]) -> None:
    story_id, ids = chain
    with sessions.begin() as s:
        steps = story_timeline(s, story_id)
    assert [step.version.id for step in steps] == ids
    assert steps[0].since_previous is None
    counts = [(st.rows.added, st.rows.removed, st.rows.edited, st.rows.moved)
              for st in (step.since_previous for step in steps[1:]) if st is not None]
    assert counts == [(1, 0, 0, 0), (0, 0, 1, 0), (0, 1, 0, 0), (0, 0, 0, 1), (1, 0, 0, 0)]


def _poison_stats(s: Session, engine: str | None = None) -> None:
    for entry in s.scalars(select(ComparisonCache)):
        summary = json.loads(entry.stats)
        summary["stats"]["left_words"] = 99999
        entry.stats = json.dumps(summary)
        if engine is not None:
            entry.engine = engine


def test_the_timeline_is_cached_and_the_cache_is_reused(
        sessions: sessionmaker[Session], chain: tuple[int, list[int]]) -> None:
    story_id, _ = chain
    with sessions.begin() as s:
        story_timeline(s, story_id)
    with sessions.begin() as s:
        assert s.scalar(select(func.count()).select_from(ComparisonCache)) == 5
        _poison_stats(s)  # a second timeline must read these, not recompute
    with sessions.begin() as s:
        again = story_timeline(s, story_id)
    assert [step.since_previous.left_words for step in again[1:] if step.since_previous] == [
        99999] * 5


def test_a_cache_entry_from_another_engine_is_recomputed(
        sessions: sessionmaker[Session], chain: tuple[int, list[int]]) -> None:
    story_id, _ = chain
    with sessions.begin() as s:
        first = story_timeline(s, story_id)
    with sessions.begin() as s:
        _poison_stats(s, engine="an-older-engine")
    with sessions.begin() as s:
        assert story_timeline(s, story_id) == first


def test_notes_follow_their_passage_to_every_version(
        sessions: sessionmaker[Session], chain: tuple[int, list[int]]) -> None:
    story_id, ids = chain
    kept = _note_on(sessions, story_id, ids[0], "approved the harbour budget", "kept")
    reworded = _note_on(sessions, story_id, ids[0], "called the vote historic", "reworded")
    deleted = _note_on(sessions, story_id, ids[0], "Fishermen protested", "deleted")
    late = _note_on(sessions, story_id, ids[4], "seven to two", "written on v4")
    seen: dict[int, dict[int, tuple[str, str]]] = {}
    with sessions.begin() as s:
        for n, article_id in enumerate(ids):
            seen[n] = {c.note.id: (c.status, c.text)
                       for c in notes_in_version(s, story_id, article_id)}
    assert [seen[n][kept] for n in range(6)] == [("same", "approved the harbour budget")] * 6
    assert [seen[n][reworded][0] for n in range(6)] == ["same", "same"] + ["changed"] * 4
    assert seen[5][reworded] == ("changed", "called the vote a turning point")
    assert [seen[n][deleted][0] for n in range(6)] == [
        "same", "same", "same", "gone", "gone", "same"]  # restored in v5
    assert seen[3][deleted] == ("gone", "Fishermen protested")
    assert [seen[n][late][0] for n in range(6)] == ["gone"] + ["same"] * 5


def test_a_note_on_the_version_itself_is_not_carried(
        sessions: sessionmaker[Session], chain: tuple[int, list[int]]) -> None:
    story_id, ids = chain
    _note_on(sessions, story_id, ids[2], "a turning point", "here")
    with sessions.begin() as s:
        [here] = notes_in_version(s, story_id, ids[2])
        [there] = notes_in_version(s, story_id, ids[0])
    assert not here.carried and (here.status, here.text) == ("same", "a turning point")
    assert there.carried and (there.status, there.text) == ("changed", "historic")


def test_a_version_of_another_story_is_refused(
        sessions: sessionmaker[Session], chain: tuple[int, list[int]]) -> None:
    story_id, _ = chain
    with sessions.begin() as s:
        other = add_article(s, make_article("An unrelated orchestra story.", "Music",
                                            source="o.txt"), new_story=True)
        assert other.article_id is not None
        with pytest.raises(ValueError, match="is not a version of story"):
            notes_in_version(s, story_id, other.article_id)


def test_a_deleted_version_leaves_the_timeline(
        sessions: sessionmaker[Session], chain: tuple[int, list[int]]) -> None:
    from reader.store.manage import delete_version

    story_id, ids = chain
    with sessions.begin() as s:
        delete_version(s, ids[2])
    with sessions.begin() as s:
        assert [step.version.id for step in story_timeline(s, story_id)] == [
            ids[0], ids[1], ids[3], ids[4], ids[5]]
        assert [v.id for v in versions_in_order(s, story_id)] == [
            ids[0], ids[1], ids[3], ids[4], ids[5]]


def test_the_background_timeline_equals_the_timeline_and_fills_the_cache(
        sessions: sessionmaker[Session], chain: tuple[int, list[int]]) -> None:
    story_id, _ = chain
    briefly = story_timeline_briefly_locked(sessions, story_id)
    with sessions.begin() as s:
        assert s.scalar(select(func.count()).select_from(ComparisonCache)) == 5
        s.execute(delete(ComparisonCache))
    with sessions.begin() as s:
        assert story_timeline(s, story_id) == briefly
    with sessions.begin() as s:
        _poison_stats(s)  # now read from the cache, not recomputed
    again = story_timeline_briefly_locked(sessions, story_id)
    assert [step.since_previous.left_words for step in again[1:] if step.since_previous] == [
        99999] * 5


def test_the_background_timeline_holds_no_write_lock_while_comparing(
        sessions: sessionmaker[Session], chain: tuple[int, list[int]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A note saved while the steps are compared goes through at once."""
    import reader.store.timeline as timeline

    story_id, ids = chain
    saved: list[int] = []
    calls: list[int] = []
    real_compare = timeline.compare

    def compare_and_write(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 3:  # another connection writes after a few steps were compared
            saved.append(_note_on(sessions, story_id, ids[0], "Fishermen", "mid-way"))
        return real_compare(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(timeline, "compare", compare_and_write)
    steps = story_timeline_briefly_locked(sessions, story_id)
    assert saved and len(steps) == 6
