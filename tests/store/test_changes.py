"""A window learns of others' writes by asking a ChangeWatcher, on either engine."""

from __future__ import annotations

import time

from sqlalchemy.orm import Session, sessionmaker

from reader.store import add_article, add_note, close_library, open_library, update_note
from reader.store.changes import watch_changes
from tests.store.conftest import FLOOD_ORIGINAL, make_article


def _wait_for_changes(watcher_changes: object, seconds: float = 2.0) -> frozenset[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = watcher_changes()  # type: ignore[operator]
        if found:
            return frozenset(found)
        time.sleep(0.05)
    return frozenset()


def test_another_clients_note_is_noticed_within_two_seconds(
        sessions: sessionmaker[Session], library_url: str) -> None:
    with sessions.begin() as s:
        story = add_article(s, make_article(FLOOD_ORIGINAL)).story_id
    assert story is not None
    watcher = watch_changes(sessions)
    assert watcher.changes() == frozenset()  # nothing new yet, and asking does not wait
    other = open_library(library_url)
    with other.begin() as s:
        add_note(s, story, "From the other desk", author="budi")
    changed = _wait_for_changes(watcher.changes)
    assert changed == {"notes"}
    assert watcher.changes() == frozenset()  # reported once
    with other.begin() as s:
        add_article(s, make_article(FLOOD_ORIGINAL + " Updated.", source="b.txt"))
    # A new version also updates its story's list columns (version count, latest date).
    assert _wait_for_changes(watcher.changes) in ({"articles"}, {"articles", "stories"})
    with other.begin() as s:
        update_note(s, 1, body="Edited at the other desk")
    assert _wait_for_changes(watcher.changes) == {"notes"}
    watcher.close()
    close_library(other)
