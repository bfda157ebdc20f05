"""A library of 1k, 10k and 100k articles: import, size, search and list, against plain SQLite.

Run: PYTHONPATH=. python bench/library_bench.py [--sizes 1000,10000,100000] [--runs 3]
[--keep DIR]

The corpus comes from tests/store/corpus.py (seeded: every run builds the same articles):
400-800-word English-like news articles, about 15% of them further versions of an earlier
story. For each size N it writes the first N articles as one JSON Lines file and measures:

- import: `reader import FILE` in a fresh library, timed inside the child process from the
  first line of the import to its last (not the interpreter's start), with its peak memory;
- the floor: a plain script reading the same file (json.loads per line) and inserting title
  and text into one SQLite table with an FTS5 index, in one transaction, in this process;
- the marginal cost: importing the next 200 articles of the corpus into a copy of the N
  library (each run into a fresh copy), once every size is built, the sizes alternating;
  `--marginal-only --keep DIR` measures it again on the libraries an earlier run left in DIR;

The floor, the import and the marginal cost are each measured --runs times (3 by default,
floor and import alternating) and their medians printed with every run's figure: on this
shared machine one run's time moves by 15% from one minute to the next.
- size: the library file against the articles' text (UTF-8 bytes) and the JSONL file;
- search (without the process start): the first page of 200 matching stories (list_stories,
  what the window shows first) and the number matching (count_stories, shown when it is in)
  for a common word, a rare word and a phrase, each timed alone, beside the same words as
  one FTS5 query on the plain library; the list's first page and a page deep in it in each
  sort order; each the median of 5 runs in a warm process. `--queries-only --keep DIR` times
  these again on the libraries an earlier run left in DIR.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tests.store.corpus import CorpusGenerator

MARGINAL = 200
PAGE = 200

# Timed inside the child: the import alone (wall; CPU of the child and of the reading
# process it starts), then its peak resident memory (VmHWM, KiB; not ru_maxrss, which Linux
# carries over from the forking parent across exec).
_IMPORT_CHILD = """
import re, resource, sys, time
from pathlib import Path
from reader.store import close_library, import_paths, open_library
sessions = open_library(sys.argv[1])
start, cpu = time.perf_counter(), time.process_time()
outcomes = import_paths(sessions, [Path(sys.argv[2])])
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
close_library(sessions)
worker = resource.getrusage(resource.RUSAGE_CHILDREN)
failed = sum(o.status == "failed" for o in outcomes)
peak = re.search(r"VmHWM:\\s*(\\d+)", Path("/proc/self/status").read_text()).group(1)
print(seconds, len(outcomes), failed, peak, cpu, worker.ru_utime + worker.ru_stime)
"""


def write_corpus(folder: Path, sizes: list[int]) -> dict[int, tuple[Path, Path, int]]:
    """{N: (first N articles, the next MARGINAL articles, text bytes of the first N)}.

    Files already in `folder` (from an earlier run with --keep) are used as they are: the
    corpus is the same every time."""
    files = {n: (folder / f"corpus_{n}.jsonl", folder / f"more_{n}.jsonl") for n in sizes}
    text_bytes = dict.fromkeys(sizes, 0)
    if all(main.exists() and more.exists() for main, more in files.values()):
        for n, (main, _more) in files.items():
            with main.open(encoding="utf-8") as lines:
                text_bytes[n] = sum(len(json.loads(line)["text"].encode()) for line in lines)
        return {n: (*files[n], text_bytes[n]) for n in sizes}
    handles = {n: (main.open("w", encoding="utf-8"), more.open("w", encoding="utf-8"))
               for n, (main, more) in files.items()}
    for index, article in enumerate(CorpusGenerator().articles(max(sizes) + MARGINAL)):
        line = article.json_line() + "\n"
        for n, (main_out, more_out) in handles.items():
            if index < n:
                main_out.write(line)
                text_bytes[n] += len(article.text.encode())
            elif index < n + MARGINAL:
                more_out.write(line)
    for main_out, more_out in handles.values():
        main_out.close()
        more_out.close()
    return {n: (*files[n], text_bytes[n]) for n in sizes}


def floor_import(path: Path, db: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of the plain script."""
    start, cpu = time.perf_counter(), time.process_time()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, text TEXT)")
    conn.execute("CREATE VIRTUAL TABLE search USING fts5(title, text, content='articles', "
                 "content_rowid='id', tokenize='unicode61 remove_diacritics 2')")
    with conn, path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            cursor = conn.execute("INSERT INTO articles (title, text) VALUES (?, ?)",
                                  (record["title"], record["text"]))
            conn.execute("INSERT INTO search (rowid, title, text) VALUES (?, ?, ?)",
                         (cursor.lastrowid, record["title"], record["text"]))
    conn.close()
    return time.perf_counter() - start, time.process_time() - cpu


@dataclass(frozen=True)
class Imported:
    seconds: float  # wall
    records: int
    failed: int
    peak_mb: float
    cpu: float  # the importing process
    worker_cpu: float  # the process reading files beside it (0 for a small import)


