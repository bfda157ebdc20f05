"""What counts as a word, everywhere in the app (statistics, library word counts)."""

from __future__ import annotations

import re

# Letters and digits, with inner apostrophes, hyphens, dots and commas kept inside one word
# ("negara-negara", "don't", "3.5", "1.000", "U.S").
WORD_RE = re.compile(r"\w+(?:['’\-.,]\w+)*")


def count_words(text: str) -> int:
    return sum(1 for _ in WORD_RE.finditer(text))
