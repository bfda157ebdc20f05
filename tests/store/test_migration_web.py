"""The web migration: a library written at schema 0001 by the real migrations is backed up, then
upgraded with its articles, notes and search intact, ready for web versions."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect, text

from reader.store import add_article, close_library, list_stories, open_library, writing
from reader.store import engine as engine_module
from reader.store.models import Article
from reader.store.watch import add_watch, list_watches
from tests.store.conftest import FLOOD_ORIGINAL, make_article


def _library_at_0001(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = engine_module._alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text(
            "INSERT INTO stories (id, title, created) VALUES (1, 'Semarang floods', "
            "'2026-11-30 10:00:00')"))
        conn.execute(text(
            "INSERT INTO articles (id, story_id, fingerprint_size, words, imported_at, language,"
            " content_hash, title, source_name, fingerprint, text, raw) VALUES (1, 1, 1, 9, "
            "'2026-11-30 10:00:00', 'en', 'h1', 'Semarang floods', 'a.txt', 'semarang', "
            "'Floodwaters inundated Semarang on Thursday after the embankment collapsed.', "
            "x'00')"))
    engine.dispose()


def test_a_0001_library_is_backed_up_and_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _library_at_0001(path)
    sessions = open_library(f"sqlite:///{path}")
    try:
        assert list(tmp_path.glob("library.sqlite3.backup-0001-*"))
        with writing(sessions) as s:
            columns = {c["name"] for c in inspect(s.connection()).get_columns("articles")}
            assert {"final_url", "canonical_url", "fetched_at", "captured_at", "etag",
                    "last_modified", "unopened"} <= columns
            old = s.get(Article, 1)
            assert old is not None
            assert (old.fetched_at, old.final_url, old.unopened) == (None, None, False)
            # The search triggers of 0001 survived (no copy of the articles table).
            assert [st.title for st in list_stories(s, "inundated")] == ["Semarang floods"]
            add_article(s, make_article(FLOOD_ORIGINAL, "Semarang floods again"))
            add_watch(s, "https://news.example/semarang")
        with sessions.begin() as s:
            assert [w.url for w in list_watches(s)] == ["https://news.example/semarang"]
            assert len(list_stories(s, "Kaligawe")) == 1
    finally:
        close_library(sessions)
