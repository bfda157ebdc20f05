"""Code points ↔ UTF-16 units: the conversion every Qt position goes through."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from reader.ui.text_positions import Utf16Map, utf16_len

INDONESIAN = "Rutte menyatakan bahwa hasil perundingan harus bersifat “langgeng dan berkelanjutan.”"


def test_bmp_text_maps_to_itself() -> None:
    m = Utf16Map(INDONESIAN)
    assert m.utf16_length == len(INDONESIAN) == utf16_len(INDONESIAN)
    assert all(m.to_utf16(i) == i and m.to_code_point(i) == i for i in range(len(INDONESIAN) + 1))


def test_offsets_after_an_emoji_shift_by_one_unit_per_emoji() -> None:
    text = "Kami kuat 💪, kami siap 🇺🇦 dan “kami akan menang”."
    m = Utf16Map(text)
    assert m.utf16_length == len(text) + 3  # one flexed arm and two regional indicators
    after = text.index("kami siap")
    assert m.to_utf16(after) == after + 1
    quote = text.index("“kami")
    assert m.to_utf16(quote) == quote + 3
    assert m.to_code_point(quote + 3) == quote


def test_a_position_between_surrogate_halves_maps_to_the_emoji_start() -> None:
    text = "a😀b"
    m = Utf16Map(text)
    assert m.to_utf16(1) == 1 and m.to_utf16(2) == 3
    assert m.to_code_point(2) == 1  # inside the pair
    assert m.to_code_point(3) == 2


def test_positions_agree_with_qt() -> None:
    text = "Ukraina 🙏 berterima kasih kepada NATO 🤝 atas dukungan."
    doc = QTextDocument()
    QTextCursor(doc).insertText(text)
    m = Utf16Map(text)
    for i, ch in enumerate(text):
        cursor = QTextCursor(doc)
        cursor.setPosition(m.to_utf16(i))
        cursor.setPosition(m.to_utf16(i + 1), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == ch


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40))
def test_round_trip(text: str) -> None:
    m = Utf16Map(text)
    assert m.utf16_length == len(text.encode("utf-16-le")) // 2 == utf16_len(text)
    for i in range(len(text) + 1):
        assert m.to_code_point(m.to_utf16(i)) == i
