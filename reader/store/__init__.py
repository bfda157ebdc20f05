"""The library: SQLite (or any SQLAlchemy URL) of stories, versions and notes.

Open it with `open_library(resolve_db_url(...))`, then pass a session from the returned
factory (one per user action: `with sessions.begin() as s:`) to the functions below. They
return the plain dataclasses of records.py, never ORM rows.
"""

from reader.store.anchors import anchor_for_passage, resolve_anchor
from reader.store.comparisons import compare_versions, load_story_comparison
from reader.store.engine import (
    backup_library,
    close_library,
    default_db_url,
    open_library,
    resolve_db_url,
)
from reader.store.errors import LibraryError, NotFound
from reader.store.importing import import_paths, import_samples
from reader.store.library import (
    STORY_SORTS,
    StorySort,
    add_article,
    count_stories,
    get_article,
    get_story,
    library_is_empty,
    list_stories,
)
from reader.store.notes import (
    add_note,
    delete_note,
    find_quote,
    list_notes,
    notes_shown_with,
    restore_note,
    update_note,
)
from reader.store.records import (
    ArticleDetail,
    ArticleSummary,
    ImportOutcome,
    NoteRecord,
    StoryComparison,
    StorySummary,
    TextAnchor,
    VersionPair,
)
from reader.store.writing import begin_write, writing

__all__ = [
    "STORY_SORTS",
    "ArticleDetail",
    "ArticleSummary",
    "ImportOutcome",
    "LibraryError",
    "NotFound",
    "NoteRecord",
    "StoryComparison",
    "StorySort",
    "StorySummary",
    "TextAnchor",
    "VersionPair",
    "add_article",
    "add_note",
    "anchor_for_passage",
    "backup_library",
    "begin_write",
    "close_library",
    "compare_versions",
    "count_stories",
    "default_db_url",
    "delete_note",
    "find_quote",
    "get_article",
    "get_story",
    "import_paths",
    "import_samples",
    "library_is_empty",
    "list_notes",
    "list_stories",
    "load_story_comparison",
    "notes_shown_with",
    "open_library",
    "resolve_anchor",
    "resolve_db_url",
    "restore_note",
    "update_note",
    "writing",
]
