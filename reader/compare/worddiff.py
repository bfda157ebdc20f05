"""Word diff inside one aligned row, cleaned up so a paraphrase reads as whole-phrase changes.

difflib's matching (Ratcliff-Obershelp: the longest common run first, then the same on each
side of it) runs on word and punctuation tokens, without junk heuristics (with autojunk, any
token in over 1% of a 200+ token row, like "yang" or a comma, would be ignored). It runs as
`matching_blocks` below, a lean copy of `SequenceMatcher(None, a, b, autojunk=False)
.get_matching_blocks()` with the same results and none of its set-up. The cleanup
then dissolves short equal islands lying between two changes into one surrounding replace:
an island of stop words and punctuation only ("dan", "yang", "the", ",") of up to
`LIGHT_ISLAND` tokens, or any island of up to `SHORT_ISLAND` tokens when both neighbouring
changes are longer than it. Whitespace between tokens goes to the equal op next to it, so a
change covers just its words ("the [big] dog", never "the[ big ]dog").
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

from reader.compare.model import CompareOptions, Op, OpKind
from reader.compare.tokens import Tokens, is_light, is_word, token_keys, tokenize

LIGHT_ISLAND = 3
SHORT_ISLAND = 2


class _Block(NamedTuple):
    """A run of tokens: `equal` or a change, with token index ranges on both sides."""

    equal: bool
    a1: int
    a2: int
    b1: int
    b2: int


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
    blocks: list[_Block] = []
    i = j = 0
    for ai, bj, size in matching_blocks(lk, rk) if lk and rk else ():
        if i < ai or j < bj:
            blocks.append(_Block(False, i, ai, j, bj))
        blocks.append(_Block(True, ai, ai + size, bj, bj + size))
        i, j = ai + size, bj + size
    if i < len(lk) or j < len(rk):
        blocks.append(_Block(False, i, len(lk), j, len(rk)))
    blocks = _cleanup(blocks, lk)
    right_words = _word_flags(rt.texts, right)
    reused = sum(sum(left_words[b.a1 : b.a2]) for b in blocks if b.equal)
    kept = sum(sum(right_words[b.b1 : b.b2]) for b in blocks if b.equal)
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
    .get_matching_blocks()`, step for step (the same longest-run search and tie-breaks).
    """
    b2j: dict[str, list[int]] = {}
    for j, token in enumerate(b):
        b2j.setdefault(token, []).append(j)
    nothing: list[int] = []
    queue = [(0, len(a), 0, len(b))]
    found: list[tuple[int, int, int]] = []
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        # The longest run in a[alo:ahi] x b[blo:bhi], earliest in a, then earliest in b.
        besti, bestj, bestsize = alo, blo, 0
        run_ending_at: dict[int, int] = {}
        for i in range(alo, ahi):
            previous = run_ending_at.get
            run_ending_at = {}
            for j in b2j.get(a[i], nothing):
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = run_ending_at[j] = previous(j - 1, 0) + 1
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
        if bestsize:
            found.append((besti, bestj, bestsize))
            if alo < besti and blo < bestj:
                queue.append((alo, besti, blo, bestj))
            if besti + bestsize < ahi and bestj + bestsize < bhi:
                queue.append((besti + bestsize, ahi, bestj + bestsize, bhi))
    found.sort()
    joined: list[tuple[int, int, int]] = []
    for i, j, k in found:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + k)
        else:
            joined.append((i, j, k))
    return joined


def equal_ops(left: str, right: str) -> tuple[Op, ...]:
    """The ops of an equal row: one `equal` op, or none when both texts are empty."""
    return (Op("equal", (0, len(left)), (0, len(right))),) if left or right else ()


def _cleanup(blocks: list[_Block], lk: list[str]) -> list[_Block]:
    """Dissolve short islands between changes, in one pass with a stack.

    Merging only makes changes longer, so an island once kept may become dissolvable when
    the change after it grows: the stack re-checks islands to the left after every merge.
    """
    out: list[_Block] = []
    for block in blocks:
        if out and not block.equal and not out[-1].equal:
            last = out.pop()
            block = _Block(False, last.a1, block.a2, last.b1, block.b2)
        while (
            not block.equal
            and len(out) >= 2
            and out[-1].equal
            and _dissolvable(out[-1], out[-2], block, lk)
        ):
            out.pop()
            before = out.pop()
            block = _Block(False, before.a1, block.a2, before.b1, block.b2)
        out.append(block)
    return out


def _dissolvable(island: _Block, before: _Block, after: _Block, lk: list[str]) -> bool:
    if before.equal or after.equal:
        return False
    size = island.a2 - island.a1
    if size <= LIGHT_ISLAND and all(is_light(k.strip()) for k in lk[island.a1 : island.a2]):
        return True

    def weight(b: _Block) -> int:
        return max(b.a2 - b.a1, b.b2 - b.b1)

    return size <= SHORT_ISLAND and min(weight(before), weight(after)) > size


def _to_ops(blocks: list[_Block], lt: Tokens, rt: Tokens, llen: int, rlen: int) -> tuple[Op, ...]:
    lspans = _side_spans([(b.a1, b.a2, b.equal) for b in blocks], lt, llen)
    rspans = _side_spans([(b.b1, b.b2, b.equal) for b in blocks], rt, rlen)
    ops: list[Op] = []
    for b, ls, rs in zip(blocks, lspans, rspans, strict=True):
        kind: OpKind
        if b.equal:
            kind = "equal"
        elif b.a1 == b.a2:
            kind = "insert"
        elif b.b1 == b.b2:
            kind = "delete"
        else:
            kind = "replace"
        ops.append(Op(kind, ls, rs))
    return tuple(ops)


def _side_spans(
    ranges: list[tuple[int, int, bool]], tokens: Tokens, length: int
) -> list[tuple[int, int]]:
    """Character spans of each block on one side, covering [0, length) with no gap.

    The text between two tokens of different blocks goes to the equal block beside it (to the
    later block when both or neither are equal); a block with no token on this side gets an
    empty span at that cut.
    """
    count = len(ranges)
    prev_full = [-1] * count  # the last block at or before n holding a token on this side
    last = -1
    for n, (t1, t2, _eq) in enumerate(ranges):
        if t2 > t1:
            last = n
        prev_full[n] = last
    next_full = [-1] * count  # the first block after n holding a token on this side
    following = -1
    for n in range(count - 1, -1, -1):
        next_full[n] = following
        if ranges[n][1] > ranges[n][0]:
            following = n
    spans: list[tuple[int, int]] = []
    start = 0
    for n, (_t1, t2, _eq) in enumerate(ranges):
        before, after = prev_full[n], next_full[n]
        if n == count - 1 or after == -1:
            cut = length
        elif before == -1:
            cut = 0
        else:
            gap_start, gap_end = tokens.ends[t2 - 1], tokens.starts[t2]
            cut = gap_end if ranges[before][2] and not ranges[after][2] else gap_start
        cut = max(cut, start)
        spans.append((start, cut))
        start = cut
    return spans
