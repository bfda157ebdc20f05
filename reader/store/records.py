"""Plain dataclasses the library functions return. The UI and exports only ever see these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from reader.compare.carry import CarryStatus
from reader.compare.model import Comparison, Stats

ImportStatus = Literal["imported", "duplicate", "failed"]


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    story_id: int
    title: str
    outlet: str | None
    published: date | None
    language: str
    words: int
    source_name: str
    imported_at: datetime
    unopened: bool = False  # a watch check brought it in and the reader has not looked yet
    observed_at: datetime | None = None  # a web version: when it was captured, else fetched


@dataclass(frozen=True)
class ArticleDetail:
    id: int
    story_id: int
    title: str
    outlet: str | None
    published: date | None
    language: str
    words: int
    source_name: str
    imported_at: datetime
    text: str  # the cleaned text shown to the reader; all offsets index into it
    raw: bytes  # the imported file, byte for byte
    url: str | None
    section: str | None
    content_hash: str


@dataclass(frozen=True)
class StorySummary:
    id: int
    title: str
    versions: tuple[ArticleSummary, ...]  # oldest import first


@dataclass(frozen=True)
class TextAnchor:
    """Where a note sits in one version: W3C TextQuoteSelector + TextPositionSelector."""

    exact: str
    prefix: str
    suffix: str
    start: int  # code points into ArticleDetail.text, end exclusive
    end: int


@dataclass(frozen=True)
class NoteRecord:
    id: int
    story_id: int
    article_id: int | None  # None: the note covers the comparison as a whole
    body: str
    label: str  # free text, "" for none
    color: str  # "#rrggbb", "" for the default
    anchor: TextAnchor | None  # as stored
    resolved: TextAnchor | None  # where the passage is found now in the article text
    orphaned: bool  # anchored, but the passage can no longer be found
    created: datetime
    updated: datetime
    deleted: bool
    author: str = ""  # who wrote it; "" in libraries from before authors were kept
    version: int = 1  # bumped by every save; update_note(expected_version=) checks it
    deleted_by: str = ""  # who deleted it, when `deleted` (if they said who they are)


@dataclass(frozen=True)
class ImportOutcome:
    source: str  # file name (or name#N for a JSONL record)
    status: ImportStatus
    reason: str = ""  # why it failed, or which article it duplicates
    article_id: int | None = None
    story_id: int | None = None


@dataclass(frozen=True)
class ImportProgress:
    """How far an import has come, after a record was stored (or refused)."""

    files_done: int
    files_total: int
    articles_done: int  # records stored, found duplicate or failed
    bytes_done: int  # of the files' bytes, through the last stored record
    bytes_total: int
    elapsed: float  # seconds since the import began

    @property
    def fraction(self) -> float:
        return min(1.0, self.bytes_done / self.bytes_total) if self.bytes_total else 0.0

    @property
    def rate(self) -> float:
        """Articles per second so far."""
        return self.articles_done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        """Estimated from the share of bytes done; None before anything is done."""
        if self.bytes_done <= 0 or self.elapsed <= 0:
            return None
        return self.elapsed * max(0, self.bytes_total - self.bytes_done) / self.bytes_done

    def describe(self) -> str:
        """One line for a person: "12,400 articles · 410 a second · about 3 min left"."""
        parts = [f"{self.articles_done:,} article{'s' if self.articles_done != 1 else ''}"]
        if self.files_total > 1:
            parts.append(f"{self.files_done:,} of {self.files_total:,} files")
        if self.elapsed >= 1:
            parts.append(f"{self.rate:,.0f} a second")
        left = self.seconds_left
        if left is not None and self.elapsed >= 1:
            parts.append("under a minute left" if left < 60 else
                         f"about {left / 60:.0f} min left" if left < 5400 else
                         f"about {left / 3600:.1f} h left")
        return " · ".join(parts)


@dataclass(frozen=True)
class VersionPair:
    """Two versions of a story and the engine's comparison of them. No notes: whoever shows
    the pair holds the story's notes (the window's notes panel, an export's caller)."""

    story: StorySummary
    left: ArticleDetail
    right: ArticleDetail
    comparison: Comparison
    # Where the notes written on the story's other versions stand in this pair (carried
    # through the alignment of consecutive versions; see store.timeline).
    carried: tuple[CarriedNote, ...] = ()

    def with_notes(self, notes: tuple[NoteRecord, ...]) -> StoryComparison:
        """The pair with these notes, whole-comparison notes first (as StoryComparison
        promises), otherwise in the order given."""
        ordered = tuple(sorted(notes, key=lambda n: n.article_id is not None))
        return StoryComparison(self.story, self.left, self.right, self.comparison, ordered,
                               self.carried)


@dataclass(frozen=True)
class StoryComparison:
    """Everything an annotated comparison shows: two versions, the engine's result, the notes."""

    story: StorySummary
    left: ArticleDetail
    right: ArticleDetail
    comparison: Comparison
    notes: tuple[NoteRecord, ...]  # live notes of the story, whole-comparison notes first
    carried: tuple[CarriedNote, ...] = ()  # where notes on other versions stand in this pair


@dataclass(frozen=True)
class TimelineStep:
    """One version of a story in order, with what changed since the version before it."""

    version: ArticleSummary
    since_previous: Stats | None  # None for the first version


@dataclass(frozen=True)
class QuoteWording:
    """A quotation in one version of its story."""

    article_id: int
    parts: tuple[tuple[int, int], ...]  # spans of that version's text; () where absent
    text: str | None  # the parts' words, joined by " … "; None where absent
    verdict: str | None  # against the version before; None where first seen


@dataclass(frozen=True)
class QuotationHistory:
    """One quotation of a story through its versions, from the one where it first appears
    to the last (where it is gone: verdict `dropped`, then `absent`)."""

    first_seen: int  # article id
    wordings: tuple[QuoteWording, ...]

    def wording_in(self, article_id: int) -> QuoteWording | None:
        return next((w for w in self.wordings if w.article_id == article_id), None)

    @property
    def first_text(self) -> str:
        return self.wordings[0].text or ""

    @property
    def changed(self) -> bool:
        """Whether any step did more than keep it word for word."""
        return any(w.verdict not in (None, "verbatim") for w in self.wordings)


@dataclass(frozen=True)
class StoryOverview:
    """A whole story for the overview export: the timeline, each quotation's history, and
    each version compared with the one before (with the story's notes)."""

    story: StorySummary
    timeline: tuple[TimelineStep, ...]
    quotations: tuple[QuotationHistory, ...]
    comparisons: tuple[StoryComparison, ...]  # comparisons[i]: version i against i + 1


@dataclass(frozen=True)
class CarriedNote:
    """A note shown on a version it may not have been written on.

    `status` is `same` (the passage's words survive), `changed` (it survives reworded:
    `start:end` and `text` are the target version's wording) or `gone` (no counterpart:
    `start == end == -1` and `text` is the passage as written). A note on the target version
    itself is `same` and not carried.
    """

    note: NoteRecord
    article_id: int  # the version it is shown on
    status: CarryStatus
    start: int
    end: int
    text: str

    @property
    def carried(self) -> bool:
        return self.note.article_id != self.article_id
