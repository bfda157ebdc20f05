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
from typing import NamedTuple

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


@dataclass
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
    shared = len(a.content & b.content) + STOP_WEIGHT * len(a.light & b.light)
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
        lb = {i: _bag_of(left_texts[i]) for i in todo_left}
        rb = {j: _bag_of(right_texts[j]) for j in todo_right}
        for negative_score, _, _, i, j in _scored_candidates(lb, rb):
            if i not in left_of and j not in right_of:
                add(Group([i], [j], -negative_score))
        _join_neighbours(groups, left_of, right_of, lb, rb, left_texts, right_texts)

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


class _Bag(NamedTuple):
    """A sentence's words, split as `Features` are, in a cheap tuple for the scoring loop."""

    content: frozenset[str]
    light: frozenset[str]
    content_count: int
    light_count: int


def _bag_of(normalized: str) -> _Bag:
    """The bag of a text already through `normalize_text` with the default options."""
    words = distinct_words(normalized)
    content, light = words - STOP_WORDS, words & STOP_WORDS
    # _make skips the keyword-argument handling of the generated __new__: half the cost.
    return _Bag._make((content, light, len(content), len(light)))


def _scored_candidates(
    lb: dict[int, _Bag], rb: dict[int, _Bag]
) -> list[tuple[float, int, int, int, int]]:
    """Candidate pairs above the threshold, best first (ties: nearest in reading order).

    Each sentence meets the other side's sentences that share one of its rarest content words
    (rarity counted over both sides); for a word in more than `MAX_POSTINGS` sentences, only
    the ones nearest the sentence's expected position are met. Lookups run from both sides,
    so swapping the versions proposes the same pairs. The score is `similarity`, inlined.
    Each pair comes as (-score, distance, i + j, i, j), left sentence i, right sentence j.
    """
    left_postings = _postings(lb)
    right_postings = _postings(rb)
    # Only a word both sides use can propose a pair: rank those, rarest first (sentences on
    # both sides), ties by the word. Ranks start at 1, so a missing rank is falsy.
    ranked = sorted(
        left_postings.keys() & right_postings.keys(),
        key=lambda w: (len(left_postings[w]) + len(right_postings[w]), w),
    )
    rank = {w: n for n, w in enumerate(ranked, 1)}
    left_by_rank = [left_postings[w] for w in ranked]
    right_by_rank = [right_postings[w] for w in ranked]
    scale = (max(rb) + 1) / (max(lb) + 1) if lb and rb else 1.0
    candidates: dict[int, set[int]] = defaultdict(set)  # left id -> right ids
    for i, proposed in _lookups(lb, right_by_rank, rank, scale):
        candidates[i].update(proposed)
    for j, proposed in _lookups(rb, left_by_rank, rank, 1 / scale):
        for i in proposed:
            candidates[i].add(j)

    scored: list[tuple[float, int, int, int, int]] = []
    threshold = PAIR_THRESHOLD
    weight = STOP_WEIGHT
    min_shared = MIN_SHARED
    one_word = ONE_WORD_MIN
    for i, right_ids in candidates.items():
        fc, fl, nfc, nfl = lb[i]
        for j in right_ids:
            gc, gl, ngc, ngl = rb[j]
            common = len(fc & gc)
            total = nfc + ngc + weight * (nfl + ngl)
            floor = threshold
            if common < min_shared and common < nfc and common < ngc:
                # Fewer shared content words than MIN_SHARED: only a short, nearly equal pair
                # counts. Mostly these are long sentences sharing one rare word, ruled out by
                # a bound without calls (as if every stop word were shared).
                if not common or 2 * common + weight * (nfl + ngl) < one_word * total:
                    continue
                floor = one_word
            score = 2 * (common + weight * len(fl & gl)) / total
            if score >= floor:
                # The sort key leads the tuple: a plain sort, no key function per pair.
                scored.append((-min(1.0, score), abs(i - j), i + j, i, j))
    scored.sort()
    return scored


def _postings(bags: dict[int, _Bag]) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for k in sorted(bags):
        for w in bags[k].content:
            postings[w].append(k)
    return postings


def _lookups(
    source: dict[int, _Bag], by_rank: list[list[int]], rank: dict[str, int], scale: float
) -> Iterator[tuple[int, list[int]]]:
    """(source id, other ids) proposed by each of a source sentence's rarest shared words.

    `by_rank[r - 1]` is the other side's posting of the word ranked `r`.
    """
    half = MAX_POSTINGS // 4
    for k, bag in source.items():
        # Sorting the ranks themselves, not the words by rank, saves a key call per word.
        for r in sorted(filter(None, map(rank.get, bag.content)))[:RARE_WORDS_PER_SENTENCE]:
            posting = by_rank[r - 1]
            if len(posting) > MAX_POSTINGS:
                # A common word: only its sentences nearest the expected reading position.
                at = bisect_left(posting, k * scale)
                posting = posting[max(0, at - half) : at + half]
            yield k, posting


