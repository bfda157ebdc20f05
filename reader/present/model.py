"""The presentation of a comparison: what the window and every export draw, as plain data.

Row numbers are 1-based, as shown. Offsets inside a cell are row-text offsets (code points):
a cell's pieces, joined, are exactly `compare.model.row_text` of its side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from reader.compare.carry import CarryStatus
from reader.compare.model import Comparison, Quote, Row
from reader.store.records import NoteRecord

SideName = Literal["left", "right"]
Change = Literal["same", "deleted", "inserted"]
SIDES: tuple[SideName, SideName] = ("left", "right")

DEFAULT_NOTE_COLOR = "#f2c200"
_COLOR_RE = re.compile(r"#[0-9a-fA-F]{6}")


def note_color(note: NoteRecord) -> str:
    """The note's colour if it is a valid #rrggbb (it goes into a style attribute), else default."""
    return note.color if _COLOR_RE.fullmatch(note.color) else DEFAULT_NOTE_COLOR


@dataclass(frozen=True)
class NumberedNote:
    """An anchored note with its one number, the same in the window and in every export."""

    number: int
    note: NoteRecord
    side: SideName | None  # None: a version outside this comparison
    row: int | None  # the row its number sits in; None when orphaned or elsewhere
    passage: str  # the quoted passage as found now (placed) or as stored
    # Written on another version and carried here: "same" or "changed" (placed at the passage
    # the alignment carries it to), "gone" (in neither version: listed elsewhere). None: the
    # note was written on the version it is shown on, or was not carried.
    carried: CarryStatus | None = None

    @property
    def color(self) -> str:
        return note_color(self.note)


@dataclass(frozen=True)
class Piece:
    """A run of a row's text with one look: its change, the notes and the quotation over it."""

    text: str
    change: Change
    op: int | None  # index into the row's ops of the change it belongs to; None: same or whole
    notes: tuple[NumberedNote, ...]
    quote: int | None  # index into Comparison.quotes of a flagged quotation over it
    verdict: str | None  # that quotation's verdict ("altered", "trimmed", …)
    start: int  # offset of the text in the row text


@dataclass(frozen=True)
class NoteRef:
    """The note's number, right after the end of its passage."""

    note: NumberedNote


@dataclass(frozen=True)
class QuoteFlag:
    """The marker after a flagged quotation (exports; the window tags the margin instead)."""

    quote: int
    verdict: str


Item = Piece | NoteRef | QuoteFlag


@dataclass(frozen=True)
class Cell:
    side: SideName
    items: tuple[Item, ...]  # empty: the row has no sentence on this side

    @property
    def text(self) -> str:
        return "".join(i.text for i in self.items if isinstance(i, Piece))

    @property
    def pieces(self) -> tuple[Piece, ...]:
        return tuple(i for i in self.items if isinstance(i, Piece))


@dataclass(frozen=True)
class MarginLine:
    """A line in the window's margin beside a row: a move or a flagged quotation."""

    kind: Literal["moved", "quote"]
    text: str
    tooltip: str
    target: int | None = None  # a row number a click goes to (moves)
    quote: int | None = None  # the quotation's index in the comparison (quotations)


@dataclass(frozen=True)
class MovedFrom:
    """Where a moved row's sentences stood in one version, pointing at the row that shows them."""

    side: SideName
    target: int  # the row number the sentences are shown in
    sentences: tuple[int, ...]
    after: int  # the row number this marker follows (0: before the first row)

    @property
    def anchor(self) -> str:
        return moved_anchor(self.target, self.side)


@dataclass(frozen=True)
class RowView:
    number: int  # 1-based, as shown
    row: Row
    left: Cell
    right: Cell
    notes: tuple[NumberedNote, ...]  # notes whose number is in this row, in reading order
    moved_from: tuple[MovedFrom, ...]  # the "stood here" markers that point at this row
    margin: tuple[MarginLine, ...]  # moves and flagged quotations, for the window's margin
    likeness: str = ""  # an edited row's "87% alike" or "punctuation only" (present.likeness)

    @property
    def anchor(self) -> str:
        return f"row-{self.number}"

    def cell(self, side: SideName) -> Cell:
        return self.left if side == "left" else self.right

    @property
    def changed(self) -> bool:
        return self.row.kind != "equal" or self.row.moved

    @property
    def whole(self) -> bool:
        """An added or removed row: its one cell is a change from end to end."""
        return self.row.kind in ("added", "removed")


Line = RowView | MovedFrom


@dataclass(frozen=True)
class QuoteLine:
    """One line of the quotation table."""

    number: int  # 1-based, as shown; index + 1 into Comparison.quotes
    quote: Quote
    verdict: str
    meaning: str
    flagged: bool
    rows: tuple[int | None, int | None]  # the row showing each side's wording, if any
    speaker: str = ""  # "Mark Rutte", "reattributed A → B", "" when no side names one
    reattributed: bool = False
    cut: str = ""  # "4 words cut: …" (the left's words the right leaves out), or ""
    added: str = ""  # "2 words added: …", or ""
    unsure: tuple[str, ...] = ()  # what the engine could not settle, said as it is
    tooltip: str = ""  # the margin marker's tooltip: verdict, speaker, both wordings, evidence

    @property
    def evidence(self) -> tuple[str, ...]:
        return tuple(e for e in (self.cut, self.added) if e) + self.unsure


@dataclass(frozen=True)
class LegendEntry:
    """One key of the legend: a sample drawn in the style of `kind`, and what it means."""

    kind: Literal["deleted", "inserted", "moved", "quote", "note", "empty"]
    sample: str
    short: str  # the window's one-line legend
    meaning: str  # the exports' legend


@dataclass(frozen=True)
class Layout:
    comparison: Comparison
    lines: tuple[Line, ...]
    rows: tuple[RowView, ...]
    whole: tuple[NoteRecord, ...]  # notes on the comparison as a whole: listed, not numbered
    orphaned: tuple[NumberedNote, ...]  # anchored notes whose passage is gone
    elsewhere: tuple[NumberedNote, ...]  # notes on versions not in this comparison
    sentence_rows: dict[SideName, dict[int, int]]  # sentence id -> row number, per side
    quotations: tuple[QuoteLine, ...]
    statistics: tuple[tuple[str, str], ...]  # (figure, value), as shown
    legend: tuple[LegendEntry, ...]

    @property
    def numbered(self) -> tuple[NumberedNote, ...]:
        """Every numbered note, by number."""
        placed = tuple(n for r in self.rows for n in r.notes)
        return tuple(sorted(placed + self.orphaned + self.elsewhere, key=lambda n: n.number))

    @property
    def flagged_rows(self) -> tuple[int, ...]:
        """Rows whose margin carries a flagged quotation, in order."""
        return tuple(r.number for r in self.rows if any(m.kind == "quote" for m in r.margin))


def moved_anchor(target: int, side: SideName) -> str:
    return f"moved-from-{target}-{side}"


def note_anchor(number: int) -> str:
    return f"note-{number}"


def note_ref_anchor(number: int) -> str:
    return f"noteref-{number}"
