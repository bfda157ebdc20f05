"""HTML pages: main text and metadata through trafilatura.

The page is handed over as a string, never a URL, so nothing is fetched, and trafilatura only
parses markup: no script runs. Its text has one paragraph per line; the headline it repeats as
the first line is dropped, furniture lines ("Read more: ...") go the same way as in plain text.
"""

from __future__ import annotations

from datetime import date

from reader.compare.words import count_words
from reader.ingest.article import build_article
from reader.ingest.errors import IngestError
from reader.ingest.furniture import clean_body, split_outlet_prefix
from reader.ingest.model import ParsedArticle

NO_HTML_TEXT = "no article text found in the HTML"
# Fewer words than this is what the extractor salvages from a page without an article (a menu
# item, a cookie notice), not a story.
MIN_HTML_WORDS = 5


def parse_html(source_name: str, raw: bytes, markup: str) -> ParsedArticle:
    # Imported here: it takes ~130 ms, which the window's start-up should not pay for.
    import trafilatura

    document = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    text: str = (getattr(document, "text", None) or "") if document is not None else ""
    title = _text_field(document, "title")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and title and _same_words(lines[0], title):
        lines = lines[1:]
    paragraphs = clean_body(lines)
    if sum(count_words(paragraph) for paragraph in paragraphs) < MIN_HTML_WORDS:
        raise IngestError(source_name, NO_HTML_TEXT)
    prefix_outlet, paragraphs[0] = split_outlet_prefix(paragraphs[0])
    categories = getattr(document, "categories", None) or []
    return build_article(
        source_name,
        raw,
        paragraphs,
        title=title,
        outlet=_text_field(document, "sitename") or prefix_outlet,
        url=_text_field(document, "url"),
        published=_date_field(document),
        section=categories[0] if categories and isinstance(categories[0], str) else None,
    )


def _same_words(first: str, second: str) -> bool:
    return first.casefold().split() == second.casefold().split()


def _text_field(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    return value.strip() or None if isinstance(value, str) else None


def _date_field(document: object) -> date | None:
    value = _text_field(document, "date")
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
