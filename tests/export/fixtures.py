"""Hand-built comparisons for the export tests (no engine needed, every case present).

The English pair has, in this order of rows: a moved equal row, an edited row with
insert/delete/replace ops, an edited row with an altered quotation, a removed row (a dropped
quotation), an equal row with a verbatim quotation, an edited row where a quotation became
reported speech (unquoted), and an added row (an added quotation).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from reader.compare.model import (
    Comparison,
    Op,
    OpKind,
    Quote,
    QuoteCounts,
    QuoteSide,
    QuoteStatus,
    Row,
    RowCounts,
    RowKind,
    Sentence,
    Side,
    Stats,
    row_text,
)
from reader.compare.words import count_words
from reader.store.records import (
    ArticleDetail,
    ArticleSummary,
    NoteRecord,
    StoryComparison,
    StorySummary,
    TextAnchor,
)

EXPORTED_AT = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
CREATED = datetime(2026, 11, 20, 9, 15)
UPDATED = datetime(2026, 11, 21, 17, 40)

LEFT_PARAGRAPHS = [
    ["The mayor opened the new bridge on Monday.",
     "\u201cIt will serve the city for a century,\u201d she said."],
    ["Traffic was heavy all day, and \u201cthis is a disgrace,\u201d one councillor said.",
     "The governor called the bridge \u201ca model for the region.\u201d"],
    ["\u201cWe were never consulted,\u201d a resident complained.",
     "Critics called it a waste of money."],
]
RIGHT_PARAGRAPHS = [
    ["Critics called it a waste of money.",
     "The mayor proudly opened the bridge on Tuesday."],
    ["\u201cIt will serve us for decades,\u201d she said.",
     "The governor called the bridge \u201ca model for the region.\u201d"],
    ["A resident complained that nobody had consulted them.",
     "Police closed two lanes, calling the jams \u201cunavoidable.\u201d"],
]


def make_side(title: str, paragraphs: list[list[str]]) -> Side:
    text = ""
    sentences: list[Sentence] = []
    for p, paragraph in enumerate(paragraphs):
        if p:
            text += "\n\n"
        for k, sentence in enumerate(paragraph):
            if k:
                text += " "
            start = len(text)
            text += sentence
            sentences.append(Sentence(len(sentences), sentence, start, len(text), p))
    return Side(title, text, tuple(sentences))


def make_ops(segments: list[tuple[OpKind, str, str]]) -> tuple[Op, ...]:
    ops = []
    a = b = 0
    for kind, left, right in segments:
        ops.append(Op(kind, (a, a + len(left)), (b, b + len(right))))
        a += len(left)
        b += len(right)
    return tuple(ops)


def check_ops(left: Side, right: Side, row: Row, segments: list[tuple[OpKind, str, str]]) -> None:
    assert "".join(s[1] for s in segments) == row_text(left, row.left)
    assert "".join(s[2] for s in segments) == row_text(right, row.right)


def quote_in(side: Side, sentence: int, words: str) -> QuoteSide:
    s = side.sentences[sentence]
    start = side.text.index(words, s.start)
    return QuoteSide(words, sentence, start, start + len(words))


def english_comparison() -> Comparison:
    left = make_side("Bridge opens", LEFT_PARAGRAPHS)
    right = make_side("Bridge opens to traffic", RIGHT_PARAGRAPHS)
    mayor: list[tuple[OpKind, str, str]] = [
        ("equal", "The mayor ", "The mayor "),
        ("insert", "", "proudly "),
        ("equal", "opened the ", "opened the "),
        ("delete", "new ", ""),
        ("equal", "bridge on ", "bridge on "),
        ("replace", "Monday", "Tuesday"),
        ("equal", ".", "."),
    ]
    century: list[tuple[OpKind, str, str]] = [
        ("equal", "\u201cIt will serve ", "\u201cIt will serve "),
        ("replace", "the city for a century", "us for decades"),
        ("equal", ",\u201d she said.", ",\u201d she said."),
    ]
    resident: list[tuple[OpKind, str, str]] = [
        ("replace", "\u201cWe were never consulted,\u201d a resident complained.",
         "A resident complained that nobody had consulted them."),
    ]
    rows = (
        Row("equal", True, (5,), (0,), 1.0,
            make_ops([("equal", left.sentences[5].text, right.sentences[0].text)])),
        Row("edited", False, (0,), (1,), 0.82, make_ops(mayor)),
        Row("edited", False, (1,), (2,), 0.64, make_ops(century)),
        Row("removed", False, (2,), (), 0.0, ()),
        Row("equal", False, (3,), (3,), 1.0,
            make_ops([("equal", left.sentences[3].text, right.sentences[3].text)])),
        Row("edited", False, (4,), (4,), 0.41, make_ops(resident)),
        Row("added", False, (), (5,), 0.0, ()),
    )
    check_ops(left, right, rows[1], mayor)
    check_ops(left, right, rows[2], century)
    check_ops(left, right, rows[5], resident)
    quotes = (
        Quote("altered", quote_in(left, 1, "It will serve the city for a century,"),
              quote_in(right, 2, "It will serve us for decades,"), 0.58),
        Quote("dropped", quote_in(left, 2, "this is a disgrace,"), None, 0.0),
        Quote("verbatim", quote_in(left, 3, "a model for the region."),
              quote_in(right, 3, "a model for the region."), 1.0),
        Quote("unquoted", quote_in(left, 4, "We were never consulted,"),
              quote_in(right, 4, "nobody had consulted them"), 0.5),
        Quote("added", None, quote_in(right, 5, "unavoidable."), 0.0),
    )
    return Comparison(left, right, rows, quotes, _stats(left, right, rows, quotes))


def _stats(left: Side, right: Side, rows: tuple[Row, ...], quotes: tuple[Quote, ...]) -> Stats:
    kinds: dict[RowKind, int] = {"equal": 0, "edited": 0, "added": 0, "removed": 0}
    for r in rows:
        kinds[r.kind] += 1
    statuses: dict[QuoteStatus, int] = {"verbatim": 0, "altered": 0, "unquoted": 0,
                                        "dropped": 0, "added": 0}
    for q in quotes:
        statuses[q.status] += 1
    left_words = count_words(left.text)
    right_words = count_words(right.text)
    return Stats(left_words, right_words, 0.71, 0.33,
                 RowCounts(moved=sum(r.moved for r in rows), **kinds),
                 QuoteCounts(**statuses))


def article(article_id: int, side: Side, *, outlet: str | None, published: date | None,
            language: str = "en") -> ArticleDetail:
    return ArticleDetail(
        id=article_id, story_id=1, title=side.title, outlet=outlet, published=published,
        language=language, words=count_words(side.text), source_name=f"version-{article_id}.txt",
        imported_at=CREATED, text=side.text, raw=side.text.encode(), url=None, section=None,
        content_hash=f"hash{article_id}")


def summary_of(a: ArticleDetail) -> ArticleSummary:
    """The library's summary of a version, as `list_stories` gives it."""
    return ArticleSummary(a.id, a.story_id, a.title, a.outlet, a.published, a.language, a.words,
                          a.source_name, a.imported_at)


