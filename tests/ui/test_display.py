"""The display setting: the UI scale makes text, hit targets and piano-roll rows bigger, live,
and the chosen look and size are remembered."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tonewell.ui import theme
from tonewell.ui.app_folders import examples_dir
from tonewell.ui.display_dialog import DisplayDialog
from tonewell.ui.main_window import MainWindow
from tonewell.ui.settings import (
    DisplaySettings,
    load_display_settings,
    open_qsettings,
    save_display_settings,
)


@pytest.fixture
def light_at_100(qapp: QApplication, restore_look: None) -> None:
    theme.apply_theme(qapp, DisplaySettings(theme="light", scale_percent=100))


def sizes(window: MainWindow) -> dict[str, float]:
    row = window.track_list.row_widget(0)
    return {
        "font_pt": QApplication.font().pointSizeF(),
        "mute_width": row.mute.width(),
        "mute_height": row.mute.sizeHint().height(),
        "row_height": window.track_list.row_height,
        "lane_height": window.arrangement.lane_height,
        "piano_row": window.piano_roll.geometry.row_px,
        "keys_width": window.piano_roll.keys.width(),
    }


def test_widgets_grow_with_the_scale(qapp: QApplication, light_at_100: None,
                                     window: MainWindow) -> None:
    assert window.open_path(examples_dir() / "four-chord-groove.tonewell")
    qapp.processEvents()
    before = sizes(window)
    theme.apply_theme(qapp, DisplaySettings(theme="light", scale_percent=175))
    qapp.processEvents()
    after = sizes(window)
    for name, value in before.items():
        assert after[name] > value * 1.4, name
    assert window.track_list.row_height == window.arrangement.lane_height


def test_the_look_and_size_are_remembered(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TONEWELL_HOME", str(tmp_path))
    save_display_settings(DisplaySettings(theme="high-contrast", scale_percent=150))
    assert load_display_settings() == DisplaySettings("high-contrast", 150)


def test_a_damaged_setting_falls_back(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TONEWELL_HOME", str(tmp_path))
    store = open_qsettings()
    store.setValue("display/theme", "purple")
    store.setValue("display/scale_percent", "huge")
    store.sync()
    assert load_display_settings() == DisplaySettings()
    store.setValue("display/scale_percent", 900)
    assert load_display_settings(store).scale_percent == 200


def test_the_dialog_applies_at_once_and_saves(qtbot, qapp: QApplication, light_at_100: None,
                                              tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TONEWELL_HOME", str(tmp_path))
    dialog = DisplayDialog()
    qtbot.addWidget(dialog)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.scale_box.setCurrentIndex(dialog.scale_box.findData(150))
    assert theme.palette().key == "dark"
    assert theme.ui_scale() == 1.5
    assert load_display_settings() == DisplaySettings("dark", 150)


def test_system_follows_the_desktop_scheme(qapp: QApplication, light_at_100: None) -> None:
    theme.apply_theme(qapp, DisplaySettings(theme="system"))
    dark = qapp.styleHints().colorScheme().name == "Dark"
    expected = ("dark" if dark else "light", "high-contrast")
    assert theme.palette().key in expected


def test_the_default_font_is_not_tiny_on_a_full_hd_screen() -> None:
    assert theme.base_point_size(9.0, 1080) == 10.5
    assert theme.base_point_size(9.0, 700) == 10.0
    assert theme.base_point_size(12.0, 1080) == 12.0


def test_the_track_column_grows_with_the_scale(qapp: QApplication, light_at_100: None,
                                               window: MainWindow, qtbot) -> None:
    assert window.open_path(examples_dir() / "four-chord-groove.tonewell")
    window.resize(1600, 900)
    qtbot.wait(30)
    before = window.work_splitter.sizes()[0]
    theme.apply_theme(qapp, DisplaySettings(theme="light", scale_percent=175))
    qtbot.wait(30)
    assert window.work_splitter.sizes()[0] > before * 1.4
    row = window.track_list.row_widget(0)
    assert row.name_label.shown_text() == row.name_label.text()  # "Drums", not "D…"
    assert row.instrument.text() == row.instrument.full_text()


def test_an_open_dialog_follows_a_switch_of_look(qapp: QApplication, light_at_100: None,
                                                 qtbot) -> None:
    from tonewell.ui.instrument_picker import InstrumentPicker

    picker = InstrumentPicker()
    qtbot.addWidget(picker)
    picker.show()
    light_caption = picker.empty_label.palette().color(picker.empty_label.foregroundRole())
    theme.apply_theme(qapp, DisplaySettings(theme="dark", scale_percent=100))
    dark_caption = picker.empty_label.palette().color(picker.empty_label.foregroundRole())
    assert light_caption.name() == theme.palettes.LIGHT.soft_ink
    assert dark_caption.name() == theme.palette().soft_ink
