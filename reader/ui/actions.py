"""The window's actions, menus and toolbar: one place that says which key does what."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QFont,
    QIcon,
    QKeySequence,
    QPainter,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QMainWindow, QMenuBar, QToolBar, QWidget

from reader.ui.themes import THEME_LABELS, THEMES, Theme

StdKey = QKeySequence.StandardKey


@dataclass(frozen=True)
class WindowActions:
    import_files: QAction
    import_folder: QAction
    import_samples: QAction
    export: QAction
    export_overview: QAction
    print_: QAction
    open_library: QAction
    quit: QAction
    undo: QAction
    add_note: QAction
    author: QAction
    find: QAction
    ignore_case: QAction
    ignore_punctuation: QAction
    ignore_quote_style: QAction
    ignore_whitespace: QAction
    theme_group: QActionGroup
    theme_actions: tuple[tuple[Theme, QAction], ...]
    refresh: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    next_change: QAction
    previous_change: QAction
    next_altered_quote: QAction
    next_match: QAction
    previous_match: QAction
    next_story: QAction
    previous_story: QAction
    swap_sides: QAction
    next_version: QAction
    previous_version: QAction
    first_with_latest: QAction
    shortcuts: QAction
    about: QAction

    def ignore_toggles(self) -> tuple[QAction, ...]:
        return (self.ignore_case, self.ignore_punctuation, self.ignore_quote_style,
                self.ignore_whitespace)

    def all(self) -> list[QAction]:
        out: list[QAction] = []
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, QAction):
                out.append(value)
        out.extend(a for _, a in self.theme_actions)
        return out


def _action(parent: QWidget, text: str,
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None, *,
            tip: str = "", checkable: bool = False) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
    action.setCheckable(checkable)
    parent.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_actions(parent: QWidget) -> WindowActions:
    theme_group = QActionGroup(parent)
    theme_group.setExclusive(True)
    theme_actions: list[tuple[Theme, QAction]] = []
    for theme in THEMES:
        a = _action(parent, THEME_LABELS[theme], checkable=True,
                    tip=f"Use the {THEME_LABELS[theme].lower()} palette")
        theme_group.addAction(a)
        theme_actions.append((theme, a))
    return WindowActions(
        import_files=_action(parent, "&Import Files…", "Ctrl+I",
                             tip="Import article files into the library"),
        import_folder=_action(parent, "Import &Folder…", "Ctrl+Shift+I",
                              tip="Import every article file in a folder"),
        import_samples=_action(parent, "Import &Samples",
                               tip="Add the sample stories to the library"),
        export=_action(parent, "&Export Comparison…", "Ctrl+E",
                       tip="Export the annotated comparison as HTML, PDF, Markdown or JSON"),
        export_overview=_action(parent, "Export Story &Overview…", "Ctrl+Shift+E",
                                tip="One HTML page of the whole story: its timeline, every "
                                    "step's changes, the quotations' histories and the notes"),
        print_=_action(parent, "&Print Comparison…", StdKey.Print,
                       tip="Print the annotated comparison, laid out as the PDF export"),
        open_library=_action(parent, "&Open Library…", "Ctrl+O",
                             tip="Open another library file"),
        quit=_action(parent, "&Quit", "Ctrl+Q", tip="Quit Parallax Reader"),
        undo=_action(parent, "&Undo", StdKey.Undo,
                     tip="Undo the last deletion or change to the library"),
        add_note=_action(parent, "Add &Note", "Ctrl+Shift+N",
                         tip="Add a note on the selected passage, or on the whole comparison"),
        author=_action(parent, "Your &Name on Notes…",
                       tip="The name recorded on the notes you write (a shared library shows it)"),
        find=_action(parent, "&Find in Library", StdKey.Find,
                     tip="Search titles, text and notes"),
        ignore_case=_action(parent, "Ignore &Case", checkable=True,
                            tip="Match words regardless of upper and lower case"),
        ignore_punctuation=_action(parent, "Ignore &Punctuation", checkable=True,
                                   tip="Match sentences regardless of punctuation"),
        ignore_quote_style=_action(parent, "Ignore &Quote Style", checkable=True,
                                   tip="Treat straight and curly quotation marks alike"),
        ignore_whitespace=_action(parent, "Ignore &Whitespace", checkable=True,
                                  tip="Treat runs of spaces and line breaks alike"),
        theme_group=theme_group,
        theme_actions=tuple(theme_actions),
        refresh=_action(parent, "&Refresh", StdKey.Refresh,
                        tip="Re-read the library and notes (to see what another window saved)"),
        zoom_in=_zoom_in(parent),
        zoom_out=_action(parent, "Zoom &Out", StdKey.ZoomOut, tip="Make the comparison smaller"),
        zoom_reset=_action(parent, "&Actual Size", "Ctrl+0",
                           tip="Show the comparison at its normal size"),
        next_change=_action(parent, "&Next Change", "Alt+Down", tip="Go to the next change"),
        previous_change=_action(parent, "&Previous Change", "Alt+Up",
                                tip="Go to the previous change"),
        next_altered_quote=_action(parent, "Next Changed &Quotation", "Alt+Q",
                                   tip="Go to the next quotation not kept word for word"),
        next_match=_action(parent, "Next &Match", "F3",
                           tip="Go to the next word the library search matched"),
        previous_match=_action(parent, "Previous M&atch", "Shift+F3",
                               tip="Go to the previous word the library search matched"),
        next_story=_action(parent, "Next &Story", "Ctrl+Down", tip="Show the next story"),
        previous_story=_action(parent, "Previous S&tory", "Ctrl+Up",
                               tip="Show the previous story"),
        swap_sides=_action(parent, "S&wap Sides", "Ctrl+Shift+S",
                           tip="Show the right version on the left and the left on the right"),
        next_version=_action(parent, "Next &Version Pair", "Alt+Right",
                             tip="Compare the next two consecutive versions of the story"),
        previous_version=_action(parent, "Previous Version P&air", "Alt+Left",
                                 tip="Compare the previous two consecutive versions"),
        first_with_latest=_action(parent, "Compare &First with Latest by Default",
                                  checkable=True,
                                  tip="Open a story on its first and latest versions instead "
                                      "of its latest edit (the last two)"),
        shortcuts=_action(parent, "&Keyboard Shortcuts", "F1",
                          tip="List every keyboard shortcut"),
        about=_action(parent, "&About Parallax Reader", tip="Version and licence"),
    )


def _zoom_in(parent: QWidget) -> QAction:
    action = _action(parent, "Zoom &In", StdKey.ZoomIn, tip="Make the comparison larger")
    # Ctrl+= too: on most layouts "+" needs Shift, and the key is labelled "=".
    action.setShortcuts([QKeySequence(StdKey.ZoomIn), QKeySequence("Ctrl+=")])
    return action


ICON_SIZE = 16
QUOTE_COLOR = QColor("#d08000")  # the amber of altered quotations, readable on light and dark


def _icon(paint: Callable[[QPainter], None]) -> QIcon:
    icon = QIcon()
    for scale in (1, 2):  # crisp on high-DPI screens too
        pix = QPixmap(ICON_SIZE * scale, ICON_SIZE * scale)
        pix.setDevicePixelRatio(scale)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint(painter)
        painter.end()
        icon.addPixmap(pix)
    return icon


def _triangle(color: QColor, up: bool) -> Callable[[QPainter], None]:
    def paint(p: QPainter) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        ys = (4.0, 12.0) if up else (12.0, 4.0)
        p.drawPolygon(QPolygonF([QPointF(8, ys[0]), QPointF(14, ys[1]), QPointF(2, ys[1])]))
    return paint


def _glyph(text: str, color: QColor, *, bold: bool = True) -> Callable[[QPainter], None]:
    def paint(p: QPainter) -> None:
        font = QFont()
        font.setPixelSize(15)
        font.setBold(bold)
        p.setFont(font)
        p.setPen(color)
        p.drawText(QRectF(0, 0, ICON_SIZE, ICON_SIZE), int(Qt.AlignmentFlag.AlignCenter), text)
    return paint


def paint_icons(a: WindowActions, text_color: QColor) -> None:
    """Icons drawn in the palette's text colour, so they stay visible in light and dark."""
    a.previous_change.setIcon(_icon(_triangle(text_color, up=True)))
    a.next_change.setIcon(_icon(_triangle(text_color, up=False)))
    a.next_altered_quote.setIcon(_icon(_glyph("“", QUOTE_COLOR)))
    a.add_note.setIcon(_icon(_glyph("+", text_color)))


