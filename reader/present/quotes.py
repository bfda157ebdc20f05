"""How a quotation's verdict is named, explained and flagged: the one place that reads it.

The engine gives each quotation a verdict (contract 2: verbatim, trimmed, extended, altered,
unquoted, quoted, dropped, added); a comparison from before contract 2 has only `status`.
Everything that shows a quotation asks `verdict()`, so a new verdict flows through to the window
and every export without another change: it is flagged, and it is explained by its name.
"""

from __future__ import annotations

from typing import Literal

from reader.compare.model import Quote, QuoteSide

SideName = Literal["left", "right"]

_MEANINGS: dict[str, str] = {
    "verbatim": "the same words in both versions",
    "trimmed": "part of the quotation kept word for word, the rest cut",
    "extended": "the quotation kept word for word and lengthened",
    "altered": "quoted in both versions, but the words inside the quotation marks differ",
    "unquoted": "the words survive without quotation marks (reported speech)",
    "quoted": "reported speech in the left version became a quotation",
    "dropped": "quoted in the left version only",
    "added": "quoted in the right version only",
}

# The window's margin tag for each flagged verdict: a symbol, then words (colour is never the
# only cue).
_TAGS: dict[str, str] = {
    "trimmed": "❝✂ quote trimmed",
    "extended": "❝⋯ quote extended",
    "altered": "❝≠ quote altered",
    "unquoted": "❝→ reported speech",
    "quoted": "❝← now quoted",
    "dropped": "❝− quote dropped",
    "added": "❝+ new quote",
}


def verdict(quote: Quote) -> str:
    """The quotation's verdict, or its contract-1 status where the engine gives no verdict."""
    found = getattr(quote, "verdict", None)
    return found if isinstance(found, str) and found else quote.status


def reattributed(quote: Quote) -> bool:
    """True when the engine (contract 2) says the quotation's speaker changed."""
    return getattr(quote, "reattributed", False) is True


def is_flagged(quote: Quote) -> bool:
    """Every quotation not kept word for word, or given to another speaker, is flagged, in the
    window and in every export."""
    return verdict(quote) != "verbatim" or reattributed(quote)


def meaning(quote: Quote) -> str:
    name = verdict(quote)
    return _MEANINGS.get(name, f"the quotation was {name}")


def margin_tag(quote: Quote) -> str:
    name = verdict(quote)
    tag = _TAGS.get(name, f"❝ quote {name}") if name != "verbatim" else "❝ quote"
    return tag + (", speaker changed" if reattributed(quote) else "")


def quote_parts(quote: Quote, side: SideName) -> tuple[QuoteSide, ...]:
    """The parts of the quotation on one side, in text order: none, one, or several (a
    quotation split or merged across versions, or a fragment of it quoted again)."""
    return quote.left_parts if side == "left" else quote.right_parts


def wording(quote: Quote, side: SideName) -> str | None:
    """The quotation's words on one side, its parts joined by an ellipsis; None when absent."""
    parts = quote_parts(quote, side)
    return " … ".join(p.text for p in parts) if parts else None


def flag_text(quote: Quote, side: SideName) -> str:
    """What a flagged quotation says when pointed at: its verdict and the other wording."""
    other: SideName = "right" if side == "left" else "left"
    found = wording(quote, other)
    said = f"Quotation {verdict(quote)}: {meaning(quote)}."
    if reattributed(quote):
        left, right = (getattr(quote, f"speaker_{s}", "") or "unknown" for s in ("left", "right"))
        said += f" Speaker changed: {left} on the left, {right} on the right."
    if found is None:
        return said
    return f"{said} {'Left' if other == 'left' else 'Right'} version: \u201c{found}\u201d"
