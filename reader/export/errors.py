"""The one error an export raises: which file, and why it could not be written."""

from __future__ import annotations

from pathlib import Path


class ExportError(Exception):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
