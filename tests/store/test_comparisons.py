"""An annotated comparison loaded from the library: which versions, which notes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from reader.compare.model import CompareOptions
from reader.store import (
    NotFound,
    add_article,
    add_note,
    anchor_for_passage,
    delete_note,
    load_story_comparison,
)
from tests.store.conftest import FLOOD_ORIGINAL, FLOOD_REWRITE, ORCHESTRA, make_article

UPDATE = FLOOD_REWRITE + "\nThe embankment was repaired by Saturday evening."


@pytest.fixture
def story(sessions: sessionmaker[Session]) -> dict[str, int]:
    with sessions.begin() as s:
        # Imported newest first: the order of import must not decide which is "oldest".
        update = add_article(s, make_article(UPDATE, "Update", published=date(2025, 2, 15)))
        original = add_article(s, make_article(FLOOD_ORIGINAL, "Original",
                                               published=date(2025, 2, 13)),
                               story_id=update.story_id)
        rewrite = add_article(s, make_article(FLOOD_REWRITE, "Rewrite",
                                              published=date(2025, 2, 14)),
                              story_id=update.story_id)
        lonely = add_article(s, make_article(ORCHESTRA, "Concert"), new_story=True)
    return {"story": update.story_id or 0, "update": update.article_id or 0,
            "original": original.article_id or 0, "rewrite": rewrite.article_id or 0,
            "lonely_story": lonely.story_id or 0, "lonely": lonely.article_id or 0}


def test_default_is_oldest_against_newest(sessions: sessionmaker[Session],
                                          story: dict[str, int]) -> None:
    with sessions() as s:
        doc = load_story_comparison(s, story["story"])
    assert (doc.left.id, doc.right.id) == (story["original"], story["update"])
    assert doc.comparison.left.text == FLOOD_ORIGINAL
    assert doc.comparison.right.text == UPDATE
    assert doc.comparison.left.title == "Original"
    assert doc.comparison.rows  # the engine ran on the stored texts
    assert len(doc.story.versions) == 3


def test_chosen_versions_and_their_notes(sessions: sessionmaker[Session],
                                         story: dict[str, int]) -> None:
    start = FLOOD_REWRITE.index("Meteorologists")
    with sessions.begin() as s:
        whole = add_note(s, story["story"], "overall")
        on_rewrite = add_note(s, story["story"], "forecast", article_id=story["rewrite"],
                              anchor=anchor_for_passage(FLOOD_REWRITE, start, start + 14))
        on_update = add_note(s, story["story"], "update only", article_id=story["update"])
        gone = add_note(s, story["story"], "deleted")
        delete_note(s, gone.id)
    with sessions() as s:
        doc = load_story_comparison(s, story["story"], story["rewrite"], story["original"],
                                    CompareOptions(ignore_case=False))
    assert (doc.left.id, doc.right.id) == (story["rewrite"], story["original"])
    # Every live note of the story comes along: one on another version is carried to these
    # two where it survives (this one has no passage to carry, so it is listed elsewhere).
    assert doc.notes[0].id == whole.id
    assert {n.id for n in doc.notes} == {whole.id, on_rewrite.id, on_update.id}
    assert doc.carried == ()


def test_refuses_what_cannot_be_compared(sessions: sessionmaker[Session],
                                         story: dict[str, int]) -> None:
    with sessions() as s:
        with pytest.raises(ValueError, match="needs two"):
            load_story_comparison(s, story["lonely_story"])
        with pytest.raises(ValueError, match=f"article {story['lonely']} is not a version"):
            load_story_comparison(s, story["story"], story["lonely"])
        with pytest.raises(ValueError, match="article 999 is not a version"):
            load_story_comparison(s, story["story"], None, 999)
        with pytest.raises(NotFound):
            load_story_comparison(s, 999)
