"""Word diff inside one aligned row, cleaned up so a paraphrase reads as whole-phrase changes.

difflib's matching (Ratcliff-Obershelp: the longest common run first, then the same on each
side of it) runs on word and punctuation tokens, without junk heuristics (with autojunk, any
token in over 1% of a 200+ token row, like "yang" or a comma, would be ignored). It runs as
`matching_blocks` below, with the results of `SequenceMatcher(None, a, b, autojunk=False)
.get_matching_blocks()` and less work per row. The cleanup
then dissolves short equal islands lying between two changes into one surrounding replace:
an island of stop words and punctuation only ("dan", "yang", "the", ",") of up to
`LIGHT_ISLAND` tokens, or any island of up to `SHORT_ISLAND` tokens when both neighbouring
changes are longer than it and it holds no figure or name (those are what a fact-checker
reads first: a kept "12" or "Sri Sumarni" must not look changed). Whitespace between tokens
goes to the equal op next to it, so a change covers just its words ("the [big] dog", never
"the[ big ]dog").
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

from reader.compare.model import CompareOptions, Op, OpKind
from reader.compare.tokens import Tokens, is_light, is_word, token_keys, tokenize

LIGHT_ISLAND = 3
SHORT_ISLAND = 2

# A run of tokens, `equal` or a change, with its token ranges on both sides: (equal, a1, a2,
# b1, b2). Plain tuples, as a row builds a few and unpacks each once (a class costs time).
_Block = tuple[bool, int, int, int, int]


def diff_keys(tokens: Tokens, text: str, options: CompareOptions) -> list[str]:
    """Matching keys of the tokens; with whitespace not ignored, the gap before counts too."""
    keys = token_keys(tokens.texts, options)
    if not options.ignore_whitespace:
        gaps = [
            text[end:start] for end, start in zip([0, *tokens.ends], tokens.starts, strict=False)
        ]
        keys = [gap + key for gap, key in zip(gaps, keys, strict=True)]
    return keys


class RowDiff(NamedTuple):
    """A row's ops with the word counts statistics need from them."""

    ops: tuple[Op, ...]
    reused_words: int  # left words inside equal ops
    new_words: int  # right words inside insert and replace ops


def diff_row(left: str, right: str, options: CompareOptions) -> tuple[Op, ...]:
    """Ops over the two row texts; their slices rebuild both texts exactly."""
    return diff_row_counted(left, right, options).ops


def diff_row_counted(left: str, right: str, options: CompareOptions) -> RowDiff:
    """`diff_row`, plus its word counts (the words of an op's slice are its word tokens)."""
    # Ignored punctuation drops out of the compared tokens (it lands in the gaps).
    lt = tokenize(left, words_only=options.ignore_punctuation)
    rt = tokenize(right, words_only=options.ignore_punctuation)
    lk = diff_keys(lt, left, options)
    rk = diff_keys(rt, right, options)
    left_words = _word_flags(lt.texts, left)
    if lk == rk:
        return RowDiff(equal_ops(left, right), sum(left_words), 0)
    right_words = _word_flags(rt.texts, right)
    blocks = _blocks(lk, rk, lt.texts)
    reused = kept = 0
    for equal, a1, a2, b1, b2 in blocks:
        if equal:
            reused += sum(left_words[a1:a2])
            kept += sum(right_words[b1:b2])
    ops = _to_ops(blocks, lt, rt, len(left), len(right))
    return RowDiff(ops, reused, sum(right_words) - kept)


def _word_flags(tokens: list[str], text: str) -> list[bool]:
    """Which tokens are words (`is_word`): a word starts with a letter, a digit or "_"."""
    if "_" in text:
        return list(map(is_word, tokens))
    return list(map(str.isalnum, map(itemgetter(0), tokens)))  # one C loop


def matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """`(i, j, n)`: a[i:i+n] == b[j:j+n], ascending, adjacent runs joined, no end sentinel.

    The results of difflib's `SequenceMatcher(None, a, b, autojunk=False)
    .get_matching_blocks()`: the longest common run first (earliest in a, then in b), then
    the same before and after it. difflib scans every token of each part again; here the
    maximal common runs are found once, and each part keeps the pieces of them inside it: a
    part's longest run is then its longest piece, the earliest in a, then in b, on a tie
    (difflib's scan order meets that one's last token first).
    """
    found: list[tuple[int, int, int]] = []
    runs = _common_runs(a, b)
    queue = [runs] if runs else []
    while queue:
        inside = queue.pop()
        if len(inside) == 1:  # common in the parts: nothing to choose or to split
            found.append(inside[0])
            continue
        besti = bestj = bestk = 0
        for i, j, k in inside:
            if k > bestk or (k == bestk and (i < besti or (i == besti and j < bestj))):
                besti, bestj, bestk = i, j, k
        found.append((besti, bestj, bestk))
        endi, endj = besti + bestk, bestj + bestk
        before: list[tuple[int, int, int]] = []  # pieces in a[:besti] x b[:bestj]
        after: list[tuple[int, int, int]] = []  # pieces in a[endi:] x b[endj:]
        for run in inside:
            i, j, k = run
            if i + k <= besti and j + k <= bestj:
                before.append(run)
            elif i >= endi and j >= endj:
                after.append(run)
            else:  # a run crossing the chosen one's rows or columns: keep what lies outside
                head = min(k, besti - i, bestj - j)
                if head > 0:
                    before.append((i, j, head))
                skip = max(endi - i, endj - j)
                if skip < k:
                    after.append((i + skip, j + skip, k - skip))
        if before:
            queue.append(before)
        if after:
            queue.append(after)
    found.sort()
    joined: list[tuple[int, int, int]] = []
    for i, j, k in found:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + k)
        else:
            joined.append((i, j, k))
    return joined


