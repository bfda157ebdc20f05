"""The `reader` command as a user scripts it: import, list, show, compare, notes, export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
HARBOUR = [FIXTURES / "harbour_original.txt", FIXTURES / "harbour_rewrite.txt"]
PASAR = [FIXTURES / "pasar_a.txt", FIXTURES / "pasar_b.txt"]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'lib.sqlite3'}"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stories(capsys: pytest.CaptureFixture[str], db: str) -> list[dict[str, object]]:
    code, out, _ = run(capsys, "--db", db, "list", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list)
    return data


def test_versions_of_one_story_are_grouped_and_listed(capsys: pytest.CaptureFixture[str],
                                                      db: str) -> None:
    code, out, err = run(capsys, "--db", db, "import", *map(str, HARBOUR + PASAR))
    assert code == 0, err
    assert out.count("imported ") == 4
    listed = stories(capsys, db)
    assert len(listed) == 2
    by_title = {str(s["title"]): s for s in listed}
    harbour = by_title["Harbour Council Approves Flood Barrier After Long Debate"]
    versions = harbour["versions"]
    assert isinstance(versions, list) and len(versions) == 2
    original = versions[0]
    assert original["outlet"] == "PORTVILLEHERALD.COM"
    assert original["published"] == "2025-03-03"
    assert original["language"] == "en"
    assert set(original) == {"id", "title", "outlet", "published", "language", "words"}
    pasar = next(s for s in listed if s is not harbour)
    assert [v["language"] for v in pasar["versions"]] == ["id", "id"]  # type: ignore[union-attr]


def test_db_option_after_the_command_works_too(capsys: pytest.CaptureFixture[str],
                                               db: str) -> None:
    code, _, err = run(capsys, "import", "--db", db, str(PASAR[0]))
    assert code == 0, err
    code, out, _ = run(capsys, "list", "--db", db)
    assert code == 0 and "Sukamaju" in out


def test_reimport_stores_nothing_new_and_says_so(capsys: pytest.CaptureFixture[str],
                                                 db: str) -> None:
    run(capsys, "--db", db, "import", *map(str, HARBOUR))
    code, out, _ = run(capsys, "--db", db, "import", *map(str, HARBOUR))
    assert code == 0
    assert out.count("duplicate ") == 2
    assert "0 imported, 2 duplicate, 0 failed" in out
    assert len(stories(capsys, db)) == 1


def test_show_raw_is_byte_for_byte_and_show_is_clean(capsysbinary: pytest.CaptureFixture[bytes],
                                                     db: str) -> None:
    assert main(["--db", db, "import", str(HARBOUR[0])]) == 0
    capsysbinary.readouterr()
    assert main(["--db", db, "show", "1", "--raw"]) == 0
    assert capsysbinary.readouterr().out == HARBOUR[0].read_bytes()
    assert main(["--db", db, "show", "1"]) == 0
    shown = capsysbinary.readouterr().out.decode()
    header, _, text = shown.partition("\n\n")
    assert "Title:     Harbour Council Approves Flood Barrier After Long Debate" in header
    assert "Outlet:    PORTVILLEHERALD.COM" in header
    assert text.startswith("The Portville harbour council on Tuesday approved")
    for furniture in ("MARCH 3, 2025", "Read also", "Share this article", "(Photo:", "image\n"):
        assert furniture not in text


def test_bad_files_fail_one_by_one_and_the_rest_go_in(capsys: pytest.CaptureFixture[str],
                                                      db: str, tmp_path: Path) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"PK\x03\x04\x00\x00\x00\xff\xfe\x00binary" * 20)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"   \n\n")
    unknown = tmp_path / "notes.docx"
    unknown.write_bytes(b"hello")
    missing = tmp_path / "gone.txt"
    code, out, err = run(capsys, "--db", db, "import", str(binary), str(PASAR[0]), str(empty),
                         str(unknown), str(missing))
    assert code == 1
    assert "imported   " in out and "1 imported, 0 duplicate, 4 failed" in out
    lines = err.strip().splitlines()
    assert len(lines) == 4
    for path in (binary, empty, unknown, missing):
        assert sum(str(path) in line for line in lines) == 1, (path, lines)
    assert all(line.startswith("failed ") and ": " in line for line in lines)
    assert len(stories(capsys, db)) == 1


def test_compare_two_files_prints_the_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", *map(str, HARBOUR), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"left", "right", "rows", "contract", "quotes", "stats"}
    assert data["contract"] == 2
    assert data["left"]["title"] == "Harbour Council Approves Flood Barrier After Long Debate"
    first = data["left"]["sentences"][0]
    assert set(first) == {"id", "text", "start", "end", "paragraph"}
    assert first["text"].startswith("The Portville harbour council")
    kinds = {row["kind"] for row in data["rows"]}
    assert "edited" in kinds and "added" in kinds
    row = data["rows"][0]
    assert set(row) == {"kind", "moved", "left", "right", "similarity", "ops"}
    assert set(data["stats"]) == {"left_words", "right_words", "reused_left", "new_right",
                                  "rows", "quotes"}
    statuses = {q["status"] for q in data["quotes"]}
    assert statuses <= {"verbatim", "altered", "unquoted", "dropped", "added"}
    verdicts = {q["verdict"] for q in data["quotes"]}
    assert "trimmed" in verdicts  # "sandbagging our way through" lost two words, no new ones


def test_compare_text_format_is_plain_without_a_terminal(capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    code, out, _ = run(capsys, "compare", *map(str, PASAR))
    assert code == 0
    assert "\x1b[" not in out
    assert "[-" in out and "{+" in out
    code, coloured, _ = run(capsys, "compare", *map(str, PASAR), "--color", "always")
    assert "\x1b[" in coloured


def test_compare_stored_versions_by_id(capsys: pytest.CaptureFixture[str], db: str) -> None:
    run(capsys, "--db", db, "import", *map(str, PASAR))
    code, by_id, _ = run(capsys, "--db", db, "compare", "1", "2", "--format", "json")
    assert code == 0
    code, by_file, _ = run(capsys, "compare", *map(str, PASAR), "--format", "json")
    assert json.loads(by_id)["rows"] == json.loads(by_file)["rows"]


def test_compare_names_what_it_cannot_read(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    code, out, err = run(capsys, "compare", str(tmp_path / "nope.txt"), str(PASAR[0]))
    assert code == 1 and out == ""
    assert err.strip() == f"reader: {tmp_path / 'nope.txt'}: no such file, and not an article id"


def test_notes_add_and_list(capsys: pytest.CaptureFixture[str], db: str) -> None:
    run(capsys, "--db", db, "import", *map(str, PASAR))
    code, out, err = run(capsys, "--db", db, "notes", "add", "1", "--text", "Kutipan diubah 🤔",
                         "--article", "2", "--quote", "supaya pedagang tidak kehujanan lagi",
                         "--label", "kutipan")
    assert code == 0, err
    assert "note 1 added to story 1" in out
    code, out, err = run(capsys, "--db", db, "notes", "add", "1", "--text", "Overall fine")
    assert code == 0, err
    code, out, err = run(capsys, "--db", db, "notes", "add", "1", "--text", "x",
                         "--article", "2", "--quote", "tidak ada di artikel")
    assert code == 1 and "not found" in err and err.count("\n") == 1
    code, out, _ = run(capsys, "--db", db, "notes", "list", "1", "--format", "json")
    notes = json.loads(out)
    assert [n["text"] for n in notes] == ["Overall fine", "Kutipan diubah 🤔"]
    quoted = notes[1]
    article_text = _article_text(capsys, db, 2)
    assert article_text[quoted["start"]:quoted["end"]] == "supaya pedagang tidak kehujanan lagi"
    assert quoted["label"] == "kutipan" and quoted["orphaned"] is False


def _article_text(capsys: pytest.CaptureFixture[str], db: str, article_id: int) -> str:
    code, out, _ = run(capsys, "--db", db, "show", str(article_id))
    assert code == 0
    return out.partition("\n\n")[2].removesuffix("\n")


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_export_writes_the_annotated_comparison(capsys: pytest.CaptureFixture[str], db: str,
                                                tmp_path: Path, fmt: str) -> None:
    run(capsys, "--db", db, "import", *map(str, HARBOUR))
    run(capsys, "--db", db, "notes", "add", "1", "--text", "Quote trimmed", "--article", "2",
        "--quote", "We cannot keep sandbagging through every winter")
    target = tmp_path / f"out.{fmt}"
    code, _out, err = run(capsys, "--db", db, "export", "1", "--format", fmt, "-o", str(target))
    assert code == 0, err
    body = target.read_text(encoding="utf-8")
    assert "Quote trimmed" in body
    assert "Engineers expect the barrier to be finished by 2028." in body
    assert not list(tmp_path.glob("*.tmp*"))


def test_export_of_a_missing_story_says_so(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "--db", db, "export", "42", "--format", "md")
    assert code == 1 and out == ""
    assert err.startswith("reader: story 42") and err.count("\n") == 1


def test_show_of_a_missing_article_is_one_line(capsys: pytest.CaptureFixture[str],
                                               db: str) -> None:
    code, out, err = run(capsys, "--db", db, "show", "7")
    assert code == 1 and out == ""
    assert "7" in err and err.count("\n") == 1


def test_python_dash_m_reader_shows_help() -> None:
    result = subprocess.run([sys.executable, "-m", "reader", "--help"], capture_output=True,
                            text=True, check=False, timeout=60)
    assert result.returncode == 0
    for command in ("import", "list", "show", "compare", "notes", "export"):
        assert command in result.stdout


def test_a_partial_word_quote_is_widened_to_whole_words(capsys: pytest.CaptureFixture[str],
                                                        db: str, tmp_path: Path) -> None:
    run(capsys, "--db", db, "import", *map(str, PASAR))
    code, out, err = run(capsys, "--db", db, "notes", "add", "1", "--text", "x",
                         "--article", "2", "--quote", "upaya pedagang tidak kehuja")
    assert code == 0, err
    code, out, _ = run(capsys, "--db", db, "notes", "list", "1", "--format", "json")
    note = json.loads(out)[0]
    text = _article_text(capsys, db, 2)
    assert text[note["start"]:note["end"]] == "supaya pedagang tidak kehujanan"
    target = tmp_path / "out.md"
    assert run(capsys, "--db", db, "export", "1", "--format", "md", "-o", str(target))[0] == 0
    assert "kehuja " not in target.read_text(encoding="utf-8")
