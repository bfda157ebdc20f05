"""A team library: note authors and versions; PostgreSQL full-text search and change notices.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

On every engine, notes gain `author` (who wrote it) and `version` (bumped by each save, so a
save based on an older version is refused instead of overwriting someone else's edit).

On PostgreSQL only:
- search: a stored `search_vector` column on stories, articles and notes with a GIN index,
  built by `reader_search_vector` ('simple' configuration, accents removed by `unaccent` when the
  extension can be installed). Punctuation inside words (`orbitindonesia.com`, `3.5`,
  `open-air`) is turned into spaces first, so words split as SQLite's FTS5 unicode61 splits
  them and both engines find the same stories (reader.store.search builds the queries).
- change notices: after any write to stories, articles or notes, `NOTIFY reader_changes` with
  the table's name, which open windows LISTEN for (reader.store.changes).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SEARCHED_TABLES = {
    # table: (title-like column, body-like column), as search_index in 0001 pairs them.
    "stories": ("title", "''"),
    "articles": ("title", "text"),
    "notes": ("label", "body"),
}
CHANGE_CHANNEL = "reader_changes"
# Split like FTS5's unicode61 tokenizer: these join words in PostgreSQL's parser (hosts,
# decimals, paths, e-mail addresses, hyphenated compounds) but separate them in FTS5.
_JOINERS = "-._/@:+~=#&?%\\|^`<>[]{}()*!$;,\""
# A tsvector is at most 1 MB; no news article comes near this many characters.
_MAX_INDEXED_CHARS = 1_000_000


def _unaccent_call(schema: str | None, expression: str) -> str:
    if schema is None:
        return expression
    return f"{schema}.unaccent('{schema}.unaccent'::regdictionary, {expression})"


def _install_unaccent() -> str | None:
    """The schema holding unaccent, installing it if this role may; None when unavailable."""
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except sa.exc.DBAPIError:
        pass  # not shipped with this server, or the role may not install it: search keeps accents
    return bind.exec_driver_sql(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
    ).scalar()


def _postgres_search() -> None:
    unaccent = _install_unaccent()
    # Our functions live where the tables do; every call is schema-qualified so the generated
    # columns mean the same thing whatever a session's search_path is.
    here = op.get_bind().exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    joiners = _JOINERS.replace("'", "''")
    spaces = " " * len(_JOINERS)
    # IMMUTABLE so a generated column may use them.
    op.execute(
        f"CREATE FUNCTION {here}.reader_search_text(doc text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
        f"SELECT translate({_unaccent_call(unaccent, 'doc')}, '{joiners}', '{spaces}') $$")
    op.execute(
        f"CREATE FUNCTION {here}.reader_search_vector(head text, body text) RETURNS tsvector "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
        f"SELECT to_tsvector('simple'::regconfig, {here}.reader_search_text("
        f"coalesce(head, '') || ' ' || left(coalesce(body, ''), {_MAX_INDEXED_CHARS}))) $$")
    # The query is built from quoted letter-and-digit runs (reader.store.search.pg_tsquery):
    # only accents need removing, the same way as in the documents.
    op.execute(
        f"CREATE FUNCTION {here}.reader_search_query(query text) RETURNS tsquery "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
        f"SELECT to_tsquery('simple'::regconfig, {_unaccent_call(unaccent, 'query')}) $$")
    for table, (head, body) in SEARCHED_TABLES.items():
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({here}.reader_search_vector({head}, {body})) STORED")
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin (search_vector)")


def _postgres_change_notices() -> None:
    op.execute(
        "CREATE FUNCTION reader_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN PERFORM pg_notify('{CHANGE_CHANNEL}', TG_TABLE_NAME); RETURN NULL; END $$")
    for table in SEARCHED_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_notify_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION reader_notify_change()")


def upgrade() -> None:
    op.add_column("notes", sa.Column("author", sa.Text(), nullable=False, server_default=""))
    op.add_column("notes", sa.Column("version", sa.Integer(), nullable=False,
                                     server_default="1"))
    if op.get_bind().dialect.name == "postgresql":
        _postgres_search()
        _postgres_change_notices()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in SEARCHED_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_notify_change ON {table}")
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
            op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
        op.execute("DROP FUNCTION IF EXISTS reader_notify_change()")
        op.execute("DROP FUNCTION IF EXISTS reader_search_query(text)")
        op.execute("DROP FUNCTION IF EXISTS reader_search_vector(text, text)")
        op.execute("DROP FUNCTION IF EXISTS reader_search_text(text)")
    # Plain DROP COLUMN: a batch (copy-and-rename) on SQLite would drop the search triggers.
    op.drop_column("notes", "version")
    op.drop_column("notes", "author")
