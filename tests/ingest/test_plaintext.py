"""Plain-text pages: headline, dateline, section, outlet and a body free of page furniture."""

from __future__ import annotations

from datetime import date

from reader.ingest import read_articles
from reader.ingest.model import ParsedArticle

from .helpers import FIXTURES


def only(name: str) -> ParsedArticle:
    articles = read_articles(FIXTURES / name)
    assert len(articles) == 1
    return articles[0]


def test_seed_page_metadata() -> None:
    article = only("seed_original_id.txt")
    assert article.title == (
        "Sekjen NATO Mark Rutte Tegaskan Perlu Perkuat Ukraina Sebelum Pembicaraan Damai"
    )
    assert article.outlet == "ORBITINDONESIA.COM"
    assert article.published == date(2022, 12, 9)
    assert article.section == "Internasional"
    assert article.language == "id"
    assert article.url is None


def test_seed_page_text_has_no_furniture() -> None:
    article = only("seed_original_id.txt")
    assert article.text.startswith("Sekretaris Jenderal Pakta Pertahanan Atlantik Utara (NATO)")
    for furniture in (
        "DECEMBER 9, 2022",
        "Internasional",
        "image",
        "(Foto: ANTARA)",
        "Baca Juga",
        "Halaman:",
        "Berita Terkait",
        "ORBITINDONESIA.COM",
        "Sekjen NATO Mark Rutte Tegaskan",
    ):
        assert furniture not in article.text
    assert article.text.endswith("sebagai bagian dari solusi.")
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 10
    assert all(p == p.strip() and "\n" not in p for p in paragraphs)
    assert "Mark Rutte\u00a0pada Kamis" in article.text  # the engine handles U+00A0 itself


def test_seed_page_keeps_raw_bytes() -> None:
    path = FIXTURES / "seed_original_id.txt"
    assert only("seed_original_id.txt").raw == path.read_bytes()


def test_rewrite_without_headline_gets_a_derived_title() -> None:
    article = only("seed_rewrite_id.txt")
    assert article.title.startswith("Sekretaris Jenderal NATO, Mark Rutte, kembali menegaskan")
    assert article.title.endswith("…")
    assert len(article.title) <= 81
    assert not article.title[:-1].endswith(" ")
    assert article.language == "id"
    assert article.outlet is None and article.published is None and article.section is None
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 9  # one paragraph per line, all of them kept
    assert paragraphs[0].startswith("Sekretaris Jenderal NATO, Mark Rutte,")
    assert paragraphs[-1].startswith("Pernyataan ini memicu reaksi")


def test_english_page_with_furniture() -> None:
    article = only("english_page.txt")
    assert article.title == "Ashford bakery chain sold to national rival for £22m"
    assert article.outlet == "Ashford Herald"
    assert article.published == date(2024, 11, 8)
    assert article.section == "Business"
    assert article.language == "en"
    assert article.text.startswith("Crumb & Co, the family-owned bakery chain")
    for furniture in (
        "Published:",
        "Getty Images",
        "Station Road opened in 1971",
        "Read more",
        "ADVERTISEMENT",
        "Related:",
        "Share this article",
        "Editor:",
        "Copyright",
        "ASHFORD (",
    ):
        assert furniture not in article.text
    assert article.text.endswith("which opened last year.")
    assert len(article.text.split("\n\n")) == 4


def test_short_first_line_of_a_line_per_paragraph_file_is_the_headline() -> None:
    article = only("english_one_per_line.txt")
    assert article.title == "Ashford bakery chain changes hands"
    assert article.text.startswith("Crumb & Co, the bakery chain")
    assert len(article.text.split("\n\n")) == 3


