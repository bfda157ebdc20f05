"""How fast the window answers: selecting an article, and launching.

    python bench/window_bench.py [--repeat N]

1. Select → comparison on screen: in a real MainWindow (offscreen) over a temporary library
   holding the bundled samples, the seed story of ../shared/seeds when it is there, and one
   generated ~5k-word story in two versions, the time from
   asking the library panel to select a row (what a click or an arrow key does) to the
   comparison shown and painted (`comparisonShown`, then a synchronous repaint of the view).
   Target: ≤ 100 ms. Median and worst of N selections per story. A long comparison shows the
   rows that fill the screen first and appends the rest while the event loop is idle; "all
   rows" is the median time until the last row is in the document, the event loop running.
2. Launch → window exposed: `reader.app.run` in a fresh process on that library (a second
   launch, so no first-run sample import), timed from process start to the moment the
   window's native surface is exposed. Target: ≤ 1.5 s. Median of N launches.
3. With `--large N`: the library tree over N generated stories (2N articles): opening it
   (count + first page), the next page, and a search.
4. With `--library URL [--query TEXT]...` only: the window on an existing library (such as the
   100k one `library_bench.py --keep DIR` leaves): open, ten next pages, each search until its
   results are in with the longest stall of the event loop meanwhile, and memory.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtGui import QTextTable
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget

from reader.store import close_library, import_paths, import_samples, open_library
from reader.store.records import StorySummary, VersionPair

# ../shared/seeds beside the checkout (or beside the folder of worktrees it is in).
SEEDS = next((p / "shared" / "seeds" for p in Path(__file__).resolve().parents
              if (p / "shared" / "seeds").is_dir()), Path("shared/seeds"))

PROSE = ("the council said on monday that the new bridge would open in march after two years "
         "of delays while residents of the northern district asked for more buses and a safer "
         "crossing near the school where parents have waited since the flood of last winter "
         "officials added that funding from the province covered most of the cost")
VOCAB = tuple(PROSE.split())
SWAPS = {"said": "stated", "new": "planned", "open": "reopen", "residents": "people",
         "asked": "called", "safer": "better", "officials": "authorities", "added": "noted"}


def rows_in_document(view: QWidget) -> int:
    """Comparison rows in the view's document (each row is one table)."""
    edit = view.findChild(QTextEdit)
    assert edit is not None
    return sum(isinstance(f, QTextTable) for f in edit.document().rootFrame().childFrames())


