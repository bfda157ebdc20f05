from __future__ import annotations

from reader.compare import CompareOptions, Comparison, Quote, compare
from reader.compare.model import Side
from reader.compare.quotes import extract_quotations
from reader.compare.sentences import split_sentences
from tests.compare.conftest import read_fixture
from tests.compare.quote_cases import load_cases


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
        (q.verdict, q.left.text if q.left else None, q.right.text if q.right else None)
        for q in c.quotes
    ]


def parts(q: Quote) -> tuple[list[str], list[str]]:
    return [p.text for p in q.left_parts], [p.text for p in q.right_parts]


def test_same_words_in_other_quote_marks_are_verbatim() -> None:
    result = statuses('"Kami siap bertempur," kata dia.', "“Kami siap bertempur,” ujarnya.")
    assert [s for s, _, _ in result] == ["verbatim"]


def test_fragment_kept_of_a_longer_quotation_is_trimmed_with_the_words_cut() -> None:
    left = 'Ia ingin hasil yang "langgeng dan berkelanjutan bagi semua pihak," katanya.'
    right = "Ia menuntut hasil yang “langgeng dan berkelanjutan.”"
    (quote,) = compare(left, right).quotes
    assert quote.verdict == "trimmed" and quote.status == "altered"
    assert parts(quote) == (
        ["langgeng dan berkelanjutan bagi semua pihak,"], ["langgeng dan berkelanjutan."]
    )
    assert quote.words_cut == ("bagi", "semua", "pihak") and quote.words_added == ()


def test_reworded_quotation_is_altered_with_its_similarity() -> None:
    c = compare(
        '"Amerika Serikat bersama kami, terus memberikan bantuan keamanan," katanya.',
        "“Amerika Serikat terus bersama kami, memberikan bantuan keamanan,” katanya.",
    )
    (quote,) = c.quotes
    assert quote.verdict == "altered"
    assert 0.5 <= quote.similarity < 1.0


def test_quotation_turned_into_reported_speech_is_unquoted() -> None:
    c = compare(
        '"Kami harus terus memberikan dukungan militer," tambah Mark Rutte.',
        "Ia juga menegaskan bahwa NATO akan terus memberikan dukungan militer kepada Ukraina.",
    )
    (quote,) = c.quotes
    assert quote.verdict == "unquoted"
    assert quote.right is not None
    assert quote.right.text == "terus memberikan dukungan militer"
    assert quote.speaker_left == "Mark Rutte" and quote.words_cut == ("Kami", "harus")
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


def test_quotation_extended_with_new_words_is_extended() -> None:
    # Words added inside the quotation marks are not in the source: not verbatim.
    c = compare(
        '"We simply do not have that money," he said.',
        '"We simply do not have that money, and we never will," he said.',
    )
    (quote,) = c.quotes
    assert quote.verdict == "extended" and quote.status == "altered"
    assert quote.words_added == ("and", "we", "never", "will") and quote.words_cut == ()


def test_two_quotations_joined_into_one_are_one_verbatim_entry() -> None:
    (quote,) = compare(
        '"We are ready," he said. "We will win."', '"We are ready. We will win," he said.'
    ).quotes
    assert quote.verdict == "verbatim"
    assert parts(quote) == (["We are ready,", "We will win."], ["We are ready. We will win,"])


def test_words_inside_a_quotation_opened_in_an_earlier_sentence_are_not_unquoted() -> None:
    # The right quotation starts a sentence before the row and grows words in the middle.
    c = compare(
        'He spoke. "We will win the vote," he said.',
        '"Nobody believed us, not the press, not the pollsters, not even our friends. '
        'But we will, in the end, win the vote," he said. He spoke.',
    )
    (quote,) = c.quotes
    assert quote.verdict == "extended"
    assert quote.right is not None and quote.right.text.startswith("Nobody believed us")


def test_scare_quotes_taken_off_one_word_leave_it_unquoted() -> None:
    # The outlet now uses the label in its own voice: the word survives without its marks.
    c = compare(
        'The minister called the protesters "rioters" on Monday.',
        "The minister called the protesters rioters on Monday.",
    )
    (quote,) = c.quotes
    assert quote.verdict == "unquoted"
    assert quote.right is not None and quote.right.text == "rioters"


def test_reported_speech_made_a_quotation_is_quoted() -> None:
    c = compare(
        "The minister said the protesters were rioters.",
        'The minister said the protesters were "rioters".',
    )
    (quote,) = c.quotes
    assert quote.verdict == "quoted" and quote.status == "added"
    assert parts(quote) == (["rioters"], ["rioters"])


