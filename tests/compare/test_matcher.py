"""The word diff's matcher: cydifflib when installed, stdlib difflib otherwise, same blocks."""

from __future__ import annotations

import difflib
import importlib.util
import random
import sys
from collections.abc import Iterator
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.compare import matcher
from reader.compare.tokens import TOKEN_RE

from .conftest import read_fixture


@pytest.fixture
def fallback_matcher(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """reader.compare.matcher loaded afresh on a machine without the cydifflib wheel."""
    monkeypatch.setitem(sys.modules, "cydifflib", None)  # `import cydifflib` now fails
    spec = importlib.util.find_spec("reader.compare.matcher")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module


def _stdlib_blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return [(m.a, m.b, m.size) for m in blocks[:-1]]


def _fixture_token_pairs() -> Iterator[tuple[list[str], list[str]]]:
    """Each paragraph of the fixture stories against its counterpart, as casefolded tokens,
    and each whole story against its rewrite (many ties between repeated words)."""
    for original, rewrite in (
        ("seed_original_id.txt", "seed_rewrite_id.txt"),
        ("story_original_en.txt", "story_rewrite_en.txt"),
    ):
        left, right = read_fixture(original).casefold(), read_fixture(rewrite).casefold()
        yield TOKEN_RE.findall(left), TOKEN_RE.findall(right)
        for a, b in zip(left.split("\n\n"), right.split("\n"), strict=False):
            yield TOKEN_RE.findall(a), TOKEN_RE.findall(b)


def test_the_compiled_matcher_is_used_when_installed() -> None:
    pytest.importorskip("cydifflib")
    assert matcher.COMPILED


def test_compiled_and_stdlib_matchers_give_the_same_opcodes_on_the_fixtures() -> None:
    cydifflib = pytest.importorskip("cydifflib")
    pairs = list(_fixture_token_pairs())
    assert len(pairs) > 10
    for a, b in pairs:
        compiled = cydifflib.SequenceMatcher(None, a, b, autojunk=False)
        stdlib = difflib.SequenceMatcher(None, a, b, autojunk=False)
        assert compiled.get_opcodes() == stdlib.get_opcodes()
        assert matcher.matching_blocks(a, b) == _stdlib_blocks(a, b)


def test_without_the_wheel_the_stdlib_matcher_gives_the_same_blocks(
    fallback_matcher: ModuleType,
) -> None:
    assert not fallback_matcher.COMPILED
    assert fallback_matcher.SequenceMatcher is difflib.SequenceMatcher
    for a, b in _fixture_token_pairs():
        assert fallback_matcher.matching_blocks(a, b) == matcher.matching_blocks(a, b)


def test_junk_heuristics_are_off() -> None:
    # With autojunk, a token in over 1% of a 200+ token sequence ("yang") would be ignored.
    a = ["yang", "x"] * 150
    b = ["yang", "y"] * 150
    assert sum(n for _, _, n in matcher.matching_blocks(a, b)) == 150


def test_empty_sequences_have_no_blocks() -> None:
    assert matcher.matching_blocks([], ["a"]) == []
    assert matcher.matching_blocks(["a"], []) == []


_TOKENS = st.sampled_from(["a", "b", "c", "d", ",", "yang"])


def _edited(base: list[str], edits: list[tuple[int, int, str]]) -> list[str]:
    out = list(base)
    for kind, at, token in edits:
        at = at % (len(out) + 1)
        if kind == 0:
            out.insert(at, token)
        elif out and kind == 1:
            del out[min(at, len(out) - 1)]
        elif out:
            out[min(at, len(out) - 1)] = token
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_TOKENS, max_size=40),
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 60), _TOKENS), max_size=12),
    st.lists(_TOKENS, max_size=40),
    st.booleans(),
)
def test_tie_breaks_are_difflibs(
    a: list[str], edits: list[tuple[int, int, str]], other: list[str], related: bool
) -> None:
    # Few distinct tokens make many equally long runs: the tie-breaks decide the blocks.
    b = _edited(a, edits) if related else other
    assert matcher.matching_blocks(a, b) == _stdlib_blocks(a, b)


def test_random_word_lists_match_difflib() -> None:
    rng = random.Random(20250213)
    vocabulary = ["yang", "dan", ",", ".", "kami", "Rutte", "a", "b"]
    for _ in range(300):
        a = [rng.choice(vocabulary) for _ in range(rng.randint(0, 60))]
        b = [rng.choice(vocabulary) for _ in range(rng.randint(0, 60))]
        assert matcher.matching_blocks(a, b) == _stdlib_blocks(a, b)


def test_a_comparison_without_the_wheel_is_the_same_comparison(
    fallback_matcher: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.compare import compare, worddiff

    left, right = read_fixture("story_original_en.txt"), read_fixture("story_rewrite_en.txt")
    compiled = compare(left, right)
    monkeypatch.setattr(worddiff, "matching_blocks", fallback_matcher.matching_blocks)
    assert compare(left, right) == compiled
