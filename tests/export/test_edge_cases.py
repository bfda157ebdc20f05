"""Edge cases every writer must survive: empty versions, identical versions, no notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from reader.compare.model import Comparison, QuoteCounts, RowCounts, Stats
from reader.export import FORMATS, export_comparison
from reader.export.html import render_html
from reader.export.markdown import render_markdown
from reader.store.records import StoryComparison
from tests.export.fixtures import EXPORTED_AT, make_doc, make_ops, make_side
from tests.export.htmltree import parse


def _empty() -> StoryComparison:
    side = make_side("", [])
    return make_doc(Comparison(side, side, (), (), Stats(0, 0, 0.0, 0.0, RowCounts(),
                                                         QuoteCounts())), title="")


def _identical() -> StoryComparison:
    from reader.compare.model import Row

    side = make_side("Same", [["One sentence.", "Two sentences."]])
    rows = tuple(Row("equal", False, (i,), (i,), 1.0,
                     make_ops([("equal", s.text, s.text)])) for i, s in enumerate(side.sentences))
    return make_doc(Comparison(side, side, rows, (), Stats(3, 3, 1.0, 0.0, RowCounts(equal=2),
                                                           QuoteCounts())))


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_versions_export_in_every_format(qapp: QApplication, tmp_path: Path,
                                               fmt: str) -> None:
    target = tmp_path / f"empty.{fmt}"
    export_comparison(_empty(), fmt, target, exported_at=EXPORTED_AT)
    assert target.stat().st_size > 0
    if fmt == "json":
        assert json.loads(target.read_text())["parallax:comparison"]["rows"] == []


def test_empty_and_identical_say_so() -> None:
    root, _ = parse(render_html(_empty(), EXPORTED_AT))
    assert "Both versions are empty." in root.text()
    assert "Neither version has a direct quotation." in root.text()
    md = render_markdown(_identical(), EXPORTED_AT)
    assert "The two versions are identical." in md
    assert "2 unchanged rows without notes not shown." in md