def test_a_phrase_quoted_in_running_text_inside_a_longer_quotation_is_extended() -> None:
    # The right puts "Hasilnya bersifat" inside the marks: words the left never quoted.
    (quote,) = compare(
        "Rutte menyatakan hasilnya harus “langgeng dan berkelanjutan.”",
        '"Hasilnya bersifat langgeng dan berkelanjutan," kata Rutte.',
    ).quotes
    assert quote.verdict == "extended"
    assert quote.words_added == ("Hasilnya", "bersifat")
    assert (quote.speaker_left, quote.speaker_right) == ("Rutte", "Rutte")


def test_an_interrupted_quotation_joined_and_reworded_is_one_altered_entry() -> None:
    # '"A," katanya, "B."' -> '"A and B reworded," katanya.': one entry, two left parts.
    (quote,) = compare(
        '"Kami akan berjuang," katanya, "dan kami akan menang."',
        '"Kami akan berjuang dan pasti menang," katanya.',
    ).quotes
    assert quote.verdict == "altered"
    assert parts(quote) == (
        ["Kami akan berjuang,", "dan kami akan menang."], ["Kami akan berjuang dan pasti menang,"]
    )


def test_a_quotation_split_in_two_keeps_both_right_parts() -> None:
    (quote,) = compare(
        '"Pasar ini akan dibuka kembali pekan depan dengan atap baru," kata Ani Lestari.',
        '"Pasar ini akan dibuka kembali pekan depan," kata Ani Lestari. "Dengan atap baru."',
    ).quotes
    assert quote.verdict == "verbatim"
    assert len(quote.right_parts) == 2
    assert quote.speaker_left == quote.speaker_right == "Ani Lestari"


def test_speakers_before_after_and_through_pronouns() -> None:
    c = compare(
        'Menteri Pertahanan Ukraina, Rustem Umerov, hadir. Umerov menegaskan negaranya kuat. '
        '"Kami siap," ujarnya. Menurut Mark Rutte, NATO "tidak akan mundur."',
        'The ward was quiet on Monday. "It is full," she said. '
        'According to the mayor, the ward was "never meant for this".',
    )
    speakers = {q.left.text if q.left else q.right.text if q.right else "": (
        q.speaker_left or q.speaker_right) for q in c.quotes}
    assert speakers["Kami siap,"] == "Rustem Umerov"
    assert speakers["tidak akan mundur."] == "Mark Rutte"
    assert speakers["never meant for this"] == "the mayor"
    assert speakers["It is full,"] is None  # "she": no named speaker says anything before it
    (full,) = [q for q in c.quotes if q.right and q.right.text == "It is full,"]
    assert full.ambiguous == ("right: 'she' has no named speaker before it",)


def test_a_pronoun_after_a_person_named_without_a_speech_verb_is_taken_and_said_so() -> None:
    (quote,) = compare(
        'Tom Baker has run the bakery for thirty years. "Prices are mad," he said.',
        'Tom Baker has run the bakery for thirty years. "Prices are mad," he said.',
    ).quotes
    assert quote.speaker_left == quote.speaker_right == "Tom Baker"
    assert "left: 'he' taken as Tom Baker, named before it without a speech verb" in (
        quote.ambiguous
    )


def test_a_quotation_given_to_another_speaker_is_reattributed() -> None:
    (quote,) = compare(
        '"The budget is final," said Mayor Lin.', '"The budget is final," said Councillor Obi.'
    ).quotes
    assert quote.verdict == "verbatim" and quote.reattributed
    assert (quote.speaker_left, quote.speaker_right) == ("Lin", "Obi")


def test_a_paraphrase_by_the_same_speaker_is_altered_and_says_how_it_was_paired() -> None:
    (quote,) = compare(
        'The ward has changed. "Nobody waits in a corridor any more," said Dr Hale.',
        'The ward has changed. "Very few patients now wait in a corridor," Dr Hale said.',
    ).quotes
    assert quote.verdict == "altered" and not quote.reattributed
    assert quote.speaker_left == quote.speaker_right == "Dr Hale"
    assert any("speaker" in note for note in quote.ambiguous)


def test_case_counts_inside_the_marks_only_when_the_reader_matches_case() -> None:
    left, right = '"Kami Siap," kata dia.', '"kami siap," kata dia.'
    assert [q.verdict for q in compare(left, right).quotes] == ["verbatim"]
    (quote,) = compare(left, right, CompareOptions(ignore_case=False)).quotes
    assert quote.verdict == "altered"
    assert (quote.words_cut, quote.words_added) == (("Kami", "Siap"), ("kami", "siap"))


