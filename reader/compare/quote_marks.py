"""Quotation marks: the one list of them, and which straight `"` marks quote.

Double marks: the straight `"`, English and Indonesian curly `“ ”`, the reversed `‟`, low
`„` (German `„...“`, where `“` closes) and guillemets `« »`. Single marks: the straight `'`,
curly `‘ ’`, low `‚`, reversed `‛` and single guillemets `‹ ›`; they also write apostrophes
(`don't`, `Jum'at`), so quotations are found only between double marks.

A straight `"` also writes inches and seconds (`6.1" screen`, `5'11"`). Such a mark follows a
digit, and a quotation never opens right after a letter or digit, nor right before a space:
so a `"` can open a quotation only after the start of the text, a space or an opening
bracket or dash, and before a non-space character. A `"` right after a digit is never taken
as a quotation mark when counting which quotations are open.
"""

from __future__ import annotations

# Curly and low marks that open a double quotation, and those that close one (`“` also closes
# a quotation opened with `„`).
DOUBLE_OPENERS = "“„‟«"
DOUBLE_CLOSERS = "”»"
SINGLE_OPENERS = "‘‚‛‹"
SINGLE_CLOSERS = "’›"

# Every double and every single mark: "ignore quote style" reads them all as `"` and `'`.
DOUBLE_QUOTES = '"' + DOUBLE_OPENERS + DOUBLE_CLOSERS
SINGLE_QUOTES = "'" + SINGLE_OPENERS + SINGLE_CLOSERS

# Marks that may stand right before a quotation's first word, and right after its last.
OPENING_MARKS = '"' + "'" + DOUBLE_OPENERS + SINGLE_OPENERS
CLOSING_MARKS = '"' + "'" + DOUBLE_CLOSERS + SINGLE_CLOSERS


def can_open(text: str, at: int) -> bool:
    """Whether the straight `"` at `text[at]` may open a quotation."""
    if at + 1 >= len(text) or text[at + 1].isspace():
        return False
    return at == 0 or not text[at - 1].isalnum()


def is_measure(text: str, at: int) -> bool:
    """Whether the straight `"` at `text[at]` writes inches or seconds (`6"`, `5'11"`)."""
    return at > 0 and text[at - 1].isdigit()


# The double quotation marks that open a quotation, and the marks that close each one
# (`„` closes with `“` in German and Indonesian print, with `”` in Polish and Romanian).
OPENERS = '"“„«'
CLOSERS: dict[str, str] = {'"': '"', "“": "”", "„": "“”", "«": "»"}