def generated_story(n_words: int, seed: int = 11) -> tuple[str, str]:
    """A ~n-word article and a rewrite: a third of sentences reworded, some dropped, added,
    moved, and a quotation altered."""
    rng = random.Random(seed)
    sentences: list[str] = []
    total = 0
    while total < n_words:
        words = [rng.choice(VOCAB) for _ in range(rng.randint(12, 26))]
        if rng.random() < 0.15:
            words[3] = '"' + words[3]
            words[-1] = words[-1] + '," the mayor said'
        sentence = " ".join(words)
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        total += len(words)
    rewrite: list[str] = []
    for s in sentences:
        r = rng.random()
        if r < 0.05:
            continue
        if r < 0.35:
            s = " ".join(SWAPS.get(w, w) for w in s.split())
        rewrite.append(s)
        if rng.random() < 0.04:
            rewrite.append("A new sentence with no source appears here for the reader.")
    for _ in range(len(rewrite) // 40):
        i, j = rng.randrange(len(rewrite)), rng.randrange(len(rewrite))
        rewrite.insert(j, rewrite.pop(i))

    def paragraphs(items: list[str]) -> str:
        return "\n\n".join(" ".join(items[k:k + 4]) for k in range(0, len(items), 4))

    title = "Northern bridge opening delayed again\n\n"
    return title + paragraphs(sentences) + "\n", title + paragraphs(rewrite) + "\n"


def make_library(folder: Path) -> str:
    url = f"sqlite:///{folder / 'bench.db'}"
    sessions = open_library(url)
    import_samples(sessions)
    left, right = generated_story(5000)
    (folder / "long").mkdir()
    (folder / "long" / "1-gazette.txt").write_text(left, encoding="utf-8")
    (folder / "long" / "2-post.txt").write_text(right, encoding="utf-8")
    import_paths(sessions, [folder / "long"], new_story=True)
    if SEEDS.is_dir():  # the team's real input, when the checkout has ../shared beside it
        import_paths(sessions, sorted(SEEDS.glob("*.txt")), new_story=True)
    close_library(sessions)
    return url


def time_selections(url: str, folder: Path, repeat: int) -> None:
    from reader.app import build_main_window

    if QApplication.instance() is None:
        QApplication(sys.argv)
    sessions = open_library(url)
    window = build_main_window(sessions, QSettings(str(folder / "s.ini"),
                                                   QSettings.Format.IniFormat))
    window.show()
    shown: list[VersionPair] = []
    window.comparisonShown.connect(shown.append)

    loop = QEventLoop()
    window.comparisonShown.connect(lambda _doc: loop.quit())
    QTimer.singleShot(30_000, loop.quit)

    def wait_for(story_id: int) -> tuple[float, float]:
        """Select, then sleep in the event loop (as the app does) until it is on screen;
        then until every row is laid out."""
        shown.clear()
        window.runner.forget()  # time a fresh comparison, not one kept from before
        t0 = time.perf_counter()
        assert window.library.select(story_id)
        while not (shown and shown[-1].story.id == story_id):
            loop.exec()
            if time.perf_counter() - t0 > 30:
                raise TimeoutError(f"story {story_id} was never shown")
        window.view.repaint()
        painted = (time.perf_counter() - t0) * 1000
        while rows_in_document(window.view) < len(shown[-1].comparison.rows):
            QApplication.processEvents()
        return painted, (time.perf_counter() - t0) * 1000

    model = window.library.model
    stories = [s for s in (model.story(model.index(r, 0)) for r in range(model.rowCount()))
               if isinstance(s, StorySummary)]
    print(f"{'story':58} {'words':>11} {'median ms':>10} {'worst ms':>9} {'all rows':>9}")
    for story in stories:
        elsewhere = next(s for s in stories if s.id != story.id)
        times, complete = [], []
        for _ in range(repeat):
            current, _ = window.library.current()
            if current is None or current.id == story.id:
                wait_for(elsewhere.id)  # come from another story, as a reader does
            painted, laid_out = wait_for(story.id)
            times.append(painted)
            complete.append(laid_out)
        doc = shown[-1]
        words = f"{doc.left.words}+{doc.right.words}"
        print(f"{story.title[:58]:58} {words:>11} {statistics.median(times):10.1f} "
              f"{max(times):9.1f} {statistics.median(complete):9.1f}")
    window.close()
    close_library(sessions)


LAUNCH = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtGui import QTextTable
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget

class Exposed(QObject):
    def eventFilter(self, obj, event):
        if (event.type() == QEvent.Type.Expose and isinstance(obj, QWindow)
                and obj.isExposed() and obj.title().endswith("Parallax Reader")):
            print(f"exposed {time.time()}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv)
watcher = Exposed()
app.installEventFilter(watcher)  # sees the Expose of every window, the main one included
import reader.app
sys.exit(reader.app.run(sys.argv[1]))
"""


def time_launches(url: str, folder: Path, repeat: int) -> None:
    script = folder / "launch.py"
    script.write_text(LAUNCH, encoding="utf-8")
    env = dict(os.environ, XDG_CONFIG_HOME=str(folder / "config"))
    times = []
    for _ in range(repeat):
        t0 = time.time()
        out = subprocess.run([sys.executable, str(script), url], capture_output=True, text=True,
                             env=env, timeout=60, check=False).stdout
        line = next((ln for ln in out.splitlines() if ln.startswith("exposed")), None)
        if line is None:
            print("launch: the window was never exposed")
            return
        times.append((float(line.split()[1]) - t0) * 1000)
    print(f"launch → window exposed: median {statistics.median(times):.0f} ms, "
          f"worst {max(times):.0f} ms over {repeat} launches "
          f"({os.environ.get('QT_QPA_PLATFORM')} platform)")


def time_large_library(folder: Path, n_stories: int) -> None:
    """Opening the library tree, and a search, over n stories of two short versions each."""
    from reader.ingest.model import ParsedArticle
    from reader.store import add_article
    from reader.ui.library_model import LibraryModel

    url = f"sqlite:///{folder / 'large.db'}"
    sessions = open_library(url)
    rng = random.Random(5)
    t0 = time.perf_counter()
    with sessions.begin() as s:
        for i in range(n_stories):
            story_id = None
            for v in range(2):
                text = " ".join(rng.choice(VOCAB) for _ in range(60)) + f" story {i} v{v}."
                parsed = ParsedArticle(
                    source_name=f"{i}-{v}.txt", raw=text.encode(), text=text,
                    title=f"Story {i}: {' '.join(rng.choice(VOCAB) for _ in range(6))}",
                    outlet=("Gazette", "Post", "Daily")[v], url=None, published=None,
                    section=None, language="en",
                    content_hash=hashlib.sha256(text.encode()).hexdigest())
                outcome = add_article(s, parsed, story_id=story_id, new_story=story_id is None)
                story_id = outcome.story_id
    built = time.perf_counter() - t0
    if QApplication.instance() is None:
        QApplication(sys.argv)
    t0 = time.perf_counter()
    model = LibraryModel(sessions)
    opened = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    model.fetch_page_now()  # what a worker thread does as the reader scrolls
    page = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    loop = QEventLoop()
    model.searchFinished.connect(loop.quit)
    model.set_query("bridge school")  # on a worker thread: wait for its result
    loop.exec()
    searched = (time.perf_counter() - t0) * 1000
    print(f"library of {n_stories:,} stories ({2 * n_stories:,} articles, built in {built:.0f} s):"
          f" tree opens in {opened:.0f} ms ({model.page_size} stories), next page {page:.0f} ms"
          " (read off the UI thread),"
          f" search {searched:.0f} ms ({model.total:,} matches)")
    close_library(sessions)


def _memory_mb() -> tuple[float, float]:
    """(resident now, peak resident) of this process, from /proc (Linux)."""
    status = Path("/proc/self/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


def time_window_on(url: str, folder: Path, queries: list[str]) -> None:
    """The whole window on an existing library (e.g. library_bench.py's 100k one): opening
    it, scrolling page after page, searches (until their results are in, and the longest
    the event loop was held up meanwhile), and the process's memory."""
    from reader.app import build_main_window

    if QApplication.instance() is None:
        QApplication(sys.argv)
    t0 = time.perf_counter()
    sessions = open_library(url)
    window = build_main_window(sessions, QSettings(str(folder / "s.ini"),
                                                   QSettings.Format.IniFormat))
    window.show()
    QApplication.processEvents()
    model = window.library.model
    print(f"window on {model.total:,} stories: open {(time.perf_counter() - t0) * 1000:.0f} ms,"
          f" memory {_memory_mb()[0]:.0f} MB")
    pages = []
    for _ in range(10):
        settle = time.perf_counter() + 5  # a page the view asked for itself may be arriving
        while not model.can_fetch_more() and time.perf_counter() < settle:
            QApplication.processEvents()
        if not model.can_fetch_more():
            break
        t0 = time.perf_counter()
        loop = QEventLoop()
        model.rowsInserted.connect(loop.quit)
        model.fetch_more()
        loop.exec()
        model.rowsInserted.disconnect(loop.quit)
        pages.append((time.perf_counter() - t0) * 1000)
    if pages:
        print(f"next page of {model.page_size}: median {statistics.median(pages):.1f} ms, "
              f"worst {max(pages):.1f} ms over {len(pages)} pages")
    for query in queries:
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(lambda ticks=ticks: ticks.append(time.perf_counter()))
        timer.start()
        loop = QEventLoop()
        model.searchFinished.connect(loop.quit)
        t0 = time.perf_counter()
        window.library.search.setText(query)
        window.library._apply_search()  # skip the typing pause: time the search itself
        loop.exec()
        took = (time.perf_counter() - t0) * 1000
        timer.stop()
        model.searchFinished.disconnect(loop.quit)
        gaps = [b - a for a, b in zip([t0, *ticks], ticks, strict=False)]
        print(f"search {query!r}: results in {took:.0f} ms ({model.total:,} stories), "
              f"longest UI stall {max(gaps, default=0) * 1000:.0f} ms")
    now, peak = _memory_mb()
    print(f"memory: {now:.0f} MB resident, peak {peak:.0f} MB")
    window.close()
    close_library(sessions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--large", type=int, default=0, metavar="N",
                        help="also time the library tree over N generated stories")
    parser.add_argument("--library", metavar="URL",
                        help="only time the window on this library (see library_bench.py)")
    parser.add_argument("--query", action="append", default=[],
                        help="a search to time with --library (repeatable)")
    args = parser.parse_args()
    if args.library:
        with tempfile.TemporaryDirectory() as tmp:
            time_window_on(args.library, Path(tmp), args.query or ["police"])
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = make_library(folder)
        time_selections(url, folder, args.repeat)
        time_launches(url, folder, args.repeat)
        if args.large:
            time_large_library(folder, args.large)


if __name__ == "__main__":
    main()