def test_a_fragment_quoted_again_later_is_not_a_second_entry() -> None:
    text = (
        '"Kami akan membangun kembali pelabuhan sebelum musim hujan," kata Rina Hartati.\n\n'
        'Janji untuk "membangun kembali pelabuhan" itu disambut warga.'
    )
    rewrite = text.replace("disambut warga", "disambut hangat oleh warga")
    (quote,) = compare(text, rewrite).quotes
    assert quote.verdict == "verbatim"
    assert len(quote.left_parts) == len(quote.right_parts) == 2
    # Dropped on the right, the repeat still belongs to its quotation's entry.
    (quote,) = compare(text, rewrite.replace('"membangun kembali pelabuhan"', "itu")).quotes
    assert quote.verdict == "verbatim" and len(quote.left_parts) == 2


def _each_quotation_once(c: Comparison) -> None:
    for side, parts_of, reported in (
        (c.left, lambda q: q.left_parts, "quoted"),
        (c.right, lambda q: q.right_parts, "unquoted"),
    ):
        found = sorted(
            (p.start, p.end) for q in c.quotes if q.verdict != reported for p in parts_of(q)
        )
        assert found == [(q.side.start, q.side.end) for q in extract_quotations(side)]


def test_every_quotation_of_either_side_is_in_exactly_one_entry(
    seed_comparison: Comparison, english_comparison: Comparison
) -> None:
    _each_quotation_once(seed_comparison)
    _each_quotation_once(english_comparison)
    for case in load_cases():
        _each_quotation_once(compare(case.left, case.right))
        _each_quotation_once(compare(case.right, case.left))  # and every case mirrored


def test_a_pronoun_takes_the_person_after_a_title_not_the_title() -> None:
    for before, person in (
        ("Presiden Joko Widodo hadir di pelabuhan.", "Joko Widodo"),
        ("Menteri Pertahanan Ukraina, Rustem Umerov, hadir.", "Rustem Umerov"),
        ("Menteri Pertahanan Ukraina Rustem Umerov hadir.", "Rustem Umerov"),
    ):
        text = f'{before} "Kita harus bekerja keras," ujarnya.'
        (quote,) = compare(text, text).quotes
        assert quote.speaker_left == quote.speaker_right == person, before


def test_the_seed_story_patterns_on_a_story_written_for_this_project() -> None:
    # The seeds' six quotation patterns (issue 10), rewritten as a story of our own: a
    # quotation cut in two and reworded, one turned into reported speech, a phrase trimmed,
    # one paraphrased away, one kept word for word, one reworded; pronouns and surnames.
    c = compare(read_fixture("tanggul_original_id.txt"), read_fixture("tanggul_rewrite_id.txt"))
    found = [
        (q.verdict, q.left.text[:16] if q.left else "", len(q.right_parts), q.speaker_left,
         q.speaker_right, q.reattributed)
        for q in c.quotes
    ]
    assert found == [
        ("altered", "Yang pasti, kami", 2, "Sri Handayani", "Sri Handayani", False),
        ("unquoted", "Kami harus terus", 1, "Sri Handayani", "Sri Handayani", False),
        ("trimmed", "posko bersama an", 1, "Sri Handayani", "Sri Handayani", False),
        ("dropped", "mencatat semua l", 0, "Sri Handayani", None, False),
        ("verbatim", "Kami siap, kami ", 1, "Bambang Wicaksono", "Bambang Wicaksono", False),
        ("verbatim", "pengerukan sunga", 1, "Bambang Wicaksono", "Bambang Wicaksono", False),
        ("altered", "Pemerintah pusat", 1, "Bambang Wicaksono", "Bambang Wicaksono", False),
    ]
    assert c.quotes[2].words_cut == ("antara", "pemerintah", "provinsi", "dan", "TNI")
    assert c.quotes[0].right_parts[0].text == "kokoh dan tahan lama."


def test_one_word_in_scare_quotes_elsewhere_is_its_own_entry() -> None:
    story = [
        '"Kami akan meninjau ulang seluruh prosedur parkir di pusat kota," kata Rina Hartati.',
        "Rapat berlangsung hingga malam.",
        "Warga menunggu hasilnya.",
        "Pedagang pasar juga hadir.",
    ]
    left = "\n\n".join(story)
    right = "\n\n".join([*story, 'Polisi menyebut pengamanan itu "prosedur" biasa.'])
    assert [q.verdict for q in compare(left, right).quotes] == ["verbatim", "added"]
    assert [q.verdict for q in compare(left + '\n\nIa menyebutnya "prosedur".', left).quotes] == [
        "verbatim", "dropped"
    ]
