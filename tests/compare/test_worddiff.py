from __future__ import annotations

from reader.compare.model import CompareOptions, Op
from reader.compare.worddiff import RowDiffer, diff_row
from reader.compare.words import count_words

DEFAULT = CompareOptions()


def rebuild(ops: tuple[Op, ...], left: str, right: str) -> tuple[str, str]:
    return (
        "".join(left[o.left[0] : o.left[1]] for o in ops),
        "".join(right[o.right[0] : o.right[1]] for o in ops),
    )


def changes(ops: tuple[Op, ...], left: str, right: str) -> list[tuple[str, str, str]]:
    return [
        (o.op, left[o.left[0] : o.left[1]], right[o.right[0] : o.right[1]])
        for o in ops
        if o.op != "equal"
    ]


def test_replacement_covers_just_the_word_and_spaces_stay_with_equal_text() -> None:
    left, right = "the big dog", "the large dog"
    ops = diff_row(left, right, DEFAULT)
    assert [o.op for o in ops] == ["equal", "replace", "equal"]
    assert changes(ops, left, right) == [("replace", "big", "large")]
    assert rebuild(ops, left, right) == (left, right)


def test_insert_and_delete_have_an_empty_side() -> None:
    ops = diff_row("the big dog", "the very big dog", DEFAULT)
    assert changes(ops, "the big dog", "the very big dog") == [("insert", "", "very")]
    ops = diff_row("kami sangat kuat", "kami kuat", DEFAULT)
    assert changes(ops, "kami sangat kuat", "kami kuat") == [("delete", "sangat", "")]


def test_equal_rows_get_one_equal_op_and_ignored_differences_are_equal() -> None:
    left = '"Kami  kuat," kata\u00a0Umerov.'
    right = "“kami kuat,” kata Umerov."
    assert diff_row(left, right, DEFAULT) == (Op("equal", (0, len(left)), (0, len(right))),)
    assert diff_row("", "", DEFAULT) == ()


def test_options_make_case_and_quote_style_count() -> None:
    strict = CompareOptions(ignore_case=False, ignore_quote_style=False)
    ops = diff_row("“Kami” kuat", '"kami" kuat', strict)
    assert len([o for o in ops if o.op != "equal"]) >= 1


def test_ignore_punctuation_hides_a_changed_comma() -> None:
    options = CompareOptions(ignore_punctuation=True)
    left, right = "Ia datang, lalu pergi.", "Ia datang lalu pergi!"
    ops = diff_row(left, right, options)
    assert [o.op for o in ops] == ["equal"]
    assert rebuild(ops, left, right) == (left, right)


def test_stop_word_island_between_changes_dissolves_into_one_phrase() -> None:
    left = "Umerov menegaskan negaranya akan terus berjuang dan bertahan lama."
    right = "Umerov menyatakan bangsanya akan selalu melawan dan menolak menyerah."
    ops = diff_row(left, right, DEFAULT)
    kept = [left[o.left[0] : o.left[1]].strip() for o in ops if o.op == "equal"]
    # "akan" and "dan" between changes are not kept as confetti islands.
    assert "akan" not in kept and "dan" not in kept
    assert kept[0] == "Umerov"
    assert rebuild(ops, left, right) == (left, right)


def test_long_shared_phrase_survives_the_cleanup() -> None:
    left = "Presiden AS, Donald Trump, mengatakan bahwa mereka sepakat untuk segera memulai."
    right = "Presiden AS Donald Trump mengumumkan dan sepakat untuk segera memulai."
    ops = diff_row(left, right, DEFAULT)
    kept = " ".join(left[o.left[0] : o.left[1]] for o in ops if o.op == "equal")
    assert "sepakat untuk segera memulai" in kept
    assert rebuild(ops, left, right) == (left, right)


def test_seed_row_changes_read_as_few_phrases(seed_comparison: object) -> None:
    from reader.compare import Comparison, row_text

    assert isinstance(seed_comparison, Comparison)
    for row in seed_comparison.rows:
        left = row_text(seed_comparison.left, row.left)
        for a, b in zip(row.ops, row.ops[2:], strict=False):
            if a.op != "equal" and b.op != "equal":
                island = row.ops[row.ops.index(a) + 1]
                words = left[island.left[0] : island.left[1]].split()
                # No single stop word left stranded between two changes.
                assert words not in (["dan"], ["yang"], [","], ["di"]), words


def test_counted_words_are_the_words_of_the_changed_op_slices() -> None:
    left = "Menteri Rutte, kata dia, datang ke Jakarta pada 13/2 dengan 3.5 juta dolar."
    right = "Rutte tiba di Jakarta (13/2) — membawa 3.5 juta dolar AS, katanya."
    for options in (DEFAULT, CompareOptions(ignore_punctuation=True)):
        diff = RowDiffer(options).diff(left, right)
        cut = sum(
            count_words(left[o.left[0] : o.left[1]])
            for o in diff.ops
            if o.op in ("delete", "replace")
        )
        new = sum(
            count_words(right[o.right[0] : o.right[1]])
            for o in diff.ops
            if o.op in ("insert", "replace")
        )
        assert (diff.left_changed_words, diff.right_changed_words) == (cut, new)
        assert 0 < cut < count_words(left) and 0 < new < count_words(right)


def test_one_differ_gives_each_row_what_a_fresh_one_gives() -> None:
    # The differ of a comparison remembers token keys from row to row: no row may see
    # another's.
    rows = [
        ("Kami kuat, kata Umerov.", "“Kami KUAT,” ujar Umerov."),
        ("Harga beras naik.", "Harga beras turun."),
        ("“Kami” kuat.", '"kami" kuat.'),
    ]
    for options in (DEFAULT, CompareOptions(ignore_case=False, ignore_quote_style=False)):
        differ = RowDiffer(options)
        for left, right in rows:
            assert differ.diff(left, right) == RowDiffer(options).diff(left, right)


def test_names_and_figures_kept_between_two_changes_stay_equal() -> None:
    # A fact-checker reads "[-...12...-]{+...12...+}" as a changed figure: a short island
    # holding a number or a capitalised name is kept, however long the changes beside it.
    left = "Floods have killed 12 residents across the north."
    right = "Heavy flooding left 12 people dead in the northern province."
    found = changes(diff_row(left, right, DEFAULT), left, right)
    assert all("12" not in a and "12" not in b for _, a, b in found)
    left = "Bupati Grobogan, Ir. H. Sri Sumarni, M.M., menyampaikan terima kasih."
    right = "Bupati Grobogan Sri Sumarni berterima kasih."
    found = changes(diff_row(left, right, DEFAULT), left, right)
    assert all("Sumarni" not in a and "Sumarni" not in b for _, a, b in found)
