"""One team member, as a separate process, for tests/store/test_team.py.

`python -m tests.store.team_client URL NAME SECONDS FOLDER` adds notes on story 1 and imports
the files of FOLDER (the other member imports them too) for SECONDS, then prints a JSON summary:
the notes it saved, the import outcomes, and the other members' notes it saw.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from reader.store import add_note, close_library, import_paths, list_notes, open_library

_SYLLABLES = ["ka", "ri", "mo", "len", "tar", "vi", "so", "dun", "pe", "lor", "ba", "ne",
              "shi", "gal", "ur", "fen", "ko", "mar", "ti", "zu", "wen", "ha", "dro", "sel"]


def story_text(story: int, version: int) -> str:
    """Version `version` of an invented story: its own names and topic words; a later version
    drops and rewords a few sentences, as a rewrite does."""
    rng = random.Random(story)

    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))

    topic = [word() for _ in range(12)]
    place, person = word().capitalize(), f"{word().capitalize()} {word().capitalize()}"
    sentences = [f"The {rng.choice(topic)} of {place} will {rng.choice(topic)} the "
                 f"{rng.choice(topic)}, {person} said." for _ in range(20)]
    if version:
        sentences = [s.replace(" said.", " told reporters.") for i, s in enumerate(sentences)
                     if (i + version) % 5]
    return f"Story {story}\n\n" + " ".join(sentences) + "\n"


def main(url: str, name: str, seconds: float, folder: Path) -> None:
    sessions = open_library(url)
    files = sorted(folder.iterdir())
    saved: list[str] = []
    outcomes: list[tuple[str, str, str]] = []
    seen_others: set[str] = set()
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        body = f"{name} note {n}"
        with sessions.begin() as s:
            add_note(s, 1, body, author=name)
        saved.append(body)
        if n < len(files):
            for o in import_paths(sessions, [files[n]]):
                outcomes.append((o.source, o.status, o.reason))
        with sessions() as s:
            seen_others |= {note.body for note in list_notes(s, 1) if note.author != name}
        n += 1
    close_library(sessions)
    print(json.dumps({"saved": saved, "outcomes": outcomes, "seen": sorted(seen_others)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), Path(sys.argv[4]))
