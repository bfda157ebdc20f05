from __future__ import annotations

import pytest

from reader.compare.sentences import MAX_SENTENCE_CHARS, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_offsets_slice_the_text_and_sentences_are_stripped() -> None:
    text = "  Pertama.  Kedua!\n\n   Ketiga?  \n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Pertama.", "Kedua!", "Ketiga?"]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert [s.id for s in sentences] == [0, 1, 2]


def test_paragraphs_are_lines_or_blank_line_blocks() -> None:
    one_per_line = split_sentences("A satu. A dua.\nB satu.\r\nC satu.")
    assert [s.paragraph for s in one_per_line] == [0, 0, 1, 2]
    blank_separated = split_sentences("A satu.\n\n\n   \nB satu. B dua.")
    assert [s.paragraph for s in blank_separated] == [0, 1, 1]


def test_paragraph_break_ends_a_sentence_without_a_full_stop() -> None:
    assert texts("Judul tanpa titik\nKalimat berikutnya.") == [
        "Judul tanpa titik",
        "Kalimat berikutnya.",
    ]


def test_quotation_with_inner_comma_stays_whole_indonesian() -> None:
    text = '"Kami harus terus memberikan dukungan militer," tambah Mark Rutte. Ia pergi.'
    assert texts(text) == [
        '"Kami harus terus memberikan dukungan militer," tambah Mark Rutte.',
        "Ia pergi.",
    ]


def test_exclamation_inside_quote_before_lowercase_does_not_split() -> None:
    assert texts('"Bagus sekali!" katanya kepada wartawan.') == [
        '"Bagus sekali!" katanya kepada wartawan.'
    ]


def test_sentence_ends_inside_closing_quote() -> None:
    text = "Hasilnya harus bersifat “langgeng dan berkelanjutan.” Kami setuju."
    assert texts(text) == [
        "Hasilnya harus bersifat “langgeng dan berkelanjutan.”",
        "Kami setuju.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Presiden AS, Donald Trump, tiba di Jakarta.",
        "Dr. Samuel Reyes memimpin pemeriksaan.",
        "Kantornya di Jl. Sudirman No. 5 Jakarta.",
        "Mr. Smith met Mrs. Jones at the U.S. Embassy in Paris.",
        "Ia berbicara pada Kamis (13/2) di Brussels.",
        "Inflasi naik 3.5 persen menjadi 1.000 kasus.",
        "Tahun 2014—ketika Rusia mencaplok Krimea—bukanlah opsi.",
        "Author J. K. Rowling spoke.",
    ],
)
def test_abbreviations_numbers_dates_and_dashes_do_not_split(text: str) -> None:
    assert texts(text) == [text]


def test_list_abbreviation_ends_a_sentence_before_an_opener() -> None:
    assert texts("Mereka membawa beras, gula, dll. Namun harga naik.") == [
        "Mereka membawa beras, gula, dll.",
        "Namun harga naik.",
    ]
    assert texts("They came from the U.S. The talks began.") == [
        "They came from the U.S.",
        "The talks began.",
    ]


def test_initial_ends_a_sentence_only_before_an_opener() -> None:
    assert texts("Take Vitamin C. The doctor said so.") == [
        "Take Vitamin C.",
        "The doctor said so.",
    ]
    assert texts("J. K. Rowling wrote it. George W. Bush read it.") == [
        "J. K. Rowling wrote it.",
        "George W. Bush read it.",
    ]


def test_month_abbreviation_before_a_day_does_not_split() -> None:
    assert texts("The council will vote on Jan. 12. It meets at noon.") == [
        "The council will vote on Jan. 12.",
        "It meets at noon.",
    ]
    assert texts("Upacara digelar pada Agt. 17 di Jakarta.") == [
        "Upacara digelar pada Agt. 17 di Jakarta."
    ]
    assert texts("The vote moved to late Jan. The mayor agreed.") == [
        "The vote moved to late Jan.",
        "The mayor agreed.",
    ]


def test_inch_mark_does_not_open_a_quotation_for_the_ellipsis_rule() -> None:
    # Without the inch rule the `"` after 6 would leave a quotation open, and the ellipsis
    # inside it would not end the sentence.
    assert texts('The screen is 6" wide... Then it broke.') == [
        'The screen is 6" wide...',
        "Then it broke.",
    ]


def test_ellipsis_inside_quotation_keeps_the_utterance_whole() -> None:
    text = '"NATO mengambil alih pelatihan kami… Kami berterima kasih kepada NATO." Ia pergi.'
    assert texts(text) == [
        '"NATO mengambil alih pelatihan kami… Kami berterima kasih kepada NATO."',
        "Ia pergi.",
    ]


def test_ellipsis_outside_quotation_ends_a_sentence() -> None:
    assert texts("Kami menunggu... Lalu hujan turun.") == [
        "Kami menunggu...",
        "Lalu hujan turun.",
    ]


def test_full_stop_inside_a_long_quotation_does_end_a_sentence() -> None:
    text = "“Kami kuat. Kami siap,” ujarnya."
    assert texts(text) == ["“Kami kuat.", "Kami siap,” ujarnya."]


