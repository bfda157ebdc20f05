"""Fixtures of the comparison tests: the seed story (cleaned body) and an English story."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.compare import Comparison, compare

FIXTURES = Path(__file__).parent / "fixtures"


def read_fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_comparison() -> Comparison:
    return compare(read_fixture("seed_original_id.txt"), read_fixture("seed_rewrite_id.txt"))


@pytest.fixture(scope="session")
def english_comparison() -> Comparison:
    return compare(read_fixture("story_original_en.txt"), read_fixture("story_rewrite_en.txt"))