def app_import(url: str, path: Path) -> Imported:
    """Importing `path` in a child process."""
    done = subprocess.run([sys.executable, "-c", _IMPORT_CHILD, url, str(path)],
                          capture_output=True, text=True, check=True)
    seconds, records, failed, peak_kib, cpu, worker = done.stdout.split()
    return Imported(float(seconds), int(records), int(failed), int(peak_kib) / 1024,
                    float(cpu), float(worker))


def library_bytes(db: Path) -> int:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


Timing = tuple[float, float]  # (wall ms, this process's CPU ms), medians


def median_ms(action: Callable[[], object], runs: int = 5) -> Timing:
    """Median wall and CPU time: on a shared machine the CPU time shows the work itself."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def query_latencies(url: str, words: tuple[str, str, str]) -> dict[str, Timing]:
    from reader.store import close_library, count_stories, list_stories, open_library

    sessions = open_library(url)
    results: dict[str, Timing] = {}
    with sessions() as s:
        # The window shows the first page as soon as it is read and the count when it is in
        # (reader.ui.library_reads); `reader list --search` prints every match.
        for label, query in zip(("common word", "rare word", "phrase"), words, strict=True):
            results[f"search {label} {query!r}: page"] = median_ms(
                lambda query=query: list_stories(s, query, limit=PAGE))  # type: ignore[misc]
            results[f"search {label} {query!r}: count"] = median_ms(
                lambda query=query: count_stories(s, query))  # type: ignore[misc]
        for sort in ("recent", "title", "date", "versions"):
            results[f"list first page by {sort}"] = median_ms(
                lambda sort=sort: list_stories(s, sort=sort, limit=PAGE))  # type: ignore[misc]
            deep = max(0, count_stories(s) // 2)
            results[f"list page at {deep} by {sort}"] = median_ms(
                lambda sort=sort, deep=deep: list_stories(  # type: ignore[misc]
                    s, sort=sort, offset=deep, limit=PAGE))
    close_library(sessions)
    return results


def floor_search_ms(db: Path, query: str) -> Timing:
    """The same words as one FTS5 query on the plain library: the floor of a search."""
    conn = sqlite3.connect(db)
    match = " ".join('"' + word + '"' for word in query.split()) + "*"
    ms = median_ms(lambda: conn.execute("SELECT rowid FROM search WHERE search MATCH ?",
                                        (match,)).fetchall())
    conn.close()
    return ms


def print_queries(url: str, floor_db: Path, corpus: Path) -> None:
    words = search_words(corpus)
    timings = query_latencies(url, words)
    for word in words:
        timings[f"plain FTS5 query alone {word!r}"] = floor_search_ms(floor_db, word)
    for label, (wall, cpu) in timings.items():
        print(f"{label:44} {wall:7.1f} ms  (CPU {cpu:6.1f} ms)")


def search_words(path: Path) -> tuple[str, str, str]:
    """A common word (in about one article in six, as "police" is in news), a word in a
    handful of articles, and a two-word phrase of the first article."""
    first = json.loads(path.open(encoding="utf-8").readline())
    words = first["text"].lower().replace(".", "").split()
    long_words = [w for w in words if len(w) >= 6]
    counts: dict[str, int] = {}
    sampled = 0
    with path.open(encoding="utf-8") as lines:
        for sampled, line in enumerate(lines, start=1):
            if sampled > 2000:
                break
            for word in set(json.loads(line)["text"].lower().replace(".", "").split()):
                counts[word] = counts.get(word, 0) + 1
    common = min((w for w in counts if len(w) >= 4),
                 key=lambda w: (abs(counts[w] / sampled - 1 / 6), w))
    rare = min(long_words, key=lambda w: (counts.get(w, 0), w))
    index = words.index(long_words[0])
    phrase = " ".join(words[index:index + 2])
    return common, rare, phrase


def measure_size(folder: Path, n: int, files: tuple[Path, Path, int], runs: int) -> None:
    """Print one size's figures: the floor and the import `runs` times each (alternating, so
    that the machine's slower minutes fall on both), then size and queries."""
    main_file, _more, text_bytes = files
    floor_db = folder / f"floor_{n}.sqlite3"
    db = folder / f"library_{n}.sqlite3"
    url = f"sqlite:///{db}"
    floors: list[tuple[float, float]] = []
    apps: list[Imported] = []
    for _run in range(runs):
        floor_db.unlink(missing_ok=True)
        floors.append(floor_import(main_file, floor_db))
        for old in folder.glob(db.name + "*"):
            old.unlink()
        apps.append(app_import(url, main_file))
    floor_size = library_bytes(floor_db)
    size = library_bytes(db)
    app, floor = median_of(apps, "seconds"), statistics.median(wall for wall, _cpu in floors)
    floor_cpu = statistics.median(cpu for _wall, cpu in floors)
    cpu, worker_cpu = median_of(apps, "cpu"), median_of(apps, "worker_cpu")
    ratios = sorted(a.seconds / wall for a, (wall, _cpu) in zip(apps, floors, strict=True))
    jsonl_bytes = main_file.stat().st_size
    print(f"\n== {n:,} articles ({apps[0].records:,} records, {apps[0].failed} failed; "
          f"text {text_bytes / 1e6:.1f} MB, JSONL {jsonl_bytes / 1e6:.1f} MB)")
    print(f"import           {app:8.1f} s  {n / app:7.0f} articles/s  CPU {cpu:.1f} s + reading "
          f"process {worker_cpu:.1f} s  peak memory {median_of(apps, 'peak_mb'):.0f} MB  "
          f"(runs {seconds_list(a.seconds for a in apps)})")
    print(f"plain SQLite+FTS5 floor {floor:6.1f} s  {n / floor:7.0f} articles/s  "
          f"CPU {floor_cpu:.1f} s  (runs {seconds_list(wall for wall, _cpu in floors)})")
    print(f"  -> app/floor {app / floor:.1f}x wall (each run against its own floor: "
          f"{', '.join(f'{ratio:.1f}x' for ratio in ratios)}), {cpu / floor_cpu:.1f}x CPU of "
          f"the importing process, {(cpu + worker_cpu) / floor_cpu:.1f}x CPU of both")
    print(f"library size     {size / 1e6:8.1f} MB = {size / text_bytes:.2f}x the text, "
          f"{size / jsonl_bytes:.2f}x the JSONL (floor library {floor_size / 1e6:.1f} MB)")
    print_queries(url, floor_db, main_file)


