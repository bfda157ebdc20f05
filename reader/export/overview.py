"""The story overview export: one self-contained HTML page for a story of many versions.

It holds the timeline (the versions in order, what changed at each step), each quotation's
wording through the versions, and every version compared with the one before, each drawn by
the HTML export's own emitter (`render_sections`), so a step reads exactly as a one-pair
export does. No scripts; everything from an article or a note is escaped.
"""

from __future__ import annotations

import html
from datetime import datetime

from reader.export.formatting import display_date, display_time, language_tag
from reader.export.html import legend_section, render_sections, whole_page
from reader.export.html_flavour import Flavour
from reader.export.html_style import PAGE_CSS
from reader.present import percent
from reader.present.quote_history import HistoryLine, history_lines
from reader.store.records import QuotationHistory, StoryOverview, TimelineStep

_BADGE = Flavour(qt=False).badge

OVERVIEW_CSS = """
table.timeline, table.history { width: 100%; font-size: .95rem; }
table.timeline th, table.timeline td, table.history th, table.history td {
  border: 1px solid #d4d4d4; padding: .35rem .5rem; vertical-align: top; }
table.timeline th, table.history th { background: #f1f1f1; font-size: .85rem; }
table.history td.version { width: 16rem; white-space: nowrap; }
table.history td.verdict { width: 14rem; }
table.history tr.absent td.wording { color: #555; font-style: italic; }
.quotation h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
section.step { border-top: 3px solid #8a8a8a; margin-top: 3rem; }
section.step > h2 { border-bottom: none; font-size: 1.35rem; }
section.step h3 { font-size: 1.05rem; margin: 1.4rem 0 .5rem; }
nav.steps a { margin-right: .8rem; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def render_overview_html(overview: StoryOverview, exported_at: datetime) -> str:
    story = overview.story
    header = (f"<header>\n<h1>{_e(story.title)}</h1>\n"
              f'<p class="exported">Story overview: {len(overview.timeline)} versions, '
              f"exported {_e(display_time(exported_at))}</p>\n</header>")
    body = [header, _timeline(overview.timeline), _quotations(overview),
            legend_section(overview.comparisons[0], exported_at),
            *(_step(overview, n, exported_at) for n in range(2, len(overview.timeline) + 1))]
    return whole_page(f"{story.title} \u2014 story overview", PAGE_CSS + OVERVIEW_CSS, body,
                      exported_at)


def _version_name(number: int, step: TimelineStep) -> str:
    v = step.version
    return f"v{number} \u00b7 {v.outlet or 'outlet unknown'} \u00b7 {display_date(v.published)}"


def _timeline(timeline: tuple[TimelineStep, ...]) -> str:
    rows = []
    for n, step in enumerate(timeline, 1):
        v, stats = step.version, step.since_previous
        lang = language_tag(v.language)
        lang_attr = f' lang="{lang}"' if lang else ""
        if stats is None:
            changes, quotes, new = "first version", "\u2014", "\u2014"
        else:
            counts = [f"{count} {kind}" for kind, count in stats.rows.to_dict().items()
                      if kind != "equal" and count]
            changes = (f'<a href="#v{n}">{_e(", ".join(counts) or "no change")}</a>')
            changed = [f"{count} {verdict}" for verdict, count in stats.quotes.to_dict().items()
                       if verdict != "verbatim" and count]
            quotes = _e(", ".join(changed) or "none changed")
            new = percent(stats.new_right)
        rows.append(f'<tr id="timeline-v{n}"><th>v{n}</th><td>#{v.id}</td>'
                    f"<td>{_e(display_date(v.published))}</td><td>{_e(v.outlet or '')}</td>"
                    f"<td{lang_attr}>{_e(v.title)}</td><td class=\"num\">{v.words}</td>"
                    f"<td>{changes}</td><td>{quotes}</td><td class=\"num\">{new}</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in (
        "Version", "Article", "Published", "Outlet", "Title", "Words",
        "Rows changed since the one before", "Quotations changed", "New text"))
    return (f'<section id="timeline"><h2>Timeline</h2><table class="timeline">'
            f"<thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows)
            + "\n</tbody></table></section>")


def _quotations(overview: StoryOverview) -> str:
    if not overview.quotations:
        return ('<section id="quotation-history"><h2>Quotation history</h2>'
                "<p>No version of this story has a direct quotation.</p></section>")
    versions = [step.version for step in overview.timeline]
    languages = {v.id: language_tag(v.language) for v in versions}
    items = [_quotation(n, q, history_lines(q, versions, collapse=True), languages)
             for n, q in enumerate(overview.quotations, 1)]
    changed = sum(q.changed for q in overview.quotations)
    return (f'<section id="quotation-history"><h2>Quotation history</h2>'
            f"<p>{len(items)} quotations; {changed} changed along the way. Each is listed in "
            f"every version from the one where it first appears.</p>\n"
            + "\n".join(items) + "</section>")


def _quotation(number: int, history: QuotationHistory, lines: list[HistoryLine],
               languages: dict[int, str | None]) -> str:
    rows = []
    for line in lines:
        badge = _BADGE("quote" if line.flagged else "label", line.verdict)
        if line.text is None:
            wording = "not in this version"
        elif line.reported:
            wording = f"as reported speech: \u2026{_e(line.text)}\u2026"
        else:
            wording = f"\u201c{_e(line.text)}\u201d"
        absent = ' class="absent"' if line.text is None else ""
        lang = languages[line.article_id] if line.text is not None else None
        lang_attr = f' lang="{lang}"' if lang else ""
        rows.append(f"<tr{absent}><td class=\"version\">{_e(line.version)}</td>"
                    f'<td class="verdict">{badge}<br><span class="meaning">'
                    f"{_e(line.meaning)}</span></td>"
                    f'<td class="wording"{lang_attr}>{wording}</td></tr>')
    title = history.first_text
    short = title if len(title) <= 90 else title[:89].rstrip() + "\u2026"
    return (f'<div class="quotation" id="quotation-{number}"><h3>Quotation {number}: '
            f"\u201c{_e(short)}\u201d</h3><table class=\"history\"><thead><tr>"
            f"<th>Version</th><th>Verdict</th><th>Wording</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table></div>")


def _step(overview: StoryOverview, number: int, exported_at: datetime) -> str:
    """Version `number` (counted from 1) against the one before, as a one-pair export."""
    doc = overview.comparisons[number - 2]
    before, after = overview.timeline[number - 2], overview.timeline[number - 1]
    return (f'<section class="step" id="v{number}">'
            f"<h2>{_e(_version_name(number - 1, before))} \u2192 "
            f"{_e(_version_name(number, after))}</h2>\n"
            f"{render_sections(doc, exported_at, f'v{number}-')}</section>")
