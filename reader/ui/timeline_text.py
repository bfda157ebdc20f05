"""What the timeline strip says and which pair a click or a step chooses: no painting here.

Versions are in the story's order (store.library.version_age: published or captured time,
then import order); a version's number `vN` counts from 1 in that order, as in the pickers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from reader.compare.model import Stats
from reader.store.library import version_age
from reader.store.records import ArticleSummary, StorySummary
from reader.ui.library_model import format_date

# A step with this many changed rows and quotations gets the tallest mark; more stays as tall.
FULL_MARK_CHANGES = 24


def in_story_order(versions: Sequence[ArticleSummary]) -> list[ArticleSummary]:
    return sorted(versions, key=version_age)


def default_pair(story: StorySummary, article: ArticleSummary | None,
                 first_with_latest: bool = False) -> tuple[int, int]:
    """The latest edit (the last two versions) for a story, or its first against its latest
    when the reader prefers that; a version chosen on its own against the one before it (the
    first against the second)."""
    ids = [v.id for v in in_story_order(story.versions)]
    if len(ids) < 2:
        return ids[0], ids[0]
    if article is None or article.id not in ids:
        return (ids[0], ids[-1]) if first_with_latest else (ids[-2], ids[-1])
    i = max(ids.index(article.id), 1)
    return ids[i - 1], ids[i]


def changed_count(stats: Stats) -> int:
    """Rows edited, added, removed or moved, and quotations not kept word for word."""
    r = stats.rows
    return r.edited + r.added + r.removed + r.moved + quotes_changed(stats)


def quotes_changed(stats: Stats) -> int:
    return sum(n for verdict, n in stats.quotes.to_dict().items() if verdict != "verbatim")


def mark_fraction(stats: Stats) -> float:
    """How tall the mark between two versions is, 0..1: grows fast for the first changes and
    saturates, so one big rewrite does not flatten every other step of the story."""
    return min(1.0, math.sqrt(changed_count(stats) / FULL_MARK_CHANGES))


def version_date(version: ArticleSummary) -> date:
    if version.observed_at is not None:
        return version.observed_at.date()
    return version.published or version.imported_at.date()


def version_day(version: ArticleSummary) -> str:
    day = format_date(version_date(version))
    return day if version.observed_at or version.published else f"imported {day}"


def node_lines(n: int, version: ArticleSummary, *, year: bool = True) -> tuple[str, str]:
    """The two lines under a node: number and date (without the year when every version has
    the same one: the strip is narrower), then outlet (or the file it came from)."""
    day = version_date(version)
    shown = version_day(version) if year else f"{day.day} {day:%b}"
    return f"v{n} · {shown}", version.outlet or version.source_name


def one_year(versions: Sequence[ArticleSummary]) -> bool:
    return len({version_date(v).year for v in versions}) <= 1


def node_tooltip(n: int, version: ArticleSummary, anchor: int | None) -> str:
    lines = [f"v{n} · {version.outlet or version.source_name}", version.title,
             f"{version_day(version)} · {version.words:,} words", ""]
    lines.append(f"Click: compare with v{n - 1}" if n > 1 else "Click: compare with v2")
    if anchor is not None and anchor != n:
        lines.append(f"Ctrl+click: compare with v{anchor}")
    return "\n".join(lines)


def step_tooltip(n: int, stats: Stats | None) -> str:
    """The counts of the change from v(n-1) to vn."""
    head = f"v{n - 1} → v{n}"
    if stats is None:
        return f"{head}\nCounting changes…"
    r, quotes = stats.rows, stats.quotes.to_dict()
    changed = {v: k for v, k in quotes.items() if k and v != "verbatim"}
    quote_line = ("Quotations: " + " · ".join(f"{k} {v}" for v, k in changed.items())
                  if changed else "Quotations: none changed")
    if quotes["verbatim"]:
        quote_line += f" ({quotes['verbatim']} kept word for word)"
    return "\n".join([
        f"{head}: {changed_count(stats)} changes",
        f"Sentences: {r.edited} edited · {r.added} added · {r.removed} removed · "
        f"{r.moved} moved · {r.equal} same",
        quote_line,
        f"{stats.reused_left:.0%} of v{n - 1} reused · {stats.new_right:.0%} of v{n} new",
        "Click: compare these two",
    ])


def clicked_pair(ids: Sequence[int], index: int) -> tuple[int, int]:
    """A node clicked: that version against its predecessor (the first against the second)."""
    i = max(index, 1)
    return ids[i - 1], ids[i]


def other_end_pair(ids: Sequence[int], anchor: int, index: int) -> tuple[int, int] | None:
    """A node Ctrl+clicked: it and the anchor, older on the left; None when they are one."""
    if ids[index] == anchor or anchor not in ids:
        return None
    a, b = sorted((ids.index(anchor), index))
    return ids[a], ids[b]


def stepped_pair(ids: Sequence[int], pair: tuple[int, int], delta: int) -> tuple[int, int] | None:
    """The consecutive pair after (+1) or before (-1) `pair`, sides kept the way round they
    were; None at the end of the story."""
    left, right = pair
    if left not in ids or right not in ids:
        return None
    lo, hi = sorted((ids.index(left), ids.index(right)))
    if delta > 0:
        if hi + 1 >= len(ids):
            return None
        new = (ids[hi], ids[hi + 1])
    else:
        if lo == 0:
            return None
        new = (ids[lo - 1], ids[lo])
    swapped = ids.index(left) > ids.index(right)
    return (new[1], new[0]) if swapped else new
