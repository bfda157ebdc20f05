"""Light and dark palettes on the Fusion style, or whatever the system provides."""

from __future__ import annotations

from typing import Literal

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

Theme = Literal["light", "dark", "system"]
THEMES: tuple[Theme, ...] = ("light", "dark", "system")
THEME_LABELS: dict[Theme, str] = {"light": "Light", "dark": "Dark", "system": "System"}


def parse_theme(value: object) -> Theme:
    """A stored setting back to a theme; anything unknown means the system's."""
    for theme in THEMES:
        if value == theme:
            return theme
    return "system"


def light_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#f3f3f3"), QColor("#ffffff"), QColor("#1d1d1f")
    _fill(p, window=window, base=base, alternate=QColor("#f7f7f9"), text=text,
          button=QColor("#ececec"), highlight=QColor("#2f6fdb"), link=QColor("#1f5fbf"),
          mid=QColor("#c8c8c8"), disabled=QColor("#9a9a9a"), tooltip=QColor("#ffffe8"))
    return p


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#232629"), QColor("#1b1d1f"), QColor("#e6e6e6")
    _fill(p, window=window, base=base, alternate=QColor("#222528"), text=text,
          button=QColor("#2e3236"), highlight=QColor("#3d7ae0"), link=QColor("#8ab4f8"),
          mid=QColor("#4a4f55"), disabled=QColor("#7a7f85"), tooltip=QColor("#2e3236"))
    return p


def _fill(p: QPalette, *, window: QColor, base: QColor, alternate: QColor, text: QColor,
          button: QColor, highlight: QColor, link: QColor, mid: QColor, disabled: QColor,
          tooltip: QColor) -> None:
    role = QPalette.ColorRole
    p.setColor(role.Window, window)
    p.setColor(role.WindowText, text)
    p.setColor(role.Base, base)
    p.setColor(role.AlternateBase, alternate)
    p.setColor(role.Text, text)
    p.setColor(role.Button, button)
    p.setColor(role.ButtonText, text)
    p.setColor(role.BrightText, QColor("#ff5555"))
    p.setColor(role.Highlight, highlight)
    p.setColor(role.HighlightedText, QColor("#ffffff"))
    p.setColor(role.Link, link)
    p.setColor(role.LinkVisited, link.darker(120))
    p.setColor(role.ToolTipBase, tooltip)
    p.setColor(role.ToolTipText, text)
    p.setColor(role.PlaceholderText, disabled)
    p.setColor(role.Mid, mid)
    p.setColor(role.Midlight, mid.lighter(115))
    p.setColor(role.Dark, mid.darker(150))
    p.setColor(role.Shadow, QColor("#000000"))
    group = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group, r, disabled)
    p.setColor(group, role.Highlight, mid)


class ThemeSwitcher:
    """Remembers what the platform gave us so "System" can put it back."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        style = app.style()
        self._system_style = style.name() if style is not None else "fusion"
        self._system_palette = QPalette(QGuiApplication.palette())

    def apply(self, theme: Theme) -> None:
        if theme == "system":
            self._app.setStyle(self._system_style)
            self._app.setPalette(self._system_palette)
            return
        self._app.setStyle("Fusion")
        self._app.setPalette(dark_palette() if theme == "dark" else light_palette())


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
