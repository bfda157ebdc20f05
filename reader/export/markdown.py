"""The Markdown export: the changes and notes as a readable document (CommonMark + GFM tables).

Deleted words are ~~struck through~~, inserted words **bold** (<del>/<ins> where punctuation
next to a word would keep Markdown from reading the marks); only rows that changed, moved or
carry a note are listed. Every piece of article or note text is escaped, so a `|` cannot break
the quotation table and a `#` or `*` in an article cannot turn into formatting.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from reader.export.formatting import display_date, display_time, side_title, source_label
from reader.present import (
    SIDES,
    Cell,
    Layout,
    NoteRef,
    NumberedNote,
    Piece,
    QuoteFlag,
    RowView,
    carried_caption,
    layout_of,
    percent,
)
from reader.present.quotes import quote_parts, shown_wording
from reader.present.runs import split_space
from reader.store.records import ArticleDetail, NoteRecord, StoryComparison

_SPECIALS = re.compile(r"([\\`*_\[\]<>#|~&])")
_BLOCK_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def md_escape(text: str) -> str:
    """Inline text with every character Markdown could read as syntax backslash-escaped."""
    return _SPECIALS.sub(r"\\\1", text)


def md_line(text: str) -> str:
    """Escape a line that starts a block: a leading '-', '+', '=' or '1.' stays literal text."""
    escaped = md_escape(text)
    match = _BLOCK_START.match(escaped)
    if match is None:
        return escaped
    indent, marker = match.groups()
    if marker[0].isdigit():  # "1." -> "1\." keeps the number, drops the list
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return f"{indent}\\{escaped[len(indent):]}"


def _cell_text(text: str) -> str:
    """Text for a table cell: one line, pipes escaped."""
    return md_escape(" ".join(text.split()))


def _superscript(number: int) -> str:
    return str(number).translate(_SUPERSCRIPT)


def _blockquote(lines: list[str]) -> str:
    return "\n".join(f"> {line}".rstrip() for line in lines)


def render_markdown(doc: StoryComparison, exported_at: datetime) -> str:
    layout = layout_of(doc)
    parts = [
        f"# {md_escape(doc.story.title)}",
        f"Annotated comparison, exported {display_time(exported_at)} by Parallax Reader.",
        _versions(doc.left, doc.right),
        _statistics(layout),
        _whole_notes(layout),
        _quotations(layout),
        _changes(layout),
        _listed_notes("Orphaned notes", layout.orphaned,
                      "The passages these notes were written on can no longer be found in the "
                      "text; each is shown with the words it quoted."),
        _listed_notes("Notes on other versions of the story", layout.elsewhere, ""),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _versions(left: ArticleDetail, right: ArticleDetail) -> str:
    def facts(a: ArticleDetail) -> list[str]:
        return [a.title, a.outlet or "unknown", display_date(a.published), str(a.words),
                a.language or "unknown", source_label(a)]

    names = ["Title", "Outlet", "Published", "Words", "Language", "Source"]
    lines = [f"| | Left version (#{left.id}) | Right version (#{right.id}) |", "|---|---|---|"]
    for name, lv, rv in zip(names, facts(left), facts(right), strict=True):
        lines.append(f"| {name} | {_cell_text(lv)} | {_cell_text(rv)} |")
    return "\n".join(lines)


def _statistics(layout: Layout) -> str:
    figures = [f"- {name}: {value}" for name, value in layout.statistics]
    return "\n".join(["## Statistics", "", *figures])


def _note_head(note: NoteRecord) -> str:
    bits = []
    if note.label:
        bits.append(f"label: {md_escape(note.label)}")
    if note.color:
        bits.append(f"colour {md_escape(note.color)}")
    bits.append(f"created {display_time(note.created)}")
    if note.updated != note.created:
        bits.append(f"updated {display_time(note.updated)}")
    return " · ".join(bits)


def _note_body(note: NoteRecord) -> list[str]:
    """The note's lines, signed "— author" when it has one (a team library's notes)."""
    lines = [md_line(line) for line in note.body.replace("\r\n", "\n").split("\n")]
    if note.author:
        lines += ["", f"\u2014 {md_escape(note.author)}"]
    return lines


def _whole_notes(layout: Layout) -> str:
    if not layout.whole:
        return ""
    blocks = [_blockquote([f"**Note on the whole comparison** · {_note_head(n)}", "",
                           *_note_body(n)]) for n in layout.whole]
    return "## Notes on the whole comparison\n\n" + "\n\n".join(blocks)


def _quotations(layout: Layout) -> str:
    """One line per entry: its verdict (and what stayed unsure), speaker (reattributed A → B
    when the versions disagree), each side's wording with the row it is in (the words cut
    under the left, the words added under the right) and how alike they are."""
    if not layout.quotations:
        return "## Quotations\n\nNeither version has a direct quotation."
    lines = ["## Quotations", "",
             "| # | Verdict | Speaker | Left wording | Right wording | Similarity |",
             "|---:|---|---|---|---|---:|"]
    for line in layout.quotations:
        cells = []
        for side, row, said in zip(SIDES, line.rows, (line.cut, line.added), strict=True):
            words = shown_wording(line.quote, side)
            if words is None:
                cells.append("—")
                continue
            where = f" (row {row})" if row else ""
            evidence = f" — *{_cell_text(said)}*" if said else ""
            cells.append(f"{_cell_text(words)}{where}{evidence}")
        verdict = _cell_text(line.verdict) + "".join(f" — *{_cell_text(note)}*"
                                                     for note in line.unsure)
        both = all(quote_parts(line.quote, side) for side in SIDES)
        similarity = percent(line.quote.similarity) if both else "—"
        lines.append(f"| {line.number} | {verdict} | {_cell_text(line.speaker) or '—'} "
                     f"| {cells[0]} | {cells[1]} | {similarity} |")
    return "\n".join(lines)


def _changes(layout: Layout) -> str:
    shown = [r for r in layout.rows if r.changed or r.notes]
    hidden = len(layout.rows) - len(shown)
    intro = ("Deleted words are ~~struck through~~, inserted words are **bold**; a raised "
             "number marks a passage with a note, shown below the row.")
    if hidden:
        intro += f" {hidden} unchanged row{'s' if hidden != 1 else ''} without notes not shown."
    blocks = ["## Changes", intro]
    blocks.extend(_row(view) for view in shown)
    if not shown:
        blocks.append("The two versions are identical.")
    return "\n\n".join(blocks)


def _row(view: RowView) -> str:
    row = view.row
    title = f"### Row {view.number} · {row.kind}"
    if row.kind == "edited":
        title += f" ({view.likeness})"
    if row.moved:
        title += " · moved"
    lines = [title, ""]
    for m in view.moved_from:
        sentences = ", ".join(str(i + 1) for i in m.sentences)
        place = f"after row {m.after}" if m.after else "before row 1"
        lines.append(f"Moved: in the {m.side} version, sentence {sentences} stood {place}.")
        lines.append("")
    if row.kind == "equal":
        lines.append(f"- **Both:** {_cell(view.left)}")
    else:
        for side in SIDES:
            cell = view.cell(side)
            text = _cell(cell) if cell.items else "*(not in this version)*"
            lines.append(f"- **{side_title(side)}:** {text}")
    for n in view.notes:
        lines.append("")
        lines.append(_anchored_note(n))
    return "\n".join(lines)


def _anchored_note(n: NumberedNote) -> str:
    where = side_title(n.side) if n.side else "Other"
    head = (f"**Note {n.number}** ({where.lower()}, on “{md_escape(n.passage)}”) · "
            f"{_note_head(n.note)}")
    caption = carried_caption(n)
    return _blockquote([head, *([f"*{md_escape(caption)}*"] if caption else []), "",
                        *_note_body(n.note)])


def _cell(cell: Cell) -> str:
    """A row side as one line. Neighbouring pieces with the same change share one mark (notes
    and quotes cut pieces finer than Markdown can show), so no `~~a~~~~b~~` appears."""
    segments: list[tuple[str, str]] = []  # (kind, escaped text); kind "text" is final
    run: list[Piece] = []

    def flush() -> None:
        if run:
            segments.extend(_segments(run[0].change, "".join(p.text for p in run)))
            run.clear()

    for item in cell.items:
        if isinstance(item, Piece):
            if run and run[0].change != item.change:
                flush()
            run.append(item)
            continue
        flush()
        if isinstance(item, NoteRef):
            segments.append(("text", _superscript(item.note.number)))
        elif isinstance(item, QuoteFlag):
            segments.append(("text", f" *(quote {md_escape(item.verdict)})*"))
            segments.append(("space", " "))
    flush()
    return _join(segments).replace("\n", " ")


def _segments(change: str, text: str) -> list[tuple[str, str]]:
    if change == "same":
        return [("text", md_escape(text))]
    lead, core, trail = split_space(text)
    if not core:
        return [("text", md_escape(text))]
    return [("text", md_escape(lead)), (change, md_escape(core)), ("text", md_escape(trail))]


def _join(segments: list[tuple[str, str]]) -> str:
    out = ""
    for index, (kind, text) in enumerate(segments):
        if kind == "space":  # after a quote flag, unless the text goes on with a space
            following = "".join(t for _, t in segments[index + 1:])
            if following and not following[0].isspace():
                out += " "
            continue
        if kind == "text":
            out += text
            continue
        following = "".join(t for k, t in segments[index + 1:] if k != "space")
        out += _mark(kind, text, out[-1:], following[:1])
    return out


def _mark(change: str, core: str, before: str, after: str) -> str:
    """~~core~~ or **core**, or <del>/<ins> where CommonMark would not read the delimiters:
    an opener before punctuation needs space or punctuation before it, a closer after
    punctuation needs space or punctuation after it ("(~~NATO" or "Rutte**,**" fail)."""
    opens = not _is_punct(core[0]) or not before or _is_space(before) or _is_punct(before)
    closes = not _is_punct(core[-1]) or not after or _is_space(after) or _is_punct(after)
    if opens and closes:
        mark = "~~" if change == "deleted" else "**"
        return f"{mark}{core}{mark}"
    tag = "del" if change == "deleted" else "ins"
    return f"<{tag}>{core}</{tag}>"


def _is_space(char: str) -> bool:
    return char in "\t\n\f\r" or unicodedata.category(char) == "Zs"


def _is_punct(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _listed_notes(heading: str, notes: tuple[NumberedNote, ...], intro: str) -> str:
    if not notes:
        return ""
    blocks = [f"## {heading}"] + ([intro] if intro else [])
    for n in notes:
        where = f"{side_title(n.side).lower()} version" if n.side else \
            f"version #{n.note.article_id}"
        passage = f", on “{md_escape(n.passage)}”" if n.passage else ""
        caption = carried_caption(n)
        head = (f"**Note {n.number}** ({where}{passage}) · {_note_head(n.note)}"
                + (f" · *{md_escape(caption)}*" if caption else ""))
        blocks.append(_blockquote([head, "", *_note_body(n.note)]))
    return "\n\n".join(blocks)
