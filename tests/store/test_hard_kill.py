"""SIGKILL in the middle of a long import leaves a consistent library: one transaction per
file means every stored article is whole and nothing half-written is left behind."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.store import get_article, import_paths, list_stories, open_library

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL"),
              pytest.mark.sqlite_only]  # a killed writer and the SQLite journal

IMPORTER = """
import sys
from pathlib import Path
from reader.store import import_paths, open_library
sessions = open_library(sys.argv[1])
import_paths(sessions, sorted(Path(sys.argv[2]).glob("*.txt")))
"""


def _write_corpus(folder: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        body = " ".join(f"Berita {n} kalimat {k} tentang kota nomor {n * 7 + k}."
                        for k in range(60))
        path = folder / f"a{n:04d}.txt"
        path.write_text(f"Judul berita nomor {n}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_sigkill_during_import_leaves_whole_articles_only(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paths = _write_corpus(corpus, 400)
    db = tmp_path / "lib.sqlite3"
    url = f"sqlite:///{db}"
    proc = subprocess.Popen([sys.executable, "-c", IMPORTER, url, str(corpus)],
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 60
    while _stored_count(db) < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the import finished before it could be killed: make it longer"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)

    sessions = open_library(url)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    by_name = {p.name: p.read_bytes() for p in paths}
    with sessions.begin() as s:
        stories = list_stories(s)
        versions = [v for st in stories for v in st.versions]
        assert 20 <= len(versions) < len(paths)
        for v in versions:
            article = get_article(s, v.id)
            assert article.raw == by_name[Path(article.source_name).name]
            assert article.text.endswith(".")  # the whole cleaned text, not a torn piece

    # Importing again completes the library: what was stored is a duplicate, the rest goes in.
    outcomes = import_paths(sessions, paths)
    assert sum(o.status == "duplicate" for o in outcomes) == len(versions)
    assert sum(o.status == "imported" for o in outcomes) == len(paths) - len(versions)
