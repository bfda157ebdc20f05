"""A story of many versions: the timeline and notes carried between versions.

Builds a throw-away library holding one story of VERSIONS versions of about WORDS words,
each a light edit of the one before (sentences reworded, added, deleted, moved), and 100
notes spread over the versions. Prints, wall ms (best of 5 where repeated):

- timeline cold: every consecutive comparison computed and cached (what the first look at a
  story costs), and warm: read from the library's cache;
- timeline and quotation history together (what `reader timeline` reads), cold and warm;
- carrying the 100 notes to the first, a middle and the last version, warm cache;
- the cache's size in the library.
Each timing gives wall and CPU time of this process: on a busy machine the CPU time is the
figure to trust.

Targets (issue 14): 50 versions of ~2,000 words, timeline (with the quotation history)
≤ 1 s cold and ≤ 50 ms warm, 100 notes carried to any version ≤ 100 ms.

    python bench/timeline_bench.py [--versions 50] [--words 2000]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select

sys.path.insert(0, str(Path(__file__).parent))
from compare_bench import Generator, _text, lightly_edited

from reader.ingest.model import ParsedArticle
from reader.store import (
    add_article,
    add_note,
    anchor_for_passage,
    close_library,
    open_library,
)
from reader.store.models import ComparisonCache
from reader.store.quote_history import story_quote_history
from reader.store.timeline import notes_in_version, story_timeline


def version_article(text: str, n: int, outlet: str = "Bench Courier") -> ParsedArticle:
    """Version `n` of the story, dated a day after the one before."""
    return ParsedArticle(
        source_name=f"v{n}.txt", raw=text.encode(), text=text, title=f"Version {n}",
        outlet=outlet, url=None, published=date(2026, 1, 1) + timedelta(days=n),
        section=None, language="en", content_hash=hashlib.sha256(text.encode()).hexdigest())


def story_texts(versions: int, words: int, rng: random.Random) -> list[str]:
    """A story of `versions` texts of about `words` words, each a light edit of the last."""
    gen = Generator(14)
    doc = gen.document(words)
    texts = [_text(doc)]
    for _ in range(versions - 1):
        # A tenth of the usual light edit per version: a handful of sentences each time.
        edited = lightly_edited(doc, gen, random.Random(rng.random()))
        doc = [list(p) for p in (edited if rng.random() < 0.1 else doc)]
        # A light edit may leave a short paragraph as it was: edit until the text is new (the
        # library keeps one copy of a text imported twice, and the story would be shorter).
        while _text(doc) in texts:
            n = rng.randrange(len(doc))
            doc[n] = lightly_edited([doc[n]], gen, random.Random(rng.random()))[0] or doc[n]
        texts.append(_text(doc))
    return texts


def _best(repeat: int, run: Callable[[], object]) -> str:
    """Best wall and CPU ms of `repeat` runs (CPU time stays honest on a busy machine)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return f"{wall * 1000:8.1f} ms wall {cpu * 1000:8.1f} ms CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=50)
    parser.add_argument("--words", type=int, default=2000)
    args = parser.parse_args()

    rng = random.Random(14)
    texts = story_texts(args.versions, args.words, rng)

    with tempfile.TemporaryDirectory() as folder:
        sessions = open_library(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        ids: list[int] = []
        story_id = None
        with sessions.begin() as s:
            for n, text in enumerate(texts):
                outcome = add_article(s, version_article(text, n), story_id=story_id,
                                      new_story=story_id is None)
                story_id = outcome.story_id
                assert outcome.article_id is not None, outcome
                ids.append(outcome.article_id)
            for k in range(100):
                version = k % len(texts)
                text = texts[version]
                start = rng.randrange(0, len(text) - 40)
                add_note(s, story_id, f"note {k}", article_id=ids[version],
                         anchor=anchor_for_passage(text, start, start + 30))
        assert story_id is not None
        words = sum(len(t.split()) for t in texts) // len(texts)
        print(f"story: {len(texts)} versions, ~{words} words each, 100 notes")

        def cold() -> None:
            with sessions.begin() as s:
                s.execute(delete(ComparisonCache))
            with sessions.begin() as s:
                story_timeline(s, story_id)

        def warm() -> None:
            with sessions.begin() as s:
                story_timeline(s, story_id)

        def with_quotes(cached: bool) -> Callable[[], None]:
            def run() -> None:
                if not cached:
                    with sessions.begin() as s:
                        s.execute(delete(ComparisonCache))
                with sessions.begin() as s:
                    story_timeline(s, story_id)
                    story_quote_history(s, story_id)
            return run

        print(f"timeline cold (compute + cache) {_best(3, cold)}   target ≤ 1000")
        print(f"timeline warm (from the cache)  {_best(5, warm)}   target ≤ 50")
        print(f"+ quotation history, cold       {_best(3, with_quotes(False))}   target ≤ 1000")
        print(f"+ quotation history, warm       {_best(5, with_quotes(True))}   target ≤ 50")
        with sessions.begin() as s:
            histories = story_quote_history(s, story_id)
        print(f"quotations: {len(histories)} in the story, "
              f"{sum(h.changed for h in histories)} changed along the way")
        for name, target in (("first", ids[0]), ("middle", ids[len(ids) // 2]),
                             ("last", ids[-1])):
            def carry(target: int = target) -> None:
                with sessions.begin() as s:
                    notes_in_version(s, story_id, target)
            print(f"100 notes carried to the {name:<6}  {_best(5, carry)}   "
                  "target ≤ 100")
        with sessions.begin() as s:
            statuses = [c.status for c in notes_in_version(s, story_id, ids[-1])]
            size = s.scalar(select(func.sum(func.length(ComparisonCache.payload))))
        print("statuses in the last version: " + ", ".join(
            f"{statuses.count(k)} {k}" for k in ("same", "changed", "gone")))
        print(f"cache: {size / 1024:.0f} KiB compressed for {len(texts) - 1} comparisons")
        close_library(sessions)


if __name__ == "__main__":
    main()
