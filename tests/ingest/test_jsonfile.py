"""JSON and JSON Lines articles, and every way a record can be wrong."""

from __future__ import annotations

import json
from datetime import date

import pytest

from reader.ingest import IngestError, parse_bytes

TEXT = (
    "The museum reopened on Saturday after a two-year renovation.\n\n"
    "Visitors queued from early morning to see the restored mosaic floor."
)


def test_single_object_with_all_fields() -> None:
    record = {
        "text": TEXT,
        "title": "Museum reopens",
        "outlet": "City Post",
        "url": "https://citypost.example/museum",
        "published": "2024-04-06T10:00:00Z",
        "section": "Culture",
        "language": " EN ",
        "ignored_extra": 42,
    }
    data = json.dumps(record).encode()
    [article] = parse_bytes("museum.json", data)
    assert article.source_name == "museum.json"
    assert article.raw == data
    assert article.title == "Museum reopens"
    assert article.outlet == "City Post"
    assert article.url == "https://citypost.example/museum"
    assert article.published == date(2024, 4, 6)
    assert article.section == "Culture"
    assert article.language == "en"
    assert article.text == TEXT


def test_only_text_required_and_the_rest_derived() -> None:
    [article] = parse_bytes(
        "bare.json", json.dumps({"text": "KOMPAS.com - " + TEXT, "title": None}).encode()
    )
    assert article.title == "The museum reopened on Saturday after a two-year renovation."
    assert article.outlet == "KOMPAS.com"
    assert article.text == TEXT
    assert article.language == "en"
    assert article.published is None and article.url is None and article.section is None


def test_single_newlines_separate_paragraphs_when_there_is_no_blank_line() -> None:
    [article] = parse_bytes("lines.json", json.dumps({"text": "One line.\nTwo line."}).encode())
    assert article.text == "One line.\n\nTwo line."


def test_list_of_records_keeps_each_records_own_source_text() -> None:
    data = (
        b'[\n  {"text": "First story text."},\n'
        b'  {"text": "Second story text.", "published": "2023-02-01"}\n]\n'
    )
    first, second = parse_bytes("many.json", data)
    assert first.source_name == "many.json#1"
    assert second.source_name == "many.json#2"
    assert first.raw == b'{"text": "First story text."}'
    assert json.loads(second.raw) == {"text": "Second story text.", "published": "2023-02-01"}
    assert second.published == date(2023, 2, 1)


def test_jsonl_records_keep_their_line_bytes() -> None:
    lines = [
        json.dumps(
            {"text": "Première histoire, café et crème.", "language": "fr"}, ensure_ascii=False
        ),
        "",
        json.dumps({"text": "Second story.", "title": "Second"}),
    ]
    data = ("\r\n".join(lines) + "\r\n").encode()
    first, second = parse_bytes("feed.jsonl", data)
    assert first.source_name == "feed.jsonl#1"
    assert second.source_name == "feed.jsonl#3"
    assert first.raw == lines[0].encode()
    assert second.raw == lines[2].encode()
    assert first.language == "fr"
    assert second.title == "Second"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("a.json", '{"text": "x",', "not valid JSON"),
        ("a.json", '{"text": "x"}\n{"text": "y"}\n',
         "not valid JSON (Extra data, line 2 column 1; "
         "one object per line belongs in a .jsonl file)"),
        ("a.json", "42", "JSON must be an article object or a list of them"),
        ("a.json", "[]", "JSON list holds no articles"),
        ("a.json", '{"title": "No text"}', "JSON record has no 'text' field"),
        ("a.json", '[{"text": "ok"}, {"text": "ok"}, {"title": "x"}]',
         "JSON record 3 has no 'text' field"),
        ("a.json", '[{"text": "ok"}, "just a string"]', "JSON record 2 is not an object"),
        ("a.json", '{"text": 12}', "JSON record field 'text' must be a string, not int"),
        ("a.json", '{"text": "   "}', "JSON record has an empty 'text' field"),
        ("a.json", '{"text": "ok", "title": ["x"]}',
         "JSON record field 'title' must be a string, not list"),
        ("a.json", '{"text": "ok", "published": "yesterday"}',
         "JSON record field 'published' is not an ISO date ('yesterday')"),
        ("a.json", '{"text": "ok", "published": 2024}',
         "JSON record field 'published' must be a string, not int"),
        ("a.jsonl", '{"text": "ok"}\n{"text": "ok"\n', "JSON line 2 is not valid JSON"),
        ("a.jsonl", '{"text": "ok"}\n{"url": "x"}\n', "JSON record 2 has no 'text' field"),
        ("a.jsonl", '{"text": "ok"}\n[1, 2]\n', "JSON record 2 is not an object"),
        ("a.jsonl", "\n\n  \n", "empty file"),
        ("a.json", '{"text": "Baca juga: Sesuatu yang lain"}',
         "JSON record: no article text found"),
    ],
)  # fmt: skip
def test_bad_records_fail_the_whole_file(name: str, content: str, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_bytes(name, content.encode())
    assert caught.value.source == name
    assert caught.value.reason.startswith(reason), caught.value.reason
