"""SQLite's query plans of the statements a library call runs, for tests that keep a query on
its index."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker


@contextmanager
def statements_starting(sessions: sessionmaker[Session], prefix: str
                        ) -> Iterator[list[tuple[str, Any]]]:
    """The (statement, parameters) run inside the block that start with `prefix`."""
    engine = sessions.kw["bind"]
    statements: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, parameters: Any,
                 _context: Any, _many: bool) -> None:
        if statement.startswith(prefix):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", remember)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", remember)


def query_plan(session: Session, statement: str, parameters: Any) -> list[str]:
    """The steps of SQLite's plan for `statement`."""
    return [str(row[-1]) for row in session.connection().exec_driver_sql(
        "EXPLAIN QUERY PLAN " + statement, parameters)]
