"""The terminal rendering of a comparison (`reader compare --format text`).

First the headline, `[title]` or `[title, edited]` with its word changes marked
(`[title, removed]` / `[title, added]` when only one side has a headline of its own). Each row:
its kind (and "moved") in brackets, then the row with deletions and insertions
marked: `[-deleted-]{+inserted+}` in plain text, or red struck-through / green underlined with
ANSI colour (strike-through and underline keep colour from being the only cue). Rows are
separated by a blank line; then the quotation entries (verdict, speakers, both wordings, the
words cut and added, what stayed unsure); the last line sums the statistics.
"""

from __future__ import annotations

from reader.compare.model import (
    CompareOptions,
    Comparison,
    Op,
    Quote,
    QuoteSide,
    Row,
    Side,
    row_text,
)
from reader.compare.worddiff import diff_row

_RED_STRIKE = "\x1b[9;31m"
_GREEN_UNDERLINE = "\x1b[4;32m"
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def render_text(comparison: Comparison, *, color: bool) -> str:
    blocks = [_render_title(comparison, color)] if _has_title(comparison) else []
    blocks.extend(_render_row(comparison, row, color) for row in comparison.rows)
    if comparison.quotes:
        blocks.append(_quote_table(comparison.quotes))
    blocks.append(_summary(comparison))
    return "\n\n".join(blocks) + "\n"


def _mark(text: str, deleted: bool, color: bool) -> str:
    if not text:
        return ""
    if color:
        return f"{_RED_STRIKE if deleted else _GREEN_UNDERLINE}{text}{_RESET}"
    return f"[-{text}-]" if deleted else f"{{+{text}+}}"


def _has_title(comparison: Comparison) -> bool:
    """Whether either side has a headline of its own."""
    return _own_title(comparison.left) or _own_title(comparison.right)


def _own_title(side: Side) -> bool:
    """Whether the side's title is a headline: a title derived from a text without one
    repeats the text's opening (shortened with "…"), and the rows already show that."""
    return bool(side.title) and not side.text.lstrip().startswith(side.title.removesuffix("…"))


def _render_title(comparison: Comparison, color: bool) -> str:
    """The headline first: a changed headline is often the edit readers care most about."""
    left, right = comparison.left.title, comparison.right.title
    # A headline on one side only is not diffed against the other's opening sentence.
    if not _own_title(comparison.right):
        return f"{_label('title, removed', color)} {_mark(left, True, color)}"
    if not _own_title(comparison.left):
        return f"{_label('title, added', color)} {_mark(right, False, color)}"
    ops = diff_row(left, right, CompareOptions())
    changed = any(op.op != "equal" for op in ops)
    label = _label("title, edited" if changed else "title", color)
    return f"{label} {_render_ops(left, right, ops, color)}"


def _label(text: str, color: bool) -> str:
    return f"{_BOLD}[{text}]{_RESET}" if color else f"[{text}]"


def _render_row(comparison: Comparison, row: Row, color: bool) -> str:
    left = row_text(comparison.left, row.left)
    right = row_text(comparison.right, row.right)
    label = _label(row.kind + (", moved" if row.moved else ""), color)
    return f"{label} {_render_ops(left, right, row.ops, color)}"


def _render_ops(left: str, right: str, ops: tuple[Op, ...], color: bool) -> str:
    """The right text with the ops' deletions and insertions marked."""
    pieces: list[str] = []
    for n, op in enumerate(ops):
        ltext = left[op.left[0] : op.left[1]]
        rtext = right[op.right[0] : op.right[1]]
        if op.op == "equal":
            pieces.append(rtext)
            continue
        marked = _mark(ltext, True, color) + _mark(rtext, False, color)
        # A pure insertion or deletion between two words owns no space of the other side:
        # keep the words apart so the line still reads.
        before = "".join(pieces)
        following = ops[n + 1] if n + 1 < len(ops) else None
        next_text = right[following.right[0] : following.right[1]] if following else ""
        first = (ltext or rtext)[:1]
        # Deleted words that followed a space in the left text are a word of their own, even
        # when punctuation follows them ("underpaid [-and we are not going back-],").
        spaced = bool(ltext) and op.left[0] > 0 and left[op.left[0] - 1].isspace()
        if (
            before
            and not before[-1].isspace()
            and first.isalnum()
            and (not next_text or next_text[0].isspace() or spaced)
        ):
            marked = " " + marked
        elif (
            (not ltext or not rtext)
            and (next_text[:1].isalnum() or (_space_after(left, op) and next_text[:1].strip()))
            and not (ltext or rtext)[-1:].isspace()
            and (not before or before[-1].isspace())
        ):
            marked += " "
        pieces.append(marked)
    return "".join(pieces)


def _space_after(left: str, op: Op) -> bool:
    """Whether deleted left text was followed by whitespace ("[-Ia menambahkan,-] “Amerika")."""
    return op.left[0] < op.left[1] < len(left) and left[op.left[1]].isspace()


def _quote_table(quotes: tuple[Quote, ...]) -> str:
    """One block per quotation entry: verdict, similarity and speakers, both wordings (all
    parts; reported speech without quotation marks), then the evidence."""
    lines = ["Quotations:"]
    for n, q in enumerate(quotes, 1):
        head = f"{n}. {q.verdict}"
        if q.left is not None and q.right is not None:
            head += f" (similarity {q.similarity:.2f})"
        speakers = _speakers(q)
        if speakers:
            head += f" · {speakers}"
        lines.append(head)
        lines.append(f"   left:  {_wording(q.left_parts, q.verdict == 'quoted')}")
        lines.append(f"   right: {_wording(q.right_parts, q.verdict == 'unquoted')}")
        if q.words_cut:
            lines.append(f"   cut {len(q.words_cut)}: {' '.join(q.words_cut)}")
        if q.words_added:
            lines.append(f"   added {len(q.words_added)}: {' '.join(q.words_added)}")
        lines.extend(f"   unsure: {note}" for note in q.ambiguous)
    return "\n".join(lines)


def _speakers(q: Quote) -> str:
    left, right = q.speaker_left, q.speaker_right
    if q.reattributed:
        return f"reattributed: {left} → {right}"
    if left and right and left != right:
        return f"{left} / {right}"
    return left or right or ""


def _wording(parts: tuple[QuoteSide, ...], reported: bool) -> str:
    if not parts:
        return "—"
    if reported:
        return f"(reported speech) {' … '.join(p.text for p in parts)}"
    return " … ".join(f"“{p.text}”" for p in parts)


def _summary(comparison: Comparison) -> str:
    s = comparison.stats
    rows = ", ".join(f"{k} {v}" for k, v in s.rows.to_dict().items())
    quotes = ", ".join(f"{k} {v}" for k, v in s.quotes.to_dict().items())
    return (
        f"Words: left {s.left_words}, right {s.right_words}; "
        f"reused {s.reused_left:.0%} of left, new {s.new_right:.0%} of right. "
        f"Rows: {rows}. Quotes: {quotes}."
    )
