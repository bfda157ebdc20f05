"""Carrying a passage from one version to another through the engine's own alignment.

A note is written on a passage of one version. To show it on another version we follow the
passage through the comparisons of consecutive versions (A → … → B): find the rows whose
sentences hold it, and map its offsets through each row's word operations. Nothing is ever
searched for: a passage whose words also stand elsewhere in B is never attached there.

The result says how the passage fared: `same` (its words survive unchanged), `changed` (it
survives reworded, at the returned span), `gone` (no counterpart).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal, overload

from reader.compare.matcher import matching_blocks
from reader.compare.model import (
    ROW_JOINER,
    Comparison,
    Op,
    OpKind,
    Row,
    RowKind,
    Sentence,
    Side,
    row_offset_to_text,
    row_text,
)
from reader.compare.words import WORD_RE

CarryStatus = Literal["same", "changed", "gone"]


@dataclass(frozen=True)
class Carried:
    """Where a passage stands in the target version; `start == end == -1` when it is gone."""

    status: CarryStatus
    start: int
    end: int

    @property
    def gone(self) -> bool:
        return self.status == "gone"


GONE = Carried("gone", -1, -1)
# Read backwards, what the right side inserted is what the left side lost, and the reverse.
_REVERSED: dict[OpKind, OpKind] = {"equal": "equal", "replace": "replace",
                                   "insert": "delete", "delete": "insert"}


@dataclass(frozen=True)
class Alignment:
    """What carrying needs of a comparison: both sides' sentences and the rows aligning them.

    Kept apart from `Comparison` so the library can store and read it back cheaply
    (`to_data` / `from_data`) without the quotations and statistics. Rows read back from the
    library are decoded one by one when first used (`StoredRows`): carrying a note through
    a comparison reads the few rows over its passage, not every row's word operations.
    """

    left: Side
    right: Side
    rows: Sequence[Row]

    @classmethod
    def of(cls, comparison: Comparison) -> Alignment:
        return cls(comparison.left, comparison.right, comparison.rows)

    def to_data(self) -> dict[str, Any]:
        """Compact JSON-ready data; the texts are left out (the caller keeps them)."""
        return {
            "left": [[s.start, s.end, s.paragraph] for s in self.left.sentences],
            "right": [[s.start, s.end, s.paragraph] for s in self.right.sentences],
            # Each row's word operations stay a JSON string of their own until the row is
            # read: reading an alignment back then makes a few objects per row, not per op.
            "rows": [[r.kind, r.moved, list(r.left), list(r.right), r.similarity,
                      json.dumps([[o.op, *o.left, *o.right] for o in r.ops],
                                 separators=(",", ":")),
                      r.left_changed_words, r.right_changed_words] for r in self.rows]}

    @classmethod
    def from_data(cls, data: dict[str, Any], left: tuple[str, str],
                  right: tuple[str, str]) -> Alignment:
        """Rebuild from `to_data`; `left` and `right` are each side's (title, text)."""
        return cls(_side(left, data["left"]), _side(right, data["right"]),
                   StoredRows(data["rows"]))

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Alignment)
                and (self.left, self.right) == (other.left, other.right)
                and tuple(self.rows) == tuple(other.rows))

    __hash__ = None  # type: ignore[assignment]  # rows may be a lazy sequence: not hashable

    @cached_property
    def _starts(self) -> tuple[list[int], list[int]]:
        return ([s.start for s in self.left.sentences], [s.start for s in self.right.sentences])

    @cached_property
    def _row_of(self) -> tuple[dict[int, int], dict[int, int]]:
        """Which row holds each sentence, per side (read without decoding any row)."""
        left: dict[int, int] = {}
        right: dict[int, int] = {}
        for n, (left_ids, right_ids) in enumerate(_row_members(self.rows)):
            left.update(dict.fromkeys(left_ids, n))
            right.update(dict.fromkeys(right_ids, n))
        return left, right

    def rows_over(self, start: int, end: int, *, left: bool) -> list[Row]:
        """The rows holding the sentences of one side that overlap `start:end`, in order."""
        side = self.left if left else self.right
        starts = self._starts[0 if left else 1]
        row_of = self._row_of[0 if left else 1]
        found: set[int] = set()
        for i in range(max(0, bisect_right(starts, start) - 1), len(starts)):
            sentence = side.sentences[i]
            if sentence.start >= end:
                break
            if sentence.end > start and i in row_of:
                found.add(row_of[i])
        return [self.rows[n] for n in sorted(found)]


