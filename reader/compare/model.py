"""The comparison's data: frozen dataclasses in, frozen dataclasses out.

Field names follow the public JSON contract of `reader compare --format json`
(../shared/DESIGN.md); `Comparison.to_dict()` produces exactly that shape.

Offsets are code points into the article text (Python `str` indices), end exclusive.
An `Op`'s offsets are relative to the row text of each side: the texts of the row's
sentences joined by a single space (see `row_text`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

RowKind = Literal["equal", "edited", "added", "removed"]
OpKind = Literal["equal", "insert", "delete", "replace"]
QuoteStatus = Literal["verbatim", "altered", "unquoted", "dropped", "added"]

ROW_KINDS: tuple[RowKind, ...] = ("equal", "edited", "added", "removed")
QUOTE_STATUSES: tuple[QuoteStatus, ...] = ("verbatim", "altered", "unquoted", "dropped", "added")

# Sentences of one row are joined with this to form the row text that ops index into.
ROW_JOINER = " "


@dataclass(frozen=True)
class CompareOptions:
    """What the reader chooses to ignore when matching. Never changes the text shown."""

    ignore_case: bool = True
    ignore_punctuation: bool = False
    ignore_quote_style: bool = True
    ignore_whitespace: bool = True


@dataclass(frozen=True)
class Sentence:
    id: int
    text: str
    start: int
    end: int
    paragraph: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "start": self.start, "end": self.end,
                "paragraph": self.paragraph}


@dataclass(frozen=True)
class Side:
    """One version as the engine saw it: its full text and its sentences."""

    title: str
    text: str
    sentences: tuple[Sentence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "sentences": [s.to_dict() for s in self.sentences]}


@dataclass(frozen=True)
class Op:
    op: OpKind
    left: tuple[int, int]
    right: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "left": list(self.left), "right": list(self.right)}


@dataclass(frozen=True)
class Row:
    """One aligned group: n sentences on the left facing m on the right."""

    kind: RowKind
    moved: bool
    left: tuple[int, ...]
    right: tuple[int, ...]
    similarity: float
    ops: tuple[Op, ...]
    # Words the ops change on each side: left words in delete and replace ops, right words in
    # insert and replace ops. The statistics sum them; they are not in the JSON contract.
    left_changed_words: int = 0
    right_changed_words: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "moved": self.moved, "left": list(self.left),
                "right": list(self.right), "similarity": round(self.similarity, 4),
                "ops": [o.to_dict() for o in self.ops]}


@dataclass(frozen=True)
class QuoteSide:
    text: str
    sentence: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "sentence": self.sentence, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Quote:
    status: QuoteStatus
    left: QuoteSide | None
    right: QuoteSide | None
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status,
                "left": self.left.to_dict() if self.left else None,
                "right": self.right.to_dict() if self.right else None,
                "similarity": round(self.similarity, 4)}


@dataclass(frozen=True)
class RowCounts:
    equal: int = 0
    edited: int = 0
    added: int = 0
    removed: int = 0
    moved: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"equal": self.equal, "edited": self.edited, "added": self.added,
                "removed": self.removed, "moved": self.moved}


@dataclass(frozen=True)
class QuoteCounts:
    verbatim: int = 0
    altered: int = 0
    unquoted: int = 0
    dropped: int = 0
    added: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"verbatim": self.verbatim, "altered": self.altered, "unquoted": self.unquoted,
                "dropped": self.dropped, "added": self.added}


@dataclass(frozen=True)
class Stats:
    left_words: int
    right_words: int
    reused_left: float  # share of the left's words that survive on the right, 0..1
    new_right: float  # share of the right's words that are new, 0..1
    rows: RowCounts = field(default_factory=RowCounts)
    quotes: QuoteCounts = field(default_factory=QuoteCounts)

    def to_dict(self) -> dict[str, Any]:
        return {"left_words": self.left_words, "right_words": self.right_words,
                "reused_left": round(self.reused_left, 4), "new_right": round(self.new_right, 4),
                "rows": self.rows.to_dict(), "quotes": self.quotes.to_dict()}


@dataclass(frozen=True)
class Comparison:
    left: Side
    right: Side
    rows: tuple[Row, ...]
    quotes: tuple[Quote, ...]
    stats: Stats

    def to_dict(self) -> dict[str, Any]:
        return {"left": self.left.to_dict(), "right": self.right.to_dict(),
                "rows": [r.to_dict() for r in self.rows],
                "quotes": [q.to_dict() for q in self.quotes],
                "stats": self.stats.to_dict()}

    @property
    def identical(self) -> bool:
        return all(r.kind == "equal" and not r.moved for r in self.rows)


def row_text(side: Side, ids: tuple[int, ...]) -> str:
    """The text a row's ops index into on one side."""
    return ROW_JOINER.join(side.sentences[i].text for i in ids)


def row_offset_to_text(side: Side, ids: tuple[int, ...], offset: int) -> int:
    """Map an offset in `row_text(side, ids)` to an offset in `side.text`.

    An offset that falls on a joiner maps to the end of the sentence before it.
    """
    pos = 0
    for n, i in enumerate(ids):
        s = side.sentences[i]
        length = s.end - s.start
        if offset <= pos + length:
            return s.start + (offset - pos)
        pos += length
        if n < len(ids) - 1:
            pos += len(ROW_JOINER)
            if offset < pos:
                return s.end
    return side.sentences[ids[-1]].end if ids else 0
