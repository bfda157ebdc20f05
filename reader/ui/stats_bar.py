"""A one-line summary of a comparison: words, reuse, counts of changes and quotation statuses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from reader.compare.model import Stats

# How a verdict reads on the bar where its own name would mislead ("3 added" sounds like rows).
QUOTE_WORDS = {"added": "new"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class StatsBar(QWidget):
    """Shows a `Stats` on one line that wraps when the window is narrow; empty until set."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setToolTip("Reused: share of the left version's words found again on the "
                              "right.\nNew: share of the right version's words that have no "
                              "source on the left.")
        layout.addWidget(self.label, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._parts: list[str] = []

    def set_stats(self, stats: Stats | None) -> None:
        self._parts = [] if stats is None else summary_parts(stats)
        # Non-breaking spaces inside a part, so a narrow window wraps between parts only.
        self.label.setText("     ".join(p.replace(" ", "\u00a0") for p in self._parts))

    def text(self) -> str:
        """Everything the bar shows, as one plain line (for tests and accessibility)."""
        return "  ".join(self._parts)


def summary_parts(stats: Stats) -> list[str]:
    r, q = stats.rows, stats.quotes
    parts = [
        f"Words: {stats.left_words:,} left · {stats.right_words:,} right",
        f"{stats.reused_left:.0%} of left reused · {stats.new_right:.0%} of right new",
        f"Sentences: {r.edited} edited · {r.added} added · {r.removed} removed · "
        f"{r.moved} moved · {r.equal} same",
    ]
    counts = q.to_dict()
    total = sum(counts.values())
    if total:
        shown = " · ".join(f"{n} {QUOTE_WORDS.get(s, s)}" for s, n in counts.items() if n)
        parts.append(f"{_plural(total, 'quotation')}: {shown}")
    else:
        parts.append("No quotations")
    return parts
