"""The few places where the HTML export's browser page and Qt's rich text (for the PDF) need
different markup."""

from __future__ import annotations

import html
from dataclasses import dataclass

from reader.present import NumberedNote


def _e(text: str) -> str:
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
        color = notes[0].color
        numbers = ", ".join(str(n.number) for n in notes)
        title = _e(f"Note {numbers}")
        # A box (an overline in Qt, which draws no inline borders) in the note's colour: a
        # tint alone could be mistaken for a deletion or an insertion.
        if self.qt:
            return (f'<span style="background-color:{tint(color, 0.2)};'
                    f' text-decoration: overline;">{inner}</span>')
        return f'<mark title="{title}" style="border-color:{color};">{inner}</mark>'

    def badge(self, kind: str, text: str) -> str:
        if self.qt:
            colors = QT_BADGE.get(kind, ("#eeeeee", "#222222"))
            return (f'<span style="background-color:{colors[0]}; color:{colors[1]};'
                    f' font-size:small; font-weight:bold;">&#160;{_e(text)}&#160;</span>')
        return f'<span class="badge {kind}">{_e(text)}</span>'

    def swatch(self, color: str) -> str:
        if self.qt:
            return f'<span style="color:{color};">&#9632;</span>'
        return f'<span class="swatch" style="background-color:{color};"></span>'


QT_BADGE = {
    "edited": ("#fff0c2", "#6b4500"),
    "added": ("#d6f2d6", "#0a4d1c"),
    "removed": ("#fbd9d5", "#7a0c0c"),
    "moved": ("#dce9fb", "#0b3c7a"),
    "quote": ("#eadcfb", "#4b1f85"),
    "label": ("#eeeeee", "#222222"),
    "orphaned": ("#eeeeee", "#444444"),
}
