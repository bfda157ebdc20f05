"""Carrying a passage through consecutive versions: same, changed, gone, and back again."""

from __future__ import annotations

import json
import re

import pytest

from reader.compare import compare
from reader.compare.carry import Alignment, Step, carry_span, carry_through
from tests.compare.chain import CHAIN


def _steps(source: int, target: int) -> list[Step]:
    if source < target:
        return [Step(Alignment.of(compare(CHAIN[n], CHAIN[n + 1])), True)
                for n in range(source, target)]
    return [Step(Alignment.of(compare(CHAIN[n - 1], CHAIN[n])), False)
            for n in range(source, target, -1)]


def _carry(passage: str, source: int, target: int, occurrence: int = 0) -> tuple[str, str]:
    text = CHAIN[source]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(passage, start + 1)
    carried = carry_through(_steps(source, target), start, start + len(passage), passage)
    if carried.gone:
        return carried.status, ""
    return carried.status, CHAIN[target][carried.start:carried.end]


@pytest.mark.parametrize("target", range(1, 6))
def test_an_untouched_passage_is_same_in_every_later_version(target: int) -> None:
    assert _carry("approved the harbour budget", 0, target) == (
        "same", "approved the harbour budget")


@pytest.mark.parametrize("source", range(0, 5))
def test_an_untouched_passage_is_same_in_every_earlier_version(source: int) -> None:
    assert _carry("Mayor Lina Ortiz", 5, source) == ("same", "Mayor Lina Ortiz")


def test_same_means_the_right_offsets_after_a_move() -> None:
    status, text = _carry("rises by 4 percent", 0, 4)
    assert (status, text) == ("same", "rises by 4 percent")


def test_a_reworded_passage_is_changed_with_the_new_wording() -> None:
    assert _carry("called the vote historic", 0, 2) == (
        "changed", "called the vote a turning point")
    assert _carry("called the vote historic", 0, 5) == (
        "changed", "called the vote a turning point")
    # And back: the later wording carried to the first version.
    assert _carry("a turning point", 4, 0) == ("changed", "historic")


def test_a_deleted_passage_is_gone_from_the_version_that_deleted_it() -> None:
    assert _carry("Fishermen protested", 0, 2) == ("same", "Fishermen protested")
    assert _carry("Fishermen protested", 0, 3)[0] == "gone"
    assert _carry("Fishermen protested", 0, 4)[0] == "gone"


def test_a_passage_whose_words_stand_elsewhere_is_never_attached_there() -> None:
    # "The harbour budget" stands twice in v0; each occurrence follows its own sentence.
    first = CHAIN[0].index("harbour budget")
    second = CHAIN[0].index("harbour budget", first + 1)
    assert first != second
    comparison = compare(CHAIN[0], CHAIN[4])
    one = carry_span(comparison, first, first + len("harbour budget"))
    two = carry_span(comparison, second, second + len("harbour budget"))
    v4 = CHAIN[4]
    assert v4[one.start - len("approved the "):one.end] == "approved the harbour budget"
    assert v4[two.start - len("The "):two.end + len(" rises")] == "The harbour budget rises"


def test_an_added_passage_is_gone_in_versions_before_it() -> None:
    assert _carry("seven to two", 1, 0)[0] == "gone"
    assert _carry("seven to two", 4, 1) == ("same", "seven to two")


def test_words_inserted_inside_a_passage_make_it_changed() -> None:
    before = "The mayor opened the bridge on Monday."
    after = "The mayor opened the new bridge on Monday."
    comparison = compare(before, after)
    start = before.index("opened the bridge")
    carried = carry_span(comparison, start, start + len("opened the bridge"))
    assert carried.status == "changed"
    assert after[carried.start:carried.end] == "opened the new bridge"


def test_a_quote_style_change_alone_is_changed_not_same() -> None:
    before = 'He said "we will rebuild" on Monday.'
    after = "He said “we will rebuild” on Monday."
    comparison = compare(before, after)
    start = before.index('"we')
    end = before.index('" on') + 1
    carried = carry_span(comparison, start, end)
    assert carried.status == "changed"
    assert after[carried.start:carried.end] == "“we will rebuild”"


def test_indonesian_passage_survives_a_paraphrase_of_its_neighbours() -> None:
    before = ("Banjir merendam 300 rumah di Semarang. Wali kota meminta warga tetap tenang. "
              "Bantuan tiba pada Selasa.")
    after = ("Banjir besar merendam ratusan rumah di Semarang. Wali kota meminta warga tetap "
             "tenang. Bantuan logistik tiba pada Selasa pagi.")
    comparison = compare(before, after)
    start = before.index("meminta warga tetap tenang")
    carried = carry_span(comparison, start, start + len("meminta warga tetap tenang"))
    assert carried.status == "same"
    assert after[carried.start:carried.end] == "meminta warga tetap tenang"


def test_a_kept_word_inside_a_reworded_phrase_follows_that_word() -> None:
    before = "Harwick city council voted seven to two on Tuesday night to build a barrier."
    after = ("Councillors in Harwick have approved a barrier. The vote on Tuesday night was "
             "seven to two.")
    comparison = compare(before, after)
    carried = carry_span(comparison, 0, len("Harwick"))
    assert after[carried.start:carried.end] == "Harwick"


def test_whitespace_around_an_equal_run_does_not_shift_the_passage() -> None:
    before = "Councillors in Harwick have approved a barrier."
    after = "Harwick city council voted for a barrier."
    comparison = compare(before, after)
    start = before.index("Harwick")
    carried = carry_span(comparison, start, start + len("Harwick"))
    assert after[carried.start:carried.end] == "Harwick"


@pytest.mark.parametrize("pair", [(0, 1), (2, 3), (3, 4)])
def test_an_alignment_read_back_from_data_is_the_one_stored(pair: tuple[int, int]) -> None:
    a, b = (CHAIN[n] for n in pair)
    comparison = compare(a, b, left_title="A", right_title="B")
    alignment = Alignment.of(comparison)
    data = json.loads(json.dumps(alignment.to_data()))
    assert Alignment.from_data(data, ("A", a), ("B", b)) == alignment


@pytest.mark.parametrize("pair", [(0, 1), (2, 3), (3, 4)])
@pytest.mark.parametrize("forward", [True, False])
def test_an_alignment_read_back_carries_every_word_as_the_fresh_one(
        pair: tuple[int, int], forward: bool) -> None:
    # Rows read back from the library are decoded one at a time, when first needed: every
    # word of either side must still land where the fresh comparison puts it.
    a, b = (CHAIN[n] for n in pair)
    fresh = Alignment.of(compare(a, b))
    stored = Alignment.from_data(json.loads(json.dumps(fresh.to_data())), ("", a), ("", b))
    source = a if forward else b
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+(?:\W+\w+)?", source)]
    assert words
    for start, end in words:
        assert carry_span(stored, start, end, forward=forward) == \
            carry_span(fresh, start, end, forward=forward)


def test_a_passage_in_an_unchanged_sentence_moves_with_it_letter_for_letter() -> None:
    before = "A new sentence opens the story. The barrier cost £14m. It was approved."
    after = "The barrier cost £14m. It was approved on Monday."
    start = before.index("cost £14m")
    carried = carry_span(compare(before, after), start, start + len("cost £14m"))
    assert (carried.status, after[carried.start:carried.end]) == ("same", "cost £14m")
    back = carry_span(compare(before, after), carried.start, carried.end, forward=False)
    assert (back.status, back.start) == ("same", start)
