"""The transport bar follows the look: icons grow with the UI scale, and Loop and Metronome
say that they are on by shape and in words, not by colour alone."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from tonewell.ui import theme
from tonewell.ui.settings import DisplaySettings
from tonewell.ui.transport_bar import ICON_PX, TransportBar


def test_icons_grow_with_the_scale(qtbot, qapp: QApplication, restore_look: None) -> None:
    bar = TransportBar()
    qtbot.addWidget(bar)
    theme.apply_theme(qapp, DisplaySettings("light", 175))
    play = bar.button("playButton")
    assert play.iconSize().width() == round(ICON_PX * 1.75)
    assert bar.slower.minimumWidth() >= round(28 * 1.75)


def test_loop_on_has_its_own_icon_and_says_so(qtbot, qapp: QApplication,
                                              restore_look: None) -> None:
    theme.apply_theme(qapp, DisplaySettings("dark", 100))
    bar = TransportBar()
    qtbot.addWidget(bar)
    icon = bar.loop_action.icon()
    off = icon.pixmap(32, 32, QIcon.Mode.Normal, QIcon.State.Off).toImage()
    on = icon.pixmap(32, 32, QIcon.Mode.Normal, QIcon.State.On).toImage()
    assert off != on
    corner = on.pixelColor(2, 16)  # the "on" tile is filled edge to edge; "off" is not
    assert corner.alpha() == 255 and off.pixelColor(2, 16).alpha() == 0
    assert corner.name() == theme.palette().ink  # the ink of the dark look, not a fixed one
    bar.loop_action.setChecked(True)
    assert bar.loop_action.toolTip().startswith("Loop is on.")
    assert bar.button("loopButton").accessibleDescription().startswith("Loop is on.")
    bar.loop_action.setChecked(False)
    assert bar.loop_action.toolTip().startswith("Loop is off.")
    assert bar.loop_action.toolTip().count("Loop is") == 1


def test_the_tempo_box_shows_its_number(qtbot, qapp: QApplication, restore_look: None) -> None:
    theme.apply_theme(qapp, DisplaySettings("light", 100))
    bar = TransportBar()
    qtbot.addWidget(bar)
    bar.resize(1100, 60)
    bar.show()
    qtbot.waitExposed(bar)
    edit = bar.tempo.lineEdit()
    assert edit.width() >= edit.fontMetrics().horizontalAdvance(bar.tempo.text())
