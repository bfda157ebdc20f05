"""The library: SQLite (or any SQLAlchemy URL) of stories, versions and notes."""
