"""Nothing typed is lost: a window killed with SIGKILL mid-sentence keeps all but the last
moment of typing, with no Save button ever pressed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.store import close_library, import_samples, list_notes, open_library

TYPIST = r"""
import sys
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.store import open_library
from reader.app import build_main_window

app = QApplication(sys.argv)
sessions = open_library(sys.argv[1])
window = build_main_window(sessions, QSettings(sys.argv[2], QSettings.Format.IniFormat))
typed = 0

def type_one() -> None:
    global typed
    QTest.keyClick(window.notes.editor, "abcdefghij"[typed % 10])
    typed += 1
    print(f"typed {typed}", flush=True)

def start() -> None:
    doc = window.current_comparison()
    if doc is None or window.notes.current_note() is not None:
        return
    window.actions_.add_note.trigger()
    note = window.notes.current_note()
    print(f"note {note.id} {doc.story.id}", flush=True)
    timer.start()

timer = QTimer(window)
timer.setInterval(50)
timer.timeout.connect(type_one)
window.comparisonShown.connect(lambda _doc: start())
window.show()
QTimer.singleShot(0, start)  # a short comparison is already on screen
sys.exit(app.exec())
"""

KILL_AFTER_S = 3.0
TYPED_PER_S = 20  # one key every 50 ms


@pytest.mark.slow
def test_typing_survives_sigkill(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    sessions = open_library(url)
    import_samples(sessions)
    close_library(sessions)
    script = tmp_path / "typist.py"
    script.write_text(TYPIST, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, str(script), url, str(tmp_path / "s.ini")],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=env)
    lines: list[str] = []
    out = proc.stdout
    assert out is not None
    reader = threading.Thread(target=lambda: lines.extend(iter(out.readline, "")), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 30
        while not any(line.startswith("typed") for line in lines):
            assert proc.poll() is None, "the window exited before typing"
            assert time.monotonic() < deadline, "typing never started"
            time.sleep(0.05)
        time.sleep(KILL_AFTER_S)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        reader.join(5)
        out.close()
    note_id, story_id = (int(x) for x in next(ln for ln in lines if ln.startswith("note"))
                         .split()[1:3])
    typed = max(int(ln.split()[1]) for ln in lines if ln.startswith("typed"))
    assert typed >= KILL_AFTER_S * TYPED_PER_S * 0.5  # the typist really was typing

    sessions = open_library(url)
    try:
        with sessions() as s:
            body = next(n.body for n in list_notes(s, story_id) if n.id == note_id)
    finally:
        close_library(sessions)
    expected = "".join("abcdefghij"[i % 10] for i in range(typed))
    assert expected.startswith(body)
    assert len(body) >= typed - TYPED_PER_S, f"stored {len(body)} of {typed} characters"
