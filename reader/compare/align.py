"""Sentence alignment: which sentences of the left were written into which of the right.

1. Exact matches (same normalised text) pair first, k-th occurrence with k-th occurrence.
2. The rest pair by an order-free similarity of their words. Candidates come from an inverted
   index of each side's rarest content words, never from an all-pairs matrix, so the work stays
   near-linear in the document length; pairs above `PAIR_THRESHOLD` are taken greedily, best
   first, one to one.
3. Split and merged sentences: an unpaired sentence next to a paired group joins it when most of
   its content words are found in what the group's other side has left over (n:m rows).
4. Matched groups outside a heaviest increasing subsequence (right order against left order)
   are marked moved.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from reader.compare.model import CompareOptions
from reader.compare.normalize import normalize_text
from reader.compare.tokens import STOP_WORDS
from reader.compare.words import distinct_words

# Chosen on the seeds and the English fixture (`bench/compare_bench.py --seed-scores`): a
# rewrite sentence scores 0.44-1.00 against the original it was written from, the other part
# of a split or merged sentence 0.30-0.59, a sentence with no source at most 0.16. Wrong
# candidates reach 0.33, but best-first greedy pairing gives their sentences to the true
# partner first. 0.25 keeps split parts in and no-source sentences out, with a margin each way.
PAIR_THRESHOLD = 0.25
# An unpaired neighbour joins a group (a split or merged sentence) when it scores
# PAIR_THRESHOLD against the group's other side, or when this share of its content words is
# found in what the group's other side has not already matched.
JOIN_CONTAINMENT = 0.5
# One shared content word is chance ("kalimat", "said"), unless a sentence has no more.
MIN_SHARED = 2
# ...but a pair of short sentences sharing one content word and most of their other words
# is one sentence edited (`"We will not resign," said Smith.` -> `... said Jones.`): such a
# pair is kept from this score up.
ONE_WORD_MIN = 0.5
# A match outside the reading order (a move) needs this similarity, or it is undone.
MOVE_MIN = 0.5
# Stop words still count a little: two sentences sharing only "yang dan di" are not related.
STOP_WEIGHT = 0.2
# Each sentence looks up this many of its rarest content words in the other side's index.
RARE_WORDS_PER_SENTENCE = 3
# Words in more right sentences than this are too common to propose candidates (they still
# count in the score).
MAX_POSTINGS = 8


@dataclass(frozen=True, slots=True)
class Features:
    content: frozenset[str]
    light: frozenset[str]


@dataclass(slots=True)
class Group:
    left: list[int]
    right: list[int]
    similarity: float
    moved: bool = False
    exact: bool = False  # the same sentence under the options: final, never grown


def features_of(text: str) -> Features:
    return features_of_normalized(normalize_text(text, CompareOptions()))


def features_of_normalized(normalized: str) -> Features:
    """Features of a text already through `normalize_text` with the default options."""
    words = distinct_words(normalized)
    return Features(words - STOP_WORDS, words & STOP_WORDS)


def similarity(a: Features, b: Features) -> float:
    """Weighted Dice overlap of the two word sets, 0..1."""
    return _dice(a, b, len(a.content & b.content))


def _dice(a: Features, b: Features, shared_content: int) -> float:
    """`similarity(a, b)`, given how many content words they share."""
    shared = shared_content + STOP_WEIGHT * len(a.light & b.light)
    total = len(a.content) + len(b.content) + STOP_WEIGHT * (len(a.light) + len(b.light))
    return min(1.0, 2 * shared / total) if total else 0.0


def merge(features: Sequence[Features]) -> Features:
    return Features(
        frozenset().union(*(f.content for f in features)),
        frozenset().union(*(f.light for f in features)),
    )


def align(
    left_keys: Sequence[str],
    right_keys: Sequence[str],
    left_texts: Sequence[str],
    right_texts: Sequence[str],
) -> list[Group]:
    """Match sentences.

    `*_keys` are the sentences normalised under the options (equal key = same sentence);
    `*_texts` the sentences normalised with the default options, whose words are compared.
    """
    left_of: dict[int, Group] = {}
    right_of: dict[int, Group] = {}
    groups: list[Group] = []

    def add(group: Group) -> None:
        groups.append(group)
        for i in group.left:
            left_of[i] = group
        for j in group.right:
            right_of[j] = group

    for i, j in _exact_pairs(left_keys, right_keys):
        add(Group([i], [j], 1.0, exact=True))

    todo_left = [i for i in range(len(left_keys)) if i not in left_of]
    todo_right = [j for j in range(len(right_keys)) if j not in right_of]
    if todo_left and todo_right:
        lf = {i: features_of_normalized(left_texts[i]) for i in todo_left}
        rf = {j: features_of_normalized(right_texts[j]) for j in todo_right}
        for negative_score, _, _, i, j in _scored_candidates(lf, rf):
            if i not in left_of and j not in right_of:
                add(Group([i], [j], -negative_score))
        _NeighbourJoiner(left_of, right_of, lf, rf, left_texts, right_texts).join_all()

    _mark_moves(groups)
    weak_moves = [g for g in groups if g.moved and g.similarity < MOVE_MIN]
    if weak_moves:
        # A far-away match is only believable when it is clearly the same sentence; a weak
        # one is a new sentence that happens to share words with a dropped one.
        groups = [g for g in groups if not (g.moved and g.similarity < MOVE_MIN)]
        _mark_moves(groups)
    return groups


def _exact_pairs(left_keys: Sequence[str], right_keys: Sequence[str]) -> list[tuple[int, int]]:
    waiting: dict[str, list[int]] = defaultdict(list)
    for j in reversed(range(len(right_keys))):
        waiting[right_keys[j]].append(j)
    pairs = []
    for i, key in enumerate(left_keys):
        stack = waiting.get(key)
        if stack:
            pairs.append((i, stack.pop()))
    return pairs


def _scored_candidates(
    lf: dict[int, Features], rf: dict[int, Features]
) -> list[tuple[float, int, int, int, int]]:
    """Candidate pairs above the threshold, best first (ties: nearest in reading order).

    Each sentence meets the other side's sentences that share one of its rarest content words
    (rarity counted over both sides); for a word in more than `MAX_POSTINGS` sentences, only
    the ones nearest the sentence's expected position are met. Lookups run from both sides,
    so swapping the versions proposes the same pairs.
    Each pair comes as (-score, distance, i + j, i, j), left sentence i, right sentence j.
    """
    left_postings = _postings(lf)
    right_postings = _postings(rf)
    # Only a word both sides use can propose a pair: rank those, rarest first (sentences on
    # both sides), ties by the word.
    ranked = sorted(
        left_postings.keys() & right_postings.keys(),
        key=lambda w: (len(left_postings[w]) + len(right_postings[w]), w),
    )
    rank = {w: n for n, w in enumerate(ranked)}
    scale = (max(rf) + 1) / (max(lf) + 1) if lf and rf else 1.0
    candidates: dict[int, set[int]] = defaultdict(set)  # left id -> right ids
    for i, proposed in _lookups(lf, right_postings, rank, scale):
        candidates[i].update(proposed)
    for j, proposed in _lookups(rf, left_postings, rank, 1 / scale):
        for i in proposed:
            candidates[i].add(j)
    scored = []
    for i, right_ids in candidates.items():
        left_features = lf[i]
        for j in right_ids:
            score = _pair_score(left_features, rf[j])
            if score:
                scored.append((-score, abs(i - j), i + j, i, j))
    return sorted(scored)


def _pair_score(a: Features, b: Features) -> float:
    """`similarity`, or 0.0 below the score the pair needs to be paired.

    That is `PAIR_THRESHOLD`, but `ONE_WORD_MIN` for a pair sharing fewer than `MIN_SHARED`
    content words while both have more: only a short, nearly equal pair shares so few.
    """
    shared = len(a.content & b.content)
    needed = PAIR_THRESHOLD
    if shared < MIN_SHARED and shared < len(a.content) and shared < len(b.content):
        if not shared:
            return 0.0
        needed = ONE_WORD_MIN
    score = _dice(a, b, shared)
    return score if score >= needed else 0.0


def _postings(features: dict[int, Features]) -> dict[str, list[int]]:
    """Each content word's sentences, in reading order."""
    postings: dict[str, list[int]] = defaultdict(list)
    for k in sorted(features):
        for w in features[k].content:
            postings[w].append(k)
    return postings


