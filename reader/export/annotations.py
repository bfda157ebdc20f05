"""The JSON export: a W3C Web Annotation AnnotationCollection of the notes
(https://www.w3.org/TR/annotation-model/), with the comparison under our own namespace.

The document is JSON-LD. Its `@context` is the Web Annotation context plus one prefix,
`parallax:`, for what the model has no term for: the comparison exactly as `reader compare
--format json` prints it, the story and versions, a note's colour and whether its passage was
lost. A conformant reader that knows nothing of Parallax reads the annotations and skips the
rest. Selectors carry code-point offsets (Python `str` indices), as the model wants ("the
position of a character ... is counted in Unicode code points").
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from reader import __version__
from reader.export.formatting import iso_time
from reader.store.records import ArticleDetail, NoteRecord, StoryComparison, TextAnchor

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
URN = "urn:parallax-reader"
NAMESPACE = "parallax"
NAMESPACE_IRI = f"{URN}:ns#"
CONTEXT: list[Any] = [ANNOTATION_CONTEXT, {NAMESPACE: NAMESPACE_IRI}]


def ns(term: str) -> str:
    """A key of our own, e.g. 'parallax:color'."""
    return f"{NAMESPACE}:{term}"


def note_urn(note_id: int) -> str:
    return f"{URN}:note:{note_id}"


def article_urn(article_id: int) -> str:
    return f"{URN}:article:{article_id}"


def story_urn(story_id: int) -> str:
    return f"{URN}:story:{story_id}"


def render_json(doc: StoryComparison, exported_at: datetime) -> str:
    versions = {doc.left.id: doc.left, doc.right.id: doc.right}
    items = [annotation(n, versions) for n in doc.notes if not n.deleted]
    collection_id = f"{story_urn(doc.story.id)}:notes:{doc.left.id}-vs-{doc.right.id}"
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"Notes on “{doc.story.title}” (version {doc.left.id} vs {doc.right.id})",
        "generated": iso_time(exported_at),
        "generator": {"id": URN, "type": "Software", "name": f"Parallax Reader {__version__}"},
        "total": len(items),
    }
    if items:  # the model: a page has one or more items, a collection of none has no page
        data["first"] = {"id": f"{collection_id}:page:1", "type": "AnnotationPage",
                         "startIndex": 0, "items": items}
    data[ns("story")] = {"id": doc.story.id, "title": doc.story.title}
    data[ns("versions")] = {"left": _version(doc.left), "right": _version(doc.right)}
    data[ns("comparison")] = doc.comparison.to_dict()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _version(a: ArticleDetail) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "url": a.url,
            "published": a.published.isoformat() if a.published else None}


def annotation(note: NoteRecord, versions: dict[int, ArticleDetail]) -> dict[str, Any]:
    """One note as a W3C Web Annotation.

    An anchored note targets its version (the article's URL when known) with a
    TextQuoteSelector and a TextPositionSelector where the passage is found now; an orphaned
    note keeps only the quote it was written on (its old position points at other words).
    A note on the whole comparison targets both versions.
    """
    comment = {"type": "TextualBody", "value": note.body, "format": "text/plain",
               "purpose": "commenting"}
    # One body is an object; a label adds a second, tagging body (the model allows both forms).
    body: dict[str, str] | list[dict[str, str]] = comment
    if note.label:
        body = [comment, {"type": "TextualBody", "value": note.label, "format": "text/plain",
                          "purpose": "tagging"}]
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": note_urn(note.id),
        "type": "Annotation",
        "motivation": "commenting",
        "created": iso_time(note.created),
        "modified": iso_time(note.updated),
        "body": body,
        "target": _target(note, versions),
    }
    if note.author:  # who wrote it, as the model's Agent (a person's name)
        out["creator"] = {"type": "Person", "name": note.author}
    if note.color:
        out[ns("color")] = note.color
    if note.article_id is not None and (note.orphaned or note.resolved is None):
        out[ns("orphaned")] = True
    return out


def _source(article_id: int, versions: dict[int, ArticleDetail]) -> dict[str, Any]:
    article = versions.get(article_id)
    url = article.url if article is not None else None
    # One URL can serve several versions (a page edited later): the version says which.
    return {"source": url or article_urn(article_id), ns("version"): article_urn(article_id)}


def _target(note: NoteRecord, versions: dict[int, ArticleDetail]) -> Any:
    if note.article_id is None:
        return [_source(article_id, versions) for article_id in versions]
    target = _source(note.article_id, versions)
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
