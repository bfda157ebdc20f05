from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.compare import compare
from reader.compare.align import (
    PAIR_THRESHOLD,
    Group,
    _heaviest_increasing,
    align,
    features_of,
    similarity,
)


def run(left: list[str], right: list[str]) -> list[Group]:
    return sorted(
        align([t.lower() for t in left], [t.lower() for t in right], left, right),
        key=lambda g: g.right[0],
    )


def test_similarity_is_order_free_and_bounded() -> None:
    a = features_of("Rutte menegaskan perlunya memperkuat Ukraina.")
    b = features_of("Memperkuat Ukraina, Rutte menegaskan perlunya.")
    assert similarity(a, b) == 1.0
    c = features_of("Harga beras naik di pasar induk.")
    assert similarity(a, c) < PAIR_THRESHOLD
    assert similarity(features_of(""), features_of("")) == 0.0


def test_exact_sentences_pair_in_order_even_when_repeated() -> None:
    groups = run(["Ya.", "Tidak.", "Ya."], ["Ya.", "Tidak.", "Ya."])
    assert [(g.left, g.right, g.moved) for g in groups] == [
        ([0], [0], False),
        ([1], [1], False),
        ([2], [2], False),
    ]


def test_paraphrase_pairs_and_unrelated_sentences_stay_apart() -> None:
    left = [
        "Menteri Pertahanan Pete Hegseth menyatakan perbatasan lama tidak realistis.",
        "Harga cabai di pasar Jakarta naik tajam minggu ini.",
    ]
    right = [
        "Pete Hegseth, Menteri Pertahanan, menilai perbatasan lama bukan opsi realistis.",
        "Tim sepak bola nasional menang dua gol tanpa balas.",
    ]
    groups = run(left, right)
    assert [(g.left, g.right) for g in groups] == [([0], [0])]


def test_split_sentence_gives_one_to_two_group() -> None:
    left = [
        "Dr. Samuel Reyes, who led the inspection for the transport agency, said the damage "
        "was worse than expected."
    ]
    right = [
        "Dr. Samuel Reyes led the inspection for the transport agency.",
        "He said the damage was worse than expected.",
    ]
    groups = run(left, right)
    assert [(g.left, g.right) for g in groups] == [([0], [0, 1])]


def test_merged_sentences_give_two_to_one_group() -> None:
    left = [
        "Residents can use the ferry at Pier Three while the bridge is closed.",
        "The ferry will run every twenty minutes.",
    ]
    right = [
        "Residents can use the ferry at Pier Three while the bridge is closed, and it will "
        "run every twenty minutes."
    ]
    groups = run(left, right)
    assert [(g.left, g.right) for g in groups] == [([0, 1], [0])]


def test_identical_pair_never_absorbs_a_similar_deleted_neighbour() -> None:
    left = ["The mayor closed the old bridge.", "The mayor closed the old bridge again."]
    right = ["The mayor closed the old bridge."]
    groups = run(left, right)
    assert [(g.left, g.right) for g in groups] == [([0], [0])]


def test_moved_sentence_is_outside_the_longest_increasing_subsequence() -> None:
    left = ["Alpha satu dua.", "Bravo tiga empat.", "Charlie lima enam.", "Delta tujuh."]
    right = ["Delta tujuh.", "Alpha satu dua.", "Bravo tiga empat.", "Charlie lima enam."]
    groups = run(left, right)
    assert [g.moved for g in groups] == [True, False, False, False]


def _best_chain(values: list[int], weights: list[float]) -> tuple[int, float]:
    """(length, weight) of the longest, then heaviest, strictly increasing chain: O(n^2)."""
    best: list[tuple[int, float]] = []
    for n, v in enumerate(values):
        prior = max((best[m] for m in range(n) if values[m] < v), default=(0, 0.0))
        best.append((prior[0] + 1, prior[1] + weights[n]))
    return max(best, default=(0, 0.0))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.sampled_from([0.25, 0.5, 1.0])), max_size=30),
    st.lists(st.integers(0, 29), max_size=4),
)
def test_heaviest_increasing_is_a_longest_then_heaviest_chain(
    items: list[tuple[int, float]], swaps: list[int]
) -> None:
    # Mostly in-order runs (the shortcut for consecutive ranks) mixed with moved items.
    values = sorted({v for v, _ in items}) if len(swaps) % 2 else [v for v, _ in items]
    for k in swaps:
        if k + 1 < len(values):
            values[k], values[-1] = values[-1], values[k]
    weights = [w for _, w in items][: len(values)]
    keep = sorted(_heaviest_increasing(values, weights))
    chain = [values[n] for n in keep]
    assert chain == sorted(set(chain))  # strictly increasing
    assert (len(keep), sum(weights[n] for n in keep)) == _best_chain(values, weights)


def test_quote_given_to_another_speaker_stays_one_edited_row() -> None:
    # One content word ("resign") in common, but the sentences are otherwise the same words:
    # a re-attributed quotation, not a dropped sentence and an unrelated new one.
    c = compare('"We will not resign," said Smith.', '"We will not resign," said Jones.')
    assert [(r.kind, r.left, r.right, r.moved) for r in c.rows] == [("edited", (0,), (0,), False)]
