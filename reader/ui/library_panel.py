"""The left panel: a search box, a sort choice, and the tree of stories and versions."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.store.records import ArticleSummary, StorySummary
from reader.ui.library_model import (
    COLUMN_SORT,
    COLUMNS,
    SORT_KEYS,
    SORT_LABELS,
    SUBTITLE_ROLE,
    LibraryModel,
)
from reader.ui.library_reads import SortKey
from reader.ui.library_tree import LibraryTree

SEARCH_DEBOUNCE_MS = 200


class TitleDelegate(QStyledItemDelegate):
    """A title with its outlet(s) on a second, quieter line."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
                 ) -> QSize:
        size = super().sizeHint(option, index)
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(size.width(), 2 * line + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(3, 3, -3, -3)
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_role = (QPalette.ColorRole.HighlightedText if selected
                     else QPalette.ColorRole.Text)
        font = QFont(opt.font)
        metrics = QFontMetrics(font)
        line = metrics.lineSpacing()
        painter.save()
        if not index.parent().isValid() and font.weight() < QFont.Weight.DemiBold:
            font.setWeight(QFont.Weight.DemiBold)  # stories; bold when one is unopened
        painter.setFont(font)
        painter.setPen(palette.color(text_role))
        painter.drawText(rect.x(), rect.y(), rect.width(), line, int(Qt.AlignmentFlag.AlignLeft),
                         QFontMetrics(font).elidedText(title, Qt.TextElideMode.ElideRight,
                                                       rect.width()))
        subtitle = str(index.data(SUBTITLE_ROLE) or "")
        small = QFont(opt.font)
        painter.setFont(small)
        muted = palette.color(text_role)
        if not selected:
            muted = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        painter.drawText(rect.x(), rect.y() + line, rect.width(), line,
                         int(Qt.AlignmentFlag.AlignLeft),
                         metrics.elidedText(subtitle, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()


class LibraryPanel(QWidget):
    """Emits `articleChosen(story, article_or_None)` whenever the current row changes, so
    arrow keys and clicks switch the comparison at once.

    Managing the library is asked for, never done, here: F2 or the context menu's Rename
    (`renameRequested`), Delete (`deleteRequested`), Merge Into / Move to Story (`pickRequested`),
    Move to New Story, and dragging a version onto another story (`moveRequested`).
    """

    articleChosen = Signal(object, object)  # StorySummary, ArticleSummary | None
    # The story on screen is no longer listed, with what to tell the reader: a search left it
    # out (clearing the search selects it again), or it was deleted.
    storyHidden = Signal(str)
    renameRequested = Signal(int, str)  # story id, new title
    deleteRequested = Signal(object, object)  # StorySummary, ArticleSummary | None
    pickRequested = Signal(object, object)  # StorySummary, ArticleSummary | None: choose a story
    moveRequested = Signal(int, int)  # article id, story id (0: a new story)
    undoRequested = Signal()
    queryChanged = Signal(str)  # the search applied to the list ("" when cleared)

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.setSpacing(4)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search titles, text and notes (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the library")
        layout.addWidget(self.search)

        row = QHBoxLayout()
        self.count_label = QLabel(self)
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.sort_combo = QComboBox(self)
        self.sort_combo.setAccessibleName("Sort stories by")
        for key in SORT_KEYS:
            self.sort_combo.addItem(SORT_LABELS[key], key)
        row.addWidget(self.count_label, 1)
        row.addWidget(QLabel("Sort:", self))
        row.addWidget(self.sort_combo)
        layout.addLayout(row)

        self.undo_bar = QFrame(self)
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(6, 2, 2, 2)
        self.undo_label = QLabel(self.undo_bar)
        self.undo_label.setWordWrap(True)
        self.undo_button = QPushButton("Undo", self.undo_bar)
        self.undo_button.setToolTip("Undo the last change to the library (Ctrl+Z)")
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.hide()
        self.undo_button.clicked.connect(self.undoRequested)

        self.tree = LibraryTree(model, self)
        self.tree.setAccessibleName("Stories and versions")
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A fixed width: sizing a column to its contents re-reads every loaded row on each
        # page, which takes seconds once tens of thousands of stories are loaded.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        metrics = self.fontMetrics()
        # Room for three digits (or the header) and the sort arrow: titles get the rest.
        header.resizeSection(1, 28 + max(metrics.horizontalAdvance("999"),
                                         metrics.horizontalAdvance(COLUMNS[1])))
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setItemDelegateForColumn(0, TitleDelegate(self.tree))
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._header_clicked)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.undo_bar)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.versionDropped.connect(self.moveRequested)
        model.renameRequested.connect(self.renameRequested)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self._delete_current)
        self._shown: tuple[int, int | None] | None = None  # what the window shows
        self._shown_story: StorySummary | None = None

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._go_to_results)
        self.search.installEventFilter(self)
        self.sort_combo.currentIndexChanged.connect(self._sort_chosen)
        self._selection_model().currentChanged.connect(self._current_changed)
        model.modelReset.connect(self._after_reset)
        model.rowsInserted.connect(self._update_count)
        model.rowsInserted.connect(self._reselect_shown)
        scroll = self.tree.verticalScrollBar()
        scroll.valueChanged.connect(self._fetch_near_end)
        scroll.rangeChanged.connect(self._fetch_near_end)
        self._last_emitted: tuple[int, int | None] | None = None
        self._first_result_wanted = False
        model.searchStarted.connect(self._update_count)
        model.searchFinished.connect(self._update_count)
        model.countFinished.connect(self._update_count)
        self._show_sort_indicator()
        self._update_count()

    # Public ----------------------------------------------------------------------------------

    def show_undo(self, summary: str | None) -> None:
        """Offer to undo the last change to the library (None: nothing to undo)."""
        self.undo_label.setText(f"{summary}." if summary else "")
        self.undo_bar.setVisible(bool(summary))

    def rename_current(self) -> None:
        """Edit the current story's title in place, as F2 does."""
        index = self.tree.currentIndex()
        if index.isValid() and self.model.article(index) is None:
            self.tree.edit(index.siblingAtColumn(0))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current(self) -> tuple[StorySummary | None, ArticleSummary | None]:
        index = self.tree.currentIndex()
        return self.model.story(index), self.model.article(index)

    def reload(self) -> None:
        """Re-read the library (after an import), keeping the current row if it is still there."""
        story, article = self.current()
        self.model.reload()
        if story is not None:
            self.select(story.id, article.id if article else None)

    def reload_after_change(self, story_id: int) -> None:
        """Re-read the library after it was edited and show `story_id` (0: the current
        story, or the neighbour of one that is gone)."""
        index = self.tree.currentIndex()
        row = (index.parent() if index.parent().isValid() else index).row()
        self.reload()
        if story_id and self.select(story_id):
            return
        count = self.model.rowCount()
        if self.current()[0] is None and count:
            self._set_current(self.model.index(min(max(row, 0), count - 1), 0))

    def select(self, story_id: int, article_id: int | None = None) -> bool:
        index = self._index_of(story_id, article_id)
        if not index.isValid():
            return False
        if article_id is not None:
            self.tree.expand(index.parent())
        self._set_current(index)
        return True

    def step_story(self, delta: int) -> bool:
        """Move to the next (+1) or previous (-1) story."""
        index = self.tree.currentIndex()
        row = -1 if not index.isValid() else (index.row() if not index.parent().isValid()
                                              else index.parent().row())
        target = row + delta
        if target >= self.model.rowCount():
            self.model.fetch_page_now()
        if not 0 <= target < self.model.rowCount():
            return False
        self._set_current(self.model.index(target, 0))
        return True

    # Internals -------------------------------------------------------------------------------

    def _selection_model(self) -> QItemSelectionModel:
        sm = self.tree.selectionModel()
        assert sm is not None
        return sm

    def _set_current(self, index: QModelIndex) -> None:
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self._selection_model().setCurrentIndex(index, flags)
        self.tree.scrollTo(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down in the search box goes on to the results, as in a browser's address bar.
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down:
            self._go_to_results()
            return True
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape \
                and self.search.text():
            self.search.clear()
            self._apply_search()
            return True
        return super().eventFilter(watched, event)

    def _go_to_results(self) -> None:
        self._apply_search()
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.model.searching:
            self._first_result_wanted = True  # chosen when the search's results arrive
        else:
            self._choose_first_result()

    def _choose_first_result(self) -> None:
        self._first_result_wanted = False
        if not self.tree.currentIndex().isValid() and self.model.rowCount() > 0:
            self._set_current(self.model.index(0, 0))

    def _apply_search(self) -> None:
        self._debounce.stop()
        self.model.set_query(self.search.text())
        self.queryChanged.emit(self.search.text())

    def _sort_chosen(self) -> None:
        chosen = self.sort_combo.currentData()
        for key in SORT_KEYS:
            if key == chosen:
                self._set_sort(key)

    def _header_clicked(self, section: int) -> None:
        self.sort_combo.setCurrentIndex(self.sort_combo.findData(COLUMN_SORT[section]))
        self._show_sort_indicator()

    def _set_sort(self, key: SortKey) -> None:
        story, article = self.current()
        self.model.set_sort(key)
        if story is not None:
            self.select(story.id, article.id if article else None)
        self._show_sort_indicator()

    def _show_sort_indicator(self) -> None:
        header = self.tree.header()
        key = self.model.sort_key
        if key != "recent":
            order = Qt.SortOrder.AscendingOrder if key == "title" else Qt.SortOrder.DescendingOrder
            header.setSortIndicator(COLUMN_SORT.index(key), order)
        else:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def _fetch_near_end(self) -> None:
        """Ask for the next page when the reader is within a screenful of the last story."""
        bar = self.tree.verticalScrollBar()
        if bar.value() >= bar.maximum() - bar.pageStep() and self.model.can_fetch_more():
            self.model.fetch_more()

    def _after_reset(self) -> None:
        """Keep the story on screen selected when it is among the rows; say so when a search
        hid it, and select it again once the search shows it."""
        self._update_count()
        if self._first_result_wanted:
            self._choose_first_result()
        shown = self._shown
        if shown is None:
            self._last_emitted = None
            return
        story_id, article_id = shown
        # Among a search's results, only the pages read so far: reading more here would hold
        # the window for each page (20 pages of a common word at 100k: ~0.5 s).
        index = self._index_of(story_id, article_id, max_pages=0 if self.model.query else 20)
        if index.isValid():
            if article_id is not None:
                self.tree.expand(index.parent())
            if self.model.story(index) != self._shown_story:
                self._last_emitted = None  # its versions changed (an import, a refresh)
            self._set_current(index)  # the same story as before emits nothing
            return
        if self.model.query and self.model.has_more():
            return  # perhaps further down the results: it stays on screen (_reselect_shown)
        self._last_emitted = None
        title = self._shown_story.title if self._shown_story is not None else f"Story {story_id}"
        if self.model.query:
            self.storyHidden.emit(
                f"“{title}” is not in the search results.\n\nClear the search (Esc in the "
                "search box) to see it again, or pick a story from the results.")
        else:
            self.storyHidden.emit(f"“{title}” is no longer in the library (deleted, perhaps "
                                  "in another window).\n\nPick a story on the left.")

    def _index_of(self, story_id: int, article_id: int | None, *, max_pages: int = 20
                  ) -> QModelIndex:
        """The row of a story (or of one of its versions), reading up to `max_pages` more."""
        if article_id is None:
            return self.model.story_index(story_id, max_pages=max_pages)
        return self.model.article_index(story_id, article_id, max_pages=max_pages)

    def _reselect_shown(self) -> None:
        """Select the story on screen again when a page of results scrolled in holds it
        (without scrolling to it: the reader is scrolling)."""
        if self._shown is None or self.tree.currentIndex().isValid():
            return
        story_id, article_id = self._shown
        index = self._index_of(story_id, article_id, max_pages=0)
        if index.isValid():
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
            self._selection_model().setCurrentIndex(index, flags)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        story, article = self.model.story(index), self.model.article(index)
        if story is None:
            return
        self._set_current(index)
        menu = QMenu(self)
        if article is None:
            self._menu_item(menu, "Rename…", "F2", self.rename_current)
            merge = self._menu_item(menu, "Merge Into Another Story…", None,
                                    lambda: self.pickRequested.emit(story, None))
            merge.setEnabled(self.model.rowCount() > 1)
            menu.addSeparator()
            self._menu_item(menu, "Delete Story", QKeySequence.StandardKey.Delete,
                            lambda: self.deleteRequested.emit(story, None))
        else:
            self._menu_item(menu, "Move to Another Story…", None,
                            lambda: self.pickRequested.emit(story, article))
            self._menu_item(menu, "Move to a New Story", None,
                            lambda: self.moveRequested.emit(article.id, 0))
            menu.addSeparator()
            self._menu_item(menu, "Delete Version", QKeySequence.StandardKey.Delete,
                            lambda: self.deleteRequested.emit(story, article))
        viewport = self.tree.viewport()
        menu.exec(viewport.mapToGlobal(pos) if viewport is not None else pos)

    @staticmethod
    def _menu_item(menu: QMenu, text: str,
                   keys: str | QKeySequence.StandardKey | None, slot: object) -> QAction:
        action = menu.addAction(text)
        assert action is not None
        if keys is not None:
            action.setShortcut(QKeySequence(keys))  # shown as a hint; the tree handles the key
        action.triggered.connect(slot)
        return action

    def _delete_current(self) -> None:
        story, article = self.current()
        if story is not None:
            self.deleteRequested.emit(story, article)

    def _update_count(self) -> None:
        total = self.model.total
        noun = "story" if total == 1 else "stories"
        if self.model.searching:
            self.count_label.setText("Searching…")
        elif self.model.counting:  # the first page is shown; the rest is being counted
            self.count_label.setText(f"{self.model.rowCount():,}+ stories match, counting…")
        elif self.model.query:
            self.count_label.setText(f"{total:,} {noun} match")
        else:
            self.count_label.setText(f"{total:,} {noun}")

    def _current_changed(self, current: QModelIndex | QPersistentModelIndex,
                         _previous: QModelIndex | QPersistentModelIndex) -> None:
        story, article = self.model.story(current), self.model.article(current)
        if story is None:
            return
        key = (story.id, article.id if article else None)
        if key == self._last_emitted:
            return  # moving between columns of one row changes nothing
        self._last_emitted = key
        self._shown, self._shown_story = key, story
        self.articleChosen.emit(story, article)
