"""The status bar's news line: on screen and never covered, gone after a while, and a Show in
folder button that opens the folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QUrl
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from tonewell.ui import status_line
from tonewell.ui.status_line import StatusLine

from .helpers import accessible_name


def ink_pixels(widget: QWidget, area: QRect) -> int:
    """How many pixels in `area` of `widget`'s window, as drawn, are dark like text."""
    window = widget.window()
    shot = window.grab().toImage()
    origin = widget.mapTo(window, QPoint(0, 0))
    dark = 0
    for x in range(area.left(), area.right() + 1):
        for y in range(area.top(), area.bottom() + 1):
            if QColor(shot.pixel(origin.x() + x, origin.y() + y)).lightness() < 128:
                dark += 1
    return dark


def test_a_message_shows_on_screen_and_nothing_covers_it(window):
    text = "Saved “morning.tonewell”."
    window.show_status(text)
    label = window.status_line.label
    assert label.isVisible() and label.text() == text
    assert label.width() >= label.fontMetrics().horizontalAdvance(text)  # whole, not cut
    bar = window.statusBar()
    shown = QRect(label.mapTo(bar, QPoint(0, 0)), label.size())
    for other in bar.findChildren(QWidget):
        if other.isVisible() and other.parent() is bar and other is not window.status_line:
            placed = QRect(other.mapTo(bar, QPoint(0, 0)), other.size())
            assert not shown.intersects(placed), other.objectName()
    assert label.visibleRegion().boundingRect() == label.rect()
    text_area = QRect(0, 0, label.fontMetrics().horizontalAdvance(text), label.height())
    assert ink_pixels(label, text_area) > 20  # the words are really drawn
    window.status_line.clear()
    assert ink_pixels(label, text_area) == 0


def test_a_message_leaves_room_for_the_sound_status(window):
    window.show_status("x" * 400)
    assert window.findChild(QWidget, "soundStatus").isVisible()
    label = window.status_line.label
    assert label.shown_text().endswith("…")  # cut to fit; the label's tooltip holds it all
    assert accessible_name(label) == "x" * 400  # and a screen reader hears it all


def test_a_message_clears_itself_after_a_while(qtbot, monkeypatch):
    monkeypatch.setattr(status_line, "MESSAGE_MS", 50)
    line = StatusLine()
    qtbot.addWidget(line)
    line.show_message("Opened “morning.tonewell”.")
    qtbot.waitUntil(lambda: line.text() == "", timeout=2000)


class FakeDesktop:
    """Stands in for QDesktopServices: records the addresses it was asked to open."""

    def __init__(self, works: bool) -> None:
        self.works = works
        self.opened: list[QUrl] = []

    def openUrl(self, url: QUrl) -> bool:
        self.opened.append(url)
        return self.works


@pytest.mark.parametrize("works", [True, False])
def test_show_in_folder_opens_the_folder(qtbot, monkeypatch, tmp_path: Path, works: bool):
    desktop = FakeDesktop(works)
    monkeypatch.setattr(status_line, "QDesktopServices", desktop)
    line = StatusLine()
    qtbot.addWidget(line)
    line.show()
    line.show_message("Exported “a.wav”.", folder=tmp_path)
    assert line.show_folder.isVisible() and line.folder() == tmp_path
    line.show_folder.click()
    assert [url.toLocalFile() for url in desktop.opened] == [str(tmp_path)]
    if not works:
        assert str(tmp_path) in line.text() and "could not be opened" in line.text()
    line.show_message("Saved.")
    assert not line.show_folder.isVisible() and line.folder() is None
