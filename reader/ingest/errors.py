"""The one error an importer raises: it names the file and says why."""

from __future__ import annotations


class IngestError(Exception):
    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
