"""An annotated comparison of two versions of a story, ready for the window or an export.

`version_age` is re-exported here for the window's ordering of versions.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from reader.compare import compare
from reader.compare.model import CompareOptions
from reader.store.library import get_article, get_story, version_age
from reader.store.notes import list_notes
from reader.store.records import StoryComparison, VersionPair
from reader.store.timeline import carry_to_pair

DEFAULT_OPTIONS = CompareOptions()  # frozen, so one shared default is safe
__all__ = ["DEFAULT_OPTIONS", "compare_versions", "load_story_comparison", "version_age"]


def load_story_comparison(session: Session, story_id: int, left_id: int | None = None,
                          right_id: int | None = None,
                          options: CompareOptions = DEFAULT_OPTIONS) -> StoryComparison:
    """Compare two versions of a story (by default its oldest against its newest), with the
    story's notes: those on other versions are carried to these two where they survive."""
    pair = compare_versions(session, story_id, left_id, right_id, options)
    return pair.with_notes(tuple(list_notes(session, story_id)))


def compare_versions(session: Session, story_id: int, left_id: int | None = None,
                     right_id: int | None = None,
                     options: CompareOptions = DEFAULT_OPTIONS) -> VersionPair:
    """Compare two versions of a story (by default its oldest against its newest)."""
    story = get_story(session, story_id)
    if len(story.versions) < 2:
        raise ValueError(f"story {story_id} has {len(story.versions)} version(s); "
                         "a comparison needs two")
    ids = {version.id for version in story.versions}
    for chosen in (left_id, right_id):
        if chosen is not None and chosen not in ids:
            raise ValueError(f"article {chosen} is not a version of story {story_id}")
    by_age = sorted(story.versions, key=version_age)
    left = get_article(session, left_id if left_id is not None else by_age[0].id)
    right = get_article(session, right_id if right_id is not None else by_age[-1].id)
    comparison = compare(left.text, right.text, options,
                         left_title=left.title, right_title=right.title)
    carried = carry_to_pair(session, story_id, left.id, right.id, options) if len(ids) > 2 else ()
    return VersionPair(story=story, left=left, right=right, comparison=comparison,
                       carried=carried)
