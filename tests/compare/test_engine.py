from __future__ import annotations

from reader.compare import CompareOptions, Comparison, compare, row_text


def row_of_right(c: Comparison, needle: str) -> tuple[str, bool, list[str], list[str]]:
    for row in c.rows:
        rights = [c.right.sentences[j].text for j in row.right]
        if any(needle in t for t in rights):
            return row.kind, row.moved, [c.left.sentences[i].text for i in row.left], rights
    raise AssertionError(needle)


# Each rewrite sentence, and words of the original sentence it was written from.
SEED_SOURCES = {
    "Sekretaris Jenderal NATO, Mark Rutte, kembali": "kembali menegaskan perlunya",
    "Dalam konferensi pers di Brussels": "Yang jelas, kami harus",
    "“Kami harus memastikan Ukraina": "Yang jelas, kami harus",
    "Ia juga menegaskan bahwa NATO akan terus": "Kami harus terus memberikan",
    "Selain itu, Rutte mengungkapkan": "Rutte juga mengungkapkan",
    "Struktur ini bertujuan": "Rutte juga mengungkapkan",
    "Di sisi lain, Umerov": "negaranya akan terus berjuang",
    "“Kami kuat, kami mampu": "Kami kuat, kami mampu",
    "Ia menekankan bahwa fokus utama": "Menurut Umerov, fokus utama",
    "“Amerika Serikat terus bersama kami": "Amerika Serikat bersama kami",
    "Sementara itu, Presiden AS Donald Trump": "Presiden AS, Donald Trump, setelah",
    "Trump juga mengadakan pembicaraan": "Trump juga mengadakan pembicaraan",
    "Namun, Menteri Pertahanan AS": "Pembicaraan ini berlangsung setelah",
    "Ia juga menegaskan bahwa keanggotaan": "Pembicaraan ini berlangsung setelah",
}


def test_seed_every_rewrite_sentence_sits_with_its_source(seed_comparison: Comparison) -> None:
    for needle, source in SEED_SOURCES.items():
        kind, _moved, lefts, _rights = row_of_right(seed_comparison, needle)
        assert kind == "edited", needle
        assert any(source in t for t in lefts), (needle, lefts)


def test_seed_closing_sentence_is_added_and_nothing_moved(seed_comparison: Comparison) -> None:
    kind, _moved, lefts, _ = row_of_right(seed_comparison, "Pernyataan ini memicu reaksi")
    assert (kind, lefts) == ("added", [])
    assert not any(r.moved for r in seed_comparison.rows)
    assert seed_comparison.stats.rows.moved == 0
    assert seed_comparison.stats.rows.removed == 0


def test_seed_quotation_verdicts(seed_comparison: Comparison) -> None:
    # The verdicts issue 10 lists for the seed story: one entry per quotation.
    found = [
        (q.verdict, [p.text[:20] for p in q.left_parts], [p.text[:20] for p in q.right_parts],
         q.speaker_left, q.speaker_right, q.reattributed)
        for q in seed_comparison.quotes
    ]
    assert found == [
        ("altered", ["Yang jelas, kami har"], ["langgeng dan berkela", "Kami harus memastika"],
         "Mark Rutte", "Mark Rutte", False),
        ("unquoted", ["Kami harus terus mem"], ["terus memberikan duk"],
         "Mark Rutte", "Mark Rutte", False),
        ("trimmed", ["struktur bersama ant"], ["struktur bersama"],
         "Mark Rutte", "Mark Rutte", False),
        ("dropped", ["mengumpulkan semua p"], [], "Mark Rutte", None, False),
        ("verbatim", ["Kami kuat, kami mamp"], ["Kami kuat, kami mamp"],
         "Rustem Umerov", "Rustem Umerov", False),
        ("verbatim", ["bantuan keamanan."], ["bantuan keamanan"],
         "Rustem Umerov", "Rustem Umerov", False),
        ("altered", ["Amerika Serikat bers"], ["Amerika Serikat teru"],
         "Rustem Umerov", "Rustem Umerov", False),
    ]
    trimmed = seed_comparison.quotes[2]
    assert trimmed.words_cut == ("antara", "Ukraina", "dan", "NATO")


