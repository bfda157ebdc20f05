from __future__ import annotations

from reader.compare import Comparison, compare
from reader.compare.text_report import render_text


def test_plain_report_marks_changes_labels_rows_and_ends_with_the_summary() -> None:
    c = compare(
        'Harga beras naik di pasar. "Kami siap," kata dia.',
        "Harga beras turun di pasar. “Kami siap,” kata dia. Kalimat baru muncul.",
    )
    text = render_text(c, color=False)
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[0] == "[edited] Harga beras [-naik-]{+turun+} di pasar."
    assert blocks[1] == "[equal] “Kami siap,” kata dia."
    assert blocks[2] == "[added] {+Kalimat baru muncul.+}"
    assert blocks[3].startswith("Quotations:")
    assert "verbatim" in blocks[3] and "“Kami siap,”" in blocks[3]
    assert blocks[-1].startswith("Words: left 9, right 12")
    assert "Quotes: verbatim 1, trimmed 0, extended 0, altered 0" in blocks[-1]
    assert "\x1b[" not in text


def test_moved_rows_are_labelled_and_deletions_keep_words_apart() -> None:
    c = compare(
        "Alpha satu.\nBravo dua.\nCharlie tiga empat lima.",
        "Charlie tiga lima.\nAlpha satu.\nBravo dua.",
    )
    text = render_text(c, color=False)
    assert "[edited, moved] Charlie tiga [-empat-] lima." in text


def test_colour_report_uses_ansi_and_no_plain_markers(seed_comparison: Comparison) -> None:
    text = render_text(seed_comparison, color=True)
    assert "\x1b[9;31m" in text and "\x1b[4;32m" in text
    assert "[-" not in text and "{+" not in text


def test_seed_report_lists_every_row(seed_comparison: Comparison) -> None:
    text = render_text(seed_comparison, color=False)
    assert text.count("[edited]") == 11
    assert text.count("[added]") == 1
    assert "altered" in text and "unquoted" in text


def test_report_opens_with_the_headline_and_marks_its_changes() -> None:
    c = compare(
        "Harga beras naik.",
        "Harga beras naik.",
        left_title="Mayor Defends Budget Cuts",
        right_title="Mayor Defends Budget Cuts Amid Outcry",
    )
    blocks = render_text(c, color=False).split("\n\n")
    assert blocks[0] == "[title, edited] Mayor Defends Budget Cuts {+Amid Outcry+}"
    same = compare("Satu.", "Satu.", left_title="Judul", right_title="Judul")
    assert render_text(same, color=False).startswith("[title] Judul\n\n[equal] Satu.")


def test_a_title_that_repeats_the_opening_of_the_text_is_not_shown_again() -> None:
    c = compare(
        "Harga beras naik tajam di pasar induk kota.",
        "Harga beras turun di pasar induk kota.",
        left_title="Harga beras naik tajam…",
        right_title="Harga beras turun di pasar induk kota.",
    )
    assert render_text(c, color=False).startswith("[edited] Harga beras")


def test_words_deleted_before_a_comma_stay_apart_from_the_word_before() -> None:
    c = compare(
        '"We are underpaid and we are not going back," said Lopez.',
        '"We are underpaid," said Lopez.',
    )
    text = render_text(c, color=False)
    assert '"We are underpaid [-and we are not going back-]," said Lopez.' in text


def test_a_headline_is_not_diffed_against_the_other_sides_opening_sentence() -> None:
    # The right has no headline: its derived title only repeats its first sentence.
    c = compare(
        "Presiden meresmikan bendungan di Grobogan.",
        "Presiden meresmikan Bendungan Karangsari di Grobogan, Jawa Tengah.",
        left_title="Presiden Resmikan Bendungan Baru",
        right_title="Presiden meresmikan Bendungan Karangsari di Grobogan…",
    )
    blocks = render_text(c, color=False).split("\n\n")
    assert blocks[0] == "[title, removed] [-Presiden Resmikan Bendungan Baru-]"
    swapped = compare(c.right.text, c.left.text, left_title=c.right.title, right_title=c.left.title)
    blocks = render_text(swapped, color=False).split("\n\n")
    assert blocks[0] == "[title, added] {+Presiden Resmikan Bendungan Baru+}"


def test_words_deleted_before_an_opening_quote_stay_apart_from_it() -> None:
    c = compare(
        "Ia menambahkan, “Amerika Serikat bersama kami.”", "“Amerika Serikat bersama kami.”"
    )
    text = render_text(c, color=False)
    assert "[edited] [-Ia menambahkan,-] “Amerika Serikat bersama kami.”" in text


def test_quotation_entries_show_verdict_speakers_parts_and_evidence(
    seed_comparison: Comparison,
) -> None:
    text = render_text(seed_comparison, color=False)
    table = text[text.index("Quotations:") :]
    assert "1. altered (similarity 0.80) · Mark Rutte" in table
    assert "   right: “langgeng dan berkelanjutan.” … “Kami harus memastikan" in table
    assert "3. trimmed (similarity 0.50) · Mark Rutte\n" in table
    assert "   cut 4: antara Ukraina dan NATO\n" in table
    assert "   right: (reported speech) terus memberikan dukungan militer\n" in table
    moved = render_text(
        compare(
            "Sri Wahyuni menyatakan bahwa jalan desa akan diaspal sebelum Lebaran.",
            '"Jalan desa akan diaspal sebelum Lebaran," ujar Budi Santoso.',
        ),
        color=False,
    )
    assert "1. quoted (similarity 1.00) · reattributed: Sri Wahyuni → Budi Santoso" in moved
