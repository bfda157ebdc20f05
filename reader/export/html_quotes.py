"""The quotation table of the HTML export (and of the PDF, drawn from its Qt flavour).

One row per entry: its verdict (with what it means, and what the engine left unsure), who
speaks ("reattributed A → B" as a badge when the versions disagree), each side's wording with
a link to its row (the words cut under the left, the words added under the right) and how alike
the two are. Every piece of article text passes through `html.escape`.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from reader.present import SIDES, QuoteLine, SideName, percent
from reader.present.quotes import quote_parts, shown_wording

QUOTE_HEADERS = ("#", "Verdict", "Speaker", "Left wording", "Right wording", "Similarity")
QUOTE_WIDTHS = ("5%", "12%", "13%", "29%", "29%", "12%")

Badge = Callable[[str, str], str]  # (kind, text) -> a badge in the page's flavour


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def quote_row(line: QuoteLine, badge: Badge, qt: bool,
              lang_attr: Callable[[SideName], str]) -> str:
    number, quote = line.number, line.quote
    small = '<br><span style="font-size:small;">' if qt else '<br><span class="evidence">'
    cells = []
    for side, row, said in zip(SIDES, line.rows, (line.cut, line.added), strict=True):
        words = shown_wording(quote, side)
        if words is None:
            cells.append('<td class="none">\u2014</td>')
            continue
        link = f' <a class="row-link" href="#row-{row}">row {row}</a>' if row else ""
        evidence = f"{small}{_e(said)}</span>" if said else ""
        cells.append(f"<td{lang_attr(side)}>{_e(words)}{link}{evidence}</td>")
    both = all(quote_parts(quote, side) for side in SIDES)
    similarity = percent(quote.similarity) if both else "\u2014"
    verdict = badge("quote" if line.flagged else "label", line.verdict)
    if not qt:
        verdict += f'<br><span class="meaning">{_e(line.meaning)}</span>'
    verdict += "".join(f"{small}{_e(note)}</span>" for note in line.unsure)
    if line.reattributed:
        speaker = badge("quote", line.speaker)
    else:
        speaker = _e(line.speaker) if line.speaker else "\u2014"
    return (f'<tr id="quote-{number}" class="quote {_e(line.verdict)}">'
            f'<td><a class="row-number" href="#quote-{number}">{number}</a></td>'
            f"<td>{verdict}</td><td>{speaker}</td>"
            f'{"".join(cells)}<td class="num">{similarity}</td></tr>')
