"""The window's layout from a 1024x700 screen up: nothing of the transport bar hidden or cut
off, the track rows' buttons never under the scrollbar, and a track column that resizes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from tonewell.model import Clip, Composition, Note, Track
from tonewell.ui import theme
from tonewell.ui.main_window import MIN_SIZE, MainWindow, first_window_size
from tonewell.ui.palettes import LIGHT
from tonewell.ui.settings import DisplaySettings
from tonewell.ui.transport_bar import TransportBar


@pytest.fixture(autouse=True)
def themed(qapp: QApplication) -> Iterator[None]:
    """The app's own look (its padding decides what fits), put back afterwards."""
    before = qapp.styleSheet(), qapp.palette(), qapp.font(), qapp.style().name()
    theme.apply_theme(qapp)
    yield
    sheet, palette, font, style = before
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyle(style)
    theme._state.update(palette=LIGHT, scale=1.0)
    theme.changes().changed.emit()


def settle(qtbot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.wait(30)  # layouts and the deferred row layout run


def many_tracks(count: int = 12) -> Composition:
    clip = Clip(name="Tune", notes=(Note(0, 60, 240, 90),), length_bars=1)
    return Composition(title="Many", tracks=tuple(
        Track(name=f"Track {i + 1}", program=i, clips=(clip,)) for i in range(count)))


def hidden_or_cut(bar: TransportBar) -> list[str]:
    """Names of the bar's controls that are hidden, outside the bar, or squeezed narrower
    than they need."""
    problems = []
    extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    if extension is not None and extension.isVisible():
        problems.append("overflow arrow")
    if not bar.rect().contains(bar.strip.geometry()) or not bar.strip.isVisible():
        problems.append("strip")
    for child in bar.strip.findChildren(QWidget):
        if child.parent() is not bar.strip:
            continue
        name = child.objectName() or type(child).__name__
        inside = bar.strip.rect().contains(child.geometry())
        if not child.isVisible() or not inside or child.width() < child.sizeHint().width():
            problems.append(name)
    return problems


def test_the_first_size_fits_the_screen():
    assert first_window_size(QSize(1024, 700)) == QSize(1024, 700)
    assert first_window_size(QSize(1280, 800)) == QSize(1280, 800)
    assert first_window_size(QSize(1920, 1080)) == QSize(1536, 900)
    assert first_window_size(QSize(3840, 2160)) == QSize(3072, 1728)


def test_at_1024x700_every_transport_control_shows_with_its_words(window, qtbot):
    settle(qtbot, window, 1024, 700)
    assert window.width() == 1024
    assert hidden_or_cut(window.transport) == []
    # Record and Metronome may show only their icons here (a ring or dot, and the metronome)
    assert window.transport.compact_count() <= 2


def test_at_the_narrowest_window_buttons_keep_their_icons(window, qtbot):
    settle(qtbot, window, 400, 300)
    assert window.width() == window.minimumWidth() >= MIN_SIZE.width()
    assert hidden_or_cut(window.transport) == []
    assert window.transport.compact_count() > 0
    stop = window.transport.button("stopButton")
    assert not stop.icon().isNull() and stop.accessibleName() == "Stop"


def test_larger_text_wraps_the_bar_instead_of_hiding_controls(window, qtbot):
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    QApplication.setFont(font)  # as a larger text size does, with its stylesheet anew
    QApplication.instance().setStyleSheet("")
    theme.apply_theme(QApplication.instance())
    qtbot.wait(10)
    assert window.minimumWidth() >= window.transport.minimumWidth()
    settle(qtbot, window, 400, 300)
    assert window.width() == window.minimumWidth()
    assert hidden_or_cut(window.transport) == []
    assert window.transport.is_wrapped()


def test_at_175_percent_a_1024_wide_window_keeps_the_clock_and_silence_all(window, qtbot):
    theme.apply_theme(QApplication.instance(), DisplaySettings("light", 175))
    qtbot.wait(10)
    settle(qtbot, window, 1024, 700)
    assert window.width() == 1024
    assert hidden_or_cut(window.transport) == []
    assert window.transport.is_wrapped()
    position = window.transport.position
    assert window.rect().contains(position.mapTo(window, position.rect().bottomRight()))


def covered_row_buttons(window: MainWindow) -> list[str]:
    viewport = window.track_list.view.viewport()
    covered = []
    for row in window.track_list.rows():
        for control in (row.mute, row.solo, row.menu_button, row.volume, row.pan):
            right = control.mapTo(viewport, QPoint(control.width(), 0)).x()
            if right > viewport.width():
                covered.append(f"{row.name_label.text()} {control.objectName()}")
        if row.width() < row.minimumSizeHint().width():
            covered.append(f"{row.name_label.text()} squeezed")
    return covered


def test_the_scrollbar_never_covers_the_track_buttons(window, qtbot):
    settle(qtbot, window, 1024, 700)
    window.piece.load(many_tracks(), None)  # the scrollbar appears in a window of this size
    qtbot.wait(30)
    assert window.track_list.verticalScrollBar().isVisible()
    assert covered_row_buttons(window) == []


def test_the_track_column_resizes_but_never_cuts_a_row(window, qtbot):
    window.piece.load(many_tracks(), None)
    settle(qtbot, window, 1280, 800)
    splitter = window.work_splitter
    total = sum(splitter.sizes())
    splitter.setSizes([500, total - 500])
    qtbot.wait(30)
    assert splitter.sizes()[0] == 500
    splitter.setSizes([100, total - 100])  # narrower than the rows allow: it stops at them
    qtbot.wait(30)
    assert splitter.sizes()[0] > 100
    assert covered_row_buttons(window) == []


def crowded_parts(row: QWidget) -> list[str]:
    """The row's visible controls and captions that overlap another or are narrower than
    their minimumSizeHint (their words or handle would be cut)."""
    parts = [c for c in row.findChildren(QWidget)
             if c.parentWidget() is row and c.isVisible()]
    problems = []
    for i, part in enumerate(parts):
        name = part.objectName() or getattr(part, "text", lambda: "")() or type(part).__name__
        if part.width() < part.minimumSizeHint().width():
            problems.append(f"{name} squeezed")
        for other in parts[i + 1:]:
            if part.geometry().intersects(other.geometry()):
                other_name = other.objectName() or getattr(other, "text", lambda: "")()
                problems.append(f"{name} over {other_name}")
    return problems


def test_at_1024x700_and_175_percent_no_part_of_a_track_row_overlaps(window, qtbot):
    theme.apply_theme(QApplication.instance(), DisplaySettings("light", 175))
    window.piece.load(many_tracks(3), None)
    qtbot.wait(10)
    settle(qtbot, window, 1024, 700)
    window.fit_track_column()
    qtbot.wait(30)
    assert window.width() == 1024
    assert covered_row_buttons(window) == []
    for row in window.track_list.rows():
        assert crowded_parts(row) == [], row.name_label.text()


def test_at_200_percent_the_window_still_fits_a_1024_wide_screen(window, qtbot):
    """The largest text size: the track rows give way (their note count and the Vol/Pan
    captions first) so rows and editors fit side by side in 1024 px, with nothing crowded."""
    theme.apply_theme(QApplication.instance(), DisplaySettings("light", 200))
    window.piece.load(many_tracks(3), None)
    qtbot.wait(10)
    settle(qtbot, window, 1024, 700)
    window.fit_track_column()
    qtbot.wait(30)
    assert window.minimumWidth() <= 1024 and window.width() == 1024
    assert covered_row_buttons(window) == []
    for row in window.track_list.rows():
        assert crowded_parts(row) == [], row.name_label.text()
