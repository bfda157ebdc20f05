"""A quotation's life across the versions of a story: when it was changed, trimmed, unquoted,
dropped.

The engine judges each quotation between two versions (reader.compare.quotes). Over a story
the judgements of consecutive versions are chained: the quotation that version i+1 holds as
the right side of one comparison is the one it holds as the left side of the next, found by
its position in that version's text (the same extraction runs on the same text both times).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True)
class JudgedQuote:
    """One quotation entry of a comparison of two consecutive versions, reduced to what the
    history needs: its verdict and where its parts stand on each side (empty: no part)."""

    verdict: str
    left: tuple[Span, ...]
    right: tuple[Span, ...]


@dataclass(frozen=True)
class Wording:
    """A quotation in one version: its parts there (empty where it is absent) and the verdict
    against the version before (None where it is first seen)."""

    version: int  # index into the story's versions, oldest first
    parts: tuple[Span, ...]
    verdict: str | None


@dataclass(frozen=True)
class QuoteHistory:
    first_seen: int  # index of the version where it first appears
    wordings: tuple[Wording, ...]  # one per version from first_seen to the last


def quote_histories(steps: Sequence[Sequence[JudgedQuote]]) -> list[QuoteHistory]:
    """Chain the quotation judgements of consecutive versions into one history per quotation.

    `steps[i]` holds the judgements of version i against version i+1. A quotation that is
    dropped (or becomes reported speech) is listed as absent in every later version; one that
    a later version brings back is a new history from that version on, since no comparison
    links it to the old one.
    """
    versions = len(steps) + 1
    open_chains: list[tuple[list[Wording], int]] = []  # (wordings so far, first_seen)
    finished: list[tuple[list[Wording], int]] = []
    if steps:
        for judged in steps[0]:
            if judged.left:
                open_chains.append(([Wording(0, judged.left, None)], 0))
    for i, judged_quotes in enumerate(steps):
        still_open: list[tuple[list[Wording], int]] = []
        claimed: set[int] = set()
        for judged in judged_quotes:
            if not judged.left:
                if judged.right:  # added (or quoted): a quotation first seen in version i+1
                    still_open.append(([Wording(i + 1, judged.right, None)], i + 1))
                continue
            n = _chain_holding(open_chains, judged.left, claimed)
            if n is None:  # a quotation the previous step did not report: starts here
                chain: tuple[list[Wording], int] = ([Wording(i, judged.left, None)], i)
            else:
                claimed.add(n)
                chain = open_chains[n]
            quoted_on = judged.right if judged.verdict not in ("dropped", "unquoted") else ()
            chain[0].append(Wording(i + 1, judged.right if judged.right else (),
                                    judged.verdict))
            (still_open if quoted_on else finished).append(chain)
        finished.extend(c for n, c in enumerate(open_chains) if n not in claimed)
        open_chains = still_open
    finished.extend(open_chains)
    histories = [_padded(wordings, first, versions) for wordings, first in finished]
    return sorted(histories, key=lambda h: (h.first_seen, h.wordings[0].parts))


def _chain_holding(chains: list[tuple[list[Wording], int]], parts: tuple[Span, ...],
                   claimed: set[int]) -> int | None:
    """The open chain whose latest wording overlaps `parts`, if any."""
    for n, (wordings, _) in enumerate(chains):
        if n in claimed:
            continue
        if any(a < d and c < b for a, b in wordings[-1].parts for c, d in parts):
            return n
    return None


def _padded(wordings: list[Wording], first: int, versions: int) -> QuoteHistory:
    """Versions after the last wording list the quotation as absent."""
    padded = list(wordings)
    while padded[-1].version < versions - 1:
        padded.append(Wording(padded[-1].version + 1, (), "absent"))
    return QuoteHistory(first, tuple(padded))
