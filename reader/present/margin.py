"""Where moved sentences stood, and the margin lines beside a row (moves, flagged quotations)."""

from __future__ import annotations

from reader.compare.model import Comparison, Quote
from reader.present.cells import row_ids
from reader.present.model import SIDES, MarginLine, MovedFrom, SideName
from reader.present.quotes import (
    evidence,
    is_flagged,
    margin_tag,
    meaning,
    quote_parts,
    shown_wording,
    speaker_line,
    verdict,
)


def short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def moved_markers(cmp: Comparison, rows_of: dict[SideName, dict[int, int]]
                  ) -> dict[int, list[MovedFrom]]:
    """For each moved row, a marker where its sentences stood on a side they are out of order on.

    Keyed by the row number the marker follows (0: before the first row). A side is in order
    when the previous row that has sentences on that side holds the sentence just before.
    """
    out: dict[int, list[MovedFrom]] = {}
    for side in SIDES:
        previous = 0  # the last row so far with sentences on this side
        for number, row in enumerate(cmp.rows, start=1):
            ids = row_ids(row, side)
            if not ids:
                continue
            if row.moved:
                first = min(ids)
                expected = rows_of[side].get(first - 1, 0) if first > 0 else 0
                if expected != previous:
                    out.setdefault(expected, []).append(
                        MovedFrom(side, number, tuple(sorted(ids)), expected))
            previous = number
    return out


def margin_lines(cmp: Comparison, rows_of: dict[SideName, dict[int, int]]
                 ) -> dict[int, list[MarginLine]]:
    """The window's margin lines, keyed by row number: moves first, then flagged quotations."""
    out: dict[int, list[MarginLine]] = {}
    _moves(cmp, rows_of["left"], out)
    for index, quote in enumerate(cmp.quotes):
        if not is_flagged(quote):
            continue
        parts = quote_parts(quote, "right") or quote_parts(quote, "left")
        side: SideName = "right" if quote_parts(quote, "right") else "left"
        row = rows_of[side].get(parts[0].sentence) if parts else None
        if row is not None:
            out.setdefault(row, []).append(MarginLine("quote", margin_tag(quote),
                                                      quote_tooltip(quote), quote=index))
    return out


def quote_tooltip(quote: Quote) -> str:
    left, right = shown_wording(quote, "left"), shown_wording(quote, "right")
    alike = f" (similarity {quote.similarity:.0%})" if left and right else ""
    lines = [f"Quotation {verdict(quote)}: {meaning(quote)}{alike}",
             f"Left: {short(left, 200)}" if left else "Left: (no quotation)",
             f"Right: {short(right, 200)}" if right else "Right: (no quotation)"]
    said_by = speaker_line(quote)
    if said_by:
        lines.insert(1, f"Speaker: {said_by}")
    lines.extend(short(line, 200) for line in evidence(quote))
    return "\n".join(lines)


def _moves(cmp: Comparison, rows_of: dict[int, int], out: dict[int, list[MarginLine]]) -> None:
    """"⇅ moved from ¶N" beside a moved row, and a line pointing at it where it stood on the
    left (beside the row of the sentence that came before it there, or after it)."""
    left = cmp.left
    for number, row in enumerate(cmp.rows, start=1):
        if not row.moved or not row.left:
            continue
        first, last = min(row.left), max(row.left)
        para = left.sentences[first].paragraph + 1
        before, after = rows_of.get(first - 1), rows_of.get(last + 1)
        target = before if before is not None else after
        label = f"⇅ moved from ¶{para}"
        if target is None or target == number:
            out.setdefault(number, []).insert(0, MarginLine("moved", label, ""))
            continue
        was_after = before is not None
        neighbour = left.sentences[first - 1 if was_after else last + 1].text
        out.setdefault(number, []).insert(0, MarginLine(
            "moved", label, f"Moved: on the left this came {'after' if was_after else 'before'}"
            f" “{short(neighbour)}”.\nClick to see where it was.", target))
        out.setdefault(target, []).append(MarginLine(
            "moved", f"⇅ ¶{para} was {'next' if was_after else 'before'} "
            f"{'↓' if number > target else '↑'}",
            f"On the left, “{short(left.sentences[first].text)}” came "
            f"{'right after' if was_after else 'right before'} this.\n"
            "Click to go to where it is now.", number))
