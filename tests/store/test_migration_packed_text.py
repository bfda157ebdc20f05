"""Article text is stored packed on SQLite (migration 0008): every text reads back exactly,
search finds what it found before, and a library from before is backed up, upgraded and
shrunk; `reader repair` packs the plain text of a library from before as it copies it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from reader.cli import main
from reader.store import (
    close_library,
    count_stories,
    delete_version,
    get_article,
    import_paths,
    list_stories,
    open_library,
    writing,
)
from reader.store import engine as engine_module
from reader.store.repair import repair_library
from tests.store.corpus import CorpusGenerator

pytestmark = pytest.mark.sqlite_only  # PostgreSQL compresses long values itself

ARTICLES = 300
# In the seeded corpus: a common word, a rare one, a phrase, and a word in no article.
SEARCHES = ("kapewen", "kobamar", "extbaridro tinimdrosel", "zzzznothing")


def _library(tmp_path: Path) -> tuple[Path, dict[int, str]]:
    """A library of generated articles, and each article's text by id."""
    corpus = tmp_path / "corpus.jsonl"
    articles = list(CorpusGenerator().articles(ARTICLES))
    corpus.write_text("".join(a.json_line() + "\n" for a in articles), encoding="utf-8")
    path = tmp_path / "library.sqlite3"
    sessions = open_library(f"sqlite:///{path}")
    try:
        outcomes = import_paths(sessions, [corpus])
    finally:
        close_library(sessions)
    assert [o.status for o in outcomes] == ["imported"] * ARTICLES
    texts = {o.article_id: a.text for o, a in zip(outcomes, articles, strict=True)
             if o.article_id is not None}
    return path, texts


def _stored(path: Path) -> tuple[set[str], int, int]:
    """What SQLite holds in the text column: its storage classes, total bytes, and rows."""
    with closing(sqlite3.connect(path)) as conn:
        kinds = {kind for (kind,) in conn.execute("SELECT DISTINCT typeof(text) FROM articles")}
        size, rows = conn.execute("SELECT sum(length(CAST(text AS BLOB))), count(*) "
                                  "FROM articles").fetchone()
    return kinds, size, rows


def _searches(path: Path) -> dict[str, list[int]]:
    sessions = open_library(f"sqlite:///{path}")
    try:
        with sessions() as s:
            return {q: [st.id for st in list_stories(s, q, sort="title")] for q in SEARCHES}
    finally:
        close_library(sessions)


def _assert_texts(path: Path, texts: dict[int, str]) -> None:
    """Every article reads back as it was imported."""
    sessions = open_library(f"sqlite:///{path}")
    try:
        with sessions() as s:
            assert all(get_article(s, i).text == text for i, text in texts.items())
    finally:
        close_library(sessions)


def _downgrade_to_0007(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            config = engine_module._alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0007")
    finally:
        engine.dispose()


def test_text_is_packed_and_reads_back_exactly(tmp_path: Path) -> None:
    path, texts = _library(tmp_path)
    kinds, size, rows = _stored(path)
    assert kinds == {"blob"} and rows == ARTICLES
    assert size < sum(len(t.encode()) for t in texts.values()) / 2
    sessions = open_library(f"sqlite:///{path}")
    try:
        with writing(sessions) as s:
            assert all(get_article(s, i).text == text for i, text in texts.items())
            # The search index follows a version out through its packed text.
            found = list_stories(s, "kobamar", sort="title")[0]
            for version in found.versions:
                delete_version(s, version.id)
            left = [st.id for st in list_stories(s, "kobamar")]
            assert found.id not in left and count_stories(s, "kobamar") == len(left)
    finally:
        close_library(sessions)


def test_a_library_from_before_is_backed_up_packed_and_shrunk(tmp_path: Path) -> None:
    path, texts = _library(tmp_path)
    found = _searches(path)
    assert found["kapewen"] and found["kobamar"] and found["extbaridro tinimdrosel"]
    assert not found["zzzznothing"]
    _downgrade_to_0007(path)
    kinds, plain_size, _rows = _stored(path)
    assert kinds == {"text"}
    with closing(sqlite3.connect(path)) as conn:  # 0007's triggers need no unpack_text
        conn.execute("VACUUM")
    before = path.stat().st_size

    assert _searches(path) == found  # opening upgrades it again
    [backup] = tmp_path.glob("library.sqlite3.backup-0007-*")
    assert _stored(backup)[0] == {"text"}
    kinds, size, _rows = _stored(path)
    assert kinds == {"blob"} and size < plain_size / 2
    # The freed pages were given back: the file shrank by about what packing saved.
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA freelist_count").fetchone() == (0,)
    assert before - path.stat().st_size > (plain_size - size) * 0.8
    _assert_texts(path, texts)


def test_repair_packs_the_plain_text_of_a_library_from_before(tmp_path: Path) -> None:
    path, texts = _library(tmp_path)
    found = _searches(path)
    _downgrade_to_0007(path)
    report = repair_library(path)
    assert report.complete
    assert _stored(report.target)[0] == {"blob"}
    assert _searches(report.target) == found
    _assert_texts(report.target, texts)


def test_an_upgrade_says_each_step_and_an_up_to_date_library_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _texts = _library(tmp_path)
    _downgrade_to_0007(path)
    steps: list[str] = []
    close_library(open_library(f"sqlite:///{path}", on_upgrade=steps.append))
    [backup] = tmp_path.glob("library.sqlite3.backup-0007-*")
    assert steps == [
        "Upgrading the library for this version of Parallax Reader: backing it up first…",
        f"Upgrading the library (the backup is {backup.name})…",
        "Upgrading the library: giving the space it no longer needs back to the disk…"]
    steps.clear()
    close_library(open_library(f"sqlite:///{path}", on_upgrade=steps.append))
    assert steps == []

    # The command line says the same on standard error, and nothing on standard output.
    _downgrade_to_0007(path)
    assert main(["--db", f"sqlite:///{path}", "list", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines()[0] == ("reader: Upgrading the library for this version of "
                                   "Parallax Reader: backing it up first…")
    assert len(err.splitlines()) == 3 and out.startswith("[")
