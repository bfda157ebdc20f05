"""Word diff inside one aligned row, cleaned up so a paraphrase reads as whole-phrase changes.

difflib's matching (Ratcliff-Obershelp: the longest common run first, then the same on each
side of it, see `matcher`) runs on word and punctuation tokens. The cleanup then dissolves
short equal islands lying between two changes into one surrounding replace: an island of stop
words and punctuation only ("dan", "yang", "the", ",") of up to `LIGHT_ISLAND` tokens, or any
island of up to `SHORT_ISLAND` tokens when both neighbouring changes are longer than it and it
holds no figure or name (those are what a fact-checker reads first: a kept "12" or "Sri
Sumarni" must not look changed). Whitespace between tokens goes to the equal op next to it,
so a change covers just its words ("the [big] dog", never "the[ big ]dog").
"""

from __future__ import annotations

from typing import NamedTuple

from reader.compare.matcher import matching_blocks
from reader.compare.model import CompareOptions, Op, OpKind
from reader.compare.quote_marks import OPENING_MARKS
from reader.compare.tokens import Tokens, is_light, is_word, remembered_token_keys, tokenize
from reader.compare.words import WordCounts

LIGHT_ISLAND = 3
SHORT_ISLAND = 2
# Before a capitalised word these show it opens a sentence or a quotation, not a name.
_SENTENCE_OPENERS = frozenset(".!?(" + OPENING_MARKS)


class _Block(NamedTuple):
    """A run of tokens, equal or a change, by its token ranges on both sides."""

    equal: bool
    a1: int
    a2: int
    b1: int
    b2: int


class RowDiff(NamedTuple):
    """A row's ops, and how many words of each side they change (statistics count them)."""

    ops: tuple[Op, ...]
    left_changed_words: int  # left words inside delete and replace ops
    right_changed_words: int  # right words inside insert and replace ops


class RowDiffer:
    """Diffs rows under one set of options.

    It remembers the matching key of every token it meets (news text repeats its vocabulary):
    make one for each comparison, so what it remembers goes with it. The words it counts
    while tokenising go to `word_counts` (the comparison's statistics read them there).
    """

    def __init__(self, options: CompareOptions, word_counts: WordCounts | None = None) -> None:
        self.options = options
        self.word_counts = word_counts if word_counts is not None else WordCounts()
        self._key = remembered_token_keys(options)

    def diff(self, left: str, right: str) -> RowDiff:
        """Ops over the two row texts, their slices rebuilding both texts exactly."""
        # Ignored punctuation drops out of the compared tokens (it lands in the gaps).
        lt = tokenize(left, words_only=self.options.ignore_punctuation)
        rt = tokenize(right, words_only=self.options.ignore_punctuation)
        # Which tokens are words: a token is a word exactly when `count_words` counts it.
        lwords, rwords = list(map(is_word, lt.texts)), list(map(is_word, rt.texts))
        self.word_counts.note(left, sum(lwords))
        self.word_counts.note(right, sum(rwords))
        lk, rk = self._keys(lt, left), self._keys(rt, right)
        if lk == rk:
            return RowDiff(equal_ops(left, right), 0, 0)
        blocks = _blocks(lk, rk, lt.texts)
        changes = [b for b in blocks if not b.equal]
        return RowDiff(
            _to_ops(blocks, lt, rt, len(left), len(right)),
            sum(sum(lwords[b.a1 : b.a2]) for b in changes),
            sum(sum(rwords[b.b1 : b.b2]) for b in changes),
        )

    def _keys(self, tokens: Tokens, text: str) -> list[str]:
        """Matching keys of the tokens; with whitespace not ignored, the gap before counts too."""
        keys = list(map(self._key, tokens.texts))
        if not self.options.ignore_whitespace:
            previous_ends = [0, *tokens.ends]  # one longer: its last end has no token after it
            gaps = [text[a:b] for a, b in zip(previous_ends, tokens.starts, strict=False)]
            keys = [gap + key for gap, key in zip(gaps, keys, strict=True)]
        return keys


def diff_row(left: str, right: str, options: CompareOptions) -> tuple[Op, ...]:
    """The ops of one row on its own (a comparison diffs its rows with one `RowDiffer`)."""
    return RowDiffer(options).diff(left, right).ops


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
    for ai, bj, size in matching_blocks(lk, rk):
        if i < ai or j < bj:
            _push_change(out, i, ai, j, bj, lk, texts)
        out.append(_Block(True, ai, ai + size, bj, bj + size))
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
        island, before = out[-1], out[-2]  # blocks alternate: a change, then an equal run
        size = island.a2 - island.a1
        if size > LIGHT_ISLAND:
            break
        changes_longer = min(_longer_side(before), max(a2 - a1, b2 - b1)) > size
        short = (
            size <= SHORT_ISLAND
            and changes_longer
            and not _holds_figure_or_name(texts, island.a1, island.a2)
        )
        if not short and not all(is_light(key.strip()) for key in lk[island.a1 : island.a2]):
            break
        del out[-2:]
        a1, b1 = before.a1, before.b1
    out.append(_Block(False, a1, a2, b1, b2))


def _longer_side(block: _Block) -> int:
    return max(block.a2 - block.a1, block.b2 - block.b1)


def _holds_figure_or_name(texts: list[str], i1: int, i2: int) -> bool:
    """Whether `texts[i1:i2]` holds a number, or a capitalised word not opening a sentence or
    a quotation (there any word is capitalised: "The", "We")."""
    for n in range(i1, i2):
        first = texts[n][0]
        if first.isdigit() or (first.isupper() and n and texts[n - 1] not in _SENTENCE_OPENERS):
            return True
    return False



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
            following = blocks[n + 1]
            lcut = lstarts[a2] if following.a2 > a2 else lends[a2 - 1] if a2 < ln else llen
            rcut = rstarts[b2] if following.b2 > b2 else rends[b2 - 1] if b2 < rn else rlen
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
