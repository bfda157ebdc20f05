"""A story as a sequence of versions: what changed at each step, and notes carried along.

The versions are ordered by publication (or capture) date, then by import order. Consecutive
versions are compared once and the comparisons kept in the library (comparison_cache.py).
A note written on one version is shown on any other by following its passage through those
comparisons (reader.compare.carry), never by searching the other text for lookalike words.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from reader.compare import compare
from reader.compare.carry import GONE, Alignment, Carried, Step, carry_through
from reader.compare.model import CompareOptions, Comparison
from reader.store.comparison_cache import (
    cached_alignment,
    cached_alignments,
    cached_stats,
    keep_comparison,
    stats_if_cached,
)
from reader.store.library import article_detail, get_story, version_age
from reader.store.models import Article
from reader.store.notes import list_notes
from reader.store.records import ArticleDetail, CarriedNote, NoteRecord, TimelineStep

DEFAULT_OPTIONS = CompareOptions()  # frozen, so one shared default is safe


def versions_in_order(session: Session, story_id: int) -> list[ArticleDetail]:
    story = get_story(session, story_id)
    rows = session.scalars(select(Article).where(Article.story_id == story_id,
                                                 Article.deleted_at.is_(None)))
    details = {row.id: article_detail(row) for row in rows}
    return [details[v.id] for v in sorted(story.versions, key=version_age)]


def story_timeline(session: Session, story_id: int,
                   options: CompareOptions = DEFAULT_OPTIONS) -> list[TimelineStep]:
    """Every version in order, each with the statistics of its change from the one before."""
    story = get_story(session, story_id)
    ordered = sorted(story.versions, key=version_age)
    details = {v.id: v for v in versions_in_order(session, story_id)}
    steps = [TimelineStep(ordered[0], None)] if ordered else []
    for before, after in pairwise(ordered):
        stats = cached_stats(session, details[before.id], details[after.id], options)
        steps.append(TimelineStep(after, stats))
    return steps


def story_timeline_briefly_locked(sessions: sessionmaker[Session], story_id: int,
                                  options: CompareOptions = DEFAULT_OPTIONS
                                  ) -> list[TimelineStep]:
    """`story_timeline` for a background thread: the comparisons the cache lacks are computed
    in a transaction that only reads, then kept in a second, short one. The library's write
    lock is held for the writes alone, not for the 0.2-1 s of comparing, so a note saved
    meanwhile does not find the library locked."""
    with sessions() as s:  # read only: rolled back on leaving
        ordered = sorted(get_story(s, story_id).versions, key=version_age)
        details = {v.id: v for v in versions_in_order(s, story_id)}
        known = {(a.id, b.id): stats_if_cached(s, details[a.id], details[b.id], options)
                 for a, b in pairwise(ordered)}
    fresh: list[tuple[ArticleDetail, ArticleDetail, Comparison]] = []
    steps = [TimelineStep(ordered[0], None)] if ordered else []
    for before, after in pairwise(ordered):
        stats = known[before.id, after.id]
        if stats is None:
            left, right = details[before.id], details[after.id]
            comparison = compare(left.text, right.text, options, left_title=left.title,
                                 right_title=right.title)
            fresh.append((left, right, comparison))
            stats = comparison.stats
        steps.append(TimelineStep(after, stats))
    if fresh:
        with sessions.begin() as s:
            for left, right, comparison in fresh:
                keep_comparison(s, left, right, options, comparison)
    return steps


def notes_in_version(session: Session, story_id: int, article_id: int,
                     options: CompareOptions = DEFAULT_OPTIONS) -> list[CarriedNote]:
    """The story's anchored notes as they stand in version `article_id`, in reading order.

    Notes written on that version keep their place; notes written on other versions are
    carried to it. A note orphaned in its own version stays with it (it has no passage to
    carry). Whole-comparison notes are not listed: they belong to no passage.
    """
    versions = versions_in_order(session, story_id)
    position = {v.id: n for n, v in enumerate(versions)}
    if article_id not in position:
        raise ValueError(f"article {article_id} is not a version of story {story_id}")
    carrier = _Carrier(session, versions, options)
    target = versions[position[article_id]]
    carried: list[CarriedNote] = []
    for note in list_notes(session, story_id):
        if note.article_id is None or note.resolved is None or note.article_id not in position:
            continue
        where = carrier.carry(note, position[note.article_id], position[article_id])
        text = target.text[where.start:where.end] if not where.gone else note.resolved.exact
        carried.append(CarriedNote(note, article_id, where.status, where.start, where.end,
                                   text))
    return sorted(carried, key=lambda c: (c.status == "gone", c.start, c.note.created, c.note.id))


def carry_to_pair(session: Session, story_id: int, left_id: int, right_id: int,
                  options: CompareOptions = DEFAULT_OPTIONS) -> tuple[CarriedNote, ...]:
    """The story's notes written on other versions, as they stand in a comparison of two.

    Each is carried to the side whose version is nearer its own in the story's order (fewer
    steps, fewer chances to lose it), or to the other side when it is gone from the nearer;
    a note in neither is `gone`, shown on the nearer side's id.
    """
    versions = versions_in_order(session, story_id)
    position = {v.id: n for n, v in enumerate(versions)}
    elsewhere = [n for n in list_notes(session, story_id) if n.resolved is not None
                 and n.article_id in position and n.article_id not in (left_id, right_id)]
    if not elsewhere:  # nothing to carry: no need to read (or compute) every alignment
        return ()
    carrier = _Carrier(session, versions, options)
    carried: list[CarriedNote] = []
    for note in elsewhere:
        assert note.article_id is not None and note.resolved is not None
        home = position[note.article_id]
        sides = sorted((left_id, right_id), key=lambda side: abs(position[side] - home))
        for side in sides:
            where = carrier.carry(note, home, position[side])
            if not where.gone:
                text = versions[position[side]].text[where.start:where.end]
                carried.append(CarriedNote(note, side, where.status, where.start, where.end,
                                           text))
                break
        else:
            carried.append(CarriedNote(note, sides[0], "gone", -1, -1, note.resolved.exact))
    return tuple(carried)


class _Carrier:
    """Carries passages between versions, comparing each needed pair at most once."""

    def __init__(self, session: Session, versions: Sequence[ArticleDetail],
                 options: CompareOptions) -> None:
        self._session, self._versions, self._options = session, versions, options
        # Every consecutive pair is likely needed: read them from the cache in one go.
        consecutive = list(pairwise(range(len(versions))))
        found = cached_alignments(session, [(versions[a], versions[b]) for a, b in consecutive],
                                  options)
        self._alignments: dict[tuple[int, int], Alignment] = dict(zip(consecutive, found,
                                                                      strict=True))

    def carry(self, note: NoteRecord, source: int, target: int) -> Carried:
        assert note.resolved is not None
        anchor = note.resolved
        if source == target:
            return Carried("same", anchor.start, anchor.end)
        forward = source < target
        pairs = ([(n, n + 1) for n in range(source, target)] if forward
                 else [(n - 1, n) for n in range(source, target, -1)])
        steps = [Step(self._alignment(a, b), forward) for a, b in pairs]
        carried = carry_through(steps, anchor.start, anchor.end, anchor.exact)
        if carried.gone and len(pairs) > 1:
            # Lost on the way, but a later version may have restored it: the engine's own
            # alignment of the two versions decides, still no text search.
            a, b = (source, target) if forward else (target, source)
            direct = Step(self._alignment(a, b), forward)
            carried = carry_through([direct], anchor.start, anchor.end, anchor.exact)
        return carried if not carried.gone else GONE

    def _alignment(self, a: int, b: int) -> Alignment:
        if (a, b) not in self._alignments:
            self._alignments[a, b] = cached_alignment(
                self._session, self._versions[a], self._versions[b], self._options)
        return self._alignments[a, b]
