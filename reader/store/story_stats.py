"""A story's version count and latest dates, kept on the story row.

The library list sorts 100,000 stories by these; computed per query from the articles they
took seconds, kept on the story (with an index each) a page takes milliseconds. Whatever
adds, moves, deletes or restores versions calls refresh_story_stats for the stories it
touched (deleted versions do not count).
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from reader.store.models import Article, Story


def refresh_story_stats(session: Session, story_ids: Collection[int]) -> None:
    if not story_ids:
        return
    versions = select(Article).where(Article.story_id == Story.id, Article.deleted_at.is_(None))
    session.execute(
        update(Story).where(Story.id.in_(sorted(story_ids))).values(
            version_count=versions.with_only_columns(func.count()).scalar_subquery(),
            latest_published=versions.with_only_columns(
                func.max(Article.published)).scalar_subquery(),
            latest_imported=versions.with_only_columns(
                func.max(Article.imported_at)).scalar_subquery()),
        execution_options={"synchronize_session": False})
