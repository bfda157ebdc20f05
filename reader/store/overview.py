"""Everything the story overview export shows, read in one session."""

from __future__ import annotations

from itertools import pairwise

from sqlalchemy.orm import Session

from reader.compare.model import CompareOptions
from reader.store.comparisons import compare_versions
from reader.store.library import get_story
from reader.store.notes import list_notes
from reader.store.quote_history import story_quote_history
from reader.store.records import StoryOverview
from reader.store.timeline import DEFAULT_OPTIONS, story_timeline


def load_story_overview(session: Session, story_id: int,
                        options: CompareOptions = DEFAULT_OPTIONS) -> StoryOverview:
    """The story's timeline, quotation histories and consecutive comparisons (NotFound for an
    unknown story, ValueError for one with fewer than two versions)."""
    story = get_story(session, story_id)
    timeline = story_timeline(session, story_id, options)
    if len(timeline) < 2:
        raise ValueError(f"story {story_id} has {len(timeline)} version(s); "
                         "an overview needs two")
    notes = tuple(list_notes(session, story_id))
    comparisons = tuple(
        compare_versions(session, story_id, before.version.id, after.version.id,
                         options).with_notes(notes)
        for before, after in pairwise(timeline))
    return StoryOverview(story, tuple(timeline),
                         tuple(story_quote_history(session, story_id, options)), comparisons)
