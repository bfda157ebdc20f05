"""The grouping fingerprint is kept as 32-bit word keys (migration 0010): a library from before
(its fingerprints packed against the text) is upgraded to the keys an import writes, and
downgrading gives back the packed fingerprints taken from the text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, make_url, text

from reader.ingest.grouping import fingerprint
from reader.store import close_library, import_paths, open_library
from reader.store import engine as engine_module
from reader.store.packed_text import unpack_fingerprint, unpack_text
from reader.store.postgres import with_driver
from tests.store.conftest import schema_head
from tests.store.corpus import CorpusGenerator

ARTICLES = 120


def _migrate(url: str, step: Callable[[Config, str], None], revision: str) -> None:
    engine = create_engine(with_driver(make_url(url)))
    with engine.begin() as conn:
        config = engine_module._alembic_config()
        config.attributes["connection"] = conn
        step(config, revision)
    engine.dispose()


def _read(url: str, query: str) -> list[tuple[object, ...]]:
    engine = create_engine(with_driver(make_url(url)))
    with engine.connect() as conn:
        rows = [tuple(row) for row in conn.execute(text(query))]
    engine.dispose()
    return rows


def _plain(stored: object) -> str:
    return unpack_text(stored) if isinstance(stored, bytes) else str(stored)


def test_fingerprints_go_to_keys_and_back(library_url: str, tmp_path: Path) -> None:
    articles = list(CorpusGenerator().articles(ARTICLES + 1))
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(a.json_line() + "\n" for a in articles[:ARTICLES]),
                      encoding="utf-8")
    sessions = open_library(library_url)
    try:
        assert all(o.status == "imported" for o in import_paths(sessions, [corpus]))
    finally:
        close_library(sessions)
    written = _read(library_url, "SELECT id, fingerprint_keys FROM articles ORDER BY id")
    assert len(written) == ARTICLES and all(len(bytes(keys)) > 100 for _id, keys in written)

    _migrate(library_url, command.downgrade, "0009")
    packed = _read(library_url, "SELECT fingerprint_packed, text FROM articles ORDER BY id")
    for fingerprint_packed, stored in packed:
        plain = _plain(stored)
        assert unpack_fingerprint(bytes(fingerprint_packed), plain) == fingerprint(plain)

    close_library(open_library(library_url))  # upgraded as the app opens it
    assert _read(library_url, "SELECT version_num FROM alembic_version") == [(schema_head(),)]
    assert [(i, bytes(k)) for i, k in _read(
        library_url, "SELECT id, fingerprint_keys FROM articles ORDER BY id")] == [
        (i, bytes(k)) for i, k in written]

    # A new version of a stored story (the corpus's 121st article rewrites its 66th) still
    # finds it.
    more = tmp_path / "more.jsonl"
    newest = articles[ARTICLES]
    more.write_text(newest.json_line() + "\n", encoding="utf-8")
    same_story = [i + 1 for i, a in enumerate(articles[:ARTICLES]) if a.story == newest.story]
    assert same_story == [66]
    sessions = open_library(library_url)
    try:
        [outcome] = import_paths(sessions, [more])
    finally:
        close_library(sessions)
    stories = dict(_read(library_url, "SELECT id, story_id FROM articles"))
    assert outcome.story_id == stories[66]
