"""The two errors the library layer raises on purpose."""

from __future__ import annotations

from reader.store.postgres_errors import describe_postgres_error


class LibraryError(Exception):
    """The library cannot be opened or used: names where it is and says why, for one line."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason


class NotFound(LookupError):
    """No story, article or note with the id asked for."""


NOT_A_LIBRARY = "file is not a Parallax Reader library or is damaged"
DAMAGED = "library is damaged ({}); `reader repair` copies what can be read into a new library"


def describe_database_error(exc: BaseException, *, busy_timeout_ms: int | None = None) -> str:
    """One plain line for a database failure: what happened, not SQLAlchemy's SQL and links."""
    original = getattr(exc, "orig", None) or exc
    on_postgres = describe_postgres_error(original)
    if on_postgres is not None:
        return on_postgres
    message = str(original)
    lowered = message.lower()
    if "no such savepoint" in lowered and exc.__context__ is not None:
        # SQLite rolls the whole transaction back on some errors (a full disk among them);
        # undoing the savepoint then fails, and that failure would hide the real cause.
        return describe_database_error(exc.__context__, busy_timeout_ms=busy_timeout_ms)
    if "disk is full" in lowered or "disk full" in lowered:
        return "the disk is full (or the library reached its size limit)"
    if "not a database" in lowered or "encrypted" in lowered:
        return NOT_A_LIBRARY
    if "malformed" in lowered or "corrupt" in lowered:
        return DAMAGED.format("a page of the file cannot be read")
    if "could not decode" in lowered:
        column = message.split("column", 1)[1].split()[0] if "column" in message else "text"
        return DAMAGED.format(f"text in column {column} is not readable")
    if "locked" in lowered or "busy" in lowered:
        waited = f" (waited {busy_timeout_ms} ms)" if busy_timeout_ms is not None else ""
        return f"library is locked by another program{waited}; close it and try again"
    if "readonly" in lowered or "read-only" in lowered:
        return "library is read-only: the file or its folder cannot be written"
    if "unable to open database file" in lowered:
        return "cannot open the library file (missing, or the file or its folder is read-only)"
    if "disk i/o error" in lowered:
        return "the disk reported an input/output error"
    return f"database error: {message.splitlines()[0] if message else type(exc).__name__}"


def is_lock_error(exc: BaseException) -> bool:
    """Whether a database failure is another program holding the write lock (worth a retry)."""
    original = getattr(exc, "orig", None) or exc
    lowered = str(original).lower()
    return "database is locked" in lowered or "database is busy" in lowered \
        or "database table is locked" in lowered
