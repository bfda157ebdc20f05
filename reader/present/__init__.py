"""The one presentation of a comparison: rows, cells, styled pieces, note numbers, legend,
statistics and quotation table, computed once and drawn by the window and by every export.

Pure Python: no Qt, no database. It reads the engine's dataclasses and the store's records.
"""

from reader.present.build import LEGEND, build_layout, layout_of
from reader.present.likeness import percent
from reader.present.model import (
    SIDES,
    Cell,
    Change,
    Item,
    Layout,
    LegendEntry,
    Line,
    MarginLine,
    MovedFrom,
    NoteRef,
    NumberedNote,
    Piece,
    QuoteFlag,
    QuoteLine,
    RowView,
    SideName,
    note_anchor,
    note_color,
    note_ref_anchor,
)
from reader.present.notes import carried_caption

__all__ = ["LEGEND", "SIDES", "Cell", "Change", "Item", "Layout", "LegendEntry", "Line",
           "MarginLine", "MovedFrom", "NoteRef", "NumberedNote", "Piece", "QuoteFlag",
           "QuoteLine", "RowView", "SideName", "build_layout", "carried_caption", "layout_of",
           "note_anchor",
           "note_color", "note_ref_anchor", "percent"]