def anchor_at(text: str, exact: str, *, occurrence_from: int = 0) -> TextAnchor:
    start = text.index(exact, occurrence_from)
    end = start + len(exact)
    return TextAnchor(exact, text[max(0, start - 32):start], text[end:end + 32], start, end)


def note(note_id: int, article_id: int | None, body: str, *, anchor: TextAnchor | None = None,
         orphaned: bool = False, label: str = "", color: str = "") -> NoteRecord:
    return NoteRecord(
        id=note_id, story_id=1, article_id=article_id, body=body, label=label, color=color,
        anchor=anchor, resolved=None if orphaned else anchor, orphaned=orphaned,
        created=CREATED, updated=UPDATED if note_id % 2 else CREATED, deleted=False)


def make_doc(cmp: Comparison, notes: tuple[NoteRecord, ...] = (), *, language: str = "en",
             title: str = "Bridge opens") -> StoryComparison:
    left = article(11, cmp.left, outlet="City Herald", published=date(2025, 2, 13),
                   language=language)
    right = article(12, cmp.right, outlet="Daily Wire Rewrite", published=None,
                    language=language)
    story = StorySummary(1, title, (summary_of(left), summary_of(right)))
    return StoryComparison(story, left, right, cmp, notes)


def english_doc() -> StoryComparison:
    cmp = english_comparison()
    lt, rt = cmp.left.text, cmp.right.text
    notes = (
        note(1, None, "Overall the rewrite keeps the facts\nbut softens the criticism.",
             label="summary", color="#3366cc"),
        note(2, 11, "Day of the opening differs between versions.",
             anchor=anchor_at(lt, "on Monday"), label="fact check", color="#e4572e"),
        note(3, 12, "The quotation was shortened: check the recording.",
             anchor=anchor_at(rt, "It will serve us for decades"), color="#17a398"),
        note(4, 11, "This councillor is not named anywhere.",
             anchor=anchor_at(lt, "one councillor said"), label="sourcing"),
        note(5, 11, "A sentence that was later deleted from the text.",
             anchor=TextAnchor("Nobody attended the ceremony.", "", "", 500, 529),
             orphaned=True),
        note(6, 12, "Who are the police quoting?",
             anchor=anchor_at(rt, "calling the jams \u201cunavoidable.\u201d")),
    )
    return make_doc(cmp, notes)


def single_row_doc(left_sentence: str, right_sentence: str, notes: tuple[NoteRecord, ...],
                   *, language: str = "en") -> StoryComparison:
    """One edited row: handy for escaping and Unicode tests."""
    left = make_side("Left", [[left_sentence]])
    right = make_side("Right", [[right_sentence]])
    row = Row("edited", False, (0,), (0,), 0.5,
              make_ops([("replace", left.text, right.text)]))
    cmp = Comparison(left, right, (row,), (), _stats(left, right, (row,), ()))
    return make_doc(cmp, notes, language=language, title=left_sentence[:40])

