"""What counts as a word, everywhere in the app (statistics, library word counts)."""

from __future__ import annotations

import re

# Letters and digits, with inner apostrophes, hyphens, dots and commas kept inside one word
# ("negara-negara", "don't", "3.5", "1.000", "U.S").
WORD_RE = re.compile(r"\w+(?:['’\-.,]\w+)*")


def count_words(text: str) -> int:
    """How many words `text` holds."""
    return len(WORD_RE.findall(text))


def distinct_words(text: str) -> frozenset[str]:
    """The distinct words of `text`."""
    return frozenset(WORD_RE.findall(text))
