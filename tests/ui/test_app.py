"""`reader.app.run`: first launch fills an empty library with the samples and shows the window;
a library that cannot be opened is never overwritten by a fresh one."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reader.app import fresh_library_path
from reader.store import close_library, list_stories, open_library

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

# Qt's offscreen platform says this whenever a top-level window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LAUNCH = r"""
import gc
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

class Exposed(QObject):
    def eventFilter(self, obj, event):
        if (event.type() == QEvent.Type.Expose and isinstance(obj, QWindow)
                and obj.isExposed() and obj.title().endswith("Parallax Reader")):
            print("shown", obj.title(), flush=True)
            print("frozen", gc.get_freeze_count(), flush=True)
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
    # What it made to start is kept out of the collector's full passes.
    [frozen] = [ln for ln in result.stdout.splitlines() if ln.startswith("frozen")]
    assert int(frozen.split()[1]) > 10_000
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


def test_opening_another_library_replaces_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reader.app import LibraryWindows
    from reader.store import import_paths, import_samples

    first_url = f"sqlite:///{tmp_path / 'first.db'}"
    second_url = f"sqlite:///{tmp_path / 'second.db'}"
    first = open_library(first_url)
    import_samples(first)
    second = open_library(second_url)
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "a.txt").write_text("One story\n\nThe river rose on Monday. People left.\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_text("One story\n\nThe river rose Monday. Many people left.\n",
                                  encoding="utf-8")
    import_paths(second, [folder], new_story=True)
    close_library(second)

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    windows = LibraryWindows(app, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    windows.show(first, first_url)
    old = windows.window
    assert old is not None and old.library.model.total >= 3
    qtbot.addWidget(old)
    gc.freeze()  # as `run` leaves it: the old window's objects must become collectable again
    try:
        windows.open_other(second_url)
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
    new = windows.window
    assert new is not None and new is not old
    qtbot.addWidget(new)
    assert new.isVisible() and not old.isVisible()
    assert new.library.model.total == 1
    doc = new.current_comparison()
    assert doc is not None and "river rose" in doc.left.text and "river rose" in doc.right.text
    new.close()
    assert windows.sessions is not None
    close_library(windows.sessions)
