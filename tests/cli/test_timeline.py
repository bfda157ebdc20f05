"""`reader timeline` and `reader notes list --in` as a user scripts them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from tests.compare.chain import CHAIN


@pytest.fixture
def story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, list[int]]:
    """The council chain imported as JSON with dates, one version per file, into one story."""
    db = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    files = []
    for n, text in enumerate(CHAIN):
        path = tmp_path / f"v{n}.json"
        path.write_text(json.dumps({"text": text, "title": "Council budget",
                                    "outlet": "Courier", "published": f"2026-03-0{n + 1}"}))
        files.append(str(path))
    assert main(["--db", db, "import", "--new-story", *files]) == 0
    capsys.readouterr()
    assert main(["--db", db, "list", "--format", "json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    return db, [v["id"] for v in listed["versions"]]


def test_timeline_json_lists_versions_in_order_with_their_changes(
        story: tuple[str, list[int]], capsys: pytest.CaptureFixture[str]) -> None:
    db, ids = story
    assert main(["--db", db, "timeline", "1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    versions = data["versions"]
    assert [v["id"] for v in versions] == sorted(ids)
    assert [v["published"] for v in versions] == [f"2026-03-0{n}" for n in range(1, 7)]
    assert "rows" not in versions[0]
    assert versions[1]["rows"]["added"] == 1 and versions[3]["rows"]["removed"] == 1
    assert versions[4]["rows"]["moved"] == 1
    assert set(versions[2]) >= {"id", "published", "outlet", "title", "words", "rows",
                                "reused_left", "new_right", "quotes"}


def test_timeline_text_says_what_changed_at_each_step(
        story: tuple[str, list[int]], capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = story
    assert main(["--db", db, "timeline", "1"]) == 0
    out = capsys.readouterr().out
    assert "since v3: 1 removed" in out and "since v4: 1 moved" in out


def test_notes_list_in_a_version_carries_notes_with_their_status(
        story: tuple[str, list[int]], capsys: pytest.CaptureFixture[str]) -> None:
    db, ids = story
    first, last = min(ids), max(ids)
    assert main(["--db", db, "notes", "add", "1", "--article", str(first), "--quote",
                 "called the vote historic", "--text", "was it?"]) == 0
    assert main(["--db", db, "notes", "add", "1", "--article", str(first), "--quote",
                 "Fishermen protested", "--text", "how many?"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "notes", "list", "1", "--in", str(ids[3]), "--format",
                 "json"]) == 0
    carried = {n["note"]: n for n in json.loads(capsys.readouterr().out)}
    assert carried["was it?"]["status"] == "changed"
    assert carried["was it?"]["text"] == "called the vote a turning point"
    assert carried["how many?"]["status"] == "gone" and carried["how many?"]["start"] is None
    assert main(["--db", db, "notes", "list", "1", "--in", str(last)]) == 0
    out = capsys.readouterr().out
    assert "[same, written on article" in out and "'Fishermen protested'" in out


def test_notes_in_a_version_of_another_story_is_one_line(
        story: tuple[str, list[int]], capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = story
    assert main(["--db", db, "notes", "list", "1", "--in", "999"]) == 1
    assert capsys.readouterr().err.strip() == (
        "reader: article 999 is not a version of story 1")
    assert main(["--db", db, "timeline", "7"]) == 1
    assert capsys.readouterr().err.strip() == "reader: no story with id 7"
