"""How a quotation's history is shown: one line per version, a verdict named for a reader.

The window's History view, `reader timeline` and the story overview export all draw these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from reader.store.records import QuotationHistory

# Each step's verdict as read along a story, oldest version first ("dropped" here means: by
# this version; the comparison's own wording speaks of a left and a right version).
_STEP_WORDS: dict[str, str] = {
    "verbatim": "the same words as the version before",
    "trimmed": "part kept word for word, the rest cut",
    "extended": "kept word for word and lengthened",
    "altered": "the words inside the quotation marks changed",
    "unquoted": "the words survive as reported speech, without quotation marks",
    "quoted": "reported speech became a quotation",
    "dropped": "the quotation is gone from this version",
    "absent": "not in this version",
}


class VersionLike(Protocol):
    """What a history line needs of a version (ArticleSummary and ArticleDetail both have it)."""

    @property
    def id(self) -> int: ...
    @property
    def outlet(self) -> str | None: ...
    @property
    def published(self) -> date | None: ...


@dataclass(frozen=True)
class HistoryLine:
    number: int  # the version's place in the story, 1 for the oldest
    article_id: int
    version: str  # "v3 · Outlet · 2026-03-03", or "v5–v9 (5 versions)" for a run
    verdict: str  # the engine's verdict, "first seen" or "absent"
    meaning: str
    text: str | None  # None where the quotation is not in this version
    flagged: bool  # this step did more than keep the words
    last_number: int = 0  # the last version of a run of unchanged ones (0: a single version)

    @property
    def reported(self) -> bool:
        """The words stand as reported speech here, not inside quotation marks."""
        return self.verdict == "unquoted"


_QUIET = ("verbatim", "absent")  # steps that change nothing a reader must see


def history_lines(history: QuotationHistory, versions: Sequence[VersionLike], *,
                  collapse: bool = False) -> list[HistoryLine]:
    """One line per version from the one where the quotation first appears to the last; with
    `collapse`, a run of versions that keep it unchanged (or keep it absent) is one line."""
    number = {v.id: n for n, v in enumerate(versions, 1)}
    by_id = {v.id: v for v in versions}
    lines: list[HistoryLine] = []
    for w in history.wordings:
        verdict = w.verdict or "first seen"
        n = number[w.article_id]
        last = lines[-1] if lines else None
        if (collapse and last is not None and verdict in _QUIET and last.verdict == verdict):
            first = last.number
            lines[-1] = replace(last, last_number=n,
                                version=f"v{first}\u2013v{n} ({n - first + 1} versions)")
            continue
        meaning = (_STEP_WORDS.get(verdict, verdict) if w.verdict
                   else "first quoted in this version")
        lines.append(HistoryLine(n, w.article_id, version_label(n, by_id[w.article_id]),
                                 verdict, meaning, w.text, w.verdict not in (None, *_QUIET)))
    return lines


def version_label(number: int, version: VersionLike) -> str:
    facts = [f"v{number}", version.outlet or "outlet unknown"]
    if version.published is not None:
        facts.append(version.published.isoformat())
    return " \u00b7 ".join(facts)


def history_summary(history: QuotationHistory, number: dict[int, int]) -> str:
    """'from v1: v2 altered, v3 trimmed', or 'kept word for word'; `number` maps article ids
    to their place in the story."""
    fate = [f"v{number[w.article_id]} {w.verdict}" for w in history.wordings
            if w.verdict not in (None, "verbatim", "absent")]
    return f"from v{number[history.first_seen]}: {', '.join(fate) or 'kept word for word'}"
