"""A library made by the first release (schema 0001, through the real migration) upgrades to
today's schema on opening: backed up first, every story, version and note kept."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from reader.store import close_library, get_article, list_notes, list_stories, open_library
from reader.store import engine as engine_module


def _library_at_0001(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    config = engine_module._alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text(
            "INSERT INTO stories (id, title, created) VALUES (1, 'Harbour budget', "
            "'2026-03-01 09:00:00')"))
        for article_id, body in ((1, "The council approved the budget."),
                                 (2, "The council approved the harbour budget.")):
            conn.execute(text(
                "INSERT INTO articles (id, story_id, fingerprint_size, words, published, "
                "imported_at, language, content_hash, title, outlet, source_name, url, "
                "section, fingerprint, text, raw) VALUES (:id, 1, 3, 5, '2026-03-01', "
                "'2026-03-01 09:00:00', 'en', :hash, 'Harbour budget', 'Courier', :name, "
                "NULL, NULL, 'council approved budget', :text, :raw)"),
                {"id": article_id, "hash": f"{article_id:064d}", "name": f"v{article_id}.txt",
                 "text": body, "raw": body.encode()})
        conn.execute(text(
            "INSERT INTO notes (id, story_id, article_id, body, label, color, exact, prefix, "
            "suffix, start, \"end\", created, updated) VALUES (1, 1, 1, 'check this', '', '', "
            "'approved', 'The council ', ' the budget.', 12, 20, '2026-03-01 09:00:00', "
            "'2026-03-01 09:00:00')"))
    engine.dispose()


def test_a_first_release_library_is_backed_up_and_upgraded_intact(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _library_at_0001(path)
    sessions = open_library(f"sqlite:///{path}")
    try:
        with sessions.begin() as s:
            [story] = list_stories(s)
            assert story.title == "Harbour budget" and len(story.versions) == 2
            assert get_article(s, 2).text == "The council approved the harbour budget."
            assert get_article(s, 1).raw == b"The council approved the budget."
            [note] = list_notes(s, 1)
            assert note.resolved is not None and note.resolved.exact == "approved"
            revision = s.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert revision != "0001"
    finally:
        close_library(sessions)
    backups = list(tmp_path.glob("library.sqlite3.backup-0001-*"))
    assert len(backups) == 1
