"""The JSON export: the comparison contract untouched, notes as W3C Web Annotations."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from reader.export.annotations import render_json
from reader.store.records import StoryComparison
from tests.export.fixtures import EXPORTED_AT, anchor_at, english_doc, note, single_row_doc

NS = "parallax:"
ANNO = "http://www.w3.org/ns/anno.jsonld"
# Terms of the Web Annotation JSON-LD context this export uses: any other key must be ours
# (namespaced), or a conformant JSON-LD reader would silently drop it.
ANNO_TERMS = {"@context", "id", "type", "label", "total", "first", "items", "startIndex",
              "generated", "generator", "name", "motivation", "created", "modified", "body",
              "target", "value", "format", "purpose", "source", "selector", "exact", "prefix",
              "suffix", "start", "end", "creator"}
MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing",
               "editing", "highlighting", "identifying", "linking", "moderating",
               "questioning", "replying", "tagging"}
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def _load(doc: StoryComparison) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render_json(doc, EXPORTED_AT))
    check_collection(data)
    return data


def _items(data: dict[str, Any]) -> list[dict[str, Any]]:
    return list(data["first"]["items"]) if data["total"] else []


def _check_context(value: Any) -> None:
    # Model 3.1: one or more values, the Web Annotation context among them; one is a string.
    if isinstance(value, str):
        assert value == ANNO
    else:
        assert isinstance(value, list) and len(value) > 1 and ANNO in value
        for extra in value:
            if isinstance(extra, dict):
                assert all(IRI.match(iri) for iri in extra.values())


def _check_keys(node: Any) -> None:
    """Every key is a Web Annotation term or one of ours; our values are not looked into."""
    if isinstance(node, list):
        for item in node:
            _check_keys(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key.startswith(NS):
                continue
            assert key in ANNO_TERMS, key
            if key != "@context":
                _check_keys(value)


def check_collection(data: dict[str, Any]) -> None:
    """The MUSTs of model 5.1 / 5.2 for a collection with its first page embedded."""
    _check_context(data["@context"])
    assert IRI.match(data["id"]) and data["type"] == "AnnotationCollection"
    assert isinstance(data["total"], int) and data["total"] >= 0
    assert isinstance(data.get("label", ""), str)
    if data["total"] == 0:
        assert "first" not in data
    else:
        page = data["first"]
        assert IRI.match(page["id"]) and page["type"] == "AnnotationPage"
        assert isinstance(page["items"], list) and len(page["items"]) == data["total"]
        for item in page["items"]:
            check_annotation(item)
    _check_keys(data)


def check_annotation(a: dict[str, Any]) -> None:
    """The MUSTs of model 3.1-4.2 for the features this export uses."""
    _check_context(a["@context"])
    assert IRI.match(a["id"]) and a["type"] == "Annotation"
    assert a["motivation"] in MOTIVATIONS
    for key in ("created", "modified"):
        assert a[key].endswith("Z") and "T" in a[key]
    bodies = a["body"] if isinstance(a["body"], list) else [a["body"]]
    for body in bodies:
        assert body["type"] == "TextualBody" and isinstance(body["value"], str)
        assert body["purpose"] in MOTIVATIONS and body["format"] == "text/plain"
    targets = a["target"] if isinstance(a["target"], list) else [a["target"]]
    assert targets
    for target in targets:
        assert IRI.match(target["source"])
        for selector in target.get("selector", []):
            if selector["type"] == "TextQuoteSelector":
                assert isinstance(selector["exact"], str) and selector["exact"]
            else:
                assert selector["type"] == "TextPositionSelector"
                assert 0 <= selector["start"] <= selector["end"]


def test_comparison_is_exactly_to_dict_under_our_namespace() -> None:
    doc = english_doc()
    data = _load(doc)
    contract = json.loads(json.dumps(doc.comparison.to_dict()))
    assert data[NS + "comparison"] == contract
    assert data["@context"] == [ANNO, {"parallax": "urn:parallax-reader:ns#"}]


def test_story_and_versions() -> None:
    data = _load(english_doc())
    assert data["type"] == "AnnotationCollection"
    assert data["total"] == 6 and data["first"]["type"] == "AnnotationPage"
    assert data[NS + "story"] == {"id": 1, "title": "Bridge opens"}
    assert data[NS + "versions"]["left"] == {
        "id": 11, "title": "Bridge opens", "outlet": "City Herald", "url": None,
        "published": "2025-02-13"}
    assert data[NS + "versions"]["right"]["published"] is None
    assert data["generated"] == "2026-11-22T03:00:00Z"


def test_no_notes_is_an_empty_collection_without_a_page() -> None:
    doc = replace(english_doc(), notes=())
    data = _load(doc)
    assert data["total"] == 0 and "first" not in data


def test_every_note_is_a_w3c_annotation_with_correct_selectors() -> None:
    doc = english_doc()
    texts = {doc.left.id: doc.left.text, doc.right.id: doc.right.text}
    notes = _items(_load(doc))
    assert [a["id"] for a in notes] == [f"urn:parallax-reader:note:{n.id}" for n in doc.notes]
    for a, record in zip(notes, doc.notes, strict=True):
        assert a["created"] == "2026-11-20T09:15:00Z"
        target = a["target"]
        if record.article_id is None:  # on the whole comparison: both versions
            assert [t["source"] for t in target] == ["urn:parallax-reader:article:11",
                                                     "urn:parallax-reader:article:12"]
            continue
        assert target["source"] == f"urn:parallax-reader:article:{record.article_id}"
        quote = target["selector"][0]
        assert quote["type"] == "TextQuoteSelector"
        if record.orphaned:
            assert a[NS + "orphaned"] is True
            assert len(target["selector"]) == 1
            assert quote["exact"] == "Nobody attended the ceremony."
            continue
        position = target["selector"][1]
        assert position["type"] == "TextPositionSelector"
        text = texts[record.article_id]
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert text[:position["start"]].endswith(quote["prefix"])
        assert text[position["end"]:].startswith(quote["suffix"])
        assert NS + "orphaned" not in a


def test_target_is_the_article_url_when_known_and_colour_is_ours() -> None:
    doc = english_doc()
    doc = replace(doc, right=replace(doc.right, url="https://news.example/bridge"),
                  notes=tuple(replace(n, color="#ffd54f") for n in doc.notes))
    notes = _items(_load(doc))
    on_right = [a for a, n in zip(notes, doc.notes, strict=True) if n.article_id == 12]
    assert on_right
    for a in on_right:
        assert a["target"]["source"] == "https://news.example/bridge"
        assert a["target"][NS + "version"] == "urn:parallax-reader:article:12"
    assert all(a[NS + "color"] == "#ffd54f" and "color" not in a for a in notes)


def test_label_becomes_a_tagging_body() -> None:
    notes = _items(_load(english_doc()))
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
    check_collection(data)
    first, second = _items(data)
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
    assert data[NS + "comparison"]["left"]["sentences"][0]["text"] == left
