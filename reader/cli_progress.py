"""The import's progress on standard error: a bar redrawn in place when it is a terminal,
nothing until the summary when it is a file or a pipe (a log wants no carriage returns)."""

from __future__ import annotations

import time
from typing import TextIO

from reader.store.records import ImportOutcome, ImportProgress

_REDRAW_SECONDS = 0.2
_BAR = 24


class ImportProgressBar:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._live = stream.isatty()
        self._drawn = 0.0
        self._width = 0
        self.counts = {"imported": 0, "duplicate": 0, "failed": 0}

    def __call__(self, progress: ImportProgress, outcome: ImportOutcome) -> None:
        self.counts[outcome.status] += 1
        now = time.monotonic()
        if self._live and now - self._drawn >= _REDRAW_SECONDS:
            self._drawn = now
            filled = round(progress.fraction * _BAR)
            line = (f"[{'#' * filled}{'-' * (_BAR - filled)}] {progress.fraction:4.0%}  "
                    f"{progress.describe()}")
            self._stream.write("\r" + line.ljust(self._width))
            self._width = len(line)
            self._stream.flush()

    def close(self) -> None:
        """Clear the bar, so what follows starts on a clean line."""
        if self._live and self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0
