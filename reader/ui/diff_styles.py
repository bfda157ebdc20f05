"""How each kind of span in the comparison looks, declared once.

`LOOKS` names every look; `css` turns one into an inline style for the rich text the document
is built from, `char_format` into the QTextCharFormat Qt gives it. A cell's text combines the
looks of its change, the flagged quotation and the note over it (`text_look`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from PySide6.QtGui import QColor, QFont, QTextCharFormat

from reader.present import Piece
from reader.ui.palette_colors import DiffColors

TRANSPARENT = "transparent"
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Look:
    """Colours are names of DiffColors fields (or TRANSPARENT); None leaves the default."""

    strike: bool = False
    underline: bool = False
    overline: bool = False
    background: str | None = None
    foreground: str | None = None
    superscript: bool = False
    bold: bool = False
    small: bool = False
    note_color: str | None = None  # "#rrggbb": a note's own colour, tinted, as background

    def over(self, other: Look) -> Look:
        """This look with `other` on top: decorations add up, colours of `other` win."""
        changes = {f.name: getattr(other, f.name) for f in fields(other)
                   if getattr(other, f.name) not in (False, None)}
        return replace(self, **changes)


LOOKS: dict[str, Look] = {
    "text": Look(),
    # A deletion or insertion inside a row; a whole added or removed row has its cell tinted
    # instead, so its words are only struck through or underlined.
    "deleted": Look(strike=True, background="delete_bg"),
    "deleted_whole": Look(strike=True),
    "inserted": Look(underline=True, background="insert_bg"),
    "inserted_whole": Look(underline=True),
    # A flagged quotation's words keep their look: the text widget frames them in a dotted
    # box with a bracket in the cell's margin (boxes.py), free of the lines changes use.
    "quote": Look(),
    "note": Look(background="note_bg"),
    "badge": Look(superscript=True, bold=True, foreground="note_fg", background="note_bg"),
    # The margin: the current-row arrow (shown only on the current row), the row's kind,
    # moves and flagged quotations.
    "arrow": Look(small=True, foreground=TRANSPARENT),
    "arrow_current": Look(small=True, foreground="moved"),
    "kind": Look(small=True, foreground="text"),
    "moved": Look(small=True, foreground="moved", underline=True),
    "quote_tag": Look(small=True, foreground="quote"),
}


def text_look(piece: Piece, whole: bool) -> Look:
    look = LOOKS["text"]
    if piece.change != "same":
        look = look.over(LOOKS[piece.change + ("_whole" if whole else "")])
    if piece.quote is not None:
        look = look.over(LOOKS["quote"])
    if piece.notes:
        look = look.over(note_look("note", piece.notes[0].note.color))
    return look


def note_look(name: str, color: str) -> Look:
    """The look `name` ("note" or "badge") in a note's colour; the palette's note colour
    when the note has none. The first note over a passage gives it its colour, as in exports."""
    look = LOOKS[name]
    return replace(look, note_color=color) if _HEX.fullmatch(color) else look


def note_tint(color: str, colors: DiffColors) -> QColor:
    """A note's colour as a background text stays legible on: mixed with white on a light
    palette, with black on a dark one (the same mix as the exports' on white)."""
    base = QColor(color)
    dark = colors.note_bg.lightness() < 128
    keep = 0.45 if dark else 0.28
    mix = 0 if dark else 255
    return QColor(*(round(mix + (c - mix) * keep) for c in (base.red(), base.green(),
                                                              base.blue())))


def color_of(name: str, colors: DiffColors) -> QColor:
    if name == TRANSPARENT:
        return QColor(0, 0, 0, 0)
    value = getattr(colors, name)
    assert isinstance(value, QColor)
    return value


def _css_color(name: str, colors: DiffColors) -> str:
    return TRANSPARENT if name == TRANSPARENT else colors.css(color_of(name, colors))


def small_font(font: QFont) -> QFont:
    """The margin's font: a little smaller than the text's."""
    small = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        small.setPointSizeF(max(size * 0.82, 6.0))
    else:
        small.setPixelSize(max(int(font.pixelSize() * 0.82), 8))
    return small


def css(look: Look, colors: DiffColors, font: QFont) -> str:
    """The look as an inline style ("" when it is the default)."""
    parts = []
    if look.small:
        small = small_font(font)
        parts.append(f"font-size:{small.pointSizeF():.1f}pt" if small.pointSizeF() > 0
                     else f"font-size:{small.pixelSize()}px")
    if look.foreground:
        parts.append(f"color:{_css_color(look.foreground, colors)}")
    decorations = [name for name, on in (("line-through", look.strike),
                                         ("underline", look.underline),
                                         ("overline", look.overline)) if on]
    if decorations:
        parts.append("text-decoration:" + " ".join(decorations))
    if look.note_color:
        parts.append(f"background-color:{colors.css(note_tint(look.note_color, colors))}")
    elif look.background:
        parts.append(f"background-color:{_css_color(look.background, colors)}")
    if look.bold:
        parts.append("font-weight:bold")
    if look.superscript:
        parts.append("vertical-align:super")
    return "; ".join(parts)


def char_format(look: Look, colors: DiffColors, font: QFont) -> QTextCharFormat:
    """The look as Qt formats text with it."""
    fmt = QTextCharFormat()
    if look.small:
        fmt.setFont(small_font(font))
    if look.foreground:
        fmt.setForeground(color_of(look.foreground, colors))
    if look.note_color:
        fmt.setBackground(note_tint(look.note_color, colors))
    elif look.background:
        fmt.setBackground(color_of(look.background, colors))
    fmt.setFontStrikeOut(look.strike)
    fmt.setFontUnderline(look.underline)
    fmt.setFontOverline(look.overline)
    if look.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if look.superscript:
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    return fmt
