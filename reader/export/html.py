"""The HTML export: one self-contained page that reads (and prints) without scripts.

`render_html` is the file a user shares. `render_print_html` is the same content in the subset
of HTML that Qt's rich text understands (tables, inline styles, <s>/<u>; no <del>, <ins>,
<mark>, classes or @media), which the PDF writer lays out.

Everything that comes from an article or a note passes through `_e` (html.escape with
quote=True); the only things written raw are this module's own tags, numbers, anchors it
builds from integers, and colours and language tags that were validated first.
"""

from __future__ import annotations

from datetime import datetime

from reader.export.formatting import (
    ROW_KIND_MEANING,
    display_date,
    display_time,
    language_tag,
    side_title,
    source_label,
    version_line,
)
from reader.export.html_flavour import WEB_URL, Flavour, e
from reader.export.html_quotes import QUOTE_HEADERS, QUOTE_WIDTHS, quote_row
from reader.export.html_style import PAGE_CSS
from reader.present import (
    SIDES,
    Cell,
    Item,
    Layout,
    LegendEntry,
    MovedFrom,
    NoteRef,
    NumberedNote,
    Piece,
    RowView,
    SideName,
    carried_caption,
    layout_of,
    note_anchor,
    note_color,
    note_ref_anchor,
)
from reader.present.quotes import flag_text
from reader.present.runs import note_runs, split_space
from reader.store.records import ArticleDetail, NoteRecord, StoryComparison

GENERATOR = "Parallax Reader"


_e = e


def _note_text(note: NoteRecord) -> str:
    """A note's words, signed by its author when it has one (a team library's notes)."""
    signed = (f'<div class="note-author">\u2014 {_e(note.author)}</div>'
              if note.author else "")
    return f'<div class="note-body">{_multiline(note.body)}</div>{signed}'


def _multiline(text: str) -> str:
    return _e(text).replace("\r\n", "\n").replace("\n", "<br>")


def render_html(doc: StoryComparison, exported_at: datetime) -> str:
    return _Page(doc, exported_at, Flavour(qt=False)).render()


def render_print_html(doc: StoryComparison, exported_at: datetime) -> str:
    """The same content in Qt's rich-text subset, for the PDF."""
    return _Page(doc, exported_at, Flavour(qt=True)).render()


