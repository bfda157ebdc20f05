from __future__ import annotations

from reader.compare import compare
from reader.compare.model import Side
from reader.compare.quotes import extract_quotations
from reader.compare.sentences import split_sentences


def side(text: str) -> Side:
    return Side("", text, split_sentences(text))


def test_extracts_all_double_quote_styles_with_offsets_into_the_text() -> None:
    text = 'Ia berkata "satu dua". Lalu “tiga empat”. Kemudian «lima» dan „enam tujuh“.'
    quotes = extract_quotations(side(text))
    assert [q.side.text for q in quotes] == ["satu dua", "tiga empat", "lima", "enam tujuh"]
    for q in quotes:
        assert text[q.side.start : q.side.end] == q.side.text
    assert [q.side.sentence for q in quotes] == [0, 1, 2, 2]


def test_quotation_spanning_sentences_starts_in_its_first_sentence() -> None:
    text = "Umerov berbicara. “Kami kuat. Kami siap,” ujarnya."
    (quote,) = extract_quotations(side(text))
    assert quote.side.text == "Kami kuat. Kami siap,"
    assert quote.side.sentence == 1


def test_unclosed_quotation_runs_to_the_end_of_its_paragraph() -> None:
    text = "Ia berkata, “Kami akan kembali besok\nParagraf baru."
    (quote,) = extract_quotations(side(text))
    assert quote.side.text == "Kami akan kembali besok"


def test_inch_and_second_marks_are_not_quotations() -> None:
    text = 'The screen is 6.1" wide and he is 5\'11" tall. "We like it," he said.'
    assert [q.side.text for q in extract_quotations(side(text))] == ["We like it,"]


def statuses(left: str, right: str) -> list[tuple[str, str | None, str | None]]:
    c = compare(left, right)
    return [
        (q.status, q.left.text if q.left else None, q.right.text if q.right else None)
        for q in c.quotes
    ]


def test_same_words_in_other_quote_marks_are_verbatim() -> None:
    result = statuses('"Kami siap bertempur," kata dia.', "“Kami siap bertempur,” ujarnya.")
    assert [s for s, _, _ in result] == ["verbatim"]


def test_fragment_quoted_again_is_verbatim() -> None:
    left = 'Ia ingin hasil yang "langgeng dan berkelanjutan bagi semua pihak," katanya.'
    right = "Ia menuntut hasil yang “langgeng dan berkelanjutan.”"
    assert statuses(left, right) == [
        ("verbatim", "langgeng dan berkelanjutan bagi semua pihak,", "langgeng dan berkelanjutan.")
    ]


def test_reworded_quotation_is_altered_with_its_similarity() -> None:
    c = compare(
        '"Amerika Serikat bersama kami, terus memberikan bantuan keamanan," katanya.',
        "“Amerika Serikat terus bersama kami, memberikan bantuan keamanan,” katanya.",
    )
    (quote,) = c.quotes
    assert quote.status == "altered"
    assert 0.5 <= quote.similarity < 1.0


def test_quotation_turned_into_reported_speech_is_unquoted() -> None:
    c = compare(
        '"Kami harus terus memberikan dukungan militer," tambah Mark Rutte.',
        "Ia juga menegaskan bahwa NATO akan terus memberikan dukungan militer kepada Ukraina.",
    )
    (quote,) = c.quotes
    assert quote.status == "unquoted"
    assert quote.right is not None
    assert quote.right.text == "terus memberikan dukungan militer"
    assert c.right.text[quote.right.start : quote.right.end] == quote.right.text


def test_quotation_gone_is_dropped_and_new_one_is_added() -> None:
    result = statuses(
        'Wali kota berbicara. "Ini peringatan bagi semua kota," katanya.',
        "Wali kota berbicara. “Jembatan ini tidak akan menjadi simbol kelalaian,” ujarnya.",
    )
    assert sorted(s for s, _, _ in result) == ["added", "dropped"]


def test_english_quotes(english_comparison: object) -> None:
    from reader.compare import Comparison

    assert isinstance(english_comparison, Comparison)
    by_status = {q.status: q for q in english_comparison.quotes}
    assert set(by_status) == {"verbatim", "altered", "unquoted", "dropped", "added"}
    assert by_status["altered"].right is not None
    assert "rusted" in by_status["altered"].right.text
    assert by_status["unquoted"].left is not None
    assert by_status["unquoted"].left.text.startswith("Half of my trade")
    assert by_status["dropped"].left is not None
    assert "wake-up call" in by_status["dropped"].left.text


def test_short_quotation_with_its_one_content_word_changed_is_altered() -> None:
    # "love" is not in the left quotation; the pair is found through the shared stop words.
    result = statuses('"We like it," he said.', '"We love it," he said.')
    assert result == [("altered", "We like it,", "We love it,")]


def test_quotation_extended_with_new_words_is_altered() -> None:
    # Words added inside the quotation marks are not in the source: not verbatim.
    result = statuses(
        '"We simply do not have that money," he said.',
        '"We simply do not have that money, and we never will," he said.',
    )
    assert result == [
        (
            "altered",
            "We simply do not have that money,",
            "We simply do not have that money, and we never will,",
        )
    ]


def test_two_quotations_joined_into_one_are_both_verbatim() -> None:
    result = statuses(
        '"We are ready," he said. "We will win."', '"We are ready. We will win," he said.'
    )
    assert result == [
        ("verbatim", "We are ready,", "We are ready. We will win,"),
        ("verbatim", "We will win.", "We are ready. We will win,"),
    ]


def test_words_inside_a_quotation_opened_in_an_earlier_sentence_are_not_unquoted() -> None:
    # The right quotation starts a sentence before the row and grows words in the middle.
    c = compare(
        'He spoke. "We will win the vote," he said.',
        '"Nobody believed us, not the press, not the pollsters, not even our friends. '
        'But we will, in the end, win the vote," he said. He spoke.',
    )
    assert [q.status for q in c.quotes] == ["altered"]
    (quote,) = c.quotes
    assert quote.right is not None and quote.right.text.startswith("Nobody believed us")


def test_scare_quotes_taken_off_one_word_leave_it_unquoted() -> None:
    # The outlet now uses the label in its own voice: the word survives without its marks.
    c = compare(
        'The minister called the protesters "rioters" on Monday.',
        "The minister called the protesters rioters on Monday.",
    )
    (quote,) = c.quotes
    assert quote.status == "unquoted"
    assert quote.right is not None and quote.right.text == "rioters"


def test_a_partial_quotation_found_inside_a_longer_one_is_verbatim() -> None:
    # A quoted phrase in running text claims nothing about the words around it.
    result = statuses(
        "Rutte menyatakan hasilnya harus “langgeng dan berkelanjutan.”",
        '"Hasilnya bersifat langgeng dan berkelanjutan," kata Rutte.',
    )
    assert result == [
        ("verbatim", "langgeng dan berkelanjutan.", "Hasilnya bersifat langgeng dan berkelanjutan,")
    ]


def test_an_interrupted_quotation_joined_and_reworded_keeps_both_parts() -> None:
    # '"A," katanya, "B."' -> '"A and B reworded," katanya.': both parts are altered into
    # the one right quotation; neither is dropped.
    result = statuses(
        '"Kami akan berjuang," katanya, "dan kami akan menang."',
        '"Kami akan berjuang dan pasti menang," katanya.',
    )
    assert [(s, left) for s, left, _ in result] == [
        ("altered", "Kami akan berjuang,"),
        ("altered", "dan kami akan menang."),
    ]
