"""Two processes writing to one library at once: does every write land, or wait and land?

Run: python bench/two_writers_soak.py [--seconds N] [--db FILE]

Two writer processes share one fresh SQLite library (WAL, 5 s busy timeout, as the app opens
it). Each loops until the time is up: it adds a note to the shared story, and every fifth turn
imports a freshly generated article file through `import_paths` (the CLI's and the window's
import), while the parent process reads the story list now and then as a third window would.
Each process counts writes attempted, stored (the library said yes), refused (an error came
back: the user would see it) and, once both are done, the parent counts lost writes (stored
but not in the library) and phantom writes (in the library but never reported stored).
Figures are printed per process; the target is refused 0, lost 0, phantom 0.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

from reader.store import (
    add_note,
    close_library,
    import_paths,
    list_notes,
    list_stories,
    open_library,
    writing,
)
from reader.store.errors import describe_database_error

STORY_TEXT = ("Harbour vote\n\nThe harbour council approved the flood barrier on Tuesday "
              "after a six-hour debate, the mayor said.\n")


def writer(name: str, url: str, folder: str, seconds: float, out: str) -> None:
    sessions = open_library(url)
    attempted = stored = refused = 0
    stored_notes: list[str] = []
    stored_files: list[str] = []
    reasons: dict[str, int] = {}
    deadline = time.monotonic() + seconds
    turn = 0
    while time.monotonic() < deadline:
        turn += 1
        attempted += 1
        kind = "import" if turn % 5 == 0 else "note"
        try:
            if kind == "import":
                path = Path(folder) / f"{name}_{turn:06d}.txt"
                path.write_text(f"{name} article {turn}\n\nWriter {name} filed report "
                                f"number {turn} about tide gauge {turn * 7919 % 100003} "
                                f"and pump station {turn}.\n", encoding="utf-8")
                [outcome] = import_paths(sessions, [path])
                if outcome.status != "imported":
                    raise RuntimeError(outcome.reason)
                stored_files.append(path.name)
            else:
                body = f"{name} note {turn}"
                with writing(sessions) as s:
                    add_note(s, 1, body)
                stored_notes.append(body)
            stored += 1
        except Exception as exc:  # counted, as a user would see it
            refused += 1
            reason = describe_database_error(exc) if not isinstance(exc, RuntimeError) \
                else str(exc)
            reasons[f"{kind}: {reason}"] = reasons.get(f"{kind}: {reason}", 0) + 1
    close_library(sessions)
    Path(out).write_text(json.dumps({
        "name": name, "attempted": attempted, "stored": stored, "refused": refused,
        "notes": stored_notes, "files": stored_files, "reasons": reasons}), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--db", type=Path, help="library file (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "soak.sqlite3"
        url = f"sqlite:///{db}"
        sessions = open_library(url)
        story = Path(tmp) / "story.txt"
        story.write_text(STORY_TEXT, encoding="utf-8")
        import_paths(sessions, [story])
        spawn = multiprocessing.get_context("spawn")
        names = ("A", "B")
        procs = [spawn.Process(target=writer, args=(n, url, tmp, args.seconds,
                                                    f"{tmp}/{n}.json")) for n in names]
        for p in procs:
            p.start()
        reads = slow_reads = 0
        while any(p.is_alive() for p in procs):
            started = time.monotonic()
            with sessions.begin() as s:
                list_stories(s)
            reads += 1
            slow_reads += time.monotonic() - started > 0.5
            time.sleep(0.2)
        for p in procs:
            p.join()
        with sessions.begin() as s:
            in_library = {n.body for n in list_notes(s, 1)}
            sources = {v.source_name.rsplit("/", 1)[-1]
                       for st in list_stories(s) for v in st.versions}
        close_library(sessions)
        print(f"two writers for {args.seconds:.0f} s on {db.name}; "
              f"{reads} reads by a third session, {slow_reads} took over 0.5 s")
        print(f"{'process':<8}{'attempted':>10}{'stored':>8}{'refused':>8}{'lost':>6}"
              f"{'phantom':>8}")
        failed = False
        for n in names:
            r = json.loads(Path(f"{tmp}/{n}.json").read_text(encoding="utf-8"))
            notes, files = set(r["notes"]), set(r["files"])
            lost = len(notes - in_library) + len(files - sources)
            mine_notes = {b for b in in_library if b.startswith(f"{n} note ")}
            mine_files = {f for f in sources if f.startswith(f"{n}_")}
            phantom = len(mine_notes - notes) + len(mine_files - files)
            print(f"{n:<8}{r['attempted']:>10}{r['stored']:>8}{r['refused']:>8}{lost:>6}"
                  f"{phantom:>8}")
            for reason, count in r["reasons"].items():
                print(f"    refused {count}x: {reason}")
            failed |= bool(r["refused"] or lost or phantom)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