def whole_page(title: str, css: str, body: list[str], exported_at: datetime) -> str:
    """A complete page: head (with the stylesheet, if any), the body's parts, the colophon."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{_e(GENERATOR)}">',
        f"<title>{_e(title)}</title>",
        f"<style>{css}</style>" if css else "",
        "</head>",
        "<body>",
        *body,
        f'<p class="colophon">Exported by {_e(GENERATOR)} on '
        f"{_e(display_time(exported_at))}.</p>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def render_sections(doc: StoryComparison, exported_at: datetime, anchor_prefix: str) -> str:
    """One comparison's sections, without page or legend, for a page that holds several
    (the story overview): every id and in-page link starts with `anchor_prefix`, and the
    headings are one level lower.

    Rewriting the markup is safe: text from articles and notes is escaped, so a `"` or `<`
    in it never reads as `id="`, `href="#` or `<h2>`.
    """
    page = _Page(doc, exported_at, Flavour(qt=False))
    body = "\n".join(p for p in page.sections(legend=False) if p)
    return (body.replace(' id="', f' id="{anchor_prefix}')
            .replace(' href="#', f' href="#{anchor_prefix}')
            .replace("<h2>", "<h3>").replace("</h2>", "</h3>"))


def legend_section(doc: StoryComparison, exported_at: datetime) -> str:
    """The "How to read this" section, once for a page of several comparisons."""
    return _Page(doc, exported_at, Flavour(qt=False)).sections(legend=True)[1]


class _Page:
    def __init__(self, doc: StoryComparison, exported_at: datetime, flavour: Flavour) -> None:
        self.doc = doc
        self.exported_at = exported_at
        self.f = flavour
        self.layout: Layout = layout_of(doc)
        # A notes column only when a row has a note: otherwise it would take a quarter of
        # the page for nothing.
        self.notes_col = any(r.notes for r in self.layout.rows)

    # --- the page -------------------------------------------------------------------------

    def render(self) -> str:
        title = f"{self.doc.story.title} \u2014 comparison"
        return whole_page(title, "" if self.f.qt else PAGE_CSS,
                          [self._header(), *self.sections(legend=True)], self.exported_at)

    def sections(self, *, legend: bool) -> list[str]:
        """Everything below the header: statistics, (legend,) notes, rows, quotations."""
        return [self._statistics(), self._legend() if legend else "", self._whole_notes(),
                self._comparison(), self._quotations(), self._orphaned(), self._elsewhere()]

    def _header(self) -> str:
        doc = self.doc
        cells = self._version_card("left", doc.left) + self._version_card("right", doc.right)
        return (f"<header>\n<h1>{_e(doc.story.title)}</h1>\n"
                f'<p class="exported">Annotated comparison, exported '
                f"{_e(display_time(self.exported_at))}</p>\n"
                f'<table class="versions" width="100%" cellspacing="0" cellpadding="6">'
                f"<tr>{cells}</tr></table>\n</header>")

    def _version_card(self, side: SideName, a: ArticleDetail) -> str:
        lang = language_tag(a.language)
        lang_attr = f' lang="{lang}"' if lang else ""
        rows = [
            ("Outlet", a.outlet or "unknown"),
            ("Published", display_date(a.published)),
            ("Words", str(a.words)),
            ("Language", a.language or "unknown"),
        ]
        details = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
        source = _e(source_label(a))
        if a.url and WEB_URL.match(a.url):  # a link only where it leads to the web
            source = f'<a href="{_e(a.url)}">{source}</a>'
        details += f"<tr><th>Source</th><td>{source}</td></tr>"
        return (f'<td class="version" width="50%" valign="top">'
                f'<p class="side-name">{side_title(side)} version (#{a.id})</p>'
                f'<p class="version-title"{lang_attr}><b>{_e(a.title)}</b></p>'
                f'<table class="facts" cellspacing="0" cellpadding="2">{details}</table></td>')

    def _statistics(self) -> str:
        body = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>"
                       for k, v in self.layout.statistics)
        return (f'<section id="statistics"><h2>Statistics</h2>'
                f'<table class="stats" cellspacing="0" cellpadding="3">{body}</table></section>')

    def _legend(self) -> str:
        f = self.f
        items = [(self._legend_sample(e), e.meaning) for e in self.layout.legend
                 if e.kind in ("deleted", "inserted")]
        items += [(f.badge(kind, kind), ROW_KIND_MEANING[kind].split(":")[0])
                  for kind in ("edited", "added", "removed")]
        items += [(self._legend_sample(e), e.meaning) for e in self.layout.legend
                  if e.kind not in ("deleted", "inserted", "empty")]
        body = "".join(f"<tr><td>{k}</td><td>{_e(v)}</td></tr>" for k, v in items)
        return (f'<section id="legend"><h2>How to read this</h2>'
                f'<table class="legend" cellspacing="0" cellpadding="3">{body}</table></section>')

    def _legend_sample(self, entry: LegendEntry) -> str:
        f = self.f
        if entry.kind == "deleted":
            return f.deleted(_e(entry.sample))
        if entry.kind == "inserted":
            return f.inserted(_e(entry.sample))
        if entry.kind == "moved":
            return f.badge("moved", "moved")
        if entry.kind == "quote":
            return f.badge("quote", "quote altered")
        return f.mark("passage", (_LEGEND_NOTE,)) + "<sup>1</sup>"

    # --- notes ----------------------------------------------------------------------------

    def _note_meta(self, note: NoteRecord) -> str:
        label = f" {self.f.badge('label', note.label)}" if note.label else ""
        times = f"created {display_time(note.created)}"
        if note.updated != note.created:
            times += f", updated {display_time(note.updated)}"
        return (f"{self.f.swatch(note_color(note))}{label}"
                f' <span class="when">{_e(times)}</span>')

    def _whole_notes(self) -> str:
        notes = self.layout.whole
        if not notes:
            return ""
        items = "".join(
            f'<li class="note" id="comparison-note-{i}"><div class="note-head">'
            f"{self._note_meta(n)}</div>"
            f"{_note_text(n)}</li>"
            for i, n in enumerate(notes, start=1))
        return (f'<section id="comparison-notes"><h2>Notes on the whole comparison</h2>'
                f'<ul class="notes">{items}</ul></section>')

    def _note_in_row(self, n: NumberedNote) -> str:
        side = side_title(n.side) if n.side else "Other"
        return (f'<div class="note" id="{note_anchor(n.number)}">'
                f'<div class="note-head"><a class="note-number" href="#{note_ref_anchor(n.number)}"'
                f' title="Back to the passage">{n.number}</a> '
                f'<span class="note-side">{side}</span> {self._note_meta(n.note)}</div>'
                f"{self._carried(n)}"
                f"{_note_text(n.note)}</div>")

    @staticmethod
    def _carried(n: NumberedNote) -> str:
        caption = carried_caption(n)
        return f'<div class="note-carried">{_e(caption)}</div>' if caption else ""

    def _note_listed(self, n: NumberedNote, kind: str) -> str:
        where = f"{side_title(n.side)} version" if n.side else f"version #{n.note.article_id}"
        passage = (f'<blockquote class="passage">\u201c{_e(n.passage)}\u201d</blockquote>'
                   if n.passage else "")
        return (f'<div class="note {kind}" id="{note_anchor(n.number)}"><div class="note-head">'
                f'<span class="note-number">{n.number}</span> {self.f.badge(kind, kind)} '
                f"{_e(where)} {self._note_meta(n.note)}</div>{self._carried(n)}{passage}"
                f"{_note_text(n.note)}</div>")

    def _orphaned(self) -> str:
        if not self.layout.orphaned:
            return ""
        items = "".join(self._note_listed(n, "orphaned") for n in self.layout.orphaned)
        return (f'<section id="orphaned-notes"><h2>Orphaned notes</h2>'
                f"<p>The passages these notes were written on can no longer be found in the "
                f"text; each is shown with the words it quoted.</p>"
                f'<div class="notes">{items}</div></section>')

    def _elsewhere(self) -> str:
        if not self.layout.elsewhere:
            return ""
        items = "".join(self._note_listed(n, "other") for n in self.layout.elsewhere)
        return (f'<section id="other-notes"><h2>Notes on other versions of the story</h2>'
                f'<div class="notes">{items}</div></section>')

    # --- the side-by-side table -----------------------------------------------------------

    def _comparison(self) -> str:
        rows = [self._row(line) if isinstance(line, RowView) else self._moved_from(line)
                for line in self.layout.lines]
        if not rows:
            return ('<section id="comparison"><h2>Side by side</h2>'
                    "<p>Both versions are empty.</p></section>")
        headers = compare_headers(self.doc)[:None if self.notes_col else 3]
        widths = COMPARE_WIDTHS if self.notes_col else COMPARE_WIDTHS_WITHOUT_NOTES
        return (f'<section id="comparison"><h2>Side by side</h2>\n'
                f"{self._table('compare', headers, widths, rows)}"
                f"</section>")

    def _table(self, cls: str, headers: tuple[str, ...], widths: tuple[str, ...],
               rows: list[str]) -> str:
        """A browser table with a <thead>; for Qt, a header table and one table per row, so
        the PDF writer can move a whole row to the next page (Qt splits a table's rows)."""
        if not self.f.qt:  # the stylesheet sizes the columns
            head = "".join(f"<th>{_e(h)}</th>" for h in headers)
            body = "\n".join(rows)
            return (f'<table class="{cls}"><thead><tr>{head}</tr></thead>'
                    f"<tbody>\n{body}\n</tbody></table>")
        attrs = ' border="1" cellspacing="0" cellpadding="4" width="100%"'
        head = "".join(f'<th width="{w}">{_e(h)}</th>' for h, w in zip(headers, widths,
                                                                       strict=True))
        tables = [f"<table{attrs}><tr>{head}</tr></table>"]
        tables.extend(f"<table{attrs}>{_with_widths(r, widths)}</table>" for r in rows)
        return "\n".join(tables)

    def _lang_attr(self, side: SideName) -> str:
        article = self.doc.left if side == "left" else self.doc.right
        lang = language_tag(article.language)
        return f' lang="{lang}"' if lang else ""

    def _row(self, view: RowView) -> str:
        row = view.row
        f = self.f
        classes = ["row", row.kind] + (["moved"] if row.moved else [])
        margin = [f'<a class="row-number" href="#{view.anchor}">{view.number}</a>']
        if row.kind != "equal":
            margin.append(f.badge(row.kind, row.kind))
        if row.kind == "edited":
            margin.append(f'<span class="similarity">{_e(view.likeness)}</span>')
        if row.moved:
            margin.append(f.badge("moved", "moved"))
            for m in view.moved_from:
                arrow = "&#8595;" if m.after >= view.number else "&#8593;"
                margin.append(f'<a class="moved-link" href="#{m.anchor}"'
                              f' title="Where it stood in the {m.side} version">'
                              f"{arrow} stood here on the {m.side}</a>")
        cells = []
        for side in SIDES:
            cell = view.cell(side)
            bg = self._qt_cell_color(view, side) if f.qt else ""
            bg_attr = f' bgcolor="{bg}"' if bg else ""
            if not cell.items:
                cells.append(f'<td class="side empty"{bg_attr}></td>')
                continue
            cells.append(f'<td class="side {side}"{self._lang_attr(side)}{bg_attr}>'
                         f"{self._cell(cell, view.whole)}</td>")
        notes = "".join(self._note_in_row(n) for n in view.notes)
        sep = "<br>" if f.qt else " "
        return (f'<tr id="{view.anchor}" class="{" ".join(classes)}">'
                f'<td class="margin" valign="top">{sep.join(margin)}</td>'
                f'{"".join(cells)}{self._notes_cell(notes)}</tr>')

    def _notes_cell(self, notes: str) -> str:
        return f'<td class="notes-col">{notes}</td>' if self.notes_col else ""

    def _qt_cell_color(self, view: RowView, side: SideName) -> str:
        kind = view.row.kind
        if kind == "edited":
            return "#fffaeb"
        if kind == "added":
            return "#f1faf1" if side == "right" else "#f4f4f4"
        if kind == "removed":
            return "#fdf1f0" if side == "left" else "#f4f4f4"
        return ""

    def _moved_from(self, m: MovedFrom) -> str:
        ids = ", ".join(str(i + 1) for i in m.sentences)
        what = "Sentence" if len(m.sentences) == 1 else "Sentences"
        text = (f"&#8631; {what} {ids} of the {m.side} version stood here; moved, now shown at "
                f'<a href="#row-{m.target}">row {m.target}</a>')
        cell = f'<td class="side moved-note">{text}</td>'
        empty = '<td class="side"></td>'
        left, right = (cell, empty) if m.side == "left" else (empty, cell)
        return (f'<tr id="{m.anchor}" class="moved-from">'
                f'<td class="margin"><a class="row-number" href="#row-{m.target}">'
                f'&#8594;{m.target}</a> {self.f.badge("moved", "moved")}</td>'
                f'{left}{right}{self._notes_cell("")}</tr>')

    def _cell(self, cell: Cell, whole: bool) -> str:
        out: list[str] = []
        for run in note_runs(cell.items):
            inner = self._quoted_groups(run.items, cell.side, whole, run.notes)
            out.append(self.f.mark(inner, run.notes) if run.notes else inner)
        return "".join(out)

    def _quoted_groups(self, items: tuple[Item, ...], side: SideName, whole: bool,
                       notes: tuple[NumberedNote, ...]) -> str:
        """Items with neighbouring pieces of one flagged quotation under one span."""
        out: list[str] = []
        group: list[Piece] = []
        quotes = self.doc.comparison.quotes

        def flush() -> None:
            if group:
                inner = "".join(self._piece(p, whole) for p in group)
                index = group[0].quote
                if index is not None:
                    inner = self.f.quoted(inner, flag_text(quotes[index], side), notes)
                out.append(inner)
                group.clear()

        for item in items:
            if isinstance(item, Piece):
                if group and group[0].quote != item.quote:
                    flush()
                group.append(item)
                continue
            flush()
            if isinstance(item, NoteRef):
                n = item.note.number
                out.append(f'<sup class="noteref" id="{note_ref_anchor(n)}">'
                           f'<a href="#{note_anchor(n)}" title="Note {n}">{n}</a></sup>')
            else:
                quote = quotes[item.quote]
                # (No title in print: the PDF writer boxes the text a quotation title covers.)
                tip = "" if self.f.qt else f' title="{_e(flag_text(quote, side))}"'
                flag = self.f.badge("quote", f"quote {item.verdict}")
                out.append(f'<a class="qflag" href="#quote-{item.quote + 1}"{tip}>{flag}</a>')
        flush()
        return "".join(out)

    def _piece(self, piece: Piece, whole: bool) -> str:
        """A deletion or insertion marked; in an added or removed row the cell's tint already
        says so, and the words are only struck through or underlined."""
        if piece.change == "same":
            return _e(piece.text)
        lead, core, trail = split_space(piece.text)
        if not core:
            return _e(piece.text)
        deleted = piece.change == "deleted"
        if whole and self.f.qt:
            marked = f"<s>{_e(core)}</s>" if deleted else f"<u>{_e(core)}</u>"
        else:
            marked = self.f.deleted(_e(core)) if deleted else self.f.inserted(_e(core))
        return f"{_e(lead)}{marked}{_e(trail)}"

    # --- quotations -----------------------------------------------------------------------

    def _quotations(self) -> str:
        if not self.layout.quotations:
            return ('<section id="quotations"><h2>Quotations</h2>'
                    "<p>Neither version has a direct quotation.</p></section>")
        rows = [quote_row(line, self.f.badge, self.f.qt, self._lang_attr)
                for line in self.layout.quotations]
        return (f'<section id="quotations"><h2>Quotations</h2>'
                f"{self._table('quotes', QUOTE_HEADERS, QUOTE_WIDTHS, rows)}</section>")


COMPARE_WIDTHS = ("11%", "33%", "33%", "23%")
COMPARE_WIDTHS_WITHOUT_NOTES = ("11%", "44.5%", "44.5%")


def compare_headers(doc: StoryComparison) -> tuple[str, ...]:
    return ("Row", f"Left: {version_line(doc.left)}", f"Right: {version_line(doc.right)}",
            "Notes")


def print_table_headers(doc: StoryComparison) -> dict[str, tuple[str, ...]]:
    """Column headers of the print tables, keyed by how their rows' first link starts: the PDF
    writer repeats them above a row that starts a page."""
    return {"#row-": compare_headers(doc), "#quote-": QUOTE_HEADERS}


def _with_widths(row: str, widths: tuple[str, ...]) -> str:
    """Give a row's cells their column widths (each print row is its own table in Qt)."""
    parts = row.split("<td")
    assert len(parts) == len(widths) + 1, "a print row has one cell per column"
    return parts[0] + "".join(f'<td width="{w}"{rest}' for w, rest in zip(widths, parts[1:],
                                                                         strict=True))


_LEGEND_NOTE = NumberedNote(
    number=1,
    note=NoteRecord(id=0, story_id=0, article_id=None, body="", label="", color="", anchor=None,
                    resolved=None, orphaned=False, created=datetime.min, updated=datetime.min,
                    deleted=False),
    side=None, row=None, passage="")
