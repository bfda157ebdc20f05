"""What every export shows, worked out once: rows cut into marked pieces, notes placed and numbered.

The writers (HTML, Markdown, the PDF's HTML) only decide how a piece looks; where a deletion,
an insertion, a note's passage or a flagged quotation starts and ends is decided here.
Everything is computed in row-text coordinates (a row's sentences joined by one space), the
coordinates the engine's ops already use; notes and quotes arrive in article-text coordinates
and are mapped into each row.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from reader.compare.model import ROW_JOINER, Comparison, Quote, QuoteSide, Row, Side, row_text
from reader.store.records import NoteRecord, StoryComparison

SideName = Literal["left", "right"]
Change = Literal["same", "deleted", "inserted"]
SIDES: tuple[SideName, SideName] = ("left", "right")

DEFAULT_NOTE_COLOR = "#f2c200"
_COLOR_RE = re.compile(r"#[0-9a-fA-F]{6}")
_CLOSING_QUOTES = "\u201d\u2019\"'\u00bb\u203a"


@dataclass(frozen=True)
class NumberedNote:
    number: int
    note: NoteRecord
    side: SideName | None  # None: a version outside this comparison
    row: int | None  # the row number its superscript sits in, None when orphaned or elsewhere
    passage: str  # the quoted passage as stored (orphaned) or as found now

    @property
    def color(self) -> str:
        return note_color(self.note)


@dataclass(frozen=True)
class Piece:
    """A run of a row's text with one look: its change, the notes and the quote over it."""

    text: str
    change: Change
    notes: tuple[NumberedNote, ...]
    quote: int | None  # index into Comparison.quotes of a flagged (non-verbatim) quotation


@dataclass(frozen=True)
class NoteRef:
    """The superscript number at the end of a note's passage."""

    note: NumberedNote


@dataclass(frozen=True)
class QuoteFlag:
    """The marker after a flagged quotation."""

    quote: int


Item = Piece | NoteRef | QuoteFlag


@dataclass(frozen=True)
class Cell:
    items: tuple[Item, ...]  # empty: the row has no sentence on this side

    @property
    def text(self) -> str:
        return "".join(i.text for i in self.items if isinstance(i, Piece))


@dataclass(frozen=True)
class RowView:
    number: int  # 1-based, as shown
    row: Row
    left: Cell
    right: Cell
    notes: tuple[NumberedNote, ...]  # notes whose superscript is in this row, in reading order
    moved_from: tuple[MovedFrom, ...]  # the "stood here" markers that point at this row

    @property
    def anchor(self) -> str:
        return f"row-{self.number}"

    def cell(self, side: SideName) -> Cell:
        return self.left if side == "left" else self.right

    @property
    def changed(self) -> bool:
        return self.row.kind != "equal" or self.row.moved


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


Line = RowView | MovedFrom


@dataclass(frozen=True)
class Layout:
    lines: tuple[Line, ...]
    rows: tuple[RowView, ...]
    whole: tuple[NoteRecord, ...]  # notes on the comparison as a whole
    orphaned: tuple[NumberedNote, ...]  # anchored notes whose passage is gone
    elsewhere: tuple[NumberedNote, ...]  # notes on versions not in this comparison
    sentence_rows: dict[SideName, dict[int, int]]  # sentence id -> row number, per side

    @property
    def numbered(self) -> tuple[NumberedNote, ...]:
        in_rows = tuple(n for r in self.rows for n in r.notes)
        return in_rows + self.orphaned + self.elsewhere


def moved_anchor(target: int, side: SideName) -> str:
    return f"moved-from-{target}-{side}"


def note_anchor(number: int) -> str:
    return f"note-{number}"


def note_ref_anchor(number: int) -> str:
    return f"noteref-{number}"


def note_color(note: NoteRecord) -> str:
    """The note's colour if it is a valid #rrggbb (it goes into a style attribute), else default."""
    return note.color if _COLOR_RE.fullmatch(note.color) else DEFAULT_NOTE_COLOR