class StoredRows(Sequence[Row]):
    """Rows as `Alignment.to_data` wrote them, each decoded into a `Row` when first read."""

    def __init__(self, data: list[list[Any]]) -> None:
        self._data = data
        self._decoded: dict[int, Row] = {}

    def __len__(self) -> int:
        return len(self._data)

    @overload
    def __getitem__(self, n: int) -> Row: ...
    @overload
    def __getitem__(self, n: slice) -> tuple[Row, ...]: ...
    def __getitem__(self, n: int | slice) -> Row | tuple[Row, ...]:
        if isinstance(n, slice):
            return tuple(self[k] for k in range(len(self))[n])
        if n < 0:
            n += len(self._data)
        if n not in self._decoded:
            self._decoded[n] = _decoded_row(self._data[n])
        return self._decoded[n]

    def members(self) -> Iterator[tuple[list[int], list[int]]]:
        """Each row's sentence ids on either side, without decoding the row."""
        return ((row[2], row[3]) for row in self._data)


def _decoded_row(data: list[Any]) -> Row:
    kind, moved, lids, rids, similarity, ops, left_words, right_words = data
    return Row(_row_kind(kind), moved, tuple(lids), tuple(rids), similarity,
               tuple(Op(_op_kind(op), (a0, a1), (b0, b1))
                     for op, a0, a1, b0, b1 in json.loads(ops)),
               left_words, right_words)


def _row_members(rows: Sequence[Row]) -> Iterable[tuple[Sequence[int], Sequence[int]]]:
    if isinstance(rows, StoredRows):
        return rows.members()
    return ((row.left, row.right) for row in rows)


def _side(title_text: tuple[str, str], sentences: list[list[int]]) -> Side:
    title, text = title_text
    return Side(title, text, tuple(Sentence(n, text[a:b], a, b, paragraph)
                                   for n, (a, b, paragraph) in enumerate(sentences)))


def _row_kind(kind: str) -> RowKind:
    if kind not in ("equal", "edited", "added", "removed"):
        raise ValueError(f"unknown row kind {kind!r}")
    return kind  # type: ignore[return-value]


def _op_kind(kind: str) -> OpKind:
    if kind not in _REVERSED:
        raise ValueError(f"unknown op {kind!r}")
    return kind  # type: ignore[return-value]


@dataclass(frozen=True)
class Step:
    """One comparison to go through, and in which direction (left → right when `forward`)."""

    alignment: Alignment
    forward: bool = True


def carry_span(alignment: Alignment | Comparison, start: int, end: int, *,
               forward: bool = True) -> Carried:
    """Map the passage `start:end` of one side of a comparison onto the other side.

    The status compares the passage's text with what it maps to (whitespace folded), so a
    passage the engine calls equal only under its normalisation (another quote style, case)
    is `changed`, with the other side's wording.
    """
    if isinstance(alignment, Comparison):
        alignment = Alignment.of(alignment)
    source, target = (alignment.left, alignment.right) if forward else (
        alignment.right, alignment.left)
    spans: list[tuple[int, int]] = []
    untouched = True
    for row in alignment.rows_over(start, end, left=forward):
        from_ids, to_ids = (row.left, row.right) if forward else (row.right, row.left)
        unchanged = _unchanged_sentence(row, source, target, from_ids, to_ids)
        if unchanged is not None:  # most rows of a light edit: offsets shift, nothing else
            shift, lo, hi = unchanged
            spans.append((max(start, lo) + shift, min(end, hi) + shift))
            continue
        texts = (row_text(source, from_ids), row_text(target, to_ids))
        for row_start, row_end in _row_ranges(source, from_ids, start, end):
            mapped, clean = _map_through_ops(_ops(row, forward), row_start, row_end, texts)
            untouched = untouched and clean
            spans.extend((row_offset_to_text(target, to_ids, a),
                          row_offset_to_text(target, to_ids, b)) for a, b in mapped if b > a)
    if not spans:
        return GONE
    new_start, new_end = min(a for a, _ in spans), max(b for _, b in spans)
    same = untouched and _folded(source.text[start:end]) == _folded(target.text[new_start:new_end])
    return Carried("same" if same else "changed", new_start, new_end)


def carry_through(steps: Iterable[Step], start: int, end: int, original: str) -> Carried:
    """Carry a passage through consecutive comparisons; `gone` as soon as one step loses it.

    `original` is the passage as written: the final status is `same` only when the words at
    the end of the chain are the ones the note was written on, whatever happened between.
    """
    carried: Carried | None = None
    text = ""
    for step in steps:
        carried = carry_span(step.alignment, start, end, forward=step.forward)
        if carried.gone:
            return GONE
        start, end = carried.start, carried.end
        text = (step.alignment.right if step.forward else step.alignment.left).text
    if carried is None:
        return Carried("same", start, end)
    status: CarryStatus = "same" if _folded(text[start:end]) == _folded(original) else "changed"
    return Carried(status, start, end)


def _unchanged_sentence(row: Row, source: Side, target: Side, from_ids: Sequence[int],
                        to_ids: Sequence[int]) -> tuple[int, int, int] | None:
    """(shift, start, end) when the row is one sentence the same on both sides, letter for
    letter: a passage inside `start:end` moves by `shift`. None for any other row."""
    if row.kind != "equal" or len(from_ids) != 1 or len(to_ids) != 1:
        return None
    before, after = source.sentences[from_ids[0]], target.sentences[to_ids[0]]
    if before.text != after.text:
        return None
    return after.start - before.start, before.start, before.end


