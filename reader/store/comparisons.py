"""An annotated comparison of two versions of a story, ready for the window or an export."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy.orm import Session

from reader.compare import compare
from reader.compare.model import CompareOptions
from reader.store.library import get_article, get_story
from reader.store.notes import notes_for_articles
from reader.store.records import ArticleSummary, StoryComparison, VersionPair

DEFAULT_OPTIONS = CompareOptions()  # frozen, so one shared default is safe


def load_story_comparison(session: Session, story_id: int, left_id: int | None = None,
                          right_id: int | None = None,
                          options: CompareOptions = DEFAULT_OPTIONS) -> StoryComparison:
    """Compare two versions of a story (by default its oldest against its newest), with the
    notes a comparison of them shows."""
    pair = compare_versions(session, story_id, left_id, right_id, options)
    notes = notes_for_articles(session, story_id, {pair.left.id, pair.right.id})
    return pair.with_notes(tuple(notes))


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
    return VersionPair(story=story, left=left, right=right, comparison=comparison)


def version_age(version: ArticleSummary) -> tuple[date, time, int]:
    """Oldest first: a web version by when it was seen (captured or fetched: a page keeps its
    publication date through every edit), any other by its publication date, else its import
    date; the time it was seen, then import order, break ties."""
    seen = version.observed_at
    if seen is not None:
        return (seen.date(), seen.time(), version.id)
    return (version.published or version.imported_at.date(), time.min, version.id)
