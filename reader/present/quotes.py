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


def speakers(quote: Quote) -> str:
    """Who says it: one name, "A → B" when the versions name different speakers, "" when
    neither names one. The arrow reads left to right, as the columns do."""
    left = getattr(quote, "speaker_left", None) or ""
    right = getattr(quote, "speaker_right", None) or ""
    if left and right and left != right:
        return f"{left} → {right}"
    return left or right


def speaker_line(quote: Quote) -> str:
    """The speaker as a line of the quotation list and tables: "reattributed A → B" when the
    engine flags the change (an unnamed side is "unknown"), else `speakers`."""
    if reattributed(quote):
        left = getattr(quote, "speaker_left", None) or "unknown"
        right = getattr(quote, "speaker_right", None) or "unknown"
        return f"reattributed {left} → {right}"
    return speakers(quote)


def _counted(words: tuple[str, ...], what: str) -> str:
    return f"{len(words)} word{'s' if len(words) != 1 else ''} {what}: {' '.join(words)}"


def words_cut(quote: Quote) -> str:
    """"4 words cut: antara Ukraina dan NATO", or "" when none was."""
    cut: tuple[str, ...] = getattr(quote, "words_cut", ())
    return _counted(cut, "cut") if cut else ""


def words_added(quote: Quote) -> str:
    added: tuple[str, ...] = getattr(quote, "words_added", ())
    return _counted(added, "added") if added else ""


def unsure(quote: Quote) -> tuple[str, ...]:
    """What the engine could not settle about this entry (an unresolved pronoun, say)."""
    notes: tuple[str, ...] = getattr(quote, "ambiguous", ())
    return tuple(f"unsure: {note}" for note in notes)


def evidence(quote: Quote) -> tuple[str, ...]:
    """The engine's evidence beside the verdict: the words cut and added (with their count),
    and what it could not settle."""
    return tuple(e for e in (words_cut(quote), words_added(quote)) if e) + unsure(quote)


def quote_parts(quote: Quote, side: SideName) -> tuple[QuoteSide, ...]:
    """The parts of the quotation on one side, in text order: none, one, or several (a
    quotation split or merged across versions, or a fragment of it quoted again)."""
    return quote.left_parts if side == "left" else quote.right_parts


def wording(quote: Quote, side: SideName) -> str | None:
    """The quotation's words on one side, its parts joined by an ellipsis; None when absent."""
    parts = quote_parts(quote, side)
    return " … ".join(p.text for p in parts) if parts else None


def reported(quote: Quote, side: SideName) -> bool:
    """Whether this side carries the words as reported speech, without quotation marks."""
    return verdict(quote) == ("unquoted" if side == "right" else "quoted")


def shown_wording(quote: Quote, side: SideName) -> str | None:
    """A side's words as a reader should see them: each part in quotation marks, or marked as
    reported speech where the words stand outside quotation marks; None when absent."""
    found = wording(quote, side)
    if found is None:
        return None
    if reported(quote, side):
        return f"(reported speech) {found}"
    return " … ".join(f"\u201c{p.text}\u201d" for p in quote_parts(quote, side))


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
