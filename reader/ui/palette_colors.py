"""Colours of the comparison, chosen for the palette in use so light and dark both read well.

Colour is never the only cue (strike-through, underline and margin labels carry the meaning);
these tints only make the differences quicker to spot.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette


@dataclass(frozen=True)
class DiffColors:
    text: QColor  # the palette's text colour, for marks that must stay legible
    muted: QColor  # margin labels, legend
    delete_bg: QColor  # words removed from the left
    insert_bg: QColor  # words new on the right
    edited_row_bg: QColor  # light tint behind both cells of an edited row
    removed_row_bg: QColor  # whole left cell of a removed row
    added_row_bg: QColor  # whole right cell of an added row
    empty_cell: QColor  # hatch in the cell facing an added or removed sentence
    moved: QColor  # the moved marker
    quote: QColor  # the margin tag of a flagged quotation
    note_bg: QColor  # annotated passages
    note_fg: QColor  # the note number
    current_row_bg: QColor  # margin cell of the current change
    flash_bg: QColor  # a passage just revealed
    search: QColor  # the box around a word the library search matched

    def css(self, color: QColor) -> str:
        """`color` as a CSS value for rich-text labels."""
        return color.name(QColor.NameFormat.HexRgb)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def diff_colors(palette: QPalette) -> DiffColors:
    text = palette.color(QPalette.ColorRole.Text)
    muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    if is_dark(palette):
        return DiffColors(
            text=text, muted=QColor("#a8a8a8"),
            delete_bg=QColor("#6b2a2e"),
            insert_bg=QColor("#24553a"),
            edited_row_bg=QColor("#2c2f3a"),
            removed_row_bg=QColor("#3f2325"), added_row_bg=QColor("#1f3a2a"),
            empty_cell=QColor("#3a3a3a"),
            moved=QColor("#9cc4ff"), quote=QColor("#ffb74d"),
            note_bg=QColor("#5a4d12"), note_fg=QColor("#ffe37a"),
            current_row_bg=QColor("#35507a"), flash_bg=QColor("#7a6a10"),
            search=QColor("#4dd0e1"),
        )
    return DiffColors(
        text=text, muted=muted if muted != text else QColor("#6b6b6b"),
        delete_bg=QColor("#ffd4d1"),
        insert_bg=QColor("#c9f0d1"),
        edited_row_bg=QColor("#f4f6fb"),
        removed_row_bg=QColor("#fff0ef"), added_row_bg=QColor("#eefaf0"),
        empty_cell=QColor("#e4e4e4"),
        moved=QColor("#1a57b0"), quote=QColor("#c25e00"),
        note_bg=QColor("#fff2a8"), note_fg=QColor("#7a5d00"),
        current_row_bg=QColor("#d6e4ff"), flash_bg=QColor("#ffe066"),
        search=QColor("#00838f"),
    )
