"""Managing the library from the command line: story, version and notes delete commands, and
exports to standard output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import HARBOUR, PASAR, run, stories


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    code, _, err = run(capsys, "--db", url, "import", *map(str, HARBOUR + PASAR))
    assert code == 0, err
    return url


def _shape(capsys: pytest.CaptureFixture[str], db: str) -> dict[str, list[int]]:
    return {str(s["title"]): [int(v["id"]) for v in s["versions"]]  # type: ignore[attr-defined]
            for s in stories(capsys, db)}


HARBOUR_TITLE = "Harbour Council Approves Flood Barrier After Long Debate"


def test_story_rename_delete_restore(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "--db", db, "story", "rename", "1", "Portville flood barrier")
    assert code == 0, err
    assert out == f"Renamed “{HARBOUR_TITLE}” to “Portville flood barrier”\n"
    assert "Portville flood barrier" in _shape(capsys, db)
    code, out, err = run(capsys, "--db", db, "story", "delete", "1")
    assert code == 0, err
    assert "reader story restore 1" in out
    assert "Portville flood barrier" not in _shape(capsys, db)
    code, out, err = run(capsys, "--db", db, "story", "restore", "1")
    assert code == 0, err
    assert _shape(capsys, db)["Portville flood barrier"] == [1, 2]


def test_story_merge_and_version_move(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "--db", db, "notes", "add", "2", "--text", "prices",
                         "--article", "4", "--quote", "pasar")
    assert code == 0, err
    code, out, err = run(capsys, "--db", db, "story", "merge", "2", "1")
    assert code == 0, err
    assert out.startswith("Merged story 2 “")
    assert _shape(capsys, db) == {HARBOUR_TITLE: [1, 2, 3, 4]}
    code, out, err = run(capsys, "--db", db, "version", "move", "4", "--new-story")
    assert code == 0, err
    shape = _shape(capsys, db)
    assert shape[HARBOUR_TITLE] == [1, 2, 3] and [4] in shape.values()
    new_story = out.rsplit("story ", 1)[1].rstrip(")\n")
    code, out, _ = run(capsys, "--db", db, "notes", "list", new_story, "--format", "json")
    assert [n["text"] for n in json.loads(out)] == ["prices"]  # the note went with its version
    code, out, err = run(capsys, "--db", db, "version", "move", "3", "--to", new_story)
    assert code == 0, err
    assert sorted(_shape(capsys, db).values()) == [[1, 2], [3, 4]]


def test_version_and_note_delete(capsys: pytest.CaptureFixture[str], db: str) -> None:
    run(capsys, "--db", db, "notes", "add", "1", "--text", "check this")
    code, out, err = run(capsys, "--db", db, "notes", "delete", "1")
    assert code == 0, err
    assert out.startswith("Deleted note 1")
    code, out, _ = run(capsys, "--db", db, "notes", "list", "1")
    assert out == "Story 1 has no notes.\n"
    code, out, err = run(capsys, "--db", db, "version", "delete", "2")
    assert code == 0, err
    assert _shape(capsys, db)[HARBOUR_TITLE] == [1]
    code, out, err = run(capsys, "--db", db, "show", "2")
    assert code == 1 and "no article with id 2" in err


@pytest.mark.parametrize("argv", [
    ("story", "rename", "9", "x"), ("story", "delete", "9"), ("story", "merge", "1", "9"),
    ("story", "merge", "1", "1"), ("version", "move", "9", "--new-story"),
    ("version", "move", "1", "--to", "1"), ("version", "delete", "9"), ("notes", "delete", "9"),
    ("story", "rename", "1", "  "),
])
def test_bad_ids_are_one_line(capsys: pytest.CaptureFixture[str], db: str,
                              argv: tuple[str, ...]) -> None:
    code, out, err = run(capsys, "--db", db, *argv)
    assert code == 1 and out == ""
    assert err.startswith("reader: ") and err.count("\n") == 1


def test_version_move_needs_a_target(capsys: pytest.CaptureFixture[str], db: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "--db", db, "version", "move", "1")
    assert exit_.value.code == 2


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_export_without_o_writes_to_standard_output(
        capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    code, out, err = run(capsys, "--db", db, "export", "1", "--format", fmt)
    assert code == 0, err
    assert "Engineers expect the barrier to be finished by 2028." in out
    assert list(folder.iterdir()) == []  # no file written in the current folder
    if fmt == "json":
        json.loads(out)


def test_pdf_export_without_o_is_refused_with_a_hint(
        capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    code, out, err = run(capsys, "--db", db, "export", "1", "--format", "pdf")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "-o story-1.pdf" in err
    assert list(folder.iterdir()) == []
