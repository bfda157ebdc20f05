"""The sequence matcher of the word diff: cydifflib's when its wheel is installed, else difflib's.

cydifflib is difflib compiled: the same Ratcliff-Obershelp matching (the longest common run
first, then the same on each side of it), so both give the same blocks and opcodes
(tests/compare/test_matcher.py checks it), cydifflib 3-4x faster on word lists. The stdlib
matcher is the fallback for a platform or Python without a cydifflib wheel.

Junk heuristics stay off: with autojunk, any token in over 1% of a 200+ token sequence (a
comma, "yang", "the") would be ignored and real matches lost.
"""

from __future__ import annotations

from collections.abc import Sequence

try:
    from cydifflib import SequenceMatcher
except ImportError:  # no wheel for this platform or Python: same results, slower
    from difflib import SequenceMatcher  # type: ignore[assignment]

COMPILED = SequenceMatcher.__module__.startswith("cydifflib")


def matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """`(i, j, n)` with `a[i:i+n] == b[j:j+n]`, in order, adjacent runs joined, without the
    zero-length sentinel `SequenceMatcher.get_matching_blocks()` ends with."""
    blocks: list[tuple[int, int, int]] = SequenceMatcher(
        None, a, b, autojunk=False
    ).get_matching_blocks()
    return blocks[:-1]