def test_hard_wrapped_paragraphs_are_joined() -> None:
    article = only("wrapped_page.txt")
    assert article.title == "Town hall clock to chime again after restoration"
    assert article.text.split("\n\n") == [
        "The town hall clock in Ellery Green will chime again on Saturday after a "
        "restoration that took two years and cost the parish council £180,000, the "
        "clerk, Margaret Hollis, said on Monday. The work was done by a firm from Ashford.",
        "Volunteers raised a third of the money through cake sales, a sponsored walk "
        "and an auction of old clock parts.",
    ]


def test_indonesian_dateline_with_weekday_and_time(tmp_path: object) -> None:
    from reader.ingest import parse_bytes

    page = (
        "Senin, 9 Desember 2024 10:15 WIB\nPolitik\n\n"
        "DPRD Setujui Anggaran Pendidikan Tahun Depan\n\n"
        "JAKARTA, KOMPAS.com - Dewan Perwakilan Rakyat Daerah menyetujui anggaran pendidikan "
        "untuk tahun depan dalam rapat paripurna yang berlangsung hingga malam hari.\n\n"
        "Baca juga: Gaji Guru Honorer Naik Mulai Januari\n\n"
        "Ketua dewan mengatakan bahwa anggaran itu naik sepuluh persen dari tahun ini.\n"
    )
    [article] = parse_bytes("kompas.txt", page.encode())
    assert article.published == date(2024, 12, 9)
    assert article.section == "Politik"
    assert article.title == "DPRD Setujui Anggaran Pendidikan Tahun Depan"
    assert article.outlet == "KOMPAS.com"
    assert article.text.startswith("Dewan Perwakilan Rakyat Daerah menyetujui")
    assert "Baca juga" not in article.text
    assert article.language == "id"


def test_content_hash_ignores_whitespace_layout() -> None:
    from reader.ingest import parse_bytes

    [a] = parse_bytes("a.txt", b"Hello there, this is the story.\n\nIt goes on here.\n")
    [b] = parse_bytes("b.txt", b"Hello there, this is the story.\r\n\r\n\r\nIt goes on here.")
    [c] = parse_bytes("c.txt", b"Hello there, this is the story.\n\nIt goes on HERE.\n")
    assert a.content_hash == b.content_hash
    assert a.content_hash != c.content_hash
    assert len(a.content_hash) == 64


def test_byline_and_reading_time_are_neither_headline_nor_text() -> None:
    from reader.ingest import parse_bytes

    page = (
        "Riverside Courier\nWorld\n\nHarbour reopens after three weeks of repairs\n\n"
        "By Sam Whitlock, harbour reporter\n4 min read\n\n"
        "The harbour reopened on Monday after three weeks of repairs to the sea wall.\n\n"
        "By then, most of the fishing fleet had moved to Port Ellery.\n"
    )
    [article] = parse_bytes("harbour.txt", page.encode())
    assert article.title == "Harbour reopens after three weeks of repairs"
    assert article.section == "World"
    assert article.text == (
        "The harbour reopened on Monday after three weeks of repairs to the sea wall.\n\n"
        "By then, most of the fishing fleet had moved to Port Ellery."
    )


def test_a_headline_directly_above_a_paragraph_stays_apart_from_it() -> None:
    from reader.ingest import parse_bytes

    page = (
        "Council approves the new flood barrier for the River Stour scheme\n"
        "The council voted on Tuesday night to build the barrier along the river, ending a "
        "long dispute over its cost and its route through the town centre.\n"
    )
    [article] = parse_bytes("tight.txt", page.encode())
    assert article.title == "Council approves the new flood barrier for the River Stour scheme"
    assert article.text.startswith("The council voted on Tuesday night")


def test_masthead_outlet_and_published_then_updated_dateline() -> None:
    article = only("metro_courier_en.txt")
    assert article.outlet == "Metro Courier"
    assert article.published == date(2025, 10, 14)  # the publication, not the update
    assert article.section == "Politics"
    assert article.title == "Council approves new harbour plan after long debate"
    assert not article.title_derived
    assert article.text.startswith("The city council approved")
