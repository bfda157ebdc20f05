"""A history import killed mid-way (SIGKILL, no chance to clean up) leaves every version it
stored whole and the library sound; running it again imports the rest."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.store.packed_text import unpack_text
from tests.web.server import Site, web_site

__all__ = ["web_site"]
ROOT = Path(__file__).resolve().parents[2]
ORIGINAL = "https://news.example/harbour-barrier"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_history_import_keeps_whole_versions(tmp_path: Path, web_site: Site) -> None:
    db = tmp_path / "library.sqlite3"
    command = [sys.executable, "-m", "reader", "import", "--db", str(db), "--history", ORIGINAL,
               "--archive", web_site.base, "--interval", "0.4"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, text=True)
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.startswith(f"imported   {ORIGINAL} (captured 2025-02-01 09:30 UTC)"), first
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    process.stdout.close()
    assert process.stderr is not None
    process.stderr.close()

    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    texts = [unpack_text(row[0]) for row in check.execute("SELECT text FROM articles")]
    check.close()
    assert 1 <= len(texts) < 3
    assert all(t.startswith("The Portville harbour council") for t in texts)

    again = subprocess.run([*command[:-1], "0"], capture_output=True, text=True, env=env,
                           check=False, timeout=60)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == f"{3 - len(texts)} imported, {len(texts) + 1} " \
                                            "duplicate, 0 failed"
