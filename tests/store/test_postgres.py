"""A library on PostgreSQL: schema, refusals in one line, and search that finds what SQLite's
finds. (Most library tests run on both engines already; these are PostgreSQL's own.)"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from reader.store import (
    LibraryError,
    add_article,
    add_note,
    close_library,
    get_article,
    import_samples,
    list_notes,
    list_stories,
    open_library,
    writing,
)
from reader.store.engine import _alembic_config
from reader.store.models import Base
from tests.pg_server import PostgresServer
from tests.store.conftest import FLOOD_ORIGINAL, FLOOD_REWRITE, ORCHESTRA, make_article, schema_head


def test_migrated_schema_matches_the_models(pg_url: str) -> None:
    sessions = open_library(pg_url)
    with sessions() as s:
        context = MigrationContext.configure(s.connection(), opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
        extensions = set(s.execute(text("SELECT extname FROM pg_extension")).scalars())
    close_library(sessions)
    # The search columns and their GIN indexes live only in the migration.
    drift = [d for d in diff if not (
        (d[0] == "remove_column" and d[3].name == "search_vector")
        or (d[0] == "remove_index" and d[1].name.endswith("_search")))]
    assert drift == []
    assert "unaccent" in extensions


def test_a_library_from_a_newer_version_is_refused_untouched(pg_url: str) -> None:
    close_library(open_library(pg_url))
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(LibraryError, match="newer version of Parallax Reader"):
        open_library(pg_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == \
            "9999_future"
    engine.dispose()


def test_unreachable_missing_and_forbidden_are_one_line_each(
        postgres_server: PostgresServer, pg_url: str, tmp_path: Path) -> None:
    server = postgres_server.admin_url
    missing = server.set(database="no_such_library").render_as_string(hide_password=False)
    nowhere = "postgresql://reader:secret@127.0.0.1:9/library"
    reasons = {}
    for name, url in (("missing", missing), ("nowhere", nowhere)):
        with pytest.raises(LibraryError) as error:
            open_library(url)
        reasons[name] = error.value.reason
    assert reasons["missing"].startswith("the database does not exist on the server")
    assert reasons["nowhere"].startswith("cannot reach the PostgreSQL server")
    # A role that may log in but not create tables in the database.
    role = f"member_{Path(tmp_path).name[-8:].replace('-', '_').lower()}"
    postgres_server.execute_admin(f'CREATE ROLE "{role}" LOGIN')
    try:
        forbidden = postgres_server.url_for(pg_url.rsplit("/", 1)[1].split("?")[0])
        forbidden_url = forbidden.set(username=role).render_as_string(hide_password=False)
        with pytest.raises(LibraryError) as error:
            open_library(forbidden_url)
        assert error.value.reason.startswith("the database role lacks a right it needs")
    finally:
        postgres_server.execute_admin(f'DROP ROLE "{role}"')
    for reason in reasons.values():
        assert "\n" not in reason and "sqlalche.me" not in reason


def test_search_finds_what_sqlite_finds(postgres_server: PostgresServer, pg_url: str,
                                        tmp_path: Path) -> None:
    """Every word of the sample stories, as typed and as a prefix, and awkward input."""
    libraries = [open_library(f"sqlite:///{tmp_path / 'library.sqlite3'}"), open_library(pg_url)]
    for sessions in libraries:
        import_samples(sessions)
        with sessions.begin() as s:
            add_article(s, make_article(FLOOD_ORIGINAL, "Banjir di Semarang"))
            concert = add_article(s, make_article(ORCHESTRA, "Philharmonic summer"))
            assert concert.story_id is not None
            add_note(s, concert.story_id, "Café prices: 3.5 euros at schönbrunn-palace.at?")
    with libraries[0]() as s:
        words: collections.Counter[str] = collections.Counter()
        for story in list_stories(s):
            for version in story.versions:
                article = get_article(s, version.id)
                words.update(article.text.split())
                words.update(article.title.split())
    queries = sorted(words)
    queries += sorted({word[:3] for word in queries})
    queries += [
        "cafe", "CAFÉ 3.5", "schonbrunn-palace", "palace.at", "Kaligawe embankment", "Philharm",
        "Philharm orchestra", '"unbalanced', "AND OR NOT", "col:umn", "a*b(c)", "NEAR(",
        "' ; DROP TABLE stories; --", "-", "...", "x & y | !z", "<->", ":*", "\\", "%_"]
    differ = []
    for query in queries:
        found = []
        for sessions in libraries:
            with sessions() as s:
                found.append([story.title for story in list_stories(s, query, sort="title")])
        if found[0] != found[1]:
            differ.append((query, found))
    for sessions in libraries:
        close_library(sessions)
    assert len(queries) > 1000
    assert differ == []


def test_a_real_0001_library_is_upgraded(backend_url: str) -> None:
    """Built with the real first migration, filled, then opened by this version."""
    engine = create_engine(backend_url)
    config = _alembic_config()
    if backend_url.startswith("sqlite"):
        Path(backend_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text(
            "INSERT INTO stories (id, title, created) VALUES (1, 'Floods', CURRENT_TIMESTAMP)"))
        conn.execute(text(
            "INSERT INTO notes (id, story_id, body, label, color, created, updated) "
            "VALUES (1, 1, 'Check the embankment figures', '', '', CURRENT_TIMESTAMP, "
            "CURRENT_TIMESTAMP)"))
    engine.dispose()

    steps: list[str] = []
    sessions: sessionmaker[Session] = open_library(backend_url, on_upgrade=steps.append)
    assert steps[0] == ("Upgrading the library for this version of Parallax Reader: backing it "
                        "up first…" if backend_url.startswith("sqlite") else
                        "Upgrading the team library for this version of Parallax Reader…")
    with writing(sessions) as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == \
            schema_head()
        [note] = list_notes(s, 1)
        assert (note.body, note.author, note.version) == ("Check the embankment figures", "", 1)
        add_article(s, make_article(FLOOD_REWRITE, "Swamped"), story_id=1)
    with sessions() as s:
        assert [st.id for st in list_stories(s, "embankment")] == [1]  # the old note indexed
        assert [st.id for st in list_stories(s, "swamped")] == [1]
    close_library(sessions)
