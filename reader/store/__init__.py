"""The library: SQLite (or any SQLAlchemy URL) of stories, versions and notes.

Open it with `open_library(resolve_db_url(...))`, then pass a session from the returned
factory (one per user action: `with sessions.begin() as s:`) to the functions below. They
return the plain dataclasses of records.py, never ORM rows.
"""

from reader.store.anchors import (
    anchor_for_passage,
    anchor_for_selection,
    resolve_anchor,
    snap_to_words,
)
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
from reader.store.manage import (
    LibraryChange,
    delete_story,
    delete_version,
    merge_stories,
    move_version,
    rename_story,
    restore_story,
    restore_version,
    undo_change,
)
from reader.store.notes import (
    NoteConflict,
    NoteDeleted,
    add_note,
    default_author,
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
    ImportProgress,
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
    "ImportProgress",
    "LibraryChange",
    "LibraryError",
    "NotFound",
    "NoteConflict",
    "NoteDeleted",
    "NoteRecord",
    "StoryComparison",
    "StorySort",
    "StorySummary",
    "TextAnchor",
    "VersionPair",
    "add_article",
    "add_note",
    "anchor_for_passage",
    "anchor_for_selection",
    "backup_library",
    "begin_write",
    "close_library",
    "compare_versions",
    "count_stories",
    "default_author",
    "default_db_url",
    "delete_note",
    "delete_story",
    "delete_version",
    "find_quote",
    "get_article",
    "get_story",
    "import_paths",
    "import_samples",
    "library_is_empty",
    "list_notes",
    "list_stories",
    "load_story_comparison",
    "merge_stories",
    "move_version",
    "notes_shown_with",
    "open_library",
    "rename_story",
    "resolve_anchor",
    "resolve_db_url",
    "restore_note",
    "restore_story",
    "restore_version",
    "snap_to_words",
    "undo_change",
    "update_note",
    "writing",
]
