"""PostgreSQL failures in one plain line: the server is unreachable, the database is missing,
the role may not log in or lacks a right. Kept apart from errors.py so it needs no driver."""

from __future__ import annotations

# SQLSTATE classes and codes (PostgreSQL manual, appendix A).
_MISSING_DATABASE = "3D000"
_NO_PRIVILEGE = "42501"
_BAD_LOGIN = ("28000", "28P01")
_CANNOT_CONNECT = "08"
_UNREACHABLE_HINTS = ("connection refused", "could not translate host name",
                      "no such file or directory", "timeout expired", "no route to host",
                      "network is unreachable", "name or service not known",
                      "could not connect", "server closed the connection")


def describe_postgres_error(error: BaseException) -> str | None:
    """A one-line reason for a psycopg error, or None when it is not one we recognise."""
    if type(error).__module__.split(".")[0] != "psycopg":
        return None
    state = getattr(error, "sqlstate", None) or ""
    message = str(error)
    lowered = message.lower()
    if state == _MISSING_DATABASE or ("database" in lowered and "does not exist" in lowered):
        return ("the database does not exist on the server; create it first "
                "(createdb, or CREATE DATABASE)")
    if state in _BAD_LOGIN or "authentication failed" in lowered or (
            "role" in lowered and "does not exist" in lowered):
        return "the server refused the login: check the user name and password in the URL"
    if state == _NO_PRIVILEGE or "permission denied" in lowered:
        detail = _last_line(message)
        return f"the database role lacks a right it needs ({detail}); ask the library's owner"
    if state.startswith(_CANNOT_CONNECT) or any(hint in lowered for hint in _UNREACHABLE_HINTS):
        return ("cannot reach the PostgreSQL server (is it running, and are the host and "
                f"port right?): {_last_line(message)}")
    return None


def _last_line(message: str) -> str:
    """psycopg puts the server's own words last, after 'connection to server … failed:'."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    if not lines:
        return "no reason given"
    line = lines[0]
    for prefix in ("connection failed:",):
        line = line.removeprefix(prefix).strip()
    if " failed: " in line:
        line = line.rsplit(" failed: ", 1)[1]
    return line.removeprefix("FATAL:").strip()
