"""Fixtures for the library tests: every test gets its own fresh library, on SQLite and on
PostgreSQL (tests/conftest.py; a module or test marked sqlite_only runs on SQLite alone)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from reader.ingest.model import ParsedArticle
from reader.store import add_article, close_library, open_library


@pytest.fixture
def library_url(backend_url: str) -> str:
    return backend_url


@pytest.fixture
def sessions(library_url: str) -> Iterator[sessionmaker[Session]]:
    factory = open_library(library_url)
    yield factory
    close_library(factory)


def schema_head() -> str:
    """The newest schema revision the app knows (the one a new library gets)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from reader.store.engine import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def make_article(text: str, title: str = "A title", *, source: str = "a.txt",
                 outlet: str | None = "Example Outlet", published: date | None = None,
                 language: str = "en") -> ParsedArticle:
    return ParsedArticle(
        source_name=source, raw=text.encode("utf-8"), text=text, title=title, outlet=outlet,
        url=None, published=published, section=None, language=language,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest())


def import_chain(sessions: sessionmaker[Session], texts: list[str], title: str, *,
                 order: list[int] | None = None, language: str = "en",
                 outlet: str = "Courier") -> tuple[int, list[int]]:
    """A story of several versions dated one day apart from 1 March 2026, imported in `order`
    (default: oldest first); returns the story id and the article ids oldest first."""
    ids: dict[int, int] = {}
    story_id = None
    with sessions.begin() as s:
        for n in order if order is not None else range(len(texts)):
            article = make_article(texts[n], title, source=f"{language}-v{n}.txt",
                                   outlet=outlet, published=date(2026, 3, 1 + n),
                                   language=language)
            outcome = add_article(s, article, story_id=story_id, new_story=story_id is None)
            story_id = outcome.story_id
            assert outcome.article_id is not None, outcome
            ids[n] = outcome.article_id
    assert story_id is not None
    return story_id, [ids[n] for n in range(len(texts))]


# Two versions of one story (the second a paraphrase) and an unrelated story: short excerpts
# in the manner of the seed texts.
FLOOD_ORIGINAL = (
    "Floodwaters inundated Semarang on Thursday after the Banjir Kanal Timur embankment "
    "collapsed near Kaligawe.\n\n"
    "Governor Ahmad Luthfi said 4,200 residents were evacuated to mosques and schools in "
    "Genuk and Pedurungan. \"We are moving families first,\" Luthfi told reporters.\n\n"
    "Meteorologists expect heavy rainfall across Central Java until Sunday."
)
FLOOD_REWRITE = (
    "Semarang was swamped by floodwaters Thursday when an embankment of the Banjir Kanal "
    "Timur gave way close to Kaligawe.\n"
    "Some 4,200 residents of Genuk and Pedurungan were moved to schools and mosques, "
    "Governor Ahmad Luthfi said. \"Families are moving first,\" Luthfi told journalists.\n"
    "Meteorologists forecast heavy rainfall over Central Java through Sunday."
)
ORCHESTRA = (
    "The Vienna Philharmonic announced its summer programme, opening with Mahler's Fifth "
    "Symphony under conductor Riccardo Muti.\n\n"
    "Tickets for the Schönbrunn Palace open-air concert go on sale in March, the orchestra's "
    "spokeswoman Katharina Gruber explained."
)
