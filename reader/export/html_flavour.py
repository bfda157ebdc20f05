"""The few places where the browser page and the print HTML (Qt's rich text, for the PDF)
need different markup."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from reader.present import NumberedNote

WEB_URL = re.compile(r"https?://", re.IGNORECASE)
# How the print HTML names a note's passage in its title: the PDF writer reads it back to draw
# the passage's box in the note's colour (reader.export.boxes). A flagged quotation's title
# is its `flag_text`, which starts with "Quotation ".
NOTE_TITLE = "Note "
QUOTE_TITLE = "Quotation "
# Qt keeps only the innermost title of nested spans: a quotation inside a note's passage
# carries the note's title too, after this separator.
TITLE_SEPARATOR = "\n\n"


def note_title(notes: tuple[NumberedNote, ...]) -> str:
    """'Note 1, 2 #e4572e': the notes over a passage and the colour of its box."""
    return f"{NOTE_TITLE}{', '.join(str(n.number) for n in notes)} {notes[0].color}"


def e(text: str) -> str:
    return html.escape(text, quote=True)


def tint(color: str, strength: float = 0.28) -> str:
    """A light version of a #rrggbb colour (mixed with white), readable behind black text."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * strength) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


@dataclass(frozen=True)
class Flavour:
    """The few places where a browser page and Qt's rich text need different markup."""

    qt: bool

    def deleted(self, inner: str) -> str:
        if self.qt:
            return f'<span style="background-color:#f9d0cc; color:#5c0a0a;"><s>{inner}</s></span>'
        return f"<del>{inner}</del>"

    def inserted(self, inner: str) -> str:
        if self.qt:
            return f'<span style="background-color:#cdeccd; color:#0a3d17;"><u>{inner}</u></span>'
        return f"<ins>{inner}</ins>"

    def mark(self, inner: str, notes: tuple[NumberedNote, ...]) -> str:
        """A note's passage: a box in the note's colour around a light tint of it (a tint
        alone could be mistaken for a deletion or an insertion). Qt draws no inline borders:
        the PDF writer paints the box where the title says."""
        color = notes[0].color
        if self.qt:
            return (f'<span title="{e(note_title(notes))}"'
                    f' style="background-color:{tint(color, 0.2)};">{inner}</span>')
        numbers = ", ".join(str(n.number) for n in notes)
        return (f'<mark title="{e(NOTE_TITLE + numbers)}" style="border-color:{color};">'
                f"{inner}</mark>")

    def quoted(self, inner: str, tip: str, notes: tuple[NumberedNote, ...] = ()) -> str:
        """A flagged quotation (inside the passage of `notes`, if any): a dotted box with a
        bracket at its start (the PDF writer paints them in Qt), never a line under or over
        it, which would read as a change."""
        if self.qt:
            title = tip + (TITLE_SEPARATOR + note_title(notes) if notes else "")
            return f'<span title="{e(title)}" style="color:#3b1670;">{inner}</span>'
        return f'<span class="quoted-flagged" title="{e(tip)}">{inner}</span>'

    def badge(self, kind: str, text: str) -> str:
        if self.qt:
            colors = _QT_BADGE.get(kind, ("#eeeeee", "#222222"))
            return (f'<span style="background-color:{colors[0]}; color:{colors[1]};'
                    f' font-size:small; font-weight:bold;">&#160;{e(text)}&#160;</span>')
        return f'<span class="badge {kind}">{e(text)}</span>'

    def swatch(self, color: str) -> str:
        if self.qt:
            return f'<span style="color:{color};">&#9632;</span>'
        return f'<span class="swatch" style="background-color:{color};"></span>'


_QT_BADGE = {
    "edited": ("#fff0c2", "#6b4500"),
    "added": ("#d6f2d6", "#0a4d1c"),
    "removed": ("#fbd9d5", "#7a0c0c"),
    "moved": ("#dce9fb", "#0b3c7a"),
    "quote": ("#eadcfb", "#4b1f85"),
    "label": ("#eeeeee", "#222222"),
    "orphaned": ("#eeeeee", "#444444"),
}


