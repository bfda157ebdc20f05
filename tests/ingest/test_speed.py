"""Importing stays fast: a guard against an accidental quadratic step, with a generous bound.

Measured on a 2-core machine shared with other jobs: all 8 samples 19-27 ms cold; 1,000
generated articles (a third each text, HTML, JSON) 2.0-3.8 s: 1.4 ms per text page, 0.5-1 ms per
JSON file, 4-9 ms per HTML page (trafilatura's time).
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

from reader.ingest import expand_paths, read_articles, samples_dir

WORDS = ("council", "barrier", "river", "flood", "vote", "residents", "money", "wetlands",
         "bridge", "village", "school", "children", "minister", "homes", "harbour")  # fmt: skip


def write_articles(folder: Path, count: int) -> None:
    rng = random.Random(7)

    def paragraph() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 45))).capitalize() + "."

    for number in range(count):
        body = [paragraph() for _ in range(rng.randint(6, 12))]
        if number % 3 == 0:
            page = (
                f"DECEMBER {1 + number % 28}, 2022\nNews\n\nHeadline {number} about the vote\n\n"
                "image\nA caption (Photo: A. Person)\n\nCOURIER.COM - "
                + "\n\nRead more: another story\n\n".join(body)
                + "\n\nShare this article\n"
            )
            (folder / f"{number:04}.txt").write_text(page)
        elif number % 3 == 1:
            paragraphs = "".join(f"<p>{p}</p>" for p in body)
            markup = (
                f"<html><head><title>Story {number}</title></head><body><nav>Home</nav>"
                f"<article><h1>Story {number}</h1>{paragraphs}</article></body></html>"
            )
            (folder / f"{number:04}.html").write_text(markup)
        else:
            record = {"title": f"Story {number}", "text": "\n\n".join(body)}
            (folder / f"{number:04}.json").write_text(json.dumps(record))


def test_three_hundred_generated_articles_import_quickly(tmp_path: Path) -> None:
    write_articles(tmp_path, 300)
    paths = expand_paths([tmp_path])
    started = time.perf_counter()
    articles = [article for path in paths for article in read_articles(path)]
    elapsed = time.perf_counter() - started
    assert len(articles) == 300
    assert all(a.title and a.text for a in articles)
    assert elapsed < 15.0  # 0.7-1.2 s measured


def test_samples_import_quickly() -> None:
    paths = expand_paths([samples_dir()])
    started = time.perf_counter()
    for path in paths:
        read_articles(path)
    assert time.perf_counter() - started < 3.0  # ~30 ms measured, first run included
