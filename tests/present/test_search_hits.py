"""Search matches in a laid-out comparison: both columns, reading order, row-text offsets."""

from __future__ import annotations

from reader.compare import compare
from reader.compare.model import row_text
from reader.present import build_layout
from reader.present.search_hits import search_hits

LEFT = ("Presiden Rusia berbicara dengan wartawan di Moskow.\n\n"
        "Harga minyak naik tajam pada Kamis.\n\nPresiden menolak berkomentar.")
RIGHT = ("Harga minyak naik tajam pada hari Kamis.\n\n"
         "Presiden Rusia berbicara kepada wartawan di Moskow.\n\nSebuah kalimat baru.")


def _shown(query: str) -> list[tuple[int, str, str]]:
    cmp = compare(LEFT, RIGHT)
    layout = build_layout(cmp, 1, 2, [])
    out = []
    for hit in search_hits(layout, query):
        row = layout.rows[hit.row].row
        side = cmp.left if hit.side == "left" else cmp.right
        text = row_text(side, row.left if hit.side == "left" else row.right)
        out.append((hit.row, hit.side, text[hit.start:hit.end]))
    return out


def test_matches_in_both_columns_in_reading_order() -> None:
    shown = _shown("presiden")
    assert [w for _, _, w in shown] == ["Presiden"] * 3
    assert {side for _, side, _ in shown} == {"left", "right"}
    assert shown == sorted(shown, key=lambda h: (h[0], h[1] != "left"))


def test_prefix_of_the_last_word_and_every_word() -> None:
    words = [w for _, _, w in _shown("kamis berbic")]
    assert sorted(words) == ["Kamis", "Kamis", "berbicara", "berbicara"]


def test_nothing_for_an_empty_or_absent_query() -> None:
    assert _shown("") == []
    assert _shown("zzqx") == []