def test_nbsp_is_whitespace_between_sentences() -> None:
    assert texts("Rutte\u00a0tiba. Umerov\u00a0menyambut.") == [
        "Rutte\u00a0tiba.",
        "Umerov\u00a0menyambut.",
    ]


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences("") == ()
    assert split_sentences(" \n\n\t ") == ()


def test_seed_original_sentence_count(seed_comparison: object) -> None:
    from reader.compare import Comparison

    assert isinstance(seed_comparison, Comparison)
    assert len(seed_comparison.left.sentences) == 11
    assert len(seed_comparison.right.sentences) == 15


def test_run_on_text_is_cut_into_bounded_pieces() -> None:
    # A transcript without full stops: one "sentence" of ~3,000 words would make the word
    # diff of its row quadratic.
    clause = "the council met again on tuesday night and the mayor spoke at length"
    text = "Opening words " + ", ".join([clause] * 250)
    sentences = split_sentences(text)
    assert len(sentences) > 10
    for s in sentences:
        assert 0 < len(s.text) <= MAX_SENTENCE_CHARS
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
    # Cut at a word boundary past half the limit: no crumbs.
    assert all(len(s.text) >= MAX_SENTENCE_CHARS // 2 - 20 for s in sentences[:-1])
    assert " ".join(s.text for s in sentences) == text


def test_run_on_text_without_clause_marks_is_cut_at_spaces() -> None:
    text = " ".join(["kata"] * 1000)
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert " ".join(s.text for s in sentences) == text
    assert split_sentences("x" * 3000)[0].text == "x" * MAX_SENTENCE_CHARS  # no space: hard cut


def test_a_time_ends_a_sentence_unless_a_day_month_or_time_zone_follows() -> None:
    assert texts("The fire started at 3 p.m. Officials said it spread fast.") == [
        "The fire started at 3 p.m.",
        "Officials said it spread fast.",
    ]
    assert texts("The vote is at 3 p.m. Tuesday in the Senate.") == [
        "The vote is at 3 p.m. Tuesday in the Senate."
    ]
    assert texts("Polls close at 8 p.m. Eastern time. Results follow.") == [
        "Polls close at 8 p.m. Eastern time.",
        "Results follow.",
    ]


def test_a_named_speaker_after_a_question_or_exclamation_in_quotes_stays_with_it() -> None:
    assert texts('"Why now?" Smith asked. He left.') == ['"Why now?" Smith asked.', "He left."]
    assert texts("“Kapan?” Jokowi balik bertanya. Ia pergi.") == [
        "“Kapan?” Jokowi balik bertanya.",
        "Ia pergi.",
    ]
    assert texts('"Why now?" The question hung in the air.') == [
        '"Why now?"',
        "The question hung in the air.",
    ]


def test_indonesian_abbreviations_before_a_figure_or_name_do_not_end_a_sentence() -> None:
    assert texts("Anggarannya Rp. 1,5 triliun. Itu besar.") == [
        "Anggarannya Rp. 1,5 triliun.",
        "Itu besar.",
    ]
    assert texts("Ia tinggal di Gg. Mawar, Kp. Melayu, Kav. 10. Ia datang.") == [
        "Ia tinggal di Gg. Mawar, Kp. Melayu, Kav. 10.",
        "Ia datang.",
    ]


def test_a_list_ending_ends_a_sentence_before_any_capitalised_word() -> None:
    # Inside a sentence "dll." / "etc." is followed by a lowercase word; a capital after
    # it starts the next sentence.
    assert texts("Dana untuk waduk, pompa, dll. Pemerintah menargetkan selesai.") == [
        "Dana untuk waduk, pompa, dll.",
        "Pemerintah menargetkan selesai.",
    ]
    assert texts("They sell fruit, bread, etc. Prices rose.") == [
        "They sell fruit, bread, etc.",
        "Prices rose.",
    ]
    assert texts("Ada pompa, waduk, dll. yang dibangun.") == [
        "Ada pompa, waduk, dll. yang dibangun."
    ]


def test_a_company_or_name_suffix_ends_a_sentence_before_an_opener() -> None:
    assert texts("The deal was announced by Acme Inc. The company said it was pleased.") == [
        "The deal was announced by Acme Inc.",
        "The company said it was pleased.",
    ]
    assert texts("The award went to Martin Luther King Jr. He accepted it.") == [
        "The award went to Martin Luther King Jr.",
        "He accepted it.",
    ]
    assert texts("Acme Inc. Chief Executive Jane Doe said so.") == [
        "Acme Inc. Chief Executive Jane Doe said so."
    ]


def test_et_al_and_indonesian_honorifics_do_not_end_a_sentence() -> None:
    # The abbreviations the library's title derivation knew, now in the one splitter.
    assert texts("Riset Prof. Budi dkk. Sutrisno menunjukkan hal itu. Lalu.") == [
        "Riset Prof. Budi dkk. Sutrisno menunjukkan hal itu.",
        "Lalu.",
    ]
    assert texts("Riset itu ditulis Budi dkk. Ia lalu pensiun.") == [
        "Riset itu ditulis Budi dkk.",
        "Ia lalu pensiun.",
    ]
    assert texts("Ceramah KH. Ahmad dan Tn. Lim berlangsung lama. Lalu.") == [
        "Ceramah KH. Ahmad dan Tn. Lim berlangsung lama.",
        "Lalu.",
    ]
