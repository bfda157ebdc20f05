"""Anchors: found again after the text around them changed, orphaned when they are gone."""

from __future__ import annotations

import pytest

from reader.store import TextAnchor, anchor_for_passage, resolve_anchor, snap_to_words

TEXT = ("Governor Ahmad Luthfi said 4,200 residents were evacuated. "
        "\"We are moving families first,\" Luthfi told reporters.")


def _anchor_on(text: str, passage: str, context: int = 32) -> TextAnchor:
    start = text.index(passage)
    return anchor_for_passage(text, start, start + len(passage), context)


def test_anchor_records_quote_context_and_position() -> None:
    anchor = _anchor_on(TEXT, "moving families first", context=8)
    assert anchor.exact == "moving families first"
    assert anchor.prefix == "\"We are "
    assert anchor.suffix == ",\" Luthf"
    assert TEXT[anchor.start:anchor.end] == anchor.exact


@pytest.mark.parametrize(("start", "end"), [(5, 5), (-1, 3), (3, 2), (0, 10_000)])
def test_empty_or_outside_passages_are_refused(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="empty or outside"):
        anchor_for_passage(TEXT, start, end)


def test_unchanged_text_resolves_in_place() -> None:
    anchor = _anchor_on(TEXT, "4,200 residents")
    assert resolve_anchor(TEXT, anchor) == anchor


def test_passage_moved_by_an_insertion_is_found() -> None:
    anchor = _anchor_on(TEXT, "moving families first")
    edited = "UPDATE: numbers revised. " + TEXT
    resolved = resolve_anchor(edited, anchor)
    assert resolved is not None
    assert edited[resolved.start:resolved.end] == "moving families first"
    assert resolved.start == anchor.start + len("UPDATE: numbers revised. ")


def test_repeated_passage_is_told_apart_by_its_context() -> None:
    text = "Luthfi said yes. Later, the mayor said no. Then Luthfi said maybe."
    anchor = _anchor_on(text, "Luthfi said maybe")
    anchor = TextAnchor("Luthfi said", anchor.prefix, " maybe.", anchor.start, anchor.start + 11)
    # Both occurrences of "Luthfi said" are elsewhere now; the context picks the second.
    edited = "Intro. " + text.replace("Then ", "And then ")
    resolved = resolve_anchor(edited, anchor)
    assert resolved is not None
    assert edited[resolved.end:resolved.end + 7] == " maybe."


def test_ties_go_to_the_occurrence_nearest_the_old_position() -> None:
    text = "alpha beta alpha beta alpha beta"
    anchor = TextAnchor("beta", "", "", 100, 104)  # no context, position now out of range
    far = resolve_anchor(text, anchor)
    assert far is not None and far.start == 28
    near = resolve_anchor(text, TextAnchor("beta", "", "", 12, 16))
    assert near is not None and near.start == 17  # text[12:16] is not "beta"; nearest is 17


def test_changed_whitespace_is_tolerated() -> None:
    anchor = _anchor_on(TEXT, "residents were evacuated")
    reflowed = TEXT.replace("residents were ", "residents\n  were\t")
    resolved = resolve_anchor(reflowed, anchor)
    assert resolved is not None
    assert reflowed[resolved.start:resolved.end] == "residents\n  were\tevacuated"
    assert resolved.exact == "residents\n  were\tevacuated"


def test_passage_that_is_gone_is_orphaned() -> None:
    anchor = _anchor_on(TEXT, "moving families first")
    assert resolve_anchor(TEXT.replace("families", "children"), anchor) is None
    assert resolve_anchor("", anchor) is None


@pytest.mark.parametrize(("text", "selected", "snapped"), [
    ("on Monday afternoon, she said", "afternoo", "afternoon"),
    ("on Monday afternoon, she said", "ternoon, sh", "afternoon, she"),
    ("a ‘quoted’ word", "quote", "quoted"),
    ("the e-mail didn't come", "mail didn", "e-mail didn't"),
    ("Kata  Rutte  di Brussel", "  Rutte ", "Rutte"),
    ("negara-negara NATO", "negara NA", "negara-negara NATO"),
    ("naik 3.5 persen", "3.", "3.5"),
])
def test_a_partial_word_selection_snaps_to_whole_words(text: str, selected: str,
                                                       snapped: str) -> None:
    start = text.index(selected)
    a, b = snap_to_words(text, start, start + len(selected))
    assert text[a:b] == snapped
