"""`reader.app.run`: first launch fills an empty library with the samples and shows the window;
a library that cannot be opened is never overwritten by a fresh one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.app import fresh_library_path
from reader.store import close_library, list_stories, open_library

LAUNCH = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

class Exposed(QObject):
    def eventFilter(self, obj, event):
        if (event.type() == QEvent.Type.Expose and isinstance(obj, QWindow)
                and obj.isExposed() and obj.title().endswith("Parallax Reader")):
            print("shown", obj.title(), flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv)
watcher = Exposed()
app.installEventFilter(watcher)
QTimer.singleShot(30_000, QApplication.quit)
import reader.app
sys.exit(reader.app.run(sys.argv[1]))
"""


@pytest.mark.slow
def test_first_launch_imports_the_samples_and_shows_a_story(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new-library.db'}"
    script = tmp_path / "launch.py"
    script.write_text(LAUNCH, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    result = subprocess.run([sys.executable, str(script), url], capture_output=True, text=True,
                            env=env, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    shown = [ln for ln in result.stdout.splitlines() if ln.startswith("shown")]
    assert shown, result.stdout + result.stderr
    sessions = open_library(url)
    try:
        with sessions() as s:
            stories = list_stories(s)
    finally:
        close_library(sessions)
    assert len(stories) >= 3
    # The window opened on a story: its title is in the window title.
    assert any(st.title in shown[0] for st in stories), shown[0]
    assert (tmp_path / "cfg" / "ParallaxReader" / "ParallaxReader.conf").exists()


def test_a_fresh_library_never_takes_an_existing_name(tmp_path: Path) -> None:
    broken = tmp_path / "library.db"
    broken.write_bytes(b"not a database")
    first = fresh_library_path(broken)
    assert first == tmp_path / "library-new.db" and not first.exists()
    first.write_bytes(b"")
    second = fresh_library_path(broken)
    assert second == tmp_path / "library-new-2.db"
    assert broken.read_bytes() == b"not a database"
