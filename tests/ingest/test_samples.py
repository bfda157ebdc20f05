"""The shipped sample stories parse, each version with the metadata its format carries."""

from __future__ import annotations

from collections import Counter
from datetime import date

from reader.compare.words import count_words
from reader.ingest import expand_paths, read_articles, samples_dir
from reader.ingest.model import ParsedArticle


def all_samples() -> dict[str, ParsedArticle]:
    articles: dict[str, ParsedArticle] = {}
    for path in expand_paths([samples_dir()]):
        [article] = read_articles(path)
        articles[path.relative_to(samples_dir()).as_posix()] = article
    return articles


def test_every_sample_parses_in_a_realistic_length() -> None:
    articles = all_samples()
    folders = Counter(name.split("/")[0] for name in articles)
    assert len(folders) >= 3
    assert all(2 <= count <= 3 for count in folders.values())
    assert {name.rsplit(".", 1)[1] for name in articles} >= {"txt", "html", "json"}
    for name, article in articles.items():
        assert 150 <= count_words(article.text) <= 400, name
        assert article.title, name
        assert article.language in {"en", "id"}, name
        for furniture in ("Baca Juga", "Baca juga", "Read more", "Read also", "ADVERTISEMENT"):
            assert furniture not in article.text, name


def test_languages() -> None:
    languages = {name.split("/")[0]: a.language for name, a in all_samples().items()}
    assert sorted(languages.values()) == ["en", "en", "id"]


def test_sample_metadata() -> None:
    articles = all_samples()
    gazette = articles["harwick-flood-barrier/1-harwick-gazette.txt"]
    assert gazette.title == "Harwick council backs £14m flood barrier after two-year dispute"
    assert (gazette.outlet, gazette.section) == ("Harwick Gazette", "Local News")
    assert gazette.published == date(2024, 3, 13)
    post = articles["harwick-flood-barrier/2-riverbend-post.html"]
    assert post.outlet == "Riverbend Post"
    assert post.url == "https://riverbendpost.example/news/2024/03/harwick-flood-wall"
    lembah = articles["jembatan-sungai-jernih/1-kabar-lembah.txt"]
    assert (lembah.outlet, lembah.section) == ("KABARLEMBAH.COM", "Daerah")
    assert lembah.published == date(2024, 5, 14)
    assert lembah.text.startswith("Bupati Sungai Jernih, Hendra Wijaya,")
    warta = articles["jembatan-sungai-jernih/2-warta-sumatra.txt"]
    assert warta.title.endswith("…")
