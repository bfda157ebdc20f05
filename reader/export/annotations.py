"""The JSON export: the comparison exactly as `reader compare --format json` prints it, plus the
story, the two versions and the notes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/).

Selectors carry code-point offsets (Python `str` indices), as the Web Annotation model wants
("the position of a character ... is counted in Unicode code points").
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from reader.export.formatting import iso_time
from reader.store.records import ArticleDetail, NoteRecord, StoryComparison, TextAnchor

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
URN = "urn:parallax-reader"


def note_urn(note_id: int) -> str:
    return f"{URN}:note:{note_id}"


def article_urn(article_id: int) -> str:
    return f"{URN}:article:{article_id}"


def story_urn(story_id: int) -> str:
    return f"{URN}:story:{story_id}"


def render_json(doc: StoryComparison, exported_at: datetime) -> str:
    data: dict[str, Any] = doc.comparison.to_dict()
    data["story"] = {"id": doc.story.id, "title": doc.story.title}
    data["versions"] = {"left": _version(doc.left), "right": _version(doc.right)}
    data["exported"] = iso_time(exported_at)
    data["notes"] = [annotation(n) for n in doc.notes if not n.deleted]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _version(a: ArticleDetail) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet,
            "published": a.published.isoformat() if a.published else None}


def annotation(note: NoteRecord) -> dict[str, Any]:
    """One note as a W3C Web Annotation.

    An anchored note targets its article with a TextQuoteSelector and a TextPositionSelector
    where the passage is found now; an orphaned note keeps only the quote it was written on
    (its old position points at other words) and says so with "orphaned": true.
    """
    comment = {"type": "TextualBody", "value": note.body, "format": "text/plain",
               "purpose": "commenting"}
    # One body is an object; a label adds a second, tagging body (the model allows both forms).
    body: dict[str, str] | list[dict[str, str]] = comment
    if note.label:
        body = [comment, {"type": "TextualBody", "value": note.label, "format": "text/plain",
                          "purpose": "tagging"}]
    out: dict[str, Any] = {
        "@context": ANNOTATION_CONTEXT,
        "id": note_urn(note.id),
        "type": "Annotation",
        "motivation": "commenting",
        "created": iso_time(note.created),
        "modified": iso_time(note.updated),
        "body": body,
        "target": _target(note),
    }
    if note.color:
        out["color"] = note.color
    if note.article_id is not None and (note.orphaned or note.resolved is None):
        out["orphaned"] = True
    return out


def _target(note: NoteRecord) -> dict[str, Any]:
    if note.article_id is None:
        return {"source": story_urn(note.story_id)}
    target: dict[str, Any] = {"source": article_urn(note.article_id)}
    if not note.orphaned and note.resolved is not None:
        target["selector"] = [_quote_selector(note.resolved),
                              {"type": "TextPositionSelector", "start": note.resolved.start,
                               "end": note.resolved.end}]
    elif note.anchor is not None:
        target["selector"] = [_quote_selector(note.anchor)]
    return target


def _quote_selector(anchor: TextAnchor) -> dict[str, Any]:
    return {"type": "TextQuoteSelector", "exact": anchor.exact, "prefix": anchor.prefix,
            "suffix": anchor.suffix}
