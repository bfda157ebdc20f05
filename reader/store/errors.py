"""The two errors the library layer raises on purpose."""

from __future__ import annotations


class LibraryError(Exception):
    """The library cannot be opened or used: names where it is and says why, for one line."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason


class NotFound(LookupError):
    """No story, article or note with the id asked for."""