def measure_marginals(folder: Path, files: dict[int, tuple[Path, Path, int]], runs: int
                      ) -> None:
    """Print the marginal cost at each size, the sizes alternating in each of `runs` rounds
    (the target compares sizes: measured an hour apart, the machine's pace would)."""
    sizes = sorted(files)
    margins: dict[int, list[Imported]] = {n: [] for n in sizes}
    for _run in range(runs):
        for n in sizes:
            margins[n].append(marginal_import(folder / f"library_{n}.sqlite3", files[n][1]))
    print(f"\n== marginal cost of {MARGINAL} more articles (each into a fresh copy of the "
          f"library; sizes alternating, {runs} rounds; CPU of both processes)")
    smallest = None
    for n in sizes:
        cpus = [(m.cpu + m.worker_cpu) / m.records * 1000 for m in margins[n]]
        cpu = statistics.median(cpus)
        wall = statistics.median(m.seconds / m.records * 1000 for m in margins[n])
        against = "" if smallest is None else f"  -> {cpu / smallest:.2f}x the smallest's"
        smallest = cpu if smallest is None else smallest
        print(f"{n:>9,} articles: {wall:.2f} ms/article wall, {cpu:.2f} ms CPU (runs "
              f"{', '.join(f'{value:.2f}' for value in cpus)}){against}")


def marginal_import(db: Path, more_file: Path) -> Imported:
    """Importing `more_file` into a copy of the library `db` (checkpointed: the file alone is
    the library), written to disk first so that its pages are not written back meanwhile."""
    copy = db.with_name("marginal_" + db.name)
    shutil.copyfile(db, copy)
    with copy.open("rb+") as handle:
        os.fsync(handle.fileno())
    try:
        return app_import(f"sqlite:///{copy}", more_file)
    finally:
        for written in copy.parent.glob(copy.name + "*"):
            written.unlink()


def median_of(imports: list[Imported], figure: str) -> float:
    return float(statistics.median(getattr(imported, figure) for imported in imports))


def seconds_list(values: Iterable[float]) -> str:
    return ", ".join(f"{value:.2f}" if value < 10 else f"{value:.1f}" for value in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--keep", type=Path, help="build the libraries in this folder")
    parser.add_argument("--runs", type=int, default=3,
                        help="floors, imports and marginal imports per size (medians printed)")
    parser.add_argument("--marginal-only", action="store_true",
                        help="only the marginal cost, on the libraries --keep holds")
    parser.add_argument("--queries-only", action="store_true",
                        help="only time the searches and lists on the libraries --keep holds")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    if args.queries_only:
        for n in sizes:
            print(f"\n== {n:,} articles")
            print_queries(f"sqlite:///{args.keep / f'library_{n}.sqlite3'}",
                          args.keep / f"floor_{n}.sqlite3", args.keep / f"corpus_{n}.jsonl")
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="library_bench_"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    files = write_corpus(folder, sizes)
    print(f"corpus written in {time.perf_counter() - started:.0f} s to {folder}", flush=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"SQLite {sqlite3.sqlite_version}; medians of {args.runs} runs", flush=True)
    if args.marginal_only:
        if args.keep is None:
            parser.error("--marginal-only needs --keep DIR")
        measure_marginals(folder, files, args.runs)
        return
    for n in sizes:
        measure_size(folder, n, files[n], args.runs)
        sys.stdout.flush()
    measure_marginals(folder, files, args.runs)
    print(f"\nwhole run {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