def build_menus(bar: QMenuBar, a: WindowActions) -> None:
    file_menu = bar.addMenu("&File")
    for action in (a.import_files, a.import_folder, a.import_samples):
        file_menu.addAction(action)
    file_menu.addSeparator()
    file_menu.addAction(a.export)
    file_menu.addAction(a.export_overview)
    file_menu.addAction(a.print_)
    file_menu.addSeparator()
    file_menu.addAction(a.open_library)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(a.undo)
    edit_menu.addSeparator()
    edit_menu.addAction(a.add_note)
    edit_menu.addAction(a.author)
    edit_menu.addAction(a.find)

    view_menu = bar.addMenu("&View")
    view_menu.addAction(a.swap_sides)
    view_menu.addSeparator()
    for action in a.ignore_toggles():
        view_menu.addAction(action)
    view_menu.addSeparator()
    for action in (a.zoom_in, a.zoom_out, a.zoom_reset):
        view_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addAction(a.first_with_latest)
    view_menu.addSeparator()
    theme_menu = view_menu.addMenu("&Theme")
    for _, action in a.theme_actions:
        theme_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addAction(a.refresh)

    go_menu = bar.addMenu("&Go")
    for action in (a.next_change, a.previous_change, a.next_altered_quote):
        go_menu.addAction(action)
    go_menu.addSeparator()
    go_menu.addAction(a.next_match)
    go_menu.addAction(a.previous_match)
    go_menu.addSeparator()
    go_menu.addAction(a.next_story)
    go_menu.addAction(a.previous_story)
    go_menu.addSeparator()
    go_menu.addAction(a.next_version)
    go_menu.addAction(a.previous_version)

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a.shortcuts)
    help_menu.addAction(a.about)


