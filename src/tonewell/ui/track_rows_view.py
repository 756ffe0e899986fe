"""The scrolling list under the track rows: selection, keys, and reordering by drag.

Qt's own internal move in a QListWidget throws away the row widgets set with `setItemWidget`
and paints its drop line underneath them, so this view starts the drag itself (showing the row
as the drag image), draws its own drop line above the rows, and on drop only reports
`move_requested(from_row, to_index)`. The track list turns that into one MoveTrack command;
the rows are rebuilt from the change event, so the list never disagrees with the piece.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QListWidget, QWidget

DRAG_MIME = "application/x-tonewell-track-row"


class TrackRowsView(QListWidget):
    move_requested = Signal(int, int)
    """(row being dragged, the index it should end up at)."""
    delete_requested = Signal()
    rename_requested = Signal()
    step_requested = Signal(int)
    """Alt+Up (-1) or Alt+Down (+1): move the selected track by one place."""
    menu_requested = Signal(int, QPoint)
    """(row, global position) for the context menu; row -1 below the last track."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trackRows")
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # rows follow the width (and scrollbar)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self._drop_line = QFrame(self.viewport())
        self._drop_line.setObjectName("trackDropLine")
        self._drop_line.setFixedHeight(3)
        self._drop_line.hide()
        # the scrollbar coming or going narrows the rows, so it never covers their buttons
        self.verticalScrollBar().rangeChanged.connect(lambda _lo, _hi: self._lay_rows_out())

    def _lay_rows_out(self) -> None:
        QTimer.singleShot(0, self, self.doItemsLayout)

    def rows_minimum_width(self, rows_px: int) -> int:
        """The view's width that leaves rows `rows_px` wide beside a scrollbar."""
        return rows_px + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.doItemsLayout()  # at once: Qt's delayed layout leaves row widgets at their old width

    # --- where a drop lands ----------------------------------------------------------------

    def drop_index_at(self, y_px: float) -> int:
        """The gap a drop at viewport y falls into: 0 above the first row .. count() below all."""
        for row in range(self.count()):
            rect = self.visualItemRect(self.item(row))
            if y_px < rect.center().y():
                return row
        return self.count()

    @staticmethod
    def final_index(from_row: int, gap: int) -> int:
        """Where a row taken from `from_row` ends up when dropped into `gap`."""
        return gap - 1 if gap > from_row else gap

    # --- dragging ---------------------------------------------------------------------------

    def startDrag(self, supported: Qt.DropAction) -> None:
        row = self.currentRow()
        if row < 0:
            return
        drag = QDrag(self)
        data = self.mimeData([self.item(row)])
        data.setData(DRAG_MIME, str(row).encode())
        drag.setMimeData(data)
        widget = self.itemWidget(self.item(row))
        if widget is not None:
            drag.setPixmap(widget.grab())
            drag.setHotSpot(widget.mapFromGlobal(self.cursor().pos()))
        drag.exec(Qt.DropAction.MoveAction)
        self._drop_line.hide()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(DRAG_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not event.mimeData().hasFormat(DRAG_MIME):
            event.ignore()
            return
        gap = self.drop_index_at(event.position().y())
        if gap < self.count():
            y = self.visualItemRect(self.item(gap)).top()
        elif self.count():
            y = self.visualItemRect(self.item(self.count() - 1)).bottom()
        else:
            y = 0
        self._drop_line.setGeometry(0, max(0, y - 1), self.viewport().width(), 3)
        self._drop_line.show()
        self._drop_line.raise_()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._drop_line.hide()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop_line.hide()
        data = event.mimeData()
        if not data.hasFormat(DRAG_MIME):
            event.ignore()
            return
        from_row = int(bytes(data.data(DRAG_MIME).data()).decode() or -1)
        to_index = self.final_index(from_row, self.drop_index_at(event.position().y()))
        event.setDropAction(Qt.DropAction.CopyAction)  # nothing for Qt to remove: we move
        event.accept()
        if 0 <= from_row < self.count() and to_index != from_row:
            self.move_requested.emit(from_row, to_index)

    # --- keys and the context menu ---------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentRow() >= 0:
            self.delete_requested.emit()
        elif key == Qt.Key.Key_F2 and self.currentRow() >= 0:
            self.rename_requested.emit()
        elif mods & Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item = self.itemAt(event.pos())
        self.menu_requested.emit(self.row(item) if item else -1, event.globalPos())
        event.accept()