def _common_runs(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """Every maximal `(i, j, n)` with a[i:i+n] == b[j:j+n], by i then j."""
    b2j: dict[str, list[int]] = {}
    for j, token in enumerate(b):
        if token in b2j:
            b2j[token].append(j)
        else:
            b2j[token] = [j]
    alen, blen = len(a), len(b)
    runs: list[tuple[int, int, int]] = []
    for i, js in enumerate(map(b2j.get, a)):
        if js is None:
            continue
        for j in js:
            if i and j and a[i - 1] == b[j - 1]:
                continue  # inside a run found from its start
            k = 1
            while i + k < alen and j + k < blen and a[i + k] == b[j + k]:
                k += 1
            runs.append((i, j, k))
    return runs


def equal_ops(left: str, right: str) -> tuple[Op, ...]:
    """The ops of an equal row: one `equal` op, or none when both texts are empty."""
    return (Op("equal", (0, len(left)), (0, len(right))),) if left or right else ()


def _blocks(lk: list[str], rk: list[str], texts: list[str]) -> list[_Block]:
    """The equal runs and the changes between them, in order, short islands dissolved.

    Equal runs and changes alternate: `matching_blocks` joins adjacent runs, so two runs
    always have a change between them, and dissolving an island merges its two neighbours.
    """
    out: list[_Block] = []
    i = j = 0
    for ai, bj, size in matching_blocks(lk, rk) if lk and rk else ():
        if i < ai or j < bj:
            _push_change(out, i, ai, j, bj, lk, texts)
        out.append((True, ai, ai + size, bj, bj + size))
        i, j = ai + size, bj + size
    if i < len(lk) or j < len(rk):
        _push_change(out, i, len(lk), j, len(rk), lk, texts)
    return out


def _push_change(
    out: list[_Block], a1: int, a2: int, b1: int, b2: int, lk: list[str], texts: list[str]
) -> None:
    """Append a change to `out` (which ends with an equal run or is empty).

    First the islands before it dissolve into it: an island of at most `LIGHT_ISLAND` light
    tokens, or of at most `SHORT_ISLAND` tokens when both changes beside it are longer and
    it holds no figure or name (`texts` are the left tokens as written): "[-killed 12
    residents-]{+left 12 people dead+}" would read as a changed figure.
    Merging makes the change longer, so an island once kept may become dissolvable when the
    change after it grows: the islands to the left are checked again after every merge.
    """
    while len(out) >= 2:
        _, i1, i2, _, _ = out[-1]  # the island (blocks alternate, so it is an equal run
        _, c1, c2, d1, d2 = out[-2]  # and the block before it is a change)
        size = i2 - i1
        if size > LIGHT_ISLAND:
            break
        short = (
            size <= SHORT_ISLAND
            and min(max(c2 - c1, d2 - d1), max(a2 - a1, b2 - b1)) > size
            and not _holds_figure_or_name(texts, i1, i2)
        )
        if not short and not all(is_light(key.strip()) for key in lk[i1:i2]):
            break
        del out[-2:]
        a1, b1 = c1, d1
    out.append((False, a1, a2, b1, b2))


def _holds_figure_or_name(texts: list[str], i1: int, i2: int) -> bool:
    """Whether `texts[i1:i2]` holds a number, or a capitalised word not opening a sentence or
    a quotation (there any word is capitalised: "The", "We")."""
    for n in range(i1, i2):
        first = texts[n][0]
        if first.isdigit() or (first.isupper() and n and texts[n - 1] not in _SENTENCE_OPENERS):
            return True
    return False


_SENTENCE_OPENERS = frozenset('.!?"“‘«(')


def _to_ops(blocks: list[_Block], lt: Tokens, rt: Tokens, llen: int, rlen: int) -> tuple[Op, ...]:
    """The ops of the blocks, their character spans covering both texts with no gap.

    The text between two tokens of different blocks goes to the equal block beside it (to
    the later block when neither is equal); a block with no token on a side gets an empty
    span at that cut. Equal runs and changes alternate (see `_blocks`), so the owner of the
    token after a cut is always the next block, or the one after it when the next has none.
    """
    lstarts, lends, ln = lt.starts, lt.ends, len(lt.ends)
    rstarts, rends, rn = rt.starts, rt.ends, len(rt.ends)
    last = len(blocks) - 1
    ops: list[Op] = []
    lstart = rstart = 0
    for n, (equal, a1, a2, b1, b2) in enumerate(blocks):
        kind: OpKind
        if n == last:
            lcut, rcut = llen, rlen
        elif equal:
            # A change follows: the gap goes to this run, unless the change has no token on
            # that side (then the equal run after the change takes the gap, or the text ends).
            _, _, next_a2, _, next_b2 = blocks[n + 1]
            lcut = lstarts[a2] if next_a2 > a2 else lends[a2 - 1] if a2 < ln else llen
            rcut = rstarts[b2] if next_b2 > b2 else rends[b2 - 1] if b2 < rn else rlen
        else:  # an equal run follows and takes the gap before it
            lcut = lends[a2 - 1] if a2 else 0
            rcut = rends[b2 - 1] if b2 else 0
        if equal:
            kind = "equal"
        elif a1 == a2:
            kind = "insert"
        elif b1 == b2:
            kind = "delete"
        else:
            kind = "replace"
        ops.append(Op(kind, (lstart, lcut), (rstart, rcut)))
        lstart, rstart = lcut, rcut
    return tuple(ops)
