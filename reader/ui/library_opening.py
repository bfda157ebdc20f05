"""Opening a library without a silent, frozen screen.

Upgrading a library written by an earlier version can take minutes (0008 repacks every text:
about 1.5 minutes at 100,000 articles), before any window is up. The library is opened on a
thread; a dialog says which step the upgrade is on and stays until it is done. Opening a
library that is already up to date shows nothing, unless it takes longer than SLOW_OPEN_MS
(a library another program is writing to), when the dialog says it is opening the library.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from reader.store import open_library

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

# An open that is slow for another reason (a library locked by a writer) says so after this.
SLOW_OPEN_MS = 1500


class _Opening(QObject):
    step = Signal(str)  # a sentence from open_library's on_upgrade, from the opening thread
    done = Signal()


def open_showing_upgrade(url: str, parent: QWidget | None = None) -> sessionmaker[Session]:
    """open_library(url), with the window kept drawn and an upgrade's steps on screen.

    Raises what open_library raises (LibraryError for a library that cannot be opened)."""
    opening = _Opening()
    opened: list[sessionmaker[Session]] = []
    failed: list[BaseException] = []

    def work() -> None:
        try:
            opened.append(open_library(url, on_upgrade=opening.step.emit))
        except BaseException as exc:  # raised again on the caller's thread
            failed.append(exc)
        finally:
            opening.done.emit()

    dialog = QProgressDialog("Opening the library…", "", 0, 0, parent)
    dialog.setWindowTitle("Parallax Reader")
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setCancelButton(None)  # a migration runs in one transaction: it cannot stop halfway
    dialog.setMinimumWidth(460)

    def show_step(step: str) -> None:
        dialog.setLabelText(f"{step}\n\nThis happens once; a large library can take a few "
                            "minutes.")
        dialog.show()

    loop = QEventLoop()
    opening.step.connect(show_step)
    opening.done.connect(loop.quit)
    slow = QTimer(singleShot=True, interval=SLOW_OPEN_MS)
    slow.timeout.connect(dialog.show)
    opening.done.connect(slow.stop)
    slow.start()
    thread = threading.Thread(target=work, name="reader-open-library", daemon=True)
    thread.start()
    loop.exec()
    thread.join()
    dialog.close()
    dialog.deleteLater()
    if failed:
        raise failed[0]
    return opened[0]
