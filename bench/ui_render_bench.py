"""Time ComparisonView.show_comparison on ~5k- and ~25k-word comparisons (offscreen).

    QT_QPA_PLATFORM=offscreen python bench/ui_render_bench.py

Texts are generated (seeded) Indonesian-like news prose; the right version rewords about a
third of the sentences, drops and adds a few and moves some, then the real engine compares them.
Prints medians of several runs: the presentation layout (`reader.present.build_layout`, pure
Python, the same for the window and every export; target ≤ 15 ms at 5k words), show_comparison
plus the first paint (what the reader waits
for; the rows after the first screen are appended in chunks while the event loop is idle, and
laid out lazily), as wall time and as this process's CPU time (steadier when other work shares
the machine), and the time until every row is in the document and laid out.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QTextTable
from PySide6.QtWidgets import QApplication, QTextEdit

from reader.compare import compare
from reader.compare.words import count_words
from reader.present import build_layout
from reader.store.records import ArticleDetail
from reader.ui.comparison_view import ComparisonView

_PROSE = (
    "pemerintah menyatakan bahwa negara akan terus memberikan dukungan kepada warga yang "
    "terdampak konflik di wilayah perbatasan sementara para menteri bertemu di Brussels untuk "
    "membahas bantuan keamanan pelatihan militer dan proses negosiasi damai yang langgeng serta "
    "berkelanjutan bagi kawasan Eropa timur")
WORDS = tuple(_PROSE.split())
SWAPS = ("mengatakan", "menegaskan", "menyampaikan", "bantuan", "dukungan", "segera", "kini")


def make_texts(n_words: int, seed: int = 7) -> tuple[str, str]:
    rng = random.Random(seed)
    sentences = []
    total = 0
    while total < n_words:
        k = rng.randint(12, 28)
        words = [rng.choice(WORDS) for _ in range(k)]
        if rng.random() < 0.15:  # a direct quotation
            a = rng.randint(2, k - 4)
            words[a] = "“" + words[a]
            words[a + 3] += ",”"
        sentences.append(" ".join(words).capitalize() + ".")
        total += k
    right = []
    for s in sentences:
        r = rng.random()
        if r < 0.03:
            continue  # dropped
        words = s.split()
        if r < 0.35:  # reworded
            for _ in range(rng.randint(1, 4)):
                words[rng.randrange(len(words))] = rng.choice(SWAPS)
        right.append(" ".join(words))
        if rng.random() < 0.03:
            right.append("Kalimat baru ini tidak ada di versi asli " + rng.choice(WORDS) + ".")
    for _ in range(len(right) // 40):  # moves
        i, j = rng.randrange(len(right)), rng.randrange(len(right))
        right.insert(j, right.pop(i))
    return _paragraphs(sentences), _paragraphs(right)


def _paragraphs(sentences: list[str]) -> str:
    return "\n\n".join(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))


def detail(article_id: int, text: str) -> ArticleDetail:
    return ArticleDetail(article_id, 1, f"Version {article_id}", "Outlet", None, "id",
                         count_words(text), f"v{article_id}.txt", datetime(2025, 1, 1), text,
                         b"", None, None, str(article_id))


def rows_in_document(edit: QTextEdit) -> int:
    root = edit.document().rootFrame()
    return sum(isinstance(f, QTextTable) for f in root.childFrames())


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.0f} ms"


def main() -> None:
    app = QApplication([])
    view = ComparisonView()
    view.resize(1400, 900)
    view.show()
    app.processEvents()
    edit = view.findChild(QTextEdit)
    assert edit is not None
    for n in (5_000, 25_000):
        left_text, right_text = make_texts(n)
        t0 = time.perf_counter()
        cmp = compare(left_text, right_text)
        engine = time.perf_counter() - t0
        left, right = detail(1, left_text), detail(2, right_text)
        spans = sum(1 for r in cmp.rows for o in r.ops if o.op != "equal")
        layouts, layouts_cpu, build, build_cpu, shown = [], [], [], [], []
        for _ in range(7):
            app.processEvents()  # let the previous document go first
            t0, c0 = time.perf_counter(), time.process_time()
            layout = build_layout(cmp, left.id, right.id, ())
            layouts.append(time.perf_counter() - t0)
            layouts_cpu.append(time.process_time() - c0)
            view.show_comparison(left, right, layout)
            edit.viewport().repaint()  # what the reader sees first
            t1, c1 = time.perf_counter(), time.process_time()
            while rows_in_document(edit) < len(cmp.rows):  # rows after the first screen
                app.processEvents()
            edit.document().documentLayout().documentSize()  # the rest, laid out
            t2 = time.perf_counter()
            build.append(t1 - t0)
            build_cpu.append(c1 - c0)
            shown.append(t2 - t0)
        t0 = time.perf_counter()
        steps = 0
        while view.next_change() and steps < 50:
            steps += 1
        nav = (time.perf_counter() - t0) / max(steps, 1)
        print(f"{count_words(left_text):>6} words left, {len(cmp.rows)} rows, {spans} change ops:"
              f" engine {engine * 1000:.0f} ms | layout {_ms(layouts)} wall,"
              f" {_ms(layouts_cpu)} CPU |"
              f" layout + show_comparison + first paint"
              f" {_ms(build)} wall, {_ms(build_cpu)} CPU | whole document laid out {_ms(shown)}"
              f" | next_change {nav * 1000:.1f} ms")
    view.close()


if __name__ == "__main__":
    main()
