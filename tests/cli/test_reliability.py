"""The command line under pressure: another writer, odd search text, an import cut short."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import LibraryError
from reader.store import engine as engine_module

FIXTURES = Path(__file__).parent / "fixtures"
HARBOUR = [FIXTURES / "harbour_original.txt", FIXTURES / "harbour_rewrite.txt"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "lib.sqlite3"
    assert run(capsys, "--db", str(path), "import", *map(str, HARBOUR))[0] == 0
    return path


def test_reads_go_on_and_a_refused_write_is_one_line_while_another_program_writes(
        library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    holder = sqlite3.connect(library, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO stories (title, created) VALUES ('held', '2026-01-01')")
    try:
        started = time.monotonic()
        code, out, err = run(capsys, "--db", str(library), "list")
        assert (code, err) == (0, "") and "story 1:" in out
        assert time.monotonic() - started < 2.0  # a read never waits for the writer
        code, out, err = run(capsys, "--db", str(library), "notes", "add", "1", "--text", "x")
        assert time.monotonic() - started >= 5.0  # the write queued for the busy timeout
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (code, out) == (1, "")
    assert err == (f"reader: {library}: library is locked by another program (waited 5000 ms); "
                   "close it and try again\n")


def test_search_text_may_start_with_a_dash_or_hold_a_nul(
        library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(library), "list", "--search", "-harbour")
    assert (code, err) == (0, "") and "story 1:" in out
    code, out, err = run(capsys, "--db", str(library), "list", "--search", "harbour\x00council")
    assert (code, err) == (0, "") and "story 1:" in out
    code, out, _ = run(capsys, "--db", str(library), "notes", "add", "1", "--text", "-5% cut")
    assert code == 0
    assert "-5% cut" in run(capsys, "--db", str(library), "notes", "list", "1")[1]


def test_each_import_line_is_written_as_its_file_is_done(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(150):
        (folder / f"a{n:03d}.txt").write_text(
            f"Report {n}\n\nGauge {n * 7919 % 10007} read {n} metres at pier {n}.\n",
            encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen([sys.executable, "-m", "reader", "--db", str(tmp_path / "l.db"),
                             "import", str(folder)], stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    still_running = proc.poll() is None
    proc.kill()
    proc.wait()
    proc.stdout.close()
    assert first.startswith(b"imported   ")
    assert still_running  # the line came through the pipe before the import ended


def test_failed_backup_leaves_no_journal(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = sqlite3.connect

    def full_disk_for_backups(path: object, *args: object, **kwargs: object
                              ) -> sqlite3.Connection:
        conn = real_connect(path, *args, **kwargs)  # type: ignore[arg-type]
        if ".backup-" in str(path):
            # A disk that fills up mid-copy, and a journal the failed copy cannot remove.
            conn.execute("PRAGMA max_page_count = 3")
            conn.execute("PRAGMA journal_mode = PERSIST")
        return conn

    monkeypatch.setattr(engine_module.sqlite3, "connect", full_disk_for_backups)
    with pytest.raises(LibraryError, match="could not back up the library"):
        engine_module.backup_library(library, "0001")
    assert [p.name for p in library.parent.iterdir() if ".backup-" in p.name] == []
