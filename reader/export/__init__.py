"""Writers for an annotated comparison: HTML, PDF, Markdown and JSON (W3C Web Annotation).

`export_comparison` renders one format and writes it atomically; only the PDF writer touches
Qt, and it is imported only when a PDF is asked for.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from reader.export.annotations import render_json
from reader.export.atomic import write_atomic
from reader.export.errors import ExportError
from reader.export.html import render_html
from reader.export.markdown import render_markdown
from reader.export.overview import render_overview_html
from reader.store.records import StoryComparison, StoryOverview, StorySummary, VersionPair

FORMATS = ("html", "pdf", "md", "json")

__all__ = ["FORMATS", "ExportError", "export_comparison", "export_overview",
           "render_bytes", "suggested_filename", "suggested_overview_filename", "write_atomic"]

_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_SLUG_MAX = 60


def render_bytes(doc: StoryComparison, fmt: str, exported_at: datetime) -> bytes:
    """The exported file's content, without writing it anywhere."""
    if fmt == "html":
        return render_html(doc, exported_at).encode("utf-8")
    if fmt == "md":
        return render_markdown(doc, exported_at).encode("utf-8")
    if fmt == "json":
        return render_json(doc, exported_at).encode("utf-8")
    if fmt == "pdf":
        from reader.export.pdf import render_pdf  # Qt is loaded only for a PDF

        return render_pdf(doc, exported_at)
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")


def export_comparison(doc: StoryComparison, fmt: str, path: Path, *,
                      exported_at: datetime | None = None) -> Path:
    """Render `doc` as `fmt` and write it to `path` atomically; return the path written.

    ValueError for an unknown format (checked before anything is rendered), ExportError when
    the file cannot be written (nothing is left behind then).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    moment = exported_at if exported_at is not None else datetime.now(UTC)
    write_atomic(path, render_bytes(doc, fmt, moment))
    return path


def suggested_filename(doc: StoryComparison | VersionPair, fmt: str) -> str:
    """'sekjen-nato-mark-rutte-12-vs-13.html': the story title as a slug and both version ids."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return f"{_slug(doc.story)}-{doc.left.id}-vs-{doc.right.id}.{fmt}"


def suggested_overview_filename(story: StorySummary) -> str:
    """'sekjen-nato-mark-rutte-overview.html': the story title as a slug."""
    return f"{_slug(story)}-overview.html"


def export_overview(overview: StoryOverview, path: Path, *,
                    exported_at: datetime | None = None) -> Path:
    """Write the story overview page (HTML) to `path` atomically; ExportError when it cannot
    be written (nothing is left behind then)."""
    moment = exported_at if exported_at is not None else datetime.now(UTC)
    write_atomic(path, render_overview_html(overview, moment).encode("utf-8"))
    return path


def _slug(story: StorySummary) -> str:
    """The story title as a short ASCII slug, or 'story-ID' when nothing of it is left."""
    ascii_title = unicodedata.normalize("NFKD", story.title).encode("ascii", "ignore")
    slug = _SLUG_DROP.sub("-", ascii_title.decode("ascii").lower()).strip("-")
    if len(slug) > _SLUG_MAX:
        slug = slug[:_SLUG_MAX].rsplit("-", 1)[0] or slug[:_SLUG_MAX]
    return slug or f"story-{story.id}"
