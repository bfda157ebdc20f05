"""Alembic environment: runs on the connection that `reader.store.engine` hands over.

There is no alembic.ini: the app migrates programmatically when it opens a library, so the
connection arrives in `config.attributes["connection"]` and is committed by the caller.
"""

from __future__ import annotations

from alembic import context

from reader.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run only through reader.store.engine.open_library")

# Batch mode: SQLite cannot ALTER most things, so future migrations copy-and-move tables.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