# An op read in the direction of travel: (kind, source range, target range).
_DirectedOp = tuple[OpKind, tuple[int, int], tuple[int, int]]


def _ops(row: Row, forward: bool) -> list[_DirectedOp]:
    if forward:
        return [(op.op, op.left, op.right) for op in row.ops]
    return [(_REVERSED[op.op], op.right, op.left) for op in row.ops]


def _row_ranges(side: Side, ids: Sequence[int], start: int, end: int
                ) -> list[tuple[int, int]]:
    """The parts of article span `start:end` that fall in the row's sentences, in row offsets."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    for i in ids:
        sentence = side.sentences[i]
        lo, hi = max(start, sentence.start), min(end, sentence.end)
        if lo < hi:
            ranges.append((pos + lo - sentence.start, pos + hi - sentence.start))
        pos += sentence.end - sentence.start + len(ROW_JOINER)
    return _joined(ranges)


def _joined(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Neighbouring ranges separated only by the row joiner become one range."""
    joined: list[tuple[int, int]] = []
    for lo, hi in ranges:
        if joined and lo - joined[-1][1] <= len(ROW_JOINER):
            joined[-1] = (joined[-1][0], hi)
        else:
            joined.append((lo, hi))
    return joined


def _map_through_ops(ops: Sequence[_DirectedOp], start: int, end: int, texts: tuple[str, str]
                     ) -> tuple[list[tuple[int, int]], bool]:
    """Target row ranges that the source row range `start:end` maps to, and whether every
    word of it was kept unchanged (no op but `equal` touches it, nothing inserted inside)."""
    mapped: list[tuple[int, int]] = []
    clean = True
    for op in ops:
        kind, (a0, a1), (b0, b1) = op
        if kind == "insert":
            if start < a0 < end:  # words inserted inside the passage
                clean = False
                mapped.append((b0, b1))
            continue
        lo, hi = max(start, a0), min(end, a1)
        if lo >= hi:
            continue
        if kind == "equal":
            mapped.append(_map_equal(op, lo, hi, texts))
        elif kind == "replace":
            kept = _kept_inside(op, lo, hi, texts)
            clean = clean and kept is not None
            mapped.append(kept or (b0, b1))
        else:  # deleted: nothing to map to
            clean = False
    return mapped, clean


def _map_equal(op: _DirectedOp, start: int, end: int, texts: tuple[str, str]) -> tuple[int, int]:
    """Map `start:end` inside an equal op by counting non-space characters, since the two
    sides of an equal op may differ in the whitespace around them ("␣Harwick␣" ~ "Harwick␣")."""
    _, (a0, a1), (b0, b1) = op
    source, target = texts
    if source[a0:a1] == target[b0:b1]:
        return b0 + start - a0, b0 + end - a0
    skip = _non_space(source, a0, start)
    keep = _non_space(source, start, end)
    new_start = _advance(target, b0, b1, skip)
    while new_start < b1 and target[new_start].isspace():
        new_start += 1
    return new_start, _advance(target, new_start, b1, keep)


def _non_space(text: str, start: int, end: int) -> int:
    return sum(not c.isspace() for c in text[start:end])


def _advance(text: str, pos: int, limit: int, count: int) -> int:
    """The position just past `count` non-space characters from `pos` (at most `limit`)."""
    while count > 0 and pos < limit:
        count -= not text[pos].isspace()
        pos += 1
    return pos


def _kept_inside(op: _DirectedOp, start: int, end: int, texts: tuple[str, str]
                 ) -> tuple[int, int] | None:
    """Where the words of `start:end` stand in a replaced span, if all of them stand there
    together in the same order; None otherwise.

    The word diff folds short runs of kept words into a longer replacement so that a
    paraphrase reads as whole phrases; a note on one of those words ("Harwick" inside
    "Harwick city council voted" → "Councillors in Harwick have approved") should still
    follow that word, not the whole phrase. Matching only inside the replaced pair keeps this
    an alignment, not a search.
    """
    _, (a0, a1), (b0, b1) = op
    left = list(WORD_RE.finditer(texts[0], a0, a1))
    right = list(WORD_RE.finditer(texts[1], b0, b1))
    inside = [n for n, m in enumerate(left) if m.end() > start and m.start() < end]
    if not inside:
        return None
    first, count = inside[0], len(inside)
    blocks = matching_blocks([m.group().casefold() for m in left],
                             [m.group().casefold() for m in right])
    for i, j, size in blocks:
        if i <= first and first + count <= i + size:
            offset = j + first - i
            return right[offset].start(), right[offset + count - 1].end()
    return None


def _folded(text: str) -> str:
    return " ".join(text.split())
