"""Exports of comparisons made by the real engine (reader.compare.compare) on real text."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from reader.compare import compare
from reader.compare.model import Comparison, row_text
from reader.export.annotations import render_json
from reader.export.html import render_html
from reader.export.markdown import render_markdown
from reader.store.records import NoteRecord, StoryComparison, StorySummary
from tests.export.fixtures import EXPORTED_AT, anchor_at, article, note, summary_of
from tests.export.htmltree import parse

# Short excerpts of the two seed versions (an Indonesian story and its paraphrased rewrite).
ORIGINAL = (
    "ORBITINDONESIA.COM - Sekretaris Jenderal Pakta Pertahanan Atlantik Utara (NATO), Mark "
    "Rutte pada Kamis, 13 Februari 2025 kembali menegaskan perlunya memperkuat Ukraina sebelum "
    "pembicaraan damai dimulai.\n\n"
    "\"Kami harus terus memberikan dukungan militer,\" tambah Mark Rutte.\n\n"
    "Sementara itu, Umerov menegaskan bahwa negaranya akan terus berjuang. \"Kami kuat, kami "
    "mampu, kami siap, dan kami akan memberikan hasil,\" ujarnya, seraya mengucapkan terima "
    "kasih kepada negara-negara NATO atas dukungannya.\n\n"
    "Trump juga mengadakan pembicaraan dengan Presiden Ukraina, Volodymyr Zelenskyy."
)
REWRITE = (
    "Sekretaris Jenderal NATO, Mark Rutte, kembali menegaskan pentingnya memperkuat posisi "
    "Ukraina sebelum proses negosiasi damai dimulai.\n\n"
    "Di sisi lain, Umerov menegaskan bahwa negaranya tidak akan menyerah dalam mempertahankan "
    "kedaulatan.\n\n"
    "\u201cKami kuat, kami mampu, kami siap, dan kami akan memberikan hasil,\u201d tegasnya, "
    "sembari menyampaikan apresiasi kepada negara-negara anggota NATO atas dukungan mereka.\n\n"
    "Trump juga mengadakan pembicaraan dengan Presiden Ukraina Volodymyr Zelenskyy.\n\n"
    "Pernyataan ini memicu reaksi dari para pemimpin Eropa 🇪🇺."
)


def _doc(cmp: Comparison, notes: tuple[NoteRecord, ...] = (),
         language: str = "id") -> StoryComparison:
    left = article(21, cmp.left, outlet="Orbit Indonesia", published=date(2025, 2, 13),
                   language=language)
    right = article(22, cmp.right, outlet="Rewrite", published=None, language=language)
    story = StorySummary(3, "Sekjen NATO Mark Rutte Tegaskan Perlu Perkuat Ukraina",
                         (summary_of(left), summary_of(right)))
    return StoryComparison(story, left, right, cmp, notes)


def seed_doc() -> StoryComparison:
    cmp = compare(ORIGINAL, REWRITE, left_title="Sekjen NATO", right_title="")
    notes = (
        note(1, None, "Rewrite drops the dateline."),
        note(2, 21, "Janji dukungan militer hilang di versi kedua.",
             anchor=anchor_at(ORIGINAL, "terus memberikan dukungan militer"), label="kutipan"),
        note(3, 22, "Kalimat tanpa sumber 🤔", anchor=anchor_at(REWRITE, "para pemimpin Eropa 🇪🇺")),
    )
    return _doc(cmp, notes)


def long_doc() -> StoryComparison:
    left = "\n\n".join(f"Paragraph {n} reports that the council met on day {n} and agreed "
                       f"to fund project {n}." for n in range(1, 41))
    right = "\n\n".join(
        f"Paragraph {n} reports that the council met on day {n} and "
        f"{'refused' if n % 3 == 0 else 'agreed'} to fund project {n}." for n in range(1, 41))
    return _doc(compare(left, right), language="en")


@pytest.fixture(scope="module")
def doc() -> StoryComparison:
    return seed_doc()


def test_html_rows_match_the_engine_rows(doc: StoryComparison) -> None:
    root, _ = parse(render_html(doc, EXPORTED_AT))
    rows = [tr for tr in root.find("table", "compare").find_all("tr") if "row" in tr.classes]
    cmp = doc.comparison
    assert len(rows) == len(cmp.rows)
    for tr, row in zip(rows, cmp.rows, strict=True):
        cells = [td for td in tr.find_all("td") if "side" in td.classes]
        for cell, side, ids in ((cells[0], cmp.left, row.left), (cells[1], cmp.right, row.right)):
            shown = re.sub(r"quote (altered|dropped|unquoted|added|verbatim)|\d", "", cell.text())
            assert shown == re.sub(r"\d", "", row_text(side, ids))
    assert "Kalimat tanpa sumber 🤔" in root.by_id("note-2").text()
    added_row = root.by_id("noteref-2").ancestor("tr")
    assert "added" in added_row.classes


def test_engine_changes_show_as_marks(doc: StoryComparison) -> None:
    root, _ = parse(render_html(doc, EXPORTED_AT))
    deleted = " ".join(d.text() for d in root.find_all("del"))
    inserted = " ".join(i.text() for i in root.find_all("ins"))
    assert "terus berjuang" in deleted
    assert "menyerah" in inserted
    md = render_markdown(doc, EXPORTED_AT)
    assert "~~" in md and "**" in md
    assert "> Janji dukungan militer hilang di versi kedua." in md


def test_json_is_the_compare_contract_plus_notes(doc: StoryComparison) -> None:
    data = json.loads(render_json(doc, EXPORTED_AT))
    contract = json.loads(json.dumps(doc.comparison.to_dict()))
    assert data["parallax:comparison"] == contract
    selector = data["first"]["items"][2]["target"]["selector"]
    assert REWRITE[selector[1]["start"]:selector[1]["end"]] == "para pemimpin Eropa 🇪🇺"
