"""A quotation's verdict is read in one place: a contract-2 verdict the presentation has never
heard of still flags the quotation and is named wherever the quotation is shown."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import cast

from reader.compare.model import (
    Comparison,
    Quote,
    QuoteCounts,
    QuoteVerdict,
    Row,
    RowCounts,
    Stats,
)
from reader.export.html import render_html
from reader.export.markdown import render_markdown
from reader.present import Piece, QuoteFlag, layout_of
from reader.present.quotes import is_flagged, margin_tag, meaning, verdict
from tests.export.fixtures import make_doc, make_ops, make_side, quote_in

SAID = "She said \u201cwe will win this\u201d loudly."
KEPT = "She said \u201cwe will win\u201d loudly."


def comparison(name: str) -> Comparison:
    left, right = make_side("L", [[SAID]]), make_side("R", [[KEPT]])
    row = Row("edited", False, (0,), (0,), 0.9, make_ops([
        ("equal", "She said \u201cwe will win", "She said \u201cwe will win"),
        ("delete", " this", ""),
        ("equal", "\u201d loudly.", "\u201d loudly.")]))
    # `name` may be a verdict no engine gives yet ("reworded"): the presentation must cope.
    quote = Quote(cast(QuoteVerdict, name), quote_in(left, 0, "we will win this"),
                  quote_in(right, 0, "we will win"), 0.9)
    return Comparison(left, right, (row,), (quote,),
                      Stats(6, 5, 0.8, 0.0, RowCounts(edited=1), QuoteCounts(altered=1)))


def test_a_trimmed_quotation_is_flagged_and_named_everywhere() -> None:
    doc = make_doc(comparison("trimmed"))
    quote = doc.comparison.quotes[0]
    assert verdict(quote) == "trimmed" and is_flagged(quote)
    assert margin_tag(quote) == "❝✂ quote trimmed" and "cut" in meaning(quote)
    layout = layout_of(doc)
    row = layout.rows[0]
    assert [m.text for m in row.margin] == ["❝✂ quote trimmed"]
    flags = [i for i in row.left.items if isinstance(i, QuoteFlag)]
    assert [(f.quote, f.verdict) for f in flags] == [(0, "trimmed")]
    assert {p.verdict for p in row.right.pieces if p.quote is not None} == {"trimmed"}
    assert layout.quotations[0].verdict == "trimmed"
    page = render_html(doc, datetime(2026, 1, 1, tzinfo=UTC))
    assert "quote trimmed" in page and 'class="quote trimmed"' in page
    assert "*(quote trimmed)*" in render_markdown(doc, datetime(2026, 1, 1, tzinfo=UTC))


def test_an_unknown_verdict_is_still_flagged_by_its_name() -> None:
    quote = comparison("reworded").quotes[0]
    assert is_flagged(quote) and margin_tag(quote) == "❝ quote reworded"
    assert meaning(quote) == "the quotation was reworded"


def test_a_verbatim_verdict_is_not_flagged_even_where_the_status_differs() -> None:
    layout = layout_of(make_doc(comparison("verbatim")))
    assert not layout.rows[0].margin
    assert all(not isinstance(i, QuoteFlag) for i in layout.rows[0].left.items)
    assert all(isinstance(i, Piece) and i.quote is None for i in layout.rows[0].right.items)


def test_a_word_for_word_quotation_given_to_another_speaker_is_flagged() -> None:
    from dataclasses import replace

    from reader.present.quotes import flag_text

    cmp = comparison("verbatim")
    quote = replace(cmp.quotes[0], speaker_left="Mark Rutte", speaker_right="Rustem Umerov",
                    reattributed=True)
    assert is_flagged(quote) and margin_tag(quote) == "❝ quote, speaker changed"
    assert "Mark Rutte on the left, Rustem Umerov on the right" in flag_text(quote, "right")
    cmp = Comparison(cmp.left, cmp.right, cmp.rows, (quote,), cmp.stats)
    assert [m.text for m in layout_of(make_doc(cmp)).rows[0].margin] == [
        "❝ quote, speaker changed"]


def test_every_part_of_a_split_quotation_is_flagged_and_shown() -> None:
    # The rewrite quotes the end of the utterance in running text, then the rest reworded:
    # one entry, two right parts, both flagged in the layout and both in the tooltip wording.
    from reader.compare import compare
    from reader.present.quotes import wording

    cmp = compare(
        '"Kami harus memastikan tanggul kuat, dan perbaikannya harus kokoh dan tahan lama," '
        "kata Sri Handayani.",
        "Handayani menyatakan perbaikan tanggul harus “kokoh dan tahan lama.” "
        "“Kami harus memastikan tanggul sangat kuat,” ujarnya.",
    )
    (quote,) = cmp.quotes
    assert len(quote.right_parts) == 2
    assert wording(quote, "right") == (
        "kokoh dan tahan lama. … Kami harus memastikan tanggul sangat kuat,")
    layout = layout_of(make_doc(cmp))
    flagged = {p.text for row in layout.rows for p in row.right.pieces if p.quote == 0}
    assert any("kokoh" in t for t in flagged) and any("sangat" in t for t in flagged)
