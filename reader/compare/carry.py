"""Carrying a passage from one version to another through the engine's own alignment.

A note is written on a passage of one version. To show it on another version we follow the
passage through the comparisons of consecutive versions (A → … → B): find the rows whose
sentences hold it, and map its offsets through each row's word operations. Nothing is ever
searched for: a passage whose words also stand elsewhere in B is never attached there.

The result says how the passage fared: `same` (its words survive unchanged), `changed` (it
survives reworded, at the returned span), `gone` (no counterpart).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from reader.compare.model import (
    ROW_JOINER,
    Comparison,
    Op,
    OpKind,
    Row,
    Side,
    row_offset_to_text,
    row_text,
)

CarryStatus = Literal["same", "changed", "gone"]
_WORD_RE = re.compile(r"\w+")


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
class Step:
    """One comparison to go through, and in which direction (left → right when `forward`)."""

    comparison: Comparison
    forward: bool = True


def carry_span(comparison: Comparison, start: int, end: int, *, forward: bool = True
               ) -> Carried:
    """Map the passage `start:end` of one side of `comparison` onto the other side.

    The status compares the passage's text with what it maps to (whitespace folded), so a
    passage the engine calls equal only under its normalisation (another quote style, case)
    is `changed`, with the other side's wording.
    """
    source, target = (comparison.left, comparison.right) if forward else (
        comparison.right, comparison.left)
    spans: list[tuple[int, int]] = []
    untouched = True
    for row in comparison.rows:
        from_ids, to_ids = (row.left, row.right) if forward else (row.right, row.left)
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
        carried = carry_span(step.comparison, start, end, forward=step.forward)
        if carried.gone:
            return GONE
        start, end = carried.start, carried.end
        text = (step.comparison.right if step.forward else step.comparison.left).text
    if carried is None:
        return Carried("same", start, end)
    status: CarryStatus = "same" if _folded(text[start:end]) == _folded(original) else "changed"
    return Carried(status, start, end)


def _ops(row: Row, forward: bool) -> tuple[Op, ...]:
    if forward:
        return row.ops
    return tuple(Op(_REVERSED[op.op], op.right, op.left) for op in row.ops)


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


def _map_through_ops(ops: Sequence[Op], start: int, end: int, texts: tuple[str, str]
                     ) -> tuple[list[tuple[int, int]], bool]:
    """Target row ranges that the source row range `start:end` maps to, and whether every
    word of it was kept unchanged (no op but `equal` touches it, nothing inserted inside)."""
    mapped: list[tuple[int, int]] = []
    clean = True
    for op in ops:
        (a0, a1), (b0, b1) = op.left, op.right
        if op.op == "insert":
            if start < a0 < end:  # words inserted inside the passage
                clean = False
                mapped.append((b0, b1))
            continue
        lo, hi = max(start, a0), min(end, a1)
        if lo >= hi:
            continue
        if op.op == "equal":
            mapped.append(_map_equal(op, lo, hi, texts))
        elif op.op == "replace":
            kept = _kept_inside(op, lo, hi, texts)
            clean = clean and kept is not None
            mapped.append(kept or (b0, b1))
        else:  # deleted: nothing to map to
            clean = False
    return mapped, clean


def _map_equal(op: Op, start: int, end: int, texts: tuple[str, str]) -> tuple[int, int]:
    """Map `start:end` inside an equal op by counting non-space characters, since the two
    sides of an equal op may differ in the whitespace around them ("␣Harwick␣" ~ "Harwick␣")."""
    (a0, _), (b0, b1) = op.left, op.right
    source, target = texts
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


def _kept_inside(op: Op, start: int, end: int, texts: tuple[str, str]) -> tuple[int, int] | None:
    """Where the words of `start:end` stand in a replaced span, if all of them stand there
    together in the same order; None otherwise.

    The word diff folds short runs of kept words into a longer replacement so that a
    paraphrase reads as whole phrases; a note on one of those words ("Harwick" inside
    "Harwick city council voted" → "Councillors in Harwick have approved") should still
    follow that word, not the whole phrase. Matching only inside the replaced pair keeps this
    an alignment, not a search.
    """
    (a0, a1), (b0, b1) = op.left, op.right
    left = list(_WORD_RE.finditer(texts[0], a0, a1))
    right = list(_WORD_RE.finditer(texts[1], b0, b1))
    inside = [n for n, m in enumerate(left) if m.end() > start and m.start() < end]
    if not inside:
        return None
    first, count = inside[0], len(inside)
    matcher = SequenceMatcher(None, [m.group().casefold() for m in left],
                              [m.group().casefold() for m in right], autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        if i <= first and first + count <= i + size:
            offset = j + first - i
            return right[offset].start(), right[offset + count - 1].end()
    return None
    right = list(_WORD_RE.finditer(texts[1], b0, b1))
    all_left = list(_WORD_RE.finditer(texts[0], a0, a1))
    first = all_left.index(left[0])
    matcher = SequenceMatcher(None, [m.group().casefold() for m in all_left],
                              [m.group().casefold() for m in right], autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        if i <= first and first + len(left) <= i + size:
            offset = j + first - i
            return right[offset].start(), right[offset + len(left) - 1].end()
    return None


def _folded(text: str) -> str:
    return " ".join(text.split())