def _lookups(
    source: dict[int, Features],
    other_postings: dict[str, list[int]],
    rank: dict[str, int],
    scale: float,
) -> Iterator[tuple[int, list[int]]]:
    """(source id, other ids) proposed by each of a source sentence's rarest shared words."""
    half = MAX_POSTINGS // 4
    for k, features in source.items():
        shared = [w for w in features.content if w in rank]
        for w in sorted(shared, key=rank.__getitem__)[:RARE_WORDS_PER_SENTENCE]:
            posting = other_postings[w]
            if len(posting) > MAX_POSTINGS:
                # A common word: only its sentences nearest the expected reading position.
                at = bisect_left(posting, k * scale)
                posting = posting[max(0, at - half) : at + half]
            yield k, posting


SideName = Literal["left", "right"]
_Neighbourhood = tuple[tuple[int, int, int] | None, ...]


def _members(group: Group, side: SideName) -> list[int]:
    return group.left if side == "left" else group.right


def _other(side: SideName) -> SideName:
    return "right" if side == "left" else "left"


class _NeighbourJoiner:
    """Grows groups with adjacent unpaired sentences that their other side covers.

    A sentence joins the group next to it when it scores `PAIR_THRESHOLD` against the
    group's other side, or when `JOIN_CONTAINMENT` of its content words are found in what
    that side has not already matched (a split or merged sentence: n:m rows). Joining grows
    a group, which may let another neighbour join: passes repeat until nothing joins.
    """

    def __init__(
        self,
        left_of: dict[int, Group],
        right_of: dict[int, Group],
        lf: dict[int, Features],
        rf: dict[int, Features],
        left_texts: Sequence[str],
        right_texts: Sequence[str],
    ) -> None:
        self._owner = {"left": left_of, "right": right_of}
        # The features of the sentences that were scored; the others' are read from the texts
        # when needed, and kept.
        self._features = {"left": lf, "right": rf}
        self._texts = {"left": left_texts, "right": right_texts}
        # Groups only grow, so a member list seen before has the same merged features.
        self._merged: dict[tuple[SideName, tuple[int, ...]], Features] = {}
        # A sentence whose neighbouring groups have not grown since it last failed to join
        # would fail again: what its neighbours looked like then.
        self._failed_with: dict[tuple[SideName, int], _Neighbourhood] = {}

    def join_all(self) -> None:
        sides: tuple[SideName, ...] = ("left", "right")
        changed = True
        while changed:
            changed = False
            for side in sides:
                for k in range(len(self._texts[side])):
                    if k not in self._owner[side] and self._join(side, k):
                        changed = True

    def _join(self, side: SideName, k: int) -> bool:
        """Join sentence `k` of `side` to the neighbouring group it fits best, if any."""
        owner = self._owner[side]
        seen = self._neighbourhood(owner, k)
        if self._failed_with.get((side, k)) == seen:
            return False
        best: tuple[float, Group] | None = None
        for neighbour in (k - 1, k + 1):
            group = owner.get(neighbour)
            if group is None or group.exact:
                continue
            strength = self._fit(side, k, neighbour, group)
            if strength is not None and (best is None or strength > best[0]):
                best = (strength, group)
        if best is None:
            self._failed_with[(side, k)] = seen
            return False
        group = best[1]
        mine = _members(group, side)
        mine.append(k)
        mine.sort()
        owner[k] = group
        group.similarity = similarity(
            self._group_features("left", group.left), self._group_features("right", group.right)
        )
        return True

    def _fit(self, side: SideName, k: int, neighbour: int, group: Group) -> float | None:
        """How well sentence `k` fits the group at `neighbour`, None when it may not join."""
        mine = _members(group, side)
        if neighbour not in (min(mine), max(mine)):
            return None
        candidate = self._sentence_features(side, k)
        if not candidate.content:
            return None
        target = self._group_features(_other(side), _members(group, _other(side)))
        leftover = target.content - self._group_features(side, mine).content
        contained = len(candidate.content & leftover) / len(candidate.content)
        pair_score = similarity(candidate, target)
        if len(candidate.content & target.content) < min(MIN_SHARED, len(candidate.content)):
            pair_score = 0.0
        if contained < JOIN_CONTAINMENT and pair_score < PAIR_THRESHOLD:
            return None
        return max(contained, pair_score)

    def _sentence_features(self, side: SideName, k: int) -> Features:
        known = self._features[side]
        if k not in known:
            known[k] = features_of_normalized(self._texts[side][k])
        return known[k]

    def _group_features(self, side: SideName, ids: list[int]) -> Features:
        if len(ids) == 1:
            return self._sentence_features(side, ids[0])
        key = (side, tuple(ids))
        if key not in self._merged:
            self._merged[key] = merge([self._sentence_features(side, m) for m in ids])
        return self._merged[key]

    @staticmethod
    def _neighbourhood(owner: dict[int, Group], k: int) -> _Neighbourhood:
        groups = (owner.get(k - 1), owner.get(k + 1))
        return tuple(None if g is None else (id(g), len(g.left), len(g.right)) for g in groups)


