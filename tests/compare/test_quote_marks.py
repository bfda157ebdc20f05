"""One list of quotation marks: every part of the engine reads the same marks as quotes."""

from __future__ import annotations

import pytest

from reader.compare.model import CompareOptions
from reader.compare.normalize import normalize_text
from reader.compare.quote_marks import (
    CLOSING_MARKS,
    DOUBLE_CLOSERS,
    DOUBLE_OPENERS,
    DOUBLE_QUOTES,
    OPENING_MARKS,
    SINGLE_QUOTES,
)
from reader.compare.sentences import split_sentences
from reader.compare.worddiff import diff_row


def test_the_sets_agree_with_each_other() -> None:
    assert set(DOUBLE_OPENERS) | set(DOUBLE_CLOSERS) | {'"'} == set(DOUBLE_QUOTES)
    assert set(DOUBLE_OPENERS) <= set(OPENING_MARKS)
    assert set(DOUBLE_CLOSERS) <= set(CLOSING_MARKS)
    assert not set(DOUBLE_QUOTES) & set(SINGLE_QUOTES)
    assert "‟" in DOUBLE_OPENERS


@pytest.mark.parametrize("opener", list(DOUBLE_OPENERS))
def test_every_double_opener_reads_as_a_straight_quote(opener: str) -> None:
    options = CompareOptions()
    assert normalize_text(f"{opener}Kami siap", options) == normalize_text('"kami siap', options)


@pytest.mark.parametrize(("opener", "closer"), [("“", "”"), ("‟", "”"), ("„", "“"), ("«", "»")])
def test_an_ellipsis_inside_any_quotation_keeps_the_utterance_whole(
    opener: str, closer: str
) -> None:
    text = f"{opener}Kami lelah… Kami tetap berjuang,{closer} kata Umerov. Lalu pergi."
    assert [s.text for s in split_sentences(text)] == [
        f"{opener}Kami lelah… Kami tetap berjuang,{closer} kata Umerov.",
        "Lalu pergi.",
    ]


@pytest.mark.parametrize("opener", list(DOUBLE_OPENERS))
def test_a_capital_after_any_opener_is_not_read_as_a_name(opener: str) -> None:
    # A short island between two longer changes dissolves unless it holds a figure or a
    # name; a capital right after an opening quote is a quotation's first word, not a name.
    left = f"Menteri berkata dengan tegas {opener}Rakyat akan pergi dari kota ini sekarang juga"
    right = f"Menteri menegaskan kepada wartawan {opener}Rakyat harus tetap tinggal di ibu kota"
    ops = diff_row(left, right, CompareOptions())
    kept = [left[o.left[0] : o.left[1]] for o in ops if o.op == "equal"]
    assert kept == ["Menteri "]
