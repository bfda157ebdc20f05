"""How long imports take: the bundled samples, and 1,000 generated articles.

Run: .venv/bin/python bench/import_bench.py [--articles N]

The generated articles are distinct ~300-word English news texts built from a seeded
random generator (so each run makes the same files): each tells its story with its own
invented topic words, people and places, set in a handful of common news sentence frames,
as unrelated real stories share little but function words; every tenth one is a light rewrite
of the one before it, so grouping does real work (about 900 stories with 100 of them holding
two versions). Each is written as a .txt file and imported through the same
`import_paths` the CLI and the window use, one transaction per file, into a fresh SQLite
library. The figures are wall-clock seconds on this machine.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from reader.ingest import samples_dir
from reader.store import import_paths, import_samples, list_stories, open_library

SYLLABLES = ["ka", "ri", "mo", "len", "tar", "vi", "so", "dun", "pe", "lor", "ba", "ne",
             "shi", "gal", "ur", "fen", "ko", "mar", "ti", "zu", "wen", "ha", "dro", "sel"]
FRAMES = ["The {0} of {1} {2} the {3} {4} on Tuesday, said {5}.",
          "{5} told reporters that the {3} would {2} the {0} before {6}.",
          "Residents of {1} said the {4} {3} had {2} their {0} for years.",
          "\"We will {2} the {3} and the {4},\" said {5}, who leads the {0} in {1}.",
          "Critics in {1} warned that the {0} could {2} the {3} by {6}.",
          "The {3} {4} was first reported in {6} by the {0} of {1}."]


def invented_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def article(rng: random.Random, n: int) -> str:
    """A story told with its own 12 topic words, people and places, in common news frames."""
    topic = [invented_word(rng) for _ in range(12)]
    people = [f"{invented_word(rng).capitalize()} {invented_word(rng).capitalize()}"
              for _ in range(3)]
    places = [invented_word(rng).capitalize() for _ in range(3)]
    years = [rng.randint(1900, 2025) for _ in range(2)]
    sentences: list[str] = []
    while sum(len(p.split()) for p in sentences) < 300:
        frame = rng.choice(FRAMES)
        sentences.append(frame.format(rng.choice(topic), rng.choice(places), rng.choice(topic),
                                      rng.choice(topic), rng.choice(topic), rng.choice(people),
                                      rng.choice(years)))
    paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    return f"Story {n}\n\n" + "\n\n".join(paragraphs) + "\n"


def rewrite(rng: random.Random, text: str) -> str:
    sentences = text.replace("\n\n", " ").split(". ")
    kept = [s for s in sentences if rng.random() > 0.1]
    return ". ".join(kept).replace(" said ", " according to ", 3)


def make_files(folder: Path, count: int) -> list[Path]:
    rng = random.Random(20251122)
    paths: list[Path] = []
    previous = ""
    for n in range(count):
        text = rewrite(rng, previous) if n % 10 == 9 and previous else article(rng, n)
        path = folder / f"article_{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        previous = text
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sessions = open_library(f"sqlite:///{folder / 'samples.sqlite3'}")
        started = time.perf_counter()
        outcomes = import_samples(sessions)
        took = time.perf_counter() - started
        files = sum(1 for p in samples_dir().rglob("*") if p.is_file())
        print(f"samples: {len(outcomes)} records from {files} files in {took * 1000:.0f} ms "
              f"({sum(o.status == 'imported' for o in outcomes)} imported)")

        corpus = folder / "corpus"
        corpus.mkdir()
        paths = make_files(corpus, args.articles)
        sessions = open_library(f"sqlite:///{folder / 'bulk.sqlite3'}")
        started = time.perf_counter()
        outcomes = import_paths(sessions, paths)
        took = time.perf_counter() - started
        imported = sum(o.status == "imported" for o in outcomes)
        with sessions.begin() as s:
            t0 = time.perf_counter()
            stories = list_stories(s)
            listing = time.perf_counter() - t0
        print(f"generated: {args.articles} files, {imported} imported into {len(stories)} "
              f"stories in {took:.2f} s ({took / args.articles * 1000:.1f} ms per file); "
              f"listing all stories {listing * 1000:.0f} ms")


if __name__ == "__main__":
    main()
