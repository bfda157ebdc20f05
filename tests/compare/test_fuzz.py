"""Hostile input never breaks the engine: random Unicode, one giant sentence, no sentence
punctuation at all, nothing but quotation marks, mixed scripts. It never raises, and the
engine's invariants hold on whatever it is given."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.compare import Comparison, compare, row_text

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

MIXED = ["Ukraina", "مرحبا", "北京", "😀", "👍🏽", "Ἀθῆναι", "ß", "İstanbul", "\u200b", "\u00ad",
         "e\u0301", "\U0001f1ee\U0001f1e9", "ﬁ", "Ⅻ", "٣", "\t", "\u2028", "\u00a0"]
MARKS = ['"', "“", "”", "«", "»", "„", "'", "‘", "’", "\u201f", "〝"]


def check_invariants(left: str, right: str, result: Comparison) -> None:
    for side, text in ((result.left, left), (result.right, right)):
        assert side.text == text
        for s in side.sentences:
            assert s.text == text[s.start:s.end]
            assert s.text.strip() == s.text and s.text
    left_ids = sorted(i for row in result.rows for i in row.left)
    right_ids = sorted(i for row in result.rows for i in row.right)
    assert left_ids == list(range(len(result.left.sentences)))
    assert right_ids == list(range(len(result.right.sentences)))
    for row in result.rows:
        lt, rt = row_text(result.left, row.left), row_text(result.right, row.right)
        assert "".join(lt[a:b] for o in row.ops for a, b in [o.left]) == lt
        assert "".join(rt[a:b] for o in row.ops for a, b in [o.right]) == rt
        assert 0.0 <= row.similarity <= 1.0
    for q in result.quotes:
        for qs, text in ((q.left, left), (q.right, right)):
            if qs is not None:
                assert text[qs.start:qs.end] == qs.text
    stats = result.stats
    assert 0.0 <= stats.reused_left <= 1.0 and 0.0 <= stats.new_right <= 1.0


@FUZZ
@given(st.text(max_size=300), st.text(max_size=300))
def test_random_unicode(left: str, right: str) -> None:
    check_invariants(left, right, compare(left, right))


@FUZZ
@given(st.lists(st.sampled_from(MIXED + MARKS + [" ", ".", "!", "?", "\n", "…", "—"]),
                max_size=200).map("".join),
       st.lists(st.sampled_from(MIXED + MARKS + [" ", ".", "!", "?", "\n", "…", "—"]),
                max_size=200).map("".join))
def test_mixed_scripts_and_marks(left: str, right: str) -> None:
    check_invariants(left, right, compare(left, right))


@FUZZ
@given(st.lists(st.sampled_from([*MARKS, " ", "\n"]), max_size=80).map("".join),
       st.lists(st.sampled_from([*MARKS, " ", "\n"]), max_size=80).map("".join))
def test_only_quotation_marks(left: str, right: str) -> None:
    result = compare(left, right)
    check_invariants(left, right, result)


def test_one_giant_sentence_without_punctuation() -> None:
    words = [f"kata{n % 97} berita{n % 31}" for n in range(5000)]
    left = " ".join(words)
    right = " ".join([*words[:2500], "sisipan", "baru", *words[2600:]])
    result = compare(left, right)
    check_invariants(left, right, result)
    # Cut into bounded pieces (see sentences.MAX_SENTENCE_CHARS) whose cuts fall on the same
    # words again after the edit: only the pieces around it differ.
    assert len(result.left.sentences) > 10
    changed = [row for row in result.rows if row.kind != "equal"]
    assert 1 <= len(changed) <= 3
    assert not any(row.moved for row in result.rows)


def test_unclosed_quotation_runs_to_the_paragraph_end_without_harm() -> None:
    left = '"Kami harus terus memberikan dukungan militer, kata Rutte.\n\nParagraf berikut.'
    right = "Kami harus terus memberikan dukungan militer, kata Rutte.\n\nParagraf berikut."
    check_invariants(left, right, compare(left, right))


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_text_against_itself_is_identical(text: str) -> None:
    result = compare(text, text)
    check_invariants(text, text, result)
    assert result.identical
    assert all(q.status == "verbatim" for q in result.quotes)


def test_a_repeated_sentence_does_not_make_swapping_asymmetric() -> None:
    # Found by hypothesis: the left repeats a sentence the right has once, and a weak match
    # crosses it. Which match counts as moved must not depend on which side is left.
    repeated = '"10, Rutte — kami, Rutte — Rutte — Rutte.”"'
    left = (f"{repeated} „296:\xa0Rutte:\xa0Rutte…“ 6029:\xa0Rutte:\xa0memastikan:\xa0dan:"
            f"\xa0Dr.  memastikan:  dan memastikan.\n{repeated} 10 Rutte.")
    right = f" memastikan:  dan memastikan.\n{repeated} 10 Rutte."
    forward, backward = compare(left, right), compare(right, left)
    check_invariants(left, right, forward)
    assert forward.stats.rows.added == backward.stats.rows.removed
    assert forward.stats.rows.removed == backward.stats.rows.added
    assert forward.stats.rows.moved == backward.stats.rows.moved