def side_of(cmp: Comparison, side: SideName) -> Side:
    return cmp.left if side == "left" else cmp.right


def row_ids(row: Row, side: SideName) -> tuple[int, ...]:
    return row.left if side == "left" else row.right


def quote_side(quote: Quote, side: SideName) -> QuoteSide | None:
    return quote.left if side == "left" else quote.right


def build_layout(doc: StoryComparison) -> Layout:
    cmp = doc.comparison
    live = [n for n in doc.notes if not n.deleted]
    whole = tuple(n for n in live if n.article_id is None)
    side_by_article: dict[int, SideName] = {doc.right.id: "right", doc.left.id: "left"}

    sentence_rows: dict[SideName, dict[int, int]] = {"left": {}, "right": {}}
    for number, row in enumerate(cmp.rows, start=1):
        for side in SIDES:
            for sid in row_ids(row, side):
                sentence_rows[side][sid] = number

    # Place anchored notes: the row holding the end of the passage carries its superscript.
    placed: list[tuple[int, int, int, NoteRecord, SideName]] = []
    orphans: list[NoteRecord] = []
    others: list[NoteRecord] = []
    for note in live:
        if note.article_id is None:
            continue
        found = side_by_article.get(note.article_id)
        if found is None:
            others.append(note)
            continue
        home = _home_row(cmp, found, note, sentence_rows[found])
        if home is None:
            orphans.append(note)
            continue
        assert note.resolved is not None
        placed.append((home, SIDES.index(found), note.resolved.start, note, found))
    placed.sort(key=lambda p: (p[0], p[1], p[2], p[3].id))

    numbered: list[NumberedNote] = []
    for home, _, _, note, side in placed:
        assert note.resolved is not None
        numbered.append(NumberedNote(len(numbered) + 1, note, side, home, note.resolved.exact))
    orphaned = tuple(
        NumberedNote(len(numbered) + i, n, side_by_article.get(n.article_id or -1), None,
                     _stored_passage(n))
        for i, n in enumerate(orphans, start=1))
    start = len(numbered) + len(orphaned)
    elsewhere = tuple(NumberedNote(start + i, n, None, None, _stored_passage(n))
                      for i, n in enumerate(others, start=1))

    flagged = [i for i, q in enumerate(cmp.quotes) if q.status != "verbatim"]
    markers = _moved_markers(cmp)
    rows: list[RowView] = []
    for number, row in enumerate(cmp.rows, start=1):
        row_notes = tuple(n for n in numbered if n.row == number)
        cells = {side: _cell(cmp, number, side, [n for n in numbered if n.side == side], flagged)
                 for side in SIDES}
        moved_from = tuple(m for ms in markers.values() for m in ms if m.target == number)
        rows.append(RowView(number, row, cells["left"], cells["right"], row_notes, moved_from))

    lines: list[Line] = []
    lines.extend(markers.get(0, ()))
    for view in rows:
        lines.append(view)
        lines.extend(markers.get(view.number, ()))
    return Layout(tuple(lines), tuple(rows), whole, orphaned, elsewhere, sentence_rows)


def _stored_passage(note: NoteRecord) -> str:
    if note.anchor is not None:
        return note.anchor.exact
    return note.resolved.exact if note.resolved is not None else ""


def _home_row(cmp: Comparison, side: SideName, note: NoteRecord,
              rows_of: dict[int, int]) -> int | None:
    """The row whose sentence holds the last character of the note's passage, if it is found."""
    anchor = note.resolved
    if note.orphaned or anchor is None:
        return None
    sentences = side_of(cmp, side).sentences
    if not sentences:
        return None
    last = max(anchor.start, anchor.end - 1)
    # The sentence holding the last character; a passage in the gap between sentences belongs
    # to the sentence before the gap (or the first sentence, before the text starts).
    holder = sentences[0]
    for s in sentences:
        if s.start <= last:
            holder = s
        else:
            break
    return rows_of.get(holder.id)


