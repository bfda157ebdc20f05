from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.compare.align import PAIR_THRESHOLD, Group, align, features_of, similarity
from reader.compare.model import CompareOptions
from reader.compare.normalize import normalize_text, sentence_keys


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


_KEY_PIECES = st.sampled_from(["Kata", "dan", ",", ".", " ", "  ", "\n", "\t", "\u00a0", "\u2003"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_KEY_PIECES, max_size=20), st.data())
def test_sentence_keys_collapse_whitespace_as_normalize_text_does(
    pieces: list[str], data: st.DataObject
) -> None:
    # The keys that align compares skip splitting sentences that are already single-spaced.
    text = "".join(pieces)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    options = CompareOptions()
    assert sentence_keys(text, [(a, b)], options) == [normalize_text(text[a:b], options)]
