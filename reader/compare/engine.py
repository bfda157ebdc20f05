"""`compare()`: the whole pipeline, from two texts to a `Comparison`.

normalise (for matching only) -> split sentences -> align (n:m, moves) -> word diff per row ->
quotations -> statistics. Rows come in reading order: by right-side position, each removed
left sentence placed right after the row holding the left sentence it followed.
"""

from __future__ import annotations

import gc

from reader.compare.align import Group, align
from reader.compare.model import ROW_JOINER, CompareOptions, Comparison, Op, Row, Side, row_text
from reader.compare.normalize import sentence_keys
from reader.compare.quotes import pair_quotations
from reader.compare.sentences import split_sentences
from reader.compare.stats import compute_stats
from reader.compare.worddiff import diff_row_counted

# The options are frozen, so one shared default instance is safe.
_DEFAULT_OPTIONS = CompareOptions()
_MATCH_OPTIONS = CompareOptions()


def compare(
    left: str,
    right: str,
    options: CompareOptions = _DEFAULT_OPTIONS,
    *,
    left_title: str = "",
    right_title: str = "",
) -> Comparison:
    # The pipeline allocates many small objects and frees them without cycles: the cyclic
    # collector would only walk the growing heap again and again (about 13% of a 100k-word
    # heavily reworded compare), so it is paused for the call.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _compare(left, right, options, left_title, right_title)
    finally:
        if collecting:
            gc.enable()


def _compare(
    left: str, right: str, options: CompareOptions, left_title: str, right_title: str
) -> Comparison:
    left_side = Side(left_title, left, split_sentences(left))
    right_side = Side(right_title, right, split_sentences(right))
    left_spans = [(s.start, s.end) for s in left_side.sentences]
    right_spans = [(s.start, s.end) for s in right_side.sentences]
    left_keys = sentence_keys(left, left_spans, options)
    right_keys = sentence_keys(right, right_spans, options)
    if options == _MATCH_OPTIONS:
        left_match, right_match = left_keys, right_keys
    else:  # alignment always matches case-folded words, whatever the diff options
        left_match = sentence_keys(left, left_spans, _MATCH_OPTIONS)
        right_match = sentence_keys(right, right_spans, _MATCH_OPTIONS)
    groups = align(left_keys, right_keys, left_match, right_match)
    row_words: dict[int, tuple[int, int]] = {}
    rows = _rows_in_reading_order(left_side, right_side, groups, options, row_words)
    quotes = pair_quotations(left_side, right_side, rows, options)
    stats = compute_stats(left_side, right_side, rows, quotes, row_words)
    return Comparison(left_side, right_side, tuple(rows), quotes, stats)


def _matched_row(
    left: Side,
    right: Side,
    group: Group,
    options: CompareOptions,
    row_words: dict[int, tuple[int, int]],
) -> Row:
    """The row of a matched group; an edited row's word counts go into `row_words`."""
    lids, rids = tuple(group.left), tuple(group.right)
    if group.exact:
        # The same sentence under the options (most of a lightly edited text): one equal op,
        # sized from the sentences without building the row texts.
        llen, rlen = _row_length(left, lids), _row_length(right, rids)
        equal: tuple[Op, ...] = (Op("equal", (0, llen), (0, rlen)),) if llen or rlen else ()
        return Row("equal", group.moved, lids, rids, 1.0, equal)
    ops, reused, new = diff_row_counted(_row_text(left, lids), _row_text(right, rids), options)
    same = all(op.op == "equal" for op in ops)
    if not same:
        row_words[lids[0]] = (reused, new)
    return Row(
        "equal" if same else "edited",
        group.moved,
        lids,
        rids,
        1.0 if same else group.similarity,
        ops,
    )


def _row_text(side: Side, ids: tuple[int, ...]) -> str:
    """`row_text(side, ids)`, without the join for the usual one-sentence row."""
    return side.sentences[ids[0]].text if len(ids) == 1 else row_text(side, ids)


def _row_length(side: Side, ids: tuple[int, ...]) -> int:
    """`len(row_text(side, ids))`."""
    sentences = side.sentences
    if len(ids) == 1:  # the usual row: no generator to sum
        return len(sentences[ids[0]].text)
    return sum(len(sentences[i].text) for i in ids) + len(ROW_JOINER) * max(0, len(ids) - 1)


def _rows_in_reading_order(
    left: Side,
    right: Side,
    groups: list[Group],
    options: CompareOptions,
    row_words: dict[int, tuple[int, int]],
) -> list[Row]:
    matched_right = {j: g for g in groups for j in g.right}
    base: list[Row] = []
    for j, sentence in enumerate(right.sentences):
        group = matched_right.get(j)
        if group is None:
            base.append(
                Row("added", False, (), (j,), 0.0, (Op("insert", (0, 0), (0, len(sentence.text))),))
            )
        elif j == group.right[0]:
            base.append(_matched_row(left, right, group, options, row_words))

    row_of_left = {i: n for n, row in enumerate(base) for i in row.left}
    head: list[Row] = []
    after: dict[int, list[Row]] = {}
    slot_of_left: dict[int, list[Row]] = {}  # where each removed sentence went
    for i, sentence in enumerate(left.sentences):
        if i in row_of_left:
            continue
        removed = Row(
            "removed", False, (i,), (), 0.0, (Op("delete", (0, len(sentence.text)), (0, 0)),)
        )
        if i == 0:
            slot = head
        elif i - 1 in slot_of_left:
            slot = slot_of_left[i - 1]
        else:
            slot = after.setdefault(row_of_left[i - 1], [])
        slot.append(removed)
        slot_of_left[i] = slot

    rows = list(head)
    for n, row in enumerate(base):
        rows.append(row)
        rows.extend(after.get(n, ()))
    return rows
