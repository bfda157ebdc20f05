"""A one-line summary of a comparison: words, reuse, counts of changes and quotation statuses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from reader.compare.model import QUOTE_STATUSES, Stats

QUOTE_WORDS = {"verbatim": "verbatim", "altered": "altered", "unquoted": "unquoted",
               "dropped": "dropped", "added": "new"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class StatsBar(QWidget):
    """Shows a `Stats`; empty until `set_stats` is called."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(18)
        self.words_label = QLabel(self)
        self.reuse_label = QLabel(self)
        self.rows_label = QLabel(self)
        self.quotes_label = QLabel(self)
        for label in (self.words_label, self.reuse_label, self.rows_label, self.quotes_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.set_stats(None)

    def set_stats(self, stats: Stats | None) -> None:
        if stats is None:
            for label in (self.words_label, self.reuse_label, self.rows_label, self.quotes_label):
                label.clear()
            return
        self.words_label.setText(f"Words: {stats.left_words:,} left · {stats.right_words:,} right")
        self.reuse_label.setText(f"{stats.reused_left:.0%} of left reused · "
                                 f"{stats.new_right:.0%} of right new")
        self.reuse_label.setToolTip("Reused: share of the left version's words found again on "
                                    "the right.\nNew: share of the right version's words that "
                                    "have no source on the left.")
        r = stats.rows
        self.rows_label.setText(
            f"Sentences: {r.edited} edited · {r.added} added · {r.removed} removed · "
            f"{r.moved} moved · {r.equal} same")
        q = stats.quotes
        counts = {s: getattr(q, s) for s in QUOTE_STATUSES}
        total = sum(counts.values())
        if total:
            parts = [f"{n} {QUOTE_WORDS[s]}" for s, n in counts.items() if n]
            self.quotes_label.setText(f"{_plural(total, 'quotation')}: " + " · ".join(parts))
        else:
            self.quotes_label.setText("No quotations")

    def text(self) -> str:
        """Everything the bar shows, as one line (for tests and accessibility)."""
        return "  ".join(lb.text() for lb in (self.words_label, self.reuse_label,
                                               self.rows_label, self.quotes_label) if lb.text())
