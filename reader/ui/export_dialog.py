"""Choosing where an export goes: the file dialog, the format its name or filter means, and
the folder and format remembered for next time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

EXPORT_FILTERS: tuple[tuple[str, str, str], ...] = (
    ("html", "HTML page", "*.html"), ("pdf", "PDF document", "*.pdf"),
    ("md", "Markdown", "*.md"), ("json", "JSON (Web Annotations)", "*.json"),
)


def choose_export_target(parent: QWidget, settings: QSettings,
                         suggested_name: Callable[[str], str]) -> tuple[str, Path] | None:
    """(format, path) the reader chose, or None when they cancelled."""
    last_fmt = str(settings.value("export/format", "html"))
    folder = Path(str(settings.value("export/folder", str(Path.home()))))
    filters = [f"{label} ({glob})" for _, label, glob in EXPORT_FILTERS]
    fmts = [fmt for fmt, _, _ in EXPORT_FILTERS]
    chosen_filter = filters[fmts.index(last_fmt)] if last_fmt in fmts else filters[0]
    fmt = fmts[filters.index(chosen_filter)]
    name, selected = QFileDialog.getSaveFileName(
        parent, "Export Comparison", str(folder / suggested_name(fmt)), ";;".join(filters),
        chosen_filter)
    if not name:
        return None
    path = Path(name)
    fmt = export_format_for(path, selected)
    if path.suffix.lower() != f".{fmt}":
        path = path.with_name(path.name + f".{fmt}")
    settings.setValue("export/folder", str(path.parent))
    settings.setValue("export/format", fmt)
    return fmt, path


def export_format_for(path: Path, selected_filter: str) -> str:
    """The format a file name says, else the one its dialog filter says, else HTML."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix in {f for f, _, _ in EXPORT_FILTERS}:
        return suffix
    if suffix == "htm":
        return "html"
    for fmt, label, glob in EXPORT_FILTERS:
        if selected_filter == f"{label} ({glob})":
            return fmt
    return "html"


def choose_overview_target(parent: QWidget, settings: QSettings, suggested_name: str
                           ) -> Path | None:
    """Where the reader wants the story overview page (always HTML), None when cancelled."""
    folder = Path(str(settings.value("export/folder", str(Path.home()))))
    name, _ = QFileDialog.getSaveFileName(parent, "Export Story Overview",
                                          str(folder / suggested_name), "HTML page (*.html)")
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".html", ".htm"):
        path = path.with_name(path.name + ".html")
    settings.setValue("export/folder", str(path.parent))
    return path
