"""export_comparison dispatch and suggested file names."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.export import FORMATS, export_comparison, suggested_filename
from tests.export.fixtures import EXPORTED_AT, english_comparison, english_doc, make_doc


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_text_formats_are_written_as_utf8(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    assert export_comparison(english_doc(), fmt, target, exported_at=EXPORTED_AT) == target
    content = target.read_text(encoding="utf-8")
    assert "2026-11-22" in content
    assert "The mayor proudly opened the bridge on" in content.replace("**", "").replace(
        "<ins>", "").replace("</ins>", "")


def test_export_time_defaults_to_now(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    before = datetime.now(UTC).replace(microsecond=0)
    export_comparison(english_doc(), "json", target)
    stamp = datetime.fromisoformat(json.loads(target.read_text())["generated"])
    assert before <= stamp <= datetime.now(UTC)


def test_unknown_format_is_a_value_error_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="docx"):
        export_comparison(english_doc(), "docx", tmp_path / "out.docx")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError):
        suggested_filename(english_doc(), "txt")


def test_formats() -> None:
    assert FORMATS == ("html", "pdf", "md", "json")


def test_suggested_filename() -> None:
    assert suggested_filename(english_doc(), "html") == "bridge-opens-11-vs-12.html"
    indonesian = make_doc(english_comparison(),
                          title="Sekjen NATO Mark Rutte Tegaskan Perlu Perkuat Ukraina Sebelum "
                                "Pembicaraan Damai")
    name = suggested_filename(indonesian, "pdf")
    assert name == "sekjen-nato-mark-rutte-tegaskan-perlu-perkuat-ukraina-11-vs-12.pdf"
    assert suggested_filename(make_doc(english_comparison(), title="Café “Zürich” / Ž"),
                              "md") == "cafe-zurich-z-11-vs-12.md"
    assert suggested_filename(make_doc(english_comparison(), title="新闻 ✅"),
                              "json") == "story-1-11-vs-12.json"
