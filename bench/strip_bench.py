"""How fast the timeline strip appears: selecting a story of many versions → strip painted.

    python bench/strip_bench.py [--versions 50] [--words 2000] [--repeat 5] [--keep FILE]

In a real MainWindow (offscreen) over a temporary library holding one story of VERSIONS
versions of about WORDS words (each a light edit of the one before, as in timeline_bench.py)
and one short story to come from, the time from asking the library panel to select the long
story (what a click or an arrow key does) to:

- nodes: the strip shown with one node per version (drawn at once, before any comparison);
- marks: every change mark on the strip and the strip repainted, the event loop running.
  Cold: the library's comparison cache emptied first (every consecutive comparison runs,
  on a worker thread); warm: the cache filled, the window's own memory of timelines cleared;
  kept: the window coming back to a story whose timeline it still holds.

Median and worst of REPEAT selections, wall ms. Issue 14's targets are for the timeline
itself (≤ 1 s cold, ≤ 50 ms warm, bench/timeline_bench.py); this adds what a reader sees.
`--keep FILE` also writes the library to FILE (to look at the window on it).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from sqlalchemy import delete

sys.path.insert(0, str(Path(__file__).parent))
from timeline_bench import story_texts, version_article

from reader.store import add_article, close_library, open_library
from reader.store.models import ComparisonCache

OUTLETS = ("Harbour Courier", "Coastal Post", "The Daily Ledger")


def build_library(path: Path, versions: int, words: int) -> tuple[int, int]:
    """The long story and a short one; returns their ids."""
    sessions = open_library(f"sqlite:///{path}")
    texts = story_texts(versions, words, random.Random(14))
    short = story_texts(2, 200, random.Random(3))
    ids = []
    with sessions.begin() as s:
        for group in (texts, short):
            story_id = None
            for n, text in enumerate(group):
                outlet = OUTLETS[n % len(OUTLETS)]
                outcome = add_article(s, version_article(text, n, outlet), story_id=story_id,
                                      new_story=story_id is None)
                story_id = outcome.story_id
            assert story_id is not None
            ids.append(story_id)
    close_library(sessions)
    return ids[0], ids[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=50)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="also write the library to this file")
    args = parser.parse_args()

    from reader.app import build_main_window

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "strip.sqlite3"
        long_id, short_id = build_library(db, args.versions, args.words)
        if args.keep:
            shutil.copy(db, args.keep)
        sessions = open_library(f"sqlite:///{db}")
        window = build_main_window(sessions, QSettings(str(folder / "s.ini"),
                                                       QSettings.Format.IniFormat))
        window.resize(1440, 860)
        window.show()
        strip = window.timeline.strip

        def select_long() -> tuple[float, float]:
            assert window.library.select(short_id)
            deadline = time.perf_counter() + 60
            t0 = time.perf_counter()
            assert window.library.select(long_id)
            while len(strip.ids()) != args.versions or not strip.isVisible():
                app.processEvents()
                if time.perf_counter() > deadline:
                    raise TimeoutError("the strip never showed the story's versions")
            strip.repaint()
            nodes = (time.perf_counter() - t0) * 1000
            while not strip.has_changes():
                app.processEvents()
                if time.perf_counter() > deadline:
                    raise TimeoutError("the strip's marks never came")
            strip.repaint()
            return nodes, (time.perf_counter() - t0) * 1000

        def cold() -> None:
            with sessions.begin() as s:
                s.execute(delete(ComparisonCache))
            window.timeline.runner.forget()

        cases: list[tuple[str, Callable[[], None]]] = [
            ("cold", cold), ("warm", window.timeline.runner.forget), ("kept", lambda: None)]
        print(f"story: {args.versions} versions of ~{args.words} words "
              f"({os.environ['QT_QPA_PLATFORM']} platform)")
        print(f"{'cache':6} {'nodes median':>13} {'marks median':>13} {'marks worst':>12}")
        for name, prepare in cases:
            nodes, marks = [], []
            for _ in range(args.repeat):
                prepare()
                n, m = select_long()
                nodes.append(n)
                marks.append(m)
            print(f"{name:6} {statistics.median(nodes):10.1f} ms {statistics.median(marks):10.1f}"
                  f" ms {max(marks):9.1f} ms")
        window.close()
        close_library(sessions)


if __name__ == "__main__":
    main()
