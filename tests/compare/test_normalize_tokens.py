from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.compare.model import CompareOptions
from reader.compare.normalize import normalize_punct, normalize_text, normalize_word
from reader.compare.tokens import (
    TOKEN_RE,
    is_light,
    match_words,
    remembered_token_keys,
    token_key,
    tokenize,
)

DEFAULT = CompareOptions()


def test_normalise_quote_styles_dashes_ellipsis_and_whitespace() -> None:
    a = '"Kami kuat…" — kata\u00a0Umerov.'
    b = "“kami  KUAT...” – kata Umerov."
    assert normalize_text(a, DEFAULT) == normalize_text(b, DEFAULT)
    assert normalize_text("« Bonjour »", DEFAULT) == normalize_text('" Bonjour "', DEFAULT)
    assert normalize_text("„Ja“", DEFAULT) == normalize_text('"ja"', DEFAULT)


def test_options_turn_normalisation_off() -> None:
    strict = CompareOptions(ignore_case=False, ignore_quote_style=False, ignore_whitespace=False)
    assert normalize_text("Kami", strict) != normalize_text("kami", strict)
    assert normalize_text("“a”", strict) != normalize_text('"a"', strict)
    assert normalize_text("a  b", strict) != normalize_text("a b", strict)
    assert normalize_word("Kami", strict) == "Kami"
    assert normalize_punct("“", strict) == "“"


def test_token_keys_fold_case_quotes_and_dashes() -> None:
    assert [token_key(t, DEFAULT) for t in ["Kami", "“", "—", "…", "..."]] == [
        "kami", '"', "-", "...", "..."
    ]
    remembered = remembered_token_keys(DEFAULT)
    assert [remembered(t) for t in ["Kami", "Kami", "‟"]] == ["kami", "kami", '"']
    strict = remembered_token_keys(CompareOptions(ignore_case=False, ignore_quote_style=False))
    assert [strict(t) for t in ["Kami", "“"]] == ["Kami", "“"]


def test_tokens_carry_offsets_and_keep_numbers_and_hyphenated_words_whole() -> None:
    text = "Negara-negara NATO, 3.5 persen (13/2)... U.S. don't"
    tokens = tokenize(text)
    assert tokens.texts == [
        "Negara-negara",
        "NATO",
        ",",
        "3.5",
        "persen",
        "(",
        "13",
        "/",
        "2",
        ")",
        "...",
        "U.S",
        ".",
        "don't",
    ]
    for t, start, end in zip(tokens.texts, tokens.starts, tokens.ends, strict=True):
        assert text[start:end] == t
    assert tokenize(text, words_only=True).texts == [
        "Negara-negara",
        "NATO",
        "3.5",
        "persen",
        "13",
        "2",
        "U.S",
        "don't",
    ]


_WORDS = ["a", "Kami", "_x", "3.5", "U.S.", "don't", "²", "e\u0301"]
_MARKS = [",", ".", "...", "-", "--", "—", "“", '"', "’", "("]
_SPACES = [" ", "  ", "\n", "\t", "\u00a0"]
_PIECES = st.sampled_from([*_WORDS, *_MARKS, *_SPACES])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_tokens_are_the_token_pattern_matches(pieces: list[str]) -> None:
    text = "".join(pieces)
    tokens = tokenize(text)
    matches = list(TOKEN_RE.finditer(text))
    assert tokens.texts == [m.group() for m in matches]
    assert tokens.starts == [m.start() for m in matches]
    assert tokens.ends == [m.end() for m in matches]


def test_match_words_are_case_folded_words_only() -> None:
    assert match_words("“Kami KUAT,” ujar\u00a0Umerov.") == ["kami", "kuat", "ujar", "umerov"]


def test_light_tokens_are_stop_words_and_punctuation() -> None:
    assert is_light("dan") and is_light("The") and is_light(",")
    assert not is_light("Ukraina")
