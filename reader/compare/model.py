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
QuoteVerdict = Literal[
    "verbatim", "trimmed", "extended", "altered", "unquoted", "quoted", "dropped", "added"
]

ROW_KINDS: tuple[RowKind, ...] = ("equal", "edited", "added", "removed")
QUOTE_STATUSES: tuple[QuoteStatus, ...] = ("verbatim", "altered", "unquoted", "dropped", "added")
QUOTE_VERDICTS: tuple[QuoteVerdict, ...] = (
    "verbatim", "trimmed", "extended", "altered", "unquoted", "quoted", "dropped", "added"
)
# The contract-1 status of each verdict, kept one release as `Quote.status` (and "status" in
# the JSON): trimmed and extended quotations were "altered"; reported speech that became a
# quotation was a quotation "added".
STATUS_OF_VERDICT: dict[QuoteVerdict, QuoteStatus] = {
    "verbatim": "verbatim", "trimmed": "altered", "extended": "altered", "altered": "altered",
    "unquoted": "unquoted", "quoted": "added", "dropped": "dropped", "added": "added",
}
# The version of the JSON contract `Comparison.to_dict()` writes.
CONTRACT = 2

# Sentences of one row are joined with this to form the row text that ops index into.
ROW_JOINER = " "


@dataclass(frozen=True)
class CompareOptions:
    """What the reader chooses to ignore when matching. Never changes the text shown."""

    ignore_case: bool = True
    ignore_punctuation: bool = False
    ignore_quote_style: bool = True
    ignore_whitespace: bool = True


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Op:
    op: OpKind
    left: tuple[int, int]
    right: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "left": list(self.left), "right": list(self.right)}


@dataclass(frozen=True, slots=True)
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
    """One quotation entry: the parts of each side that carry one utterance, and its verdict.

    `left` and `right` are each side's first part (None where the side has none), which is
    all a contract-1 reader needs; `more_left` and `more_right` hold the further parts of a
    quotation split, joined, or quoted again in fragments, in text order. For `unquoted`
    (`quoted`) the right (left) part is the reported speech that carries the words.
    `ambiguous` says what the engine could not settle (an unresolved pronoun, a pairing made
    on the speaker alone), instead of guessing silently.
    """

    verdict: QuoteVerdict
    left: QuoteSide | None
    right: QuoteSide | None
    similarity: float
    more_left: tuple[QuoteSide, ...] = ()
    more_right: tuple[QuoteSide, ...] = ()
    speaker_left: str | None = None
    speaker_right: str | None = None
    reattributed: bool = False
    words_cut: tuple[str, ...] = ()
    words_added: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()

    @property
    def status(self) -> QuoteStatus:
        """The contract-1 status (one release more, for readers of contract 1)."""
        return STATUS_OF_VERDICT[self.verdict]

    @property
    def left_parts(self) -> tuple[QuoteSide, ...]:
        return (self.left, *self.more_left) if self.left is not None else ()

    @property
    def right_parts(self) -> tuple[QuoteSide, ...]:
        return (self.right, *self.more_right) if self.right is not None else ()

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "status": self.status,
                "left": [p.to_dict() for p in self.left_parts],
                "right": [p.to_dict() for p in self.right_parts],
                "speaker_left": self.speaker_left, "speaker_right": self.speaker_right,
                "reattributed": self.reattributed,
                "similarity": round(self.similarity, 4),
                "words_cut": list(self.words_cut), "words_added": list(self.words_added),
                "ambiguous": list(self.ambiguous)}


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
    """How many quotation entries got each verdict."""

    verbatim: int = 0
    altered: int = 0
    unquoted: int = 0
    dropped: int = 0
    added: int = 0
    trimmed: int = 0
    extended: int = 0
    quoted: int = 0

    def to_dict(self) -> dict[str, int]:
        return {v: getattr(self, v) for v in QUOTE_VERDICTS}


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
                "rows": [r.to_dict() for r in self.rows], "contract": CONTRACT,
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