def test_english_story_rows(english_comparison: Comparison) -> None:
    c = english_comparison
    kind, moved, lefts, _ = row_of_right(c, "Residents can use the ferry")
    assert (kind, moved, len(lefts)) == ("edited", True, 2)  # merged and moved
    kind, moved, lefts, rights = row_of_right(c, "He said the damage")
    assert (kind, moved, len(lefts), len(rights)) == ("edited", False, 1, 2)  # split
    kind, _, _, _ = row_of_right(c, "We cannot risk a single life")
    assert kind == "equal"  # only the quote style changed
    kind, _, lefts, _ = row_of_right(c, "Harborview's city council decided")
    assert kind == "edited" and "voted" in lefts[0]  # reworded
    kind, _, _, _ = row_of_right(c, "We will not let this bridge")
    assert kind == "added"
    removed = [r for r in c.rows if r.kind == "removed"]
    assert len(removed) == 1
    assert "wake-up call" in c.left.sentences[removed[0].left[0]].text
    assert c.stats.rows.moved == 1


def test_rows_are_in_reading_order_with_removed_after_their_left_neighbour() -> None:
    left = "Satu kalimat pertama.\n\nDua kalimat hilang.\n\nTiga kalimat akhir."
    right = "Satu kalimat pertama.\n\nTiga kalimat akhir.\n\nEmpat kalimat baru."
    c = compare(left, right)
    assert [(r.kind, r.left, r.right) for r in c.rows] == [
        ("equal", (0,), (0,)),
        ("removed", (1,), ()),
        ("equal", (2,), (1,)),
        ("added", (), (2,)),
    ]
    removed = c.rows[1]
    assert [o.op for o in removed.ops] == ["delete"]
    assert removed.ops[0].left == (0, len("Dua kalimat hilang."))


def test_removed_first_sentence_comes_first() -> None:
    c = compare("Hilang di awal.\nTetap ada.", "Tetap ada.")
    assert [r.kind for r in c.rows] == ["removed", "equal"]


def test_side_text_is_the_input_and_titles_pass_through() -> None:
    left, right = "A satu.\r\n\r\nB dua.  ", "  A satu. B dua."
    c = compare(left, right, left_title="Asli", right_title="Tulis ulang")
    assert (c.left.text, c.right.text) == (left, right)
    assert (c.left.title, c.right.title) == ("Asli", "Tulis ulang")
    assert c.identical


def test_empty_texts() -> None:
    c = compare("", "")
    assert c.rows == () and c.quotes == ()
    assert c.stats.left_words == 0 and c.stats.reused_left == 0.0
    c = compare("", "Hanya kanan.")
    assert [r.kind for r in c.rows] == ["added"]


def test_options_change_what_counts_as_equal() -> None:
    left, right = "Kami Kuat.", "kami kuat."
    assert compare(left, right).rows[0].kind == "equal"
    strict = compare(left, right, CompareOptions(ignore_case=False))
    assert strict.rows[0].kind == "edited"
    row = strict.rows[0]
    assert row_text(strict.left, row.left) == left


def test_to_dict_follows_the_json_contract(seed_comparison: Comparison) -> None:
    d = seed_comparison.to_dict()
    assert set(d) == {"left", "right", "rows", "contract", "quotes", "stats"}
    assert d["contract"] == 2
    assert set(d["rows"][0]) == {"kind", "moved", "left", "right", "similarity", "ops"}
    assert list(d["stats"]["quotes"]) == [
        "verbatim", "trimmed", "extended", "altered", "unquoted", "quoted", "dropped", "added"
    ]
    entry = d["quotes"][0]
    assert set(entry) == {"verdict", "status", "left", "right", "speaker_left", "speaker_right",
                          "reattributed", "similarity", "words_cut", "words_added", "ambiguous"}
    assert entry["verdict"] == "altered" and entry["status"] == "altered"
    assert [set(p) for p in entry["left"] + entry["right"]] == [
        {"text", "sentence", "start", "end"}] * 3
    dropped = next(q for q in d["quotes"] if q["verdict"] == "dropped")
    assert dropped["right"] == [] and dropped["speaker_right"] is None
