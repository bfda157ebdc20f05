"""A library written before the library-scale migration (fingerprint_words, raw bytes as
they came, no story list columns) is backed up, then upgraded: every article reads back byte
for byte, the grouping index is built, and new versions still find their stories."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from reader.ingest.grouping import fingerprint
from reader.store import (
    add_article,
    close_library,
    get_article,
    list_stories,
    open_library,
    writing,
)
from reader.store import engine as engine_module
from tests.store.conftest import FLOOD_ORIGINAL, FLOOD_REWRITE, ORCHESTRA, make_article

# What the app before 0002 stored: raw bytes unlike the text (a BOM, CRLF, furniture).
_OLD_ARTICLES = [
    (1, "Floods", FLOOD_ORIGINAL, b"\xef\xbb\xbfFloods\r\n\r\n" + FLOOD_ORIGINAL.encode(),
     date(2025, 2, 13)),
    (2, "Concert", ORCHESTRA, b"<html><p>" + ORCHESTRA.encode() + b"</p></html>", None),
]


def _old_library(path: Path) -> None:
    """A 0001 library made by the real 0001 migration, filled as the old code filled it."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = engine_module._alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        now = datetime(2026, 11, 30, 12, 0)
        for story_id, title, body, raw, published in _OLD_ARTICLES:
            conn.execute(text("INSERT INTO stories (id, title, created) VALUES (:id, :t, :c)"),
                         {"id": story_id, "t": title, "c": now})
            words = sorted(fingerprint(body))
            conn.execute(text(
                "INSERT INTO articles (id, story_id, fingerprint_size, words, published, "
                "imported_at, language, content_hash, title, outlet, source_name, url, "
                "section, fingerprint, text, raw) VALUES (:id, :id, :size, 50, :published, "
                ":now, 'en', :hash, :title, NULL, :source, NULL, NULL, :fp, :text, :raw)"),
                {"id": story_id, "size": len(words), "published": published, "now": now,
                 "hash": hashlib.sha256(body.encode()).hexdigest(), "title": title,
                 "source": f"{title.lower()}.txt", "fp": " ".join(words), "text": body,
                 "raw": raw})
            conn.execute(text("INSERT INTO fingerprint_words (word, article_id) VALUES (:w, :a)"),
                         [{"w": w, "a": story_id} for w in words])
    engine.dispose()


def test_a_0001_library_is_backed_up_and_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _old_library(path)
    sessions = open_library(f"sqlite:///{path}")
    try:
        with writing(sessions) as s:
            for article_id, _title, body, raw, _published in _OLD_ARTICLES:
                article = get_article(s, article_id)
                assert article.raw == raw and article.text == body
            stories = {st.title: st for st in list_stories(s, sort="date")}
            assert [st.title for st in list_stories(s, sort="date")] == ["Floods", "Concert"]
            assert len(stories["Floods"].versions) == 1
            tables = set(s.execute(text("SELECT name FROM sqlite_master")).scalars())
            assert "fingerprint_words" not in tables
            assert s.execute(text("SELECT count(*) FROM grouping_postings")).scalar_one() > 0
            # A rewrite of the old flood story finds it through the index built from the
            # fingerprints 0001 stored.
            outcome = add_article(s, make_article(FLOOD_REWRITE, "Swamped", source="new.txt"))
            assert outcome.story_id == 1
            assert list_stories(s, sort="versions")[0].title == "Floods"
            assert list_stories(s, "Philharmonic")[0].title == "Concert"
    finally:
        close_library(sessions)
    [backup] = tmp_path.glob("library.sqlite3.backup-0001-*")
    old = create_engine(f"sqlite:///{backup}")
    with old.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        assert conn.execute(text("SELECT raw FROM articles WHERE id = 2")).scalar() == \
            _OLD_ARTICLES[1][3]
    old.dispose()


def test_0002_downgrades_to_what_0001_stored(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _old_library(path)
    close_library(open_library(f"sqlite:///{path}"))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = engine_module._alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
        rows = conn.execute(text("SELECT id, raw, fingerprint FROM articles ORDER BY id")).all()
        assert [(r.id, r.raw) for r in rows] == [(a[0], a[3]) for a in _OLD_ARTICLES]
        assert rows[0].fingerprint == " ".join(sorted(fingerprint(FLOOD_ORIGINAL)))
        posted = conn.execute(text("SELECT count(*) FROM fingerprint_words")).scalar_one()
        assert posted == sum(len(fingerprint(a[2])) for a in _OLD_ARTICLES)
    engine.dispose()
