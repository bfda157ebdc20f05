"""The PDF export, read back with pypdf: content, notes, page numbers, A4."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from reader.export import export_comparison
from reader.export.pdf import render_pdf
from reader.store.records import StoryComparison
from tests.export.fixtures import EXPORTED_AT, english_doc

A4_POINTS = (595, 842)


def _pages_text(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    # NFKC undoes the "ffi"-style ligatures the PDF's font uses.
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text() or "").split())
            for page in reader.pages]


@pytest.fixture(scope="module")
def doc() -> StoryComparison:
    return english_doc()


def test_pdf_has_the_content_notes_and_page_numbers(qapp: QApplication,
                                                    doc: StoryComparison) -> None:
    data = render_pdf(doc, EXPORTED_AT)
    assert data.startswith(b"%PDF-")
    pages = _pages_text(data)
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text
    everything = " ".join(pages)
    for sentence in ("Critics called it a waste of money.", "Traffic was heavy all day",
                     "Police closed two lanes", "The governor called the bridge"):
        assert sentence in everything
    for body in ("Day of the opening differs between versions.",
                 "This councillor is not named anywhere.",
                 "A sentence that was later deleted from the text.", "softens the criticism."):
        assert body in everything
    assert "Orphaned notes" in everything and "Quotations" in everything
    assert re.search(r"quote\s+altered", everything)


def test_pages_are_a4_portrait(qapp: QApplication, doc: StoryComparison) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(doc, EXPORTED_AT)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_POINTS
    assert reader.metadata is not None and reader.metadata.title == "Bridge opens — comparison"


def test_long_comparison_runs_over_pages_with_every_row(qapp: QApplication) -> None:
    from tests.export.test_real_engine import long_doc

    data = render_pdf(long_doc(), EXPORTED_AT)
    pages = _pages_text(data)
    assert len(pages) >= 3
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    for n in range(1, 41):
        # A row is never split over two pages: its first and last words share a page.
        holders = [p for p in pages if f"Paragraph {n} reports" in p]
        assert holders and all(f"fund project {n}." in p for p in holders)
    # The column headers are repeated on every page the table runs over.
    table_pages = [p for p in pages if "Paragraph" in p]
    assert len(table_pages) >= 3
    assert all("Right: Rewrite, date unknown" in p for p in table_pages)


def test_path_and_buffer_targets(qapp: QApplication, doc: StoryComparison,
                                 tmp_path: Path) -> None:
    buffer = io.BytesIO()
    data = render_pdf(doc, EXPORTED_AT, buffer)
    assert buffer.getvalue() == data
    target = tmp_path / "out.pdf"
    render_pdf(doc, EXPORTED_AT, target)
    assert target.read_bytes()[:5] == b"%PDF-"
    via_api = tmp_path / "api.pdf"
    export_comparison(doc, "pdf", via_api, exported_at=EXPORTED_AT)
    assert _pages_text(via_api.read_bytes())[0].startswith("Bridge opens")
