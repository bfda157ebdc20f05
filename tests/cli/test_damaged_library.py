"""A damaged library: every command says so in one line naming it; `reader repair` saves
what can be read into a new library and never writes to the damaged file."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import engine as engine_module
from reader.store.stored_text import add_sql_functions

FIXTURES = Path(__file__).parent / "fixtures"
HARBOUR = [FIXTURES / "harbour_original.txt", FIXTURES / "harbour_rewrite.txt"]
NOTES = 400


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@contextmanager
def _autocommit(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(path, isolation_level=None)
    add_sql_functions(conn)  # the search triggers unpack article text, as in the app
    try:
        yield conn
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Two versions of a story and enough notes to fill several pages of the notes table."""
    path = tmp_path / "lib.sqlite3"
    assert run(capsys, "--db", str(path), "import", *map(str, HARBOUR))[0] == 0
    with _autocommit(path) as conn:
        conn.executemany(
            "INSERT INTO notes (story_id, body, label, color, created, updated) "
            "VALUES (1, ?, '', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            [(f"note-marker-{n:04d} " + "checked the figures again " * 6,) for n in range(NOTES)])
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _garble_title(path: Path) -> None:
    with _autocommit(path) as conn:
        conn.execute("UPDATE articles SET title = CAST(X'4861FF72626F7572' AS TEXT) WHERE id = 2")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _garble_packed_text(path: Path) -> None:
    """Article 2's packed text cut short, as a torn write would leave it (below SQL: the
    search trigger, which would unpack the text, is set aside meanwhile)."""
    with _autocommit(path) as conn:
        [trigger] = conn.execute("SELECT sql FROM sqlite_master "
                                 "WHERE name = 'articles_search_update'").fetchone()
        conn.execute("DROP TRIGGER articles_search_update")
        conn.execute("UPDATE articles SET text = substr(text, 1, length(text) / 2) WHERE id = 2")
        conn.execute(trigger)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _smash_page_holding(path: Path, marker: bytes) -> None:
    """Overwrite the header of the page that holds `marker`, as a bad disk sector would."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    page = data.index(marker) // page_size
    data[page * page_size: page * page_size + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))


COMMANDS = (["list"], ["list", "--search", "harbour"], ["show", "2"], ["notes", "list", "1"],
            ["notes", "add", "1", "--text", "x"], ["export", "1", "--format", "md", "-o", "{out}"])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_unreadable_text_is_one_line_in_every_command(
        library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        command: list[str]) -> None:
    _garble_title(library)
    argv = [a.replace("{out}", str(tmp_path / "out.md")) for a in command]
    code, _out, err = run(capsys, "--db", str(library), *argv)
    if argv[:2] == ["notes", "add"]:
        assert (code, err) == (0, "")  # it never reads the damaged title
        return
    assert code == 1
    assert err.count("\n") == 1, err
    assert err.startswith(f"reader: {library}: library is damaged "
                          "(text in column 'title' is not readable)")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_damaged_page_is_one_line_in_every_command(
        library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _smash_page_holding(library, b"note-marker-0200")
    argv = [a.replace("{out}", str(tmp_path / "out.md")) for a in command]
    code, _out, err = run(capsys, "--db", str(library), *argv)
    assert code == 1 and err.count("\n") == 1, err
    assert err.startswith(f"reader: {library}: library is damaged (")
    assert "reader repair" in err
    # A library too large for the check on opening: the failure surfaces later, as one line too.
    monkeypatch.setattr(engine_module, "QUICK_CHECK_MAX_BYTES", 0)
    code, _out, err = run(capsys, "--db", str(library), *argv)
    # Commands that touch the smashed page fail in one line; the others work.
    assert (code, err) == (0, "") or (
        code == 1 and err.count("\n") == 1
        and err.startswith(f"reader: {library}: library is damaged (")), err
    if argv[:2] == ["notes", "list"]:
        assert code == 1


def test_repair_copies_what_can_be_read_and_says_what_was_lost(
        library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _garble_title(library)
    _smash_page_holding(library, b"note-marker-0200")
    before = _digest(library)
    code, out, err = run(capsys, "repair", str(library))
    assert code == 1, err  # something was lost
    assert _digest(library) == before  # the damaged file is never written
    [repaired] = library.parent.glob("lib.repaired-*.sqlite3")
    lines = out.splitlines()
    assert lines[0] == f"repaired {library} into {repaired}"
    assert "  stories: 1 copied" in lines
    assert ("  versions (articles): 2 copied, 1 with unreadable characters replaced by \ufffd"
            in lines)
    [notes] = [line for line in lines if line.startswith("  notes: ")]
    copied, lost = (int(part.split()[0]) for part in notes[9:].split(", ")[:2])
    assert copied + lost == NOTES and 0 < lost < NOTES // 4
    assert lines[-1] == f"the damaged file was not changed; to use the new one: " \
                        f"reader --db {repaired}"

    # The new library opens, lists, searches and shows the surviving notes.
    code, out, err = run(capsys, "--db", str(repaired), "list", "--search", "harbour")
    assert code == 0 and "story 1:" in out, err
    code, out, _ = run(capsys, "--db", str(repaired), "show", "2")
    assert code == 0 and "Ha\ufffdrbour" in out
    code, out, _ = run(capsys, "--db", str(repaired), "list", "--search", "note-marker-0001")
    assert code == 0 and "story 1:" in out
    assert run(capsys, "--db", str(repaired), "notes", "list", "1")[1].count("note-marker-") \
        == copied


def test_packed_text_that_no_longer_unpacks_is_one_line_and_repair_drops_its_version(
        library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _garble_packed_text(library)
    code, _out, err = run(capsys, "--db", str(library), "show", "2")
    assert code == 1 and err.count("\n") == 1, err
    assert err.startswith(f"reader: {library}: library is damaged "
                          "(text in column 'text' is not readable)")
    code, out, _err = run(capsys, "repair", str(library))
    assert code == 1  # the version was lost
    assert "  versions (articles): 1 copied, 1 lost (ids 2)" in out.splitlines()
    [repaired] = library.parent.glob("lib.repaired-*.sqlite3")
    code, out, err = run(capsys, "--db", str(repaired), "show", "1")
    assert code == 0 and "Harbour" in out, err
    code, out, err = run(capsys, "--db", str(repaired), "list", "--search", "harbour")
    assert code == 0 and "story 1:" in out, err


def test_repair_of_an_intact_library_loses_nothing(
        library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "repair", str(library))
    assert code == 0
    assert "nothing was lost" in out.splitlines()
    assert f"  notes: {NOTES} copied" in out.splitlines()


def test_repair_of_a_missing_file_is_one_line(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "repair", str(tmp_path / "nope.sqlite3"))
    assert (code, out) == (1, "")
    assert err == f"reader: {tmp_path / 'nope.sqlite3'}: no library file to repair there\n"
