"""HTML pages: main text and metadata, never a fetch or a script."""

from __future__ import annotations

import socket
from datetime import date

import pytest

from reader.ingest import IngestError, parse_bytes

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Council backs flood barrier | Riverside Courier</title>
<meta property="og:title" content="Council backs flood barrier">
<meta property="og:site_name" content="Riverside Courier">
<meta property="og:url" content="https://courier.example/news/flood-barrier">
<link rel="canonical" href="https://courier.example/news/flood-barrier">
<meta property="article:published_time" content="2024-03-14T09:30:00Z">
<script>document.title = "SCRIPT RAN";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article>
<h1>Council backs flood barrier</h1>
<p>The city council voted 7-2 on Wednesday night to fund a flood barrier along the river,
ending a two-year argument over its cost.</p>
<p>"This is the cheapest insurance we will ever buy," said councillor Maria Ortega.</p>
<p>Read more: Sensors will watch the river</p>
<p>The barrier will cost 14 million dollars and take three years to build, officials said.</p>
<img src="https://images.example/barrier.jpg" alt="The river">
</article>
<footer>Copyright 2024 Riverside Courier</footer>
</body></html>
"""


def test_main_text_and_metadata() -> None:
    [article] = parse_bytes("page.html", PAGE.encode())
    assert article.title == "Council backs flood barrier"
    assert article.outlet == "Riverside Courier"
    assert article.url == "https://courier.example/news/flood-barrier"
    assert article.published == date(2024, 3, 14)
    assert article.language == "en"
    assert article.raw == PAGE.encode()
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("The city council voted 7-2")
    assert paragraphs[
        1
    ] == '"This is the cheapest insurance we will ever buy," said councillor ' + ("Maria Ortega.")
    assert paragraphs[-1].startswith("The barrier will cost 14 million dollars")
    for absent in ("Home", "Read more", "Copyright", "SCRIPT RAN", "document.title"):
        assert absent not in article.text


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the importer tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    [article] = parse_bytes("page.htm", PAGE.encode())
    assert article.text


def test_truncated_html_still_yields_its_text() -> None:
    cut = PAGE[: PAGE.index("Read more")]
    [article] = parse_bytes("cut.html", cut.encode())
    assert article.text.startswith("The city council voted 7-2")
    assert "cheapest insurance" in article.text


def test_malformed_html_yields_its_text() -> None:
    markup = (
        "<html><body><div><p>The harbour reopened on Monday after three weeks of repairs to "
        "the sea wall, the port authority said.<p>Fishing boats were the first to leave, "
        "and ferries will follow on Thursday once inspectors sign off the new pier.</div></span>"
    )
    [article] = parse_bytes("bad.html", markup.encode())
    assert "harbour reopened on Monday" in article.text
    assert "ferries will follow on Thursday" in article.text


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>Nothing here</title></head><body><nav>Home</nav></body></html>",
        "<html><body><script>var x = 1;</script></body></html>",
        "<html></html>",
    ],
)
def test_html_without_main_text_is_refused(markup: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_bytes("empty.html", markup.encode())
    assert caught.value.reason == "no article text found in the HTML"
    assert caught.value.source == "empty.html"


def test_indonesian_html() -> None:
    markup = (
        '<html lang="id"><head><title>Banjir Rob Rendam Pesisir</title>'
        '<meta property="og:site_name" content="Kabar Pesisir"></head><body><article>'
        "<h1>Banjir Rob Rendam Pesisir</h1>"
        "<p>Banjir rob kembali merendam permukiman warga di pesisir utara pada Selasa pagi, "
        "dan ketinggian air mencapai 50 sentimeter di beberapa titik.</p>"
        "<p>Baca Juga: Tanggul Laut Mulai Dibangun Tahun Depan</p>"
        "<p>Warga berharap pemerintah segera menyelesaikan tanggul yang sudah lama dijanjikan "
        "karena rob datang hampir setiap bulan.</p></article></body></html>"
    )
    [article] = parse_bytes("rob.html", markup.encode())
    assert article.title == "Banjir Rob Rendam Pesisir"
    assert article.outlet == "Kabar Pesisir"
    assert article.language == "id"
    assert "Baca Juga" not in article.text
    assert len(article.text.split("\n\n")) == 2