def shortcut_table(a: WindowActions) -> list[tuple[str, str]]:
    """(what, keys) for every action that has a shortcut, in menu order."""
    rows: list[tuple[str, str]] = []
    for action in a.all():
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append((action.text().replace("&", "").rstrip("…"), keys))
    return rows


def build_toolbar(window: QMainWindow, a: WindowActions,
                  picker: QWidget) -> tuple[QToolBar, QAction]:
    """The comparison toolbar, and the action that shows or hides its version `picker`."""
    bar = QToolBar("Comparison", window)
    bar.setObjectName("comparison-toolbar")
    bar.setMovable(False)
    bar.setIconSize(QSize(16, 16))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.addAction(a.previous_change)
    bar.addAction(a.next_change)
    bar.addAction(a.next_altered_quote)
    bar.addSeparator()
    picker_action = bar.addWidget(picker)
    bar.addSeparator()
    bar.addAction(a.add_note)
    window.addToolBar(bar)
    return bar, picker_action


def fit_toolbar(bar: QToolBar, width: int) -> None:
    """Buttons with words when they fit in `width`, icons alone (the words in tool-tips) when
    the window is narrow: nothing may hide behind the toolbar's » menu."""
    style = Qt.ToolButtonStyle
    bar.setToolButtonStyle(style.ToolButtonTextBesideIcon)
    if bar.sizeHint().width() > width:
        bar.setToolButtonStyle(style.ToolButtonIconOnly)