def _mark_moves(groups: list[Group]) -> None:
    """Groups outside the heaviest increasing subsequence of left positions, in right order.

    Of the longest order-keeping chains, the one with the greatest total similarity stays in
    place: when chains tie in length (a repeated sentence, a weak crossing match) the clearly
    identical sentences stay put and the weak match is the one that moved, whichever side is
    left, so swapping the versions swaps added and removed.
    """
    ordered = sorted(groups, key=lambda g: g.right[0])
    keep = _heaviest_increasing([g.left[0] for g in ordered], [g.similarity for g in ordered])
    for n, group in enumerate(ordered):
        group.moved = n not in keep


def _heaviest_increasing(values: Sequence[int], weights: Sequence[float]) -> set[int]:
    """Indices of a strictly increasing subsequence of `values`, longest first, then heaviest.

    A Fenwick tree over the ranks of the values keeps, for every prefix of ranks, the best
    chain ending there: O(n log n), as the plain longest-increasing-subsequence was.
    """
    if all(a < b for a, b in pairwise(values)):
        return set(range(len(values)))  # nothing moved: the only longest chain is everything
    rank = {v: r + 1 for r, v in enumerate(sorted(set(values)))}
    size = len(rank)
    # The best chain ending at a value of each Fenwick range of ranks: its length, its weight
    # and the index of its last item.
    tree_len = [0] * (size + 1)
    tree_weight = [0.0] * (size + 1)
    tree_end = [-1] * (size + 1)
    parent = [-1] * len(values)
    best_len, best_weight, best_end = 0, 0.0, -1
    for n, (v, w) in enumerate(zip(values, weights, strict=True)):
        # The best chain over strictly smaller values, which this item extends.
        prior_len, prior_weight, prior_end = 0, 0.0, -1
        r = rank[v] - 1
        while r > 0:
            t_len = tree_len[r]
            if t_len > prior_len or (t_len == prior_len and tree_weight[r] > prior_weight):
                prior_len, prior_weight, prior_end = t_len, tree_weight[r], tree_end[r]
            r -= r & -r
        length, weight = prior_len + 1, prior_weight + w
        parent[n] = prior_end
        if length > best_len or (length == best_len and weight > best_weight):
            best_len, best_weight, best_end = length, weight, n
        r = rank[v]
        while r <= size:
            t_len = tree_len[r]
            if length > t_len or (length == t_len and weight > tree_weight[r]):
                tree_len[r], tree_weight[r], tree_end[r] = length, weight, n
            r += r & -r
    keep: set[int] = set()
    n = best_end
    while n != -1:
        keep.add(n)
        n = parent[n]
    return keep
