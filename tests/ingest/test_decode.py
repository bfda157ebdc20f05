"""Encodings: byte-order marks, UTF-8, and the legacy code pages scraped pages arrive in."""

from __future__ import annotations

import codecs

import pytest

from reader.ingest import parse_bytes
from reader.ingest.decode import decode_text

ENGLISH = (
    "Café owners on the “Rue d’Azur” welcomed the council’s naïve plan – a résumé of 12 pages, "
    "priced at £40 and €45.\nIt was approved on Tuesday.\n"
)
INDONESIAN = "Menteri mengatakan bahwa “kami siap” dan warga menyambutnya dengan gembira…\n"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_byte_order_marks(encoding: str, bom: bytes) -> None:
    for text in (ENGLISH, INDONESIAN):
        assert decode_text("x.txt", bom + text.encode(encoding)) == text


def test_utf16_written_by_python_with_its_bom() -> None:
    assert decode_text("x.txt", ENGLISH.encode("utf-16")) == ENGLISH


def test_plain_utf8() -> None:
    assert decode_text("x.txt", INDONESIAN.encode()) == INDONESIAN


def test_cp1252_with_curly_quotes_and_accents() -> None:
    assert decode_text("x.txt", ENGLISH.encode("cp1252")) == ENGLISH


@pytest.mark.parametrize(
    "text",
    [
        "Olá, a façade of the Hôtel de Ville was repainted über-quickly. Søren paid £12.\n",
        "Le conseil a approuvé le barrage à l'unanimité après un débat très animé.\n",
        "Über die Brücke gehen wir heute Abend, schöne Grüße aus München.\n",
    ],
)
def test_latin1(text: str) -> None:
    assert decode_text("x.txt", text.encode("latin-1")) == text


def test_newlines_are_normalised_and_nbsp_kept() -> None:
    data = "One\u00a0two\r\nthree\rfour\n".encode()
    assert decode_text("x.txt", data) == "One\u00a0two\nthree\nfour\n"


def test_a_whole_cp1252_article_imports() -> None:
    page = "Harwick council backs flood barrier\n\n" + ENGLISH.replace("\n", "\n\n")
    [article] = parse_bytes("legacy.txt", page.encode("cp1252"))
    assert article.title == "Harwick council backs flood barrier"
    assert "“Rue d’Azur”" in article.text
    assert "naïve" in article.text


def test_utf16_html_and_json() -> None:
    html = (
        "<html><body><article><p>Warga menyambut jembatan baru itu dengan gembira "
        "karena perjalanan ke sekolah kini hanya lima menit.</p></article></body></html>"
    )
    [article] = parse_bytes("page.html", html.encode("utf-16"))
    assert article.text.startswith("Warga menyambut jembatan baru")
    [record] = parse_bytes("a.json", '{"text": "Café ouvert."}'.encode("utf-16"))
    assert record.text == "Café ouvert."
    first, second = parse_bytes("a.jsonl", '{"text": "Un."}\n{"text": "Deux."}\n'.encode("utf-16"))
    assert (first.text, second.text) == ("Un.", "Deux.")
    assert second.raw == b'{"text": "Deux."}'  # re-encoded as UTF-8: not a UTF-8 file