def _row_spans(side: Side, ids: tuple[int, ...]) -> list[tuple[int, int, int]]:
    """(article start, article end, row-text start) of each sentence of a row."""
    spans = []
    pos = 0
    for i in ids:
        s = side.sentences[i]
        spans.append((s.start, s.end, pos))
        pos += (s.end - s.start) + len(ROW_JOINER)
    return spans


def _to_row(spans: list[tuple[int, int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """An article-text range as the row-text ranges it covers (one per sentence it touches)."""
    out = []
    for s_start, s_end, pos in spans:
        a, b = max(start, s_start), min(end, s_end)
        if a < b:
            out.append((pos + a - s_start, pos + b - s_start))
    return out


def _point_in_row(spans: list[tuple[int, int, int]], offset: int) -> int:
    """Where an article offset falls in the row text, clamped to the row's sentences."""
    best = 0
    for s_start, s_end, pos in spans:
        if offset >= s_start:
            best = pos + min(offset, s_end) - s_start
    return best


def _cell(cmp: Comparison, number: int, side: SideName, notes: list[NumberedNote],
          flagged: list[int]) -> Cell:
    row = cmp.rows[number - 1]
    ids = row_ids(row, side)
    if not ids:
        return Cell(())
    sd = side_of(cmp, side)
    text = row_text(sd, ids)
    spans = _row_spans(sd, ids)

    changed: list[tuple[int, int]] = []
    if row.kind == "edited":
        wanted = ("delete", "replace") if side == "left" else ("insert", "replace")
        for op in row.ops:
            a, b = op.left if side == "left" else op.right
            if op.op in wanted and a < b:
                changed.append((a, b))
    change: Change = "deleted" if side == "left" else "inserted"

    note_ranges: list[tuple[NumberedNote, list[tuple[int, int]]]] = []
    ref_at: list[tuple[int, Item]] = []
    for n in notes:
        res = n.note.resolved
        assert res is not None
        ranges = _to_row(spans, res.start, res.end)
        note_ranges.append((n, ranges))
        if n.row == number:
            ref_at.append((ranges[-1][1] if ranges else _point_in_row(spans, res.end),
                           NoteRef(n)))

    quote_ranges: list[tuple[int, list[tuple[int, int]]]] = []
    for qi in flagged:
        qs = quote_side(cmp.quotes[qi], side)
        if qs is None:
            continue
        ranges = _to_row(spans, qs.start, qs.end)
        if ranges:
            quote_ranges.append((qi, ranges))
            last_char = qs.end - 1
            if any(s_start <= last_char < s_end for s_start, s_end, _ in spans):
                # The flag goes after the closing quotation mark, not between it and the words.
                at = ranges[-1][1]
                while at < len(text) and text[at] in _CLOSING_QUOTES:
                    at += 1
                ref_at.append((at, QuoteFlag(qi)))

    cuts = {0, len(text)}
    for a, b in changed:
        cuts.update((a, b))
    for _, ranges in note_ranges:
        for a, b in ranges:
            cuts.update((a, b))
    for _, ranges in quote_ranges:
        for a, b in ranges:
            cuts.update((a, b))
    for at, _ in ref_at:
        cuts.add(at)
    points = sorted(c for c in cuts if 0 <= c <= len(text))

    items: list[Item] = []
    # Markers at the very start (a passage found only in a gap before the row) come first.
    # Quote flags go before note numbers at the same point: the flag belongs to the words.
    ordered_refs = sorted(ref_at, key=lambda r: (r[0], isinstance(r[1], NoteRef)))
    ref_index = 0

    def flush_refs(upto: int) -> None:
        nonlocal ref_index
        while ref_index < len(ordered_refs) and ordered_refs[ref_index][0] <= upto:
            items.append(ordered_refs[ref_index][1])
            ref_index += 1

    for a, b in itertools.pairwise(points):
        flush_refs(a)
        if a == b:
            continue
        piece_change: Change = change if _covers(changed, a, b) else "same"
        piece_notes = tuple(n for n, ranges in note_ranges if _covers(ranges, a, b))
        piece_quote = next((qi for qi, ranges in quote_ranges if _covers(ranges, a, b)), None)
        _append_piece(items, Piece(text[a:b], piece_change, piece_notes, piece_quote))
    flush_refs(len(text))
    return Cell(tuple(items))


def _covers(ranges: Iterable[tuple[int, int]], a: int, b: int) -> bool:
    return any(x <= a and b <= y for x, y in ranges)


def _append_piece(items: list[Item], piece: Piece) -> None:
    """Merge with the previous piece when nothing distinguishes them, to keep markup small."""
    if items:
        prev = items[-1]
        if (isinstance(prev, Piece) and prev.change == piece.change
                and prev.notes == piece.notes and prev.quote == piece.quote):
            items[-1] = Piece(prev.text + piece.text, prev.change, prev.notes, prev.quote)
            return
    items.append(piece)


def _moved_markers(cmp: Comparison) -> dict[int, list[MovedFrom]]:
    """For each moved row, a marker where its sentences stood on a side they are out of order on.

    Keyed by the row number the marker follows (0: before the first row). A side is in order
    when the previous row that has sentences on that side holds the sentence just before.
    """
    out: dict[int, list[MovedFrom]] = {}
    for side in SIDES:
        row_of: dict[int, int] = {}
        for number, row in enumerate(cmp.rows, start=1):
            for sid in row_ids(row, side):
                row_of[sid] = number
        for number, row in enumerate(cmp.rows, start=1):
            ids = row_ids(row, side)
            if not row.moved or not ids:
                continue
            first = min(ids)
            prev_number = next((n for n in range(number - 1, 0, -1)
                                if row_ids(cmp.rows[n - 1], side)), 0)
            expected = row_of.get(first - 1, 0) if first > 0 else 0
            if expected == prev_number:
                continue  # in place on this side
            out.setdefault(expected, []).append(
                MovedFrom(side, number, tuple(sorted(ids)), expected))
    return out


def split_space(text: str) -> tuple[str, str, str]:
    """Leading space, the words, trailing space: marks look cleaner around the words only."""
    core = text.strip()
    if not core:
        return text, "", ""
    lead = text[:len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return lead, core, trail


@dataclass(frozen=True)
class Run:
    """Neighbouring items under the same notes: one highlight box is drawn around a run."""

    notes: tuple[NumberedNote, ...]
    items: tuple[Item, ...]


def note_runs(items: tuple[Item, ...]) -> list[Run]:
    """Group a cell's items into runs of pieces covered by the same notes.

    A quotation flag between two pieces of one passage stays inside the passage's run; a flag
    at the end of a passage, and every note number, goes outside it (after the highlight).
    """
    runs: list[tuple[tuple[NumberedNote, ...], list[Item]]] = []
    for item in items:
        if isinstance(item, Piece):
            if runs and runs[-1][0] == item.notes and not isinstance(runs[-1][1][-1], NoteRef):
                runs[-1][1].append(item)
                continue
            if runs and runs[-1][0]:
                _move_trailing_flags_out(runs)
            runs.append((item.notes, [item]))
        elif isinstance(item, QuoteFlag) and runs and not isinstance(runs[-1][1][-1], NoteRef):
            runs[-1][1].append(item)
        else:
            if runs and runs[-1][0]:
                _move_trailing_flags_out(runs)
            if runs and not runs[-1][0]:
                runs[-1][1].append(item)
            else:
                runs.append(((), [item]))
    if runs and runs[-1][0]:
        _move_trailing_flags_out(runs)
    return [Run(notes, tuple(run)) for notes, run in runs]


def _move_trailing_flags_out(runs: list[tuple[tuple[NumberedNote, ...], list[Item]]]) -> None:
    items = runs[-1][1]
    flags: list[Item] = []
    while items and isinstance(items[-1], QuoteFlag):
        flags.insert(0, items.pop())
    if flags:
        runs.append(((), flags))