def _join_neighbours(
    groups: list[Group],
    left_of: dict[int, Group],
    right_of: dict[int, Group],
    lb: dict[int, _Bag],
    rb: dict[int, _Bag],
    left_texts: Sequence[str],
    right_texts: Sequence[str],
) -> None:
    """Grow groups with adjacent unpaired sentences that their other side covers.

    `lb` and `rb` hold the words of the sentences that were scored; the others' are read from
    the texts when needed.
    """
    lf: dict[int, Features] = {}
    rf: dict[int, Features] = {}

    def feats(side: str, k: int) -> Features:
        cache, bags, texts = (lf, lb, left_texts) if side == "left" else (rf, rb, right_texts)
        if k not in cache:
            bag = bags.get(k)
            cache[k] = (
                Features(bag.content, bag.light)
                if bag is not None
                else features_of_normalized(texts[k])
            )
        return cache[k]

    merged: dict[tuple[str, tuple[int, ...]], Features] = {}

    def feats_of(side: str, ids: list[int]) -> Features:
        if len(ids) == 1:  # most groups: nothing to merge
            return feats(side, ids[0])
        # Groups only grow, so a member list seen before has the same merge.
        key = (side, tuple(ids))
        if key not in merged:
            merged[key] = merge([feats(side, m) for m in ids])
        return merged[key]

    # A sentence whose neighbouring groups have not grown since it last failed to join would
    # fail again: remember what its neighbours looked like then.
    failed_with: dict[tuple[str, int], tuple[tuple[int, int, int] | None, ...]] = {}

    def neighbourhood(owner: dict[int, Group], k: int) -> tuple[tuple[int, int, int] | None, ...]:
        groups = (owner.get(k - 1), owner.get(k + 1))
        return tuple(None if g is None else (id(g), len(g.left), len(g.right)) for g in groups)

    changed = True
    while changed:
        changed = False
        for side, owner, count in (
            ("left", left_of, len(left_texts)),
            ("right", right_of, len(right_texts)),
        ):
            other = "right" if side == "left" else "left"
            for k in range(count):
                if k in owner:
                    continue
                seen = neighbourhood(owner, k)
                if failed_with.get((side, k)) == seen:
                    continue
                best: tuple[float, Group] | None = None
                for neighbour in (k - 1, k + 1):
                    group = owner.get(neighbour)
                    if group is None or group.exact:
                        continue
                    mine = group.left if side == "left" else group.right
                    theirs = group.right if side == "left" else group.left
                    if neighbour not in (min(mine), max(mine)):
                        continue
                    have = feats_of(side, mine)
                    target = feats_of(other, theirs)
                    cand = feats(side, k)
                    leftover = target.content - have.content
                    if not cand.content:
                        continue
                    contained = len(cand.content & leftover) / len(cand.content)
                    pair_score = similarity(cand, target)
                    if len(cand.content & target.content) < min(MIN_SHARED, len(cand.content)):
                        pair_score = 0.0
                    if contained < JOIN_CONTAINMENT and pair_score < PAIR_THRESHOLD:
                        continue
                    strength = max(contained, pair_score)
                    if best is None or strength > best[0]:
                        best = (strength, group)
                if best is None:
                    failed_with[(side, k)] = seen
                else:
                    group = best[1]
                    mine = group.left if side == "left" else group.right
                    mine.append(k)
                    mine.sort()
                    owner[k] = group
                    group.similarity = similarity(
                        feats_of("left", group.left), feats_of("right", group.right)
                    )
                    changed = True


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
    # The tree's chains as parallel lists (length, weight, last index): comparing two chains
    # is then two number comparisons, not two tuple slices.
    tree_len = [0] * (size + 1)
    tree_weight = [0.0] * (size + 1)
    tree_end = [-1] * (size + 1)
    parent = [-1] * len(values)
    best_len, best_weight, best_end = 0, 0.0, -1
    # With distinct values, an item whose rank follows the previous item's extends that item's
    # chain: every other item below it is also below the previous one, so its chain is shorter.
    # That is what the tree would answer; a move-free stretch then skips the tree query.
    distinct = size == len(values)
    previous_rank, length, weight = -1, 0, 0.0
    for n, (v, w) in enumerate(zip(values, weights, strict=True)):
        r = rank[v] - 1  # best chain over strictly smaller values
        if distinct and r == previous_rank:
            prior_len, prior_weight, prior_end = length, weight, n - 1
        else:
            prior_len, prior_weight, prior_end = 0, 0.0, -1
            while r > 0:
                t_len = tree_len[r]
                if t_len > prior_len or (t_len == prior_len and tree_weight[r] > prior_weight):
                    prior_len, prior_weight, prior_end = t_len, tree_weight[r], tree_end[r]
                r -= r & -r
        previous_rank = rank[v]
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
