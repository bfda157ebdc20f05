"""The JSON export: the comparison contract untouched, notes as W3C Web Annotations."""

from __future__ import annotations

import json
from typing import Any

from reader.export.annotations import render_json
from reader.store.records import StoryComparison
from tests.export.fixtures import EXPORTED_AT, anchor_at, english_doc, note, single_row_doc

ADDED_KEYS = {"story", "versions", "exported", "notes"}


def _load(doc: StoryComparison) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render_json(doc, EXPORTED_AT))
    return data


def test_comparison_part_is_exactly_to_dict() -> None:
    doc = english_doc()
    data = _load(doc)
    contract = json.loads(json.dumps(doc.comparison.to_dict()))
    assert set(data) - ADDED_KEYS == set(contract)
    assert {k: v for k, v in data.items() if k not in ADDED_KEYS} == contract


def test_story_and_versions() -> None:
    data = _load(english_doc())
    assert data["story"] == {"id": 1, "title": "Bridge opens"}
    assert data["versions"]["left"] == {"id": 11, "title": "Bridge opens",
                                        "outlet": "City Herald", "published": "2025-02-13"}
    assert data["versions"]["right"]["published"] is None
    assert data["exported"] == "2026-11-22T03:00:00Z"


def _check_w3c_shape(a: dict[str, Any]) -> None:
    assert a["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert a["type"] == "Annotation" and a["motivation"] == "commenting"
    assert a["id"].startswith("urn:parallax-reader:note:")
    for key in ("created", "modified"):
        assert a[key].endswith("Z") and "T" in a[key]
    bodies = a["body"] if isinstance(a["body"], list) else [a["body"]]
    assert bodies[0]["type"] == "TextualBody" and bodies[0]["purpose"] == "commenting"
    assert bodies[0]["format"] == "text/plain"
    assert all(b["type"] == "TextualBody" for b in bodies)


def test_every_note_is_a_w3c_annotation_with_correct_selectors() -> None:
    doc = english_doc()
    texts = {doc.left.id: doc.left.text, doc.right.id: doc.right.text}
    notes = _load(doc)["notes"]
    assert [a["id"] for a in notes] == [f"urn:parallax-reader:note:{n.id}" for n in doc.notes]
    for a, record in zip(notes, doc.notes, strict=True):
        _check_w3c_shape(a)
        assert a["created"] == "2026-11-20T09:15:00Z"
        target = a["target"]
        if record.article_id is None:
            assert target == {"source": "urn:parallax-reader:story:1"}
            continue
        assert target["source"] == f"urn:parallax-reader:article:{record.article_id}"
        quote = target["selector"][0]
        assert quote["type"] == "TextQuoteSelector"
        if record.orphaned:
            assert a["orphaned"] is True
            assert len(target["selector"]) == 1
            assert quote["exact"] == "Nobody attended the ceremony."
            continue
        position = target["selector"][1]
        assert position["type"] == "TextPositionSelector"
        text = texts[record.article_id]
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert text[:position["start"]].endswith(quote["prefix"])
        assert text[position["end"]:].startswith(quote["suffix"])
        assert "orphaned" not in a


def test_label_becomes_a_tagging_body() -> None:
    notes = _load(english_doc())["notes"]
    labelled = notes[1]
    assert labelled["body"][1] == {"type": "TextualBody", "value": "fact check",
                                   "format": "text/plain", "purpose": "tagging"}
    unlabelled = notes[2]
    assert isinstance(unlabelled["body"], dict)
    assert unlabelled["body"]["value"] == "The quotation was shortened: check the recording."


def test_emoji_and_indonesian_round_trip_with_code_point_offsets() -> None:
    left = "🇮🇩 Presiden 👍🏽 menegaskan “kami kuat, kami siap” — negara-negara NATO ✅."
    right = "Presiden menyatakan bahwa mereka “kuat dan siap” 💪."
    passage = "“kami kuat, kami siap”"
    body = "Kutipan diubah 😮: “kuat dan siap” ≠ “kami kuat” — periksa rekaman 🎙️"
    doc = single_row_doc(left, right, (
        note(1, 11, body, anchor=anchor_at(left, passage), label="kutipan 🏷️"),
        note(2, 12, "💪 tanpa sumber", anchor=anchor_at(right, "💪"))), language="id")
    raw = render_json(doc, EXPORTED_AT)
    assert "😮" in raw and "\\u" not in raw  # ensure_ascii=False: readable, not escaped
    data = json.loads(raw)
    first, second = data["notes"]
    assert first["body"][0]["value"] == body
    assert first["body"][1]["value"] == "kutipan 🏷️"
    selector = first["target"]["selector"]
    start, end = selector[1]["start"], selector[1]["end"]
    # Code points, not UTF-16 units: the flag and the toned thumb are 2 code points each
    # (4 UTF-16 units each), so the passage starts at 26, not 30.
    assert start == left.index(passage) == 26
    assert len(left[:start].encode("utf-16-le")) // 2 == 30
    assert left[start:end] == selector[0]["exact"] == passage
    emoji = second["target"]["selector"][1]
    assert right[emoji["start"]:emoji["end"]] == "💪"
    assert data["left"]["sentences"][0]["text"] == left
