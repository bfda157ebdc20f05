"""Several team members on one PostgreSQL library at once: opening a new database, importing
the same files or versions of the same stories, adding notes, for real, in separate processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from reader.ingest.model import ParsedArticle
from reader.store import add_article, close_library, list_notes, list_stories, open_library
from reader.store.records import ImportOutcome
from tests.pg_server import PostgresServer
from tests.store.conftest import FLOOD_ORIGINAL, make_article
from tests.store.team_client import story_text

ROOT = Path(__file__).resolve().parents[2]
TEAM_SECONDS = float(os.environ.get("READER_TEAM_TEST_SECONDS", "30"))


def _run_at_once(*commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    running = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env, cwd=ROOT) for command in commands]
    results = []
    for process, command in zip(running, commands, strict=True):
        out, err = process.communicate(timeout=TEAM_SECONDS + 120)
        results.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return results


def _python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


OPEN = "import sys; from reader.store import open_library; open_library(sys.argv[1])"
IMPORT = """
import sys
from pathlib import Path
from reader.store import import_paths, open_library
outcomes = import_paths(open_library(sys.argv[1]), [Path(p) for p in sys.argv[2:]])
for o in outcomes:
    print(o.status, o.source, o.reason)
"""


def test_members_opening_a_new_database_at_once_all_succeed(
        postgres_server: PostgresServer) -> None:
    for _ in range(2):  # the race lost 2 tries in 3 before the migration lock
        url = postgres_server.create_database()
        try:
            results = _run_at_once(*[_python(OPEN, url) for _ in range(3)])
            assert [r.returncode for r in results] == [0] * 3, [r.stderr for r in results]
        finally:
            postgres_server.drop_database(url)


def test_the_same_files_imported_by_two_at_once_are_duplicates_not_failures(
        pg_url: str, tmp_path: Path) -> None:
    close_library(open_library(pg_url))
    files = []
    for n in range(30):
        path = tmp_path / f"story_{n:02d}.txt"
        path.write_text(story_text(n, 0), encoding="utf-8")
        files.append(str(path))
    results = _run_at_once(_python(IMPORT, pg_url, *files), _python(IMPORT, pg_url, *files))
    statuses = [line.split()[0] for r in results for line in r.stdout.splitlines()]
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    assert statuses.count("failed") == 0, [r.stdout for r in results]
    assert statuses.count("imported") == 30
    assert statuses.count("duplicate") == 30


def test_versions_imported_by_two_at_once_join_one_story(
        pg_url: str) -> None:
    """Two members store versions of the same stories at the same moment (a barrier before
    each): without the grouping lock each sees no story yet and starts its own."""
    sessions = open_library(pg_url)
    barrier = threading.Barrier(2)
    failures: list[BaseException] = []

    def member(version: int) -> None:
        member_sessions = open_library(pg_url)
        try:
            for n in range(20):
                parsed = make_article(story_text(n, version), source=f"{n}-{version}.txt")
                barrier.wait(timeout=30)
                with member_sessions.begin() as s:
                    add_article(s, parsed)
        except BaseException as exc:  # reported by the test below
            failures.append(exc)
            barrier.abort()
        finally:
            close_library(member_sessions)

    members = [threading.Thread(target=member, args=(v,)) for v in (0, 1)]
    for thread in members:
        thread.start()
    for thread in members:
        thread.join(timeout=120)
    assert failures == []
    with sessions() as s:
        stories = list_stories(s)
    close_library(sessions)
    assert sorted(len(story.versions) for story in stories) == [2] * 20


def test_two_members_adding_notes_and_importing_lose_and_refuse_nothing(
        pg_url: str, tmp_path: Path) -> None:
    sessions = open_library(pg_url)
    with sessions.begin() as s:
        add_article(s, make_article(FLOOD_ORIGINAL, "Semarang floods"))
    folder = tmp_path / "shared"
    folder.mkdir()
    for n in range(200):
        (folder / f"story_{n:03d}.txt").write_text(story_text(1000 + n, n % 2),
                                                   encoding="utf-8")
    members = ("dewi", "budi")
    results = _run_at_once(*[[sys.executable, "-m", "tests.store.team_client", pg_url, name,
                              str(TEAM_SECONDS), str(folder)] for name in members])
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    summaries = dict(zip(members, (json.loads(r.stdout) for r in results), strict=True))
    with sessions() as s:
        stored = {note.body: note.author for note in list_notes(s, 1)}
    for name, summary in summaries.items():
        other = next(m for m in members if m != name)
        assert summary["saved"], name
        assert all(stored[body] == name for body in summary["saved"])  # nothing lost
        assert [o for o in summary["outcomes"] if o[1] == "failed"] == []  # nothing refused
        assert summary["seen"], f"{name} never saw a note of {other}"
        assert set(summary["seen"]) <= set(summaries[other]["saved"])
    assert len(stored) == sum(len(s["saved"]) for s in summaries.values())
    imported = [o for s in summaries.values() for o in s["outcomes"] if o[1] == "imported"]
    assert len(imported) == len({o[0] for s in summaries.values() for o in s["outcomes"]})
    close_library(sessions)


def test_a_text_stored_meanwhile_by_another_member_is_a_duplicate(
        pg_url: str) -> None:
    """The unique content hash, hit after the duplicate check, reads as a duplicate."""
    sessions = open_library(pg_url)
    parsed = make_article(story_text(7, 0))
    outcomes: list[ImportOutcome] = []
    with sessions.begin() as mine:
        add_article(mine, parsed, new_story=True)  # stored, not yet committed
        # The other member's check finds nothing yet; its insert waits on the unique
        # index until this transaction ends, then fails: that is a duplicate.
        other = threading.Thread(target=lambda: outcomes.append(_store(sessions, parsed)))
        other.start()
        time.sleep(0.5)
    other.join(timeout=30)
    assert [o.status for o in outcomes] == ["duplicate"]
    with sessions() as s:
        assert [len(st.versions) for st in list_stories(s)] == [1]  # no empty story left
    close_library(sessions)


def _store(sessions: sessionmaker[Session], parsed: ParsedArticle) -> ImportOutcome:
    with sessions.begin() as s:
        return add_article(s, parsed, new_story=True)
