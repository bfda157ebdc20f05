"""Where a library search's words stand in a text, by the search's own rules.

The library is searched with SQLite FTS5 (`search.fts_match`, tokenizer `unicode61
remove_diacritics 2`): what the user typed is split at whitespace, each word is a quoted phrase
(FTS5 splits it again into tokens: "U.S." is "u" then "s"), and the last phrase's last token is
a prefix. A token is a run of letters, digits and combining marks; case and accents are folded.
This module applies the same rules to one text so the window can show the words a search
found. Pure Python: no Qt, no database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Letters and digits (str.isalnum: every L* and N* category) and combining marks, which
# unicode61 keeps inside a token and then drops with the accents ("e\u0301te" -> "ete").
_TOKEN = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u064b-\u065f\u0900-\u0903"
    r"\u093a-\u094f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])+")


def search_tokens(query: str) -> list[str]:
    """The words of what the user typed; pure punctuation is dropped."""
    # A NUL ends a C string: SQLite's MATCH (and PostgreSQL) refuse it, so it separates words.
    words = query.replace("\x00", " ").split()
    return [token for token in words if any(ch.isalnum() for ch in token)]


def fold(token: str) -> str:
    """A token as the index compares it: lower case, accents removed ("Édith" -> "edith")."""
    if token.isascii():
        return token.lower()  # most tokens: nothing to decompose
    decomposed = unicodedata.normalize("NFD", token.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Phrase:
    """One typed word as FTS5 reads it: its folded tokens, the last a prefix if `prefix`."""

    tokens: tuple[str, ...]
    prefix: bool


def query_phrases(query: str) -> tuple[Phrase, ...]:
    """The phrases `search.fts_match(query)` asks the index for, in order."""
    words = search_tokens(query)
    phrases = []
    for n, word in enumerate(words):
        tokens = tuple(fold(m.group()) for m in _TOKEN.finditer(word))
        if tokens:
            phrases.append(Phrase(tokens, prefix=n == len(words) - 1))
    return tuple(phrases)


def text_tokens(text: str) -> list[tuple[str, int, int]]:
    """(folded token, start, end) for every token of `text`, offsets in code points."""
    return [(fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def phrase_spans(phrases: tuple[Phrase, ...], tokens: list[tuple[str, int, int]]
                 ) -> list[tuple[int, int]]:
    """Where any of `phrases` occurs among `tokens`: (start, end) from the first token's start
    to the last token's end, in order, overlapping occurrences merged."""
    found: list[tuple[int, int]] = []
    folded = [t for t, _, _ in tokens]
    for phrase in phrases:
        size = len(phrase.tokens)
        last = phrase.tokens[-1]
        for i in range(len(folded) - size + 1):
            if folded[i:i + size - 1] != list(phrase.tokens[:-1]):
                continue
            word = folded[i + size - 1]
            if word == last or (phrase.prefix and word.startswith(last)):
                found.append((tokens[i][1], tokens[i + size - 1][2]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def match_spans(query: str, text: str) -> list[tuple[int, int]]:
    """Where the words of a library search for `query` stand in `text` (code points, end
    exclusive), in order. Every typed word is shown wherever it occurs, even when the text
    lacks another (the story may have matched through its title or a note)."""
    phrases = query_phrases(query)
    return phrase_spans(phrases, text_tokens(text)) if phrases else []
