"""Exports name where a version came from without leaking local paths, and never call an
edited row "100% alike" (issue 13, items 14 and 15)."""

from __future__ import annotations

import contextlib
import dataclasses
import re
import zlib

import pytest

from reader.compare import compare
from reader.export.html import render_html, render_print_html
from reader.export.markdown import render_markdown
from reader.present import layout_of
from reader.store.records import StoryComparison
from tests.export.fixtures import EXPORTED_AT, english_doc, make_doc

PUNCTUATION_ONLY = ("The mayor, who spoke on Monday, opened the bridge.\n\nIt rained.",
                    "The mayor who spoke on Monday opened the bridge!\n\nIt rained.")


def punctuation_doc() -> StoryComparison:
    return make_doc(compare(*PUNCTUATION_ONLY))


def test_a_row_differing_only_in_punctuation_is_not_100_percent_alike() -> None:
    doc = punctuation_doc()
    view = layout_of(doc).rows[0]
    assert view.row.kind == "edited" and view.row.similarity == 1.0  # the engine's word score
    assert view.likeness == "punctuation only"
    for text in (render_html(doc, EXPORTED_AT), render_print_html(doc, EXPORTED_AT),
                 render_markdown(doc, EXPORTED_AT)):
        assert "100% alike" not in text
        assert "punctuation only" in text


def test_case_only_and_real_rewordings_say_so() -> None:
    doc = make_doc(compare("The Mayor spoke.\n\nIt rained.", "the mayor spoke.\n\nIt rained."))
    assert layout_of(doc).rows[0].likeness in ("case only", "")  # "" if case is ignored
    doc = make_doc(compare("The mayor spoke on Monday at noon.", "The mayor spoke on Tuesday."))
    assert re.fullmatch(r"\d{1,2}% alike", layout_of(doc).rows[0].likeness)


def with_source(doc: StoryComparison, name: str, url: str | None) -> StoryComparison:
    left = dataclasses.replace(doc.left, source_name=name, url=url)
    right = dataclasses.replace(doc.right, source_name="C:\\Users\\ana\\Desktop\\v2.html",
                                url=None)
    return dataclasses.replace(doc, left=left, right=right)


def test_exports_show_the_file_name_never_the_local_path() -> None:
    doc = with_source(english_doc(), "/home/ana/research/harwick/v1.txt", None)
    for text in (render_html(doc, EXPORTED_AT), render_markdown(doc, EXPORTED_AT)):
        assert "v1.txt" in text and "v2.html" in text
        assert "/home/ana" not in text and "Users" not in text and "Desktop" not in text


def test_a_version_with_a_url_shows_it_linked() -> None:
    url = "https://example.org/news/bridge?id=3&x=1"
    doc = with_source(english_doc(), "/home/ana/bridge.html", url)
    page = render_html(doc, EXPORTED_AT)
    assert '<a href="https://example.org/news/bridge?id=3&amp;x=1">' in page
    assert "/home/ana" not in page and "bridge.html" not in page
    assert "https://example.org/news/bridge?id=3\\&x=1" in render_markdown(doc, EXPORTED_AT)
    assert 'href="https://example.org/news/bridge' in render_print_html(doc, EXPORTED_AT)


@pytest.mark.qt_log_ignore(".*")
def test_the_pdf_links_the_url() -> None:
    from reader.export.pdf import render_pdf

    doc = with_source(english_doc(), "/home/ana/bridge.html", "https://example.org/news/b")
    data = render_pdf(doc, EXPORTED_AT)
    streams = [data]
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        with contextlib.suppress(zlib.error):
            streams.append(zlib.decompress(m.group(1)))
    joined = b"".join(streams)
    assert b"/URI" in joined and b"example.org/news/b" in joined
    assert b"/home/ana" not in joined
