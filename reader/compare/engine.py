"""`compare()`: the whole pipeline, from two texts to a `Comparison`.

normalise (for matching only) -> split sentences -> align (n:m, moves) -> word diff per row ->
quotations -> statistics. Rows come in reading order: by right-side position, each removed
left sentence placed right after the row holding the left sentence it followed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial

from reader.compare.align import Group, align
from reader.compare.model import CompareOptions, Comparison, Op, Row, Side, row_text
from reader.compare.normalize import normalize_text
from reader.compare.quotes import pair_quotations
from reader.compare.sentences import split_sentences
from reader.compare.stats import compute_stats
from reader.compare.worddiff import RowDiffer, equal_ops
from reader.compare.words import WordCounts

# The options are frozen, so one shared default instance is safe.
_DEFAULT_OPTIONS = CompareOptions()
# Alignment always compares case-folded words, whatever the reader chose for the word diff.
_MATCH_OPTIONS = CompareOptions()


def compare(
    left: str,
    right: str,
    options: CompareOptions = _DEFAULT_OPTIONS,
    *,
    left_title: str = "",
    right_title: str = "",
) -> Comparison:
    left_side = Side(left_title, left, split_sentences(left))
    right_side = Side(right_title, right, split_sentences(right))
    key = _sentence_key(options)
    left_keys, right_keys = _keys(left_side, key), _keys(right_side, key)
    if options == _MATCH_OPTIONS:
        left_match, right_match = left_keys, right_keys
    else:
        match_key = _sentence_key(_MATCH_OPTIONS)
        left_match, right_match = _keys(left_side, match_key), _keys(right_side, match_key)
    word_counts = WordCounts()
    groups = align(left_keys, right_keys, left_match, right_match)
    rows = _rows_in_reading_order(left_side, right_side, groups, RowDiffer(options, word_counts))
    quotes = pair_quotations(left_side, right_side, rows, options)
    stats = compute_stats(left_side, right_side, rows, quotes, word_counts)
    return Comparison(left_side, right_side, tuple(rows), quotes, stats)


def _sentence_key(options: CompareOptions) -> Callable[[str], str]:
    """A sentence normalised under `options` (equal keys: the same sentence), remembered for
    the comparison: most sentences of a lightly edited version are the original's."""
    return cache(partial(normalize_text, options=options))


def _keys(side: Side, key: Callable[[str], str]) -> list[str]:
    return [key(s.text) for s in side.sentences]


def _matched_row(left: Side, right: Side, group: Group, differ: RowDiffer) -> Row:
    lids, rids = tuple(group.left), tuple(group.right)
    ltext, rtext = row_text(left, lids), row_text(right, rids)
    if group.exact:  # the same sentence under the options: nothing to diff
        return Row("equal", group.moved, lids, rids, 1.0, equal_ops(ltext, rtext))
    ops, left_changed, right_changed = differ.diff(ltext, rtext)
    if all(op.op == "equal" for op in ops):  # the words differ only where the options ignore
        return Row("equal", group.moved, lids, rids, 1.0, ops)
    similarity = group.similarity
    return Row("edited", group.moved, lids, rids, similarity, ops, left_changed, right_changed)


def _added_row(right: Side, j: int, count: WordCounts) -> Row:
    text = right.sentences[j].text
    insert = Op("insert", (0, 0), (0, len(text)))
    return Row("added", False, (), (j,), 0.0, (insert,), right_changed_words=count(text))


def _removed_row(left: Side, i: int, count: WordCounts) -> Row:
    text = left.sentences[i].text
    delete = Op("delete", (0, len(text)), (0, 0))
    return Row("removed", False, (i,), (), 0.0, (delete,), left_changed_words=count(text))


def _rows_in_reading_order(
    left: Side, right: Side, groups: list[Group], differ: RowDiffer
) -> list[Row]:
    matched_right = {j: g for g in groups for j in g.right}
    base: list[Row] = []
    for j in range(len(right.sentences)):
        group = matched_right.get(j)
        if group is None:
            base.append(_added_row(right, j, differ.word_counts))
        elif j == group.right[0]:
            base.append(_matched_row(left, right, group, differ))

    row_of_left = {i: n for n, row in enumerate(base) for i in row.left}
    head: list[Row] = []
    after: dict[int, list[Row]] = {}
    slot_of_left: dict[int, list[Row]] = {}  # where each removed sentence went
    for i in range(len(left.sentences)):
        if i in row_of_left:
            continue
        if i == 0:
            slot = head
        elif i - 1 in slot_of_left:
            slot = slot_of_left[i - 1]
        else:
            slot = after.setdefault(row_of_left[i - 1], [])
        slot.append(_removed_row(left, i, differ.word_counts))
        slot_of_left[i] = slot

    rows = list(head)
    for n, row in enumerate(base):
        rows.append(row)
        rows.extend(after.get(n, ()))
    return rows
