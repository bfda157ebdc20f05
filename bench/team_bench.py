"""A team library on PostgreSQL against the one-file SQLite library: import, search, live notes.

    python bench/team_bench.py [--articles N] [--pg-url URL] [--searches N] [--skip-import]

1. Import: the N generated articles of bench/import_bench.py (seeded; every tenth a rewrite of
   the one before, so grouping works) through `import_paths`, one transaction per file, into a
   fresh SQLite file and into a fresh PostgreSQL database. Target: PostgreSQL within 3x.
2. Search at N articles: what the library panel runs per keystroke for words of the corpus,
   each typed whole and as a 3-letter prefix: the first page of `list_stories` (the results,
   shown as soon as read) and, when that page is full, `count_stories` (read on its own thread
   and shown when it is in); median and 95th percentile. Target: results ≤ 50 ms.
3. A note saved by one client, visible in another client's window: a real MainWindow
   (offscreen) on the PostgreSQL library; another connection adds a note to the story on
   screen; the time until the window's notes list holds it, without F5. Target: ≤ 2 s.

With `--search-library N` only the search is timed, over N generated articles stored by bulk
inserts (one story each; no grouping, which is what would make importing 100,000 take hours
here): the size of a large team library. `--keep DIR` keeps those two libraries
(DIR/search-N.sqlite3 and the database reader_search_N) and reuses them on the next run, so
100,000 is filled once.
Each query runs `--repeat` times (default 3); its best wall and CPU time (time.process_time:
this process only, the server's share of PostgreSQL's work is not in it) are kept.

PostgreSQL: `--pg-url` (a role that may CREATE DATABASE), else $READER_TEST_PG_URL, else a
throw-away cluster started with tests/pg_cluster.sh (needs the server binaries), with the
server's default durability (fsync and synchronous commit on, unlike the test cluster).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from reader.ingest.grouping import fingerprint
from reader.store import (
    add_note,
    close_library,
    count_stories,
    import_paths,
    library_is_empty,
    list_stories,
    open_library,
)
from reader.store.models import Article, Story, utc_now
from reader.store.packed_text import pack_fingerprint, pack_raw

# import_bench.py is a sibling script, not a package module.
sys.path.insert(0, str(Path(__file__).parent))
from import_bench import article, make_files

ROOT = Path(__file__).resolve().parents[1]
CLUSTER = ROOT / "tests" / "pg_cluster.sh"
PAGE = 200  # the library panel's first page


class Server:
    def __init__(self, admin_url: str) -> None:
        self.admin = make_url(admin_url)
        self.engine = create_engine(self.admin, poolclass=NullPool, isolation_level="AUTOCOMMIT")

    def new_database(self) -> str:
        name = f"reader_bench_{uuid.uuid4().hex[:8]}"
        with self.engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        return self.admin.set(database=name).render_as_string(hide_password=False)

    def database(self, name: str) -> str:
        """The database `name`, created empty if it does not exist yet."""
        with self.engine.connect() as conn:
            if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                            {"n": name}).first() is None:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        return self.admin.set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        with self.engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))


def start_server(given: str | None) -> tuple[Server, Callable[[], None]]:
    url = given or os.environ.get("READER_TEST_PG_URL")
    if url:
        return Server(url), lambda: None
    # A folder of its own in /tmp: the server's user must reach it (our temp folder is 0700).
    cluster = Path(tempfile.mkdtemp(prefix="reader-pg-"))
    # Durable, as a real server runs: commits reach the disk, as SQLite's do.
    started = subprocess.run(["bash", str(CLUSTER), "start", str(cluster)], check=True,
                             capture_output=True, text=True,
                             env={**os.environ, "PG_CLUSTER_DURABLE": "1"})
    return Server(started.stdout.strip()), lambda: subprocess.run(
        ["bash", str(CLUSTER), "stop", str(cluster)], check=False)


def timed_import(url: str, paths: list[Path]) -> tuple[float, int, sessionmaker[Session]]:
    sessions = open_library(url)
    started = time.perf_counter()
    outcomes = import_paths(sessions, paths)
    took = time.perf_counter() - started
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        raise SystemExit(f"{len(failed)} failed, e.g. {failed[0]}")
    return took, sum(o.status == "imported" for o in outcomes), sessions


def search_times(sessions: sessionmaker[Session], queries: list[str], repeat: int = 1
                 ) -> dict[str, tuple[list[float], list[float]]]:
    """Per query, the best of `repeat` runs, as the library panel searches: its first page
    ("results", what the reader waits for), then, only when that page is full, the count
    (shown when it is in). Wall ms and CPU ms: this process's, plus on PostgreSQL the CPU its
    server process spent, read from /proc."""
    times: dict[str, tuple[list[float], list[float]]] = {"results": ([], []), "count": ([], [])}
    for query in queries:
        best = {name: (float("inf"), float("inf")) for name in times}
        for _ in range(repeat):
            with sessions() as s:
                server = _server_pid(s)
                clock = _Clock(server)
                page = list_stories(s, query, offset=0, limit=PAGE)
                best["results"] = min(best["results"], clock.lap())
                if len(page) == PAGE:
                    count_stories(s, query)
                    best["count"] = min(best["count"], clock.lap())
        for name, (wall, cpu) in best.items():
            if wall != float("inf"):
                times[name][0].append(wall)
                times[name][1].append(cpu)
    return times


class _Clock:
    """Wall and CPU milliseconds since the last lap."""

    def __init__(self, server: int | None) -> None:
        self.server = server
        self.marks = self._now()

    def _now(self) -> tuple[float, float]:
        return (time.perf_counter(), time.process_time() + _server_cpu(self.server))

    def lap(self) -> tuple[float, float]:
        now = self._now()
        wall, cpu = ((b - a) * 1000 for a, b in zip(self.marks, now, strict=True))
        self.marks = self._now()
        return wall, cpu


def _server_pid(session: Session) -> int | None:
    if session.get_bind().dialect.name != "postgresql":
        return None
    return int(session.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _server_cpu(pid: int | None) -> float:
    """Seconds of CPU the server process `pid` has used (nanoseconds in /proc/PID/schedstat)."""
    if pid is None:
        return 0.0
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return float("nan")  # a server on another machine: its CPU is not ours to read


def describe(times: dict[str, tuple[list[float], list[float]]]) -> str:
    lines = []
    for name, (walls, cpus) in times.items():
        if walls:
            lines.append(
                f"  {name:<7} ({len(walls):3} queries) wall median {statistics.median(walls):6.1f}"
                f" ms, p95 {percentile(walls, 0.95):6.1f} ms, worst {max(walls):6.1f} ms; CPU "
                f"median {statistics.median(cpus):6.1f} ms, p95 {percentile(cpus, 0.95):6.1f} ms")
    return "\n".join(lines)


def note_seen_in_window(url: str, rounds: int) -> list[float]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reader.app import build_main_window

    app = QApplication.instance() or QApplication([])
    sessions = open_library(url)
    other = open_library(url)
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = build_main_window(sessions, settings)
        window.show()
        deadline = time.monotonic() + 30
        while window.current_comparison() is None and time.monotonic() < deadline:
            app.processEvents()
        doc = window.current_comparison()
        assert doc is not None, "no comparison on screen"
        seen: list[float] = []
        for n in range(rounds):
            body = f"bench note {n} {uuid.uuid4().hex}"
            time.sleep(random.Random(n).uniform(0, 0.5))  # any moment of the window's poll
            with other.begin() as s:
                add_note(s, doc.story.id, body, author="bench")
            saved = time.perf_counter()
            while body not in [note.body for note in window.notes.notes()]:
                app.processEvents()
                time.sleep(0.005)
                if time.perf_counter() - saved > 10:
                    raise SystemExit("the note never appeared")
            seen.append((time.perf_counter() - saved) * 1000)
        window.close()
    close_library(other)
    close_library(sessions)
    return seen


def bulk_fill(sessions: sessionmaker[Session], count: int) -> float:
    """`count` generated articles, one story each, stored 1,000 per transaction; seconds."""
    rng = random.Random(20251122)
    started = time.perf_counter()
    base = utc_now() - timedelta(seconds=count)
    for first in range(0, count, 1000):
        texts = [article(rng, n) for n in range(first, min(count, first + 1000))]
        # One second apart, as imported one after another: the list's default order.
        when = [base + timedelta(seconds=first + i) for i in range(len(texts))]
        with sessions.begin() as s:
            s.execute(insert(Story), [{"id": first + i + 1, "title": t.split("\n", 1)[0],
                                       "created": when[i], "version_count": 1,
                                       "latest_imported": when[i]}
                                      for i, t in enumerate(texts)])
            rows = []
            for i, body in enumerate(texts):
                words = fingerprint(body)
                rows.append({
                    "story_id": first + i + 1, "title": body.split("\n", 1)[0], "outlet": None,
                    "url": None, "published": None, "section": None, "language": "en",
                    "words": len(body.split()), "source_name": f"{first + i}.txt",
                    "raw_packed": pack_raw(body.encode(), body), "text": body,
                    "content_hash": f"{first + i:064d}",
                    "fingerprint_packed": pack_fingerprint(words, body),
                    "fingerprint_size": len(words), "imported_at": when[i]})
            s.execute(insert(Article), rows)
    with sessions.begin() as s:
        if s.get_bind().dialect.name == "postgresql":  # the story id sequence
            s.execute(text("SELECT setval('stories_id_seq', (SELECT max(id) FROM stories))"))
        s.execute(text("ANALYZE"))  # statistics, as after a library's life
    return time.perf_counter() - started


def search_library(server: Server, count: int, searches: int, repeat: int, folder: Path,
                   keep: bool) -> None:
    kept = f"reader_search_{count}" if keep else None
    pg_url = server.database(kept) if kept else server.new_database()
    try:
        rng = random.Random(7)
        sample = " ".join(article(random.Random(n), n) for n in range(50)).split()
        words = sorted({w.strip('.,"').lower() for w in sample
                        if w.strip('.,"').isalpha() and len(w) >= 5})
        queries = rng.sample(words, min(len(words), searches // 2))
        queries += [w[:3] for w in queries]
        print(f"{count} articles stored in bulk; load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} cores")
        for name, url in (("SQLite", f"sqlite:///{folder / f'search-{count}.sqlite3'}"),
                          ("PostgreSQL", pg_url)):
            sessions = open_library(url)
            with sessions() as s:
                filled = not library_is_empty(s)
            took = 0.0 if filled else bulk_fill(sessions, count)
            times = search_times(sessions, queries, repeat)
            how = "kept" if filled else f"{took:.0f} s to fill"
            print(f"search {name} ({how}), {len(queries)} queries, best of {repeat} "
                  f"(target: results <= 50 ms)\n" + describe(times))
            slowest = sorted(zip(times["results"][0], queries, strict=True), reverse=True)[:5]
            print("  slowest results: " + ", ".join(f"{q!r} {w:.0f} ms" for w, q in slowest))
            close_library(sessions)
    finally:
        if not kept:
            server.drop(pg_url)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--pg-url")
    parser.add_argument("--searches", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=10, help="live-note rounds")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each search query")
    parser.add_argument("--search-library", type=int, metavar="N",
                        help="only time search, over N articles stored in bulk")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="with --search-library: keep and reuse its libraries (SQLite in DIR)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server, stop = start_server(args.pg_url)
        if args.search_library:
            try:
                search_library(server, args.search_library, args.searches, args.repeat,
                               args.keep or folder, args.keep is not None)
            finally:
                server.engine.dispose()
                stop()
            return
        pg_url = server.new_database()
        try:
            corpus = folder / "corpus"
            corpus.mkdir()
            paths = make_files(corpus, args.articles)
            load = os.getloadavg()[0]
            print(f"{args.articles} articles; load average {load:.1f} on {os.cpu_count()} cores")
            sqlite_took, sqlite_n, sqlite = timed_import(
                f"sqlite:///{folder / 'bench.sqlite3'}", paths)
            print(f"import SQLite:     {sqlite_took:7.1f} s  ({sqlite_n / sqlite_took:6.1f} "
                  f"articles/s, {sqlite_n} imported)")
            pg_took, pg_n, pg = timed_import(pg_url, paths)
            print(f"import PostgreSQL: {pg_took:7.1f} s  ({pg_n / pg_took:6.1f} articles/s, "
                  f"{pg_n} imported)  = {pg_took / sqlite_took:.2f}x SQLite (target <= 3x)")

            # Words of the articles (invented topic words, names, places, common words),
            # each typed whole and as the 3 letters a search box holds while typing.
            rng = random.Random(7)
            words = sorted({w.strip('.,"').lower() for p in paths
                            for w in p.read_text(encoding="utf-8").split()
                            if w.strip('.,"').isalpha() and len(w) >= 5})
            queries = rng.sample(words, min(len(words), args.searches // 2))
            queries += [w[:3] for w in queries]
            for name, sessions in (("SQLite", sqlite), ("PostgreSQL", pg)):
                times = search_times(sessions, queries, args.repeat)
                print(f"search {name}, {len(queries)} queries, best of {args.repeat} "
                      f"(target: results <= 50 ms)\n" + describe(times))
            close_library(sqlite)
            close_library(pg)

            seen = note_seen_in_window(pg_url, args.rounds)
            print(f"note saved by another client, on screen in the window (PostgreSQL): median "
                  f"{statistics.median(seen):.0f} ms, worst {max(seen):.0f} ms "
                  f"(target <= 2000 ms)")
            sqlite_url = f"sqlite:///{folder / 'bench.sqlite3'}"
            seen = note_seen_in_window(sqlite_url, args.rounds)
            print(f"note saved by another client, on screen in the window (SQLite):     median "
                  f"{statistics.median(seen):.0f} ms, worst {max(seen):.0f} ms")
        finally:
            server.drop(pg_url)
            server.engine.dispose()
            stop()


if __name__ == "__main__":
    main()
