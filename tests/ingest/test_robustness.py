"""Whatever bytes arrive, an importer returns articles or raises IngestError, nothing else."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.ingest import SUPPORTED_SUFFIXES, IngestError, parse_bytes
from reader.ingest.article import content_hash

SUFFIXES = sorted(SUPPORTED_SUFFIXES)
FURNITURE_LINES = [
    "DECEMBER 9, 2022", "image", "Baca Juga: x", "Halaman:", "ADVERTISEMENT", "Berita Terkait",
    "Sekjen (Foto: ANTARA)", "KOMPAS.com - Presiden berkata.", "<p>", "</article>", "{", "}",
    '{"text": "x"}', "[", "]", "", " ", "\u00a0", "Ini kalimat yang lengkap.", "Short line",
]  # fmt: skip


def check(articles_or_error: object) -> None:
    if isinstance(articles_or_error, IngestError):
        assert articles_or_error.reason
        return
    assert isinstance(articles_or_error, list)
    for article in articles_or_error:
        assert article.text == article.text.strip()
        assert "\n\n\n" not in article.text
        assert article.title
        assert article.language
        assert article.content_hash == content_hash(article.text)


def attempt(name: str, data: bytes) -> object:
    try:
        return parse_bytes(name, data)
    except IngestError as error:
        return error


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=400))
def test_arbitrary_bytes(suffix: str, data: bytes) -> None:
    check(attempt(f"f{suffix}", data))


@settings(max_examples=150, deadline=None)
@given(
    suffix=st.sampled_from(SUFFIXES),
    lines=st.lists(st.one_of(st.sampled_from(FURNITURE_LINES), st.text(max_size=60)), max_size=25),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_page_like_text(suffix: str, lines: list[str], encoding: str) -> None:
    data = "\n".join(lines).encode(encoding, errors="replace")
    check(attempt(f"f{suffix}", data))


@settings(max_examples=100, deadline=None)
@given(
    record=st.dictionaries(
        st.sampled_from(["text", "title", "outlet", "url", "published", "section", "language"]),
        st.one_of(st.none(), st.text(max_size=40), st.integers(), st.lists(st.integers())),
    )
)
def test_json_records(record: dict[str, object]) -> None:
    check(attempt("r.json", json.dumps(record).encode()))
    check(attempt("r.jsonl", (json.dumps(record) + "\n").encode()))
