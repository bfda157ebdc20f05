"""`reader timeline` lists each quotation's wording through the versions of a story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from tests.compare.quote_chain import QUOTE_CHAIN_ID


@pytest.fixture
def story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, list[int]]:
    """The Indonesian quotation chain, one dated JSON file per version, imported newest first."""
    db = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    files = []
    for n, text in enumerate(QUOTE_CHAIN_ID):
        path = tmp_path / f"v{n}.json"
        path.write_text(json.dumps({"text": text, "title": "Menteri NATO bertemu",
                                    "outlet": "Kabar", "published": f"2026-02-1{n}"}))
        files.append(str(path))
    assert main(["--db", db, "import", "--new-story", *reversed(files)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "timeline", "1", "--format", "json"]) == 0
    ids = [v["id"] for v in json.loads(capsys.readouterr().out)["versions"]]
    return db, ids


def test_timeline_json_carries_each_quotations_wordings(
        story: tuple[str, list[int]], capsys: pytest.CaptureFixture[str]) -> None:
    db, ids = story
    assert main(["--db", db, "timeline", "1", "--format", "json"]) == 0
    quotations = json.loads(capsys.readouterr().out)["quotations"]
    assert len(quotations) == 3
    rutte = next(q for q in quotations if q["wordings"][0]["text"].startswith("Yang jelas"))
    assert rutte["first_seen"] == ids[0]
    assert [w["article"] for w in rutte["wordings"]] == ids
    assert [w["verdict"] for w in rutte["wordings"]] == [
        None, "altered", "trimmed", "verbatim", "verbatim", "verbatim"]
    assert rutte["wordings"][2]["text"] == (
        "Kami wajib memastikan Ukraina berada dalam posisi yang kuat,")
    hegseth = next(q for q in quotations
                   if q["wordings"][0]["text"].startswith("Amerika Serikat"))
    assert hegseth["wordings"][4] == {"article": ids[4], "text": None, "verdict": "dropped"}
    assert hegseth["wordings"][5] == {"article": ids[5], "text": None, "verdict": "absent"}


def test_timeline_text_says_what_became_of_each_quotation(
        story: tuple[str, list[int]], capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = story
    assert main(["--db", db, "timeline", "1"]) == 0
    out = capsys.readouterr().out
    assert "Quotations: 3, 3 changed along the way" in out
    assert "(from v1: v2 altered, v3 trimmed)" in out
    assert ("\u201cKami kuat, kami mampu, dan kami akan bertahan,\u201d "
            "(from v1: v4 unquoted)") in out
    assert "(from v1: v5 dropped)" in out


def test_export_all_versions_writes_one_overview_page(
        story: tuple[str, list[int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = story
    target = tmp_path / "overview.html"
    assert main(["--db", db, "export", "1", "--format", "html", "--all-versions",
                 "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == (
        f"exported story 1 (6 versions, 3 quotations) to {target}")
    page = target.read_text(encoding="utf-8")
    assert page.count('<section class="step"') == 5 and "Quotation history" in page
    # Without -o the page goes to standard output, as a one-pair export does.
    assert main(["--db", db, "export", "1", "--format", "html", "--all-versions"]) == 0
    assert capsys.readouterr().out.count('<section class="step"') == 5


@pytest.mark.parametrize(("extra", "message"), [
    (["--format", "md"], "reader: --all-versions writes one HTML page; use --format html, "
                         "not --format md"),
    (["--format", "pdf"], "reader: --all-versions writes one HTML page; use --format html, "
                          "not --format pdf"),
    (["--format", "html", "--left", "1"], "reader: --all-versions compares every version "
                                          "with the one before; leave out --left and --right"),
])
def test_export_all_versions_refuses_what_it_cannot_do_in_one_line(
        story: tuple[str, list[int]], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        extra: list[str], message: str) -> None:
    db, _ = story
    assert main(["--db", db, "export", "1", "--all-versions", "-o",
                 str(tmp_path / "x.out"), *extra]) == 1
    assert capsys.readouterr().err.strip() == message
    assert not (tmp_path / "x.out").exists()


def test_a_story_of_one_version_claims_nothing_about_its_quotations(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'one.sqlite3'}"
    path = tmp_path / "only.txt"
    path.write_text(QUOTE_CHAIN_ID[0], encoding="utf-8")
    assert main(["--db", db, "import", str(path)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "timeline", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("v1  article 1") and "uotation" not in out
