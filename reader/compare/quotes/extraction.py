"""Finding the direct quotations of one side.

Straight `"..."` (a `"` after a letter or digit or before a space never opens one: `6.1"
screen` is inches, see `quote_marks`), curly `“...”`, `„...“`/`„...”` and `«...»` double
quotations; single quotes are left alone (they are apostrophes far more often). A quotation
may span sentences; one still open at the end of its paragraph runs to the paragraph's end
(the news convention for quotations continued in the next paragraph). A `QuoteSide` covers
the words inside the marks: `side.text[start:end] == text`, and `sentence` is the sentence
where it starts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from reader.compare.model import CompareOptions, QuoteSide, Side
from reader.compare.normalize import normalize_text
from reader.compare.quote_marks import CLOSERS, OPENERS, can_open
from reader.compare.tokens import match_words
from reader.compare.words import WORD_RE

_CASED = CompareOptions(ignore_case=False)
_LINE_BREAK_RE = re.compile(r"[\r\n\u2028\u2029]")  # paragraphs end at any of these
_OPENER_RE = re.compile(f"[{re.escape(OPENERS)}]")


@dataclass(frozen=True)
class Quotation:
    """One quotation found on one side, with its words as matching sees them."""

    side: QuoteSide
    words: tuple[str, ...]  # case-folded, as matching compares them
    key: str  # the words joined with spaces at both ends, for contiguous-run containment
    opener: int  # offset of the opening mark
    closer: int  # offset just past the closing mark (the paragraph's end when unclosed)

    @cached_property
    def shown(self) -> tuple[str, ...]:
        """The words as written, for the evidence (words cut and added); only entries with
        such evidence ask for them."""
        shown = tuple(WORD_RE.findall(self.side.text))
        # Normalising can join or split a word ("a—b"); the evidence then shows matching words.
        return shown if len(shown) == len(self.words) else self.words

    @cached_property
    def cased(self) -> tuple[str, ...]:
        """The words normalised as matching sees them but with their case kept, for the
        verdict when the reader matches case (`--match-case`)."""
        cased = tuple(WORD_RE.findall(normalize_text(self.side.text, _CASED)))
        return cased if len(cased) == len(self.words) else self.words

    def inside(self, other: Quotation) -> bool:
        """Whether this quotation's words are a contiguous run of `other`'s."""
        return self.key in other.key


def quotation_of(side: QuoteSide, opener: int, closer: int) -> Quotation | None:
    """The matching view of a passage (also of reported speech), None when it has no words."""
    words = tuple(match_words(side.text))
    if not words:
        return None
    return Quotation(side, words, " " + " ".join(words) + " ", opener, closer)


def extract_quotations(side: Side) -> list[Quotation]:
    starts = [s.start for s in side.sentences]
    if not starts:
        return []
    found: list[Quotation] = []
    for start, end in _quote_spans(side.text):
        inner = side.text[start:end]
        lead = len(inner) - len(inner.lstrip())
        inner = inner.strip()
        at = start + lead
        sentence = max(0, bisect_right(starts, at) - 1)
        closer = end + 1 if end < len(side.text) and not side.text[end].isspace() else end
        q = quotation_of(QuoteSide(inner, sentence, at, at + len(inner)), start - 1, closer)
        if q is not None:
            found.append(q)
    return found


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """The inside of each quotation: from its opener to its closer or its paragraph's end.

    One search for openers over the whole text (most paragraphs hold none); the closer is
    looked for only up to the end of the opener's paragraph.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    para_end = -1  # the end of the paragraph of the last opener, found once per paragraph
    while (m := _OPENER_RE.search(text, pos)) is not None:
        opener = m.start()
        if m.group() == '"' and not can_open(text, opener):
            pos = opener + 1  # a closer without an opener, or inches: `6.1" wide`
            continue
        if opener >= para_end:
            line_break = _LINE_BREAK_RE.search(text, opener)
            para_end = line_break.start() if line_break is not None else len(text)
        closers = CLOSERS[m.group()]
        close = min(
            (i for c in closers if (i := text.find(c, opener + 1, para_end)) != -1), default=-1
        )
        end = close if close != -1 else para_end
        spans.append((opener + 1, end))
        pos = end + 1
    return spans
