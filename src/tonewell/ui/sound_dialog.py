"""Settings › Sound…: the soundfont, the sound system (audio driver) and how quickly it
responds (its buffer), reverb and chorus, and the metronome's volume.

Each choice is said in plain words first ("Sound system: Automatic", "Response: Balanced"), with
the technical values (driver, frames × buffers, milliseconds) beside it for those who want them;
the buffer can still be set by hand, and the response then reads "Your own setting".

Nothing changes until Apply (or OK). A new soundfont loads off the GUI thread while a busy bar
runs; if it cannot be used, a plain message says so and the previous soundfont stays. The
output delay (latency) the buffer settings give is shown as they are changed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from tonewell.ui.messages import show_message
from tonewell.ui.settings import (
    PERIOD_COUNTS,
    PERIOD_SIZES,
    SoundSettings,
    save_sound_settings,
)
from tonewell.ui.sound_engine import SoundEngine

SOUNDFONT_FILTER = "Soundfonts (*.sf2 *.sf3);;All files (*)"

DRIVER_NAMES: dict[str, str] = {
    "pulseaudio": "PulseAudio or PipeWire",
    "jack": "JACK",
    "alsa": "ALSA, straight to the sound card",
    "sdl2": "SDL",
    "coreaudio": "Core Audio",
    "wasapi": "Windows audio",
    "dsound": "DirectSound",
}
"""Plain names for FluidSynth's audio drivers; the driver's own name is shown beside."""


@dataclass(frozen=True, slots=True)
class Response:
    """A named buffer choice: how soon a key is heard against how safe the sound is from
    crackles on a busy computer."""

    name: str
    period_size: int
    """Frames per buffer."""
    periods: int
    hint: str


RESPONSES: tuple[Response, ...] = (
    Response("Quicker", 128, 2, "Keys answer at once; on a busy computer the sound may crackle."),
    Response("Balanced", 128, 3, "Keys answer quickly and the sound stays smooth."),
    Response("Steadier", 512, 4,
             "The smoothest sound, even on a busy computer; keys answer a little later."),
)
CUSTOM_RESPONSE = "Your own setting"
CUSTOM_HINT = "The buffer below is set by hand."


def _named(widget: QWidget, object_name: str, accessible: str) -> QWidget:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    return widget


class SoundDialog(QDialog):
    def __init__(self, engine: SoundEngine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("soundDialog")
        self.setAccessibleName("Sound settings")
        self.setWindowTitle("Sound")
        self.setMinimumWidth(520)
        self.engine = engine
        start = engine.settings

        self.soundfont = QComboBox()
        _named(self.soundfont, "soundfontCombo", "Soundfont")
        self.soundfont.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.soundfont.setMinimumContentsLength(28)
        self.browse = QPushButton("Choose a file…")
        _named(self.browse, "soundfontBrowse", "Choose a soundfont file")
        self.browse.clicked.connect(self._browse)
        self.busy = QProgressBar()
        _named(self.busy, "soundfontBusy", "Loading the soundfont")
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.font_note = QLabel()
        _named(self.font_note, "soundfontMessage", "Soundfont message")
        self.font_note.setWordWrap(True)
        self.font_note.setProperty("class", "caption")
        self.font_note.hide()
        self._fill_soundfonts(start.soundfont_path)

        self.driver = QComboBox()
        _named(self.driver, "driverCombo", "Sound system")
        self.driver.addItem("Automatic", "")
        for name in engine.available_drivers():
            self.driver.addItem(DRIVER_NAMES.get(name, name), name)
        self._select_data(self.driver, start.driver)
        self.driver_detail = QLabel()
        _named(self.driver_detail, "driverDetail", "Audio driver")
        self.driver_detail.setProperty("class", "caption")
        self.driver.currentIndexChanged.connect(self._show_driver)

        self.response = QComboBox()
        _named(self.response, "responseCombo", "Response")
        self.response.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for response in RESPONSES:  # their indexes in the combo are those in RESPONSES
            self.response.addItem(response.name)
        self.response_hint = QLabel()
        _named(self.response_hint, "responseHint", "About this response")
        self.response_hint.setProperty("class", "caption")
        self.response.activated.connect(self._use_response)

        self.period_size = QComboBox()
        _named(self.period_size, "periodSizeCombo", "Buffer size in frames")
        for frames in sorted({*PERIOD_SIZES, start.period_size}):
            self.period_size.addItem(f"{frames} frames", frames)
        self._select_data(self.period_size, start.period_size)
        self.periods = QComboBox()
        _named(self.periods, "periodsCombo", "Number of buffers")
        for count in sorted({*PERIOD_COUNTS, start.periods}):
            self.periods.addItem(str(count), count)
        self._select_data(self.periods, start.periods)
        self.latency = QLabel()
        _named(self.latency, "latencyLabel", "Output delay")
        self.latency.setProperty("class", "caption")
        self.period_size.currentIndexChanged.connect(self._show_latency)
        self.periods.currentIndexChanged.connect(self._show_latency)

        self.reverb = QCheckBox("Reverb (a sense of room)")
        _named(self.reverb, "reverbCheck", "Reverb")
        self.reverb.setChecked(start.reverb)
        self.chorus = QCheckBox("Chorus (a gentle shimmer)")
        _named(self.chorus, "chorusCheck", "Chorus")
        self.chorus.setChecked(start.chorus)
        self.metronome = QSlider(Qt.Orientation.Horizontal)
        _named(self.metronome, "metronomeVolumeSlider", "Metronome volume")
        self.metronome.setRange(0, 100)
        self.metronome.setValue(start.metronome_volume)
        self.metronome_value = QLabel()
        self.metronome.valueChanged.connect(lambda v: self.metronome_value.setText(f"{v}%"))
        self.metronome_value.setText(f"{start.metronome_volume}%")
        self.metronome_value.setMinimumWidth(40)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        font_row = QHBoxLayout()
        font_row.addWidget(self.soundfont, 1)
        font_row.addWidget(self.browse)
        font_box = QVBoxLayout()
        font_box.setSpacing(4)
        font_box.addLayout(font_row)
        font_box.addWidget(self.busy)
        font_box.addWidget(self.font_note)
        form.addRow("Soundfont", font_box)
        driver_row = QHBoxLayout()
        driver_row.addWidget(self.driver)
        driver_row.addWidget(self.driver_detail, 1)
        form.addRow("Sound system", driver_row)
        response_row = QHBoxLayout()
        response_row.addWidget(self.response)
        response_row.addWidget(self.latency, 1)
        form.addRow("Response", response_row)
        form.addRow("", self.response_hint)
        buffer_row = QHBoxLayout()
        buffer_row.addWidget(self.period_size)
        buffer_row.addWidget(QLabel("×"))
        buffer_row.addWidget(self.periods)
        buffer_row.addStretch(1)
        form.addRow("Buffer", buffer_row)
        form.addRow("Effects", self.reverb)
        form.addRow("", self.chorus)
        metronome_row = QHBoxLayout()
        metronome_row.addWidget(self.metronome, 1)
        metronome_row.addWidget(self.metronome_value)
        form.addRow("Metronome volume", metronome_row)

        self.status = QLabel()
        _named(self.status, "soundDialogStatus", "Sound status")
        self.status.setWordWrap(True)
        self.status.setProperty("class", "caption")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("soundButtons")
        self.buttons.accepted.connect(lambda: self.apply(close_after=True))
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)

        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addSpacing(6)
        column.addWidget(self.status)
        column.addWidget(self.buttons)
        self._show_latency()
        self._show_driver()
        self._show_status()
        engine.status_changed.connect(self._show_status)

    # --- choices ---------------------------------------------------------------------------

    @staticmethod
    def _select_data(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(0, index))

    def _fill_soundfonts(self, current: str) -> None:
        self.soundfont.clear()
        default = self.engine.default_soundfont()
        label = f"Bundled: {default.stem}" if default else "Bundled soundfont (not found)"
        self.soundfont.addItem(label, "")
        seen = {""}
        for path in self.engine.system_soundfonts():
            if str(path) not in seen and path != default:
                self.soundfont.addItem(f"{path.stem}  ({path.parent})", str(path))
                seen.add(str(path))
        if current and current not in seen:
            self.soundfont.addItem(Path(current).name, current)
        self._select_data(self.soundfont, current)

    def choose_soundfont_file(self, path: Path) -> None:
        """Add `path` to the list and select it (applied with the other settings)."""
        index = self.soundfont.findData(str(path))
        if index < 0:
            self.soundfont.addItem(Path(path).name, str(path))
            index = self.soundfont.count() - 1
        self.soundfont.setCurrentIndex(index)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a soundfont", "", SOUNDFONT_FILTER)
        if name:
            self.choose_soundfont_file(Path(name))

    def chosen_settings(self) -> SoundSettings:
        return replace(
            self.engine.settings,
            soundfont_path=str(self.soundfont.currentData() or ""),
            driver=str(self.driver.currentData() or ""),
            period_size=int(self.period_size.currentData()),
            periods=int(self.periods.currentData()),
            reverb=self.reverb.isChecked(),
            chorus=self.chorus.isChecked(),
            metronome_volume=self.metronome.value(),
        )

    def _use_response(self, index: int) -> None:
        if 0 <= index < len(RESPONSES):
            response = RESPONSES[index]
            self._select_data(self.period_size, response.period_size)
            self._select_data(self.periods, response.periods)

    def _show_latency(self) -> None:
        """The response the buffer amounts to, in words, then its numbers."""
        chosen = self.chosen_settings()
        frames, periods = chosen.period_size, chosen.periods
        match = next((r for r in RESPONSES if (r.period_size, r.periods) == (frames, periods)),
                     None)
        custom = self.response.findText(CUSTOM_RESPONSE)
        if match is None:
            if custom < 0:
                self.response.addItem(CUSTOM_RESPONSE)
                custom = self.response.count() - 1
            self.response.setCurrentIndex(custom)
        else:
            if custom >= 0:
                self.response.removeItem(custom)
            self.response.setCurrentIndex(RESPONSES.index(match))
        self.response_hint.setText(match.hint if match else CUSTOM_HINT)
        self.latency.setText(
            f"Output delay: {chosen.latency_ms:.1f} ms ({frames} frames × {periods})"
        )
        self.latency.setAccessibleName(self.latency.text())

    def _show_driver(self) -> None:
        name = str(self.driver.currentData() or "")
        running = self.engine.driver_name()
        if name:
            text = f"driver: {name}"
        else:
            text = f"driver: auto, now {running}" if running else "driver: auto"
        self.driver_detail.setText(text)
        self.driver_detail.setAccessibleName(text)

    def _show_status(self) -> None:
        self.status.setText(self.engine.status_detail())
        self._show_driver()

    # --- applying --------------------------------------------------------------------------

    def _note(self, text: str) -> None:
        self.font_note.setText(text)
        self.font_note.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for w in (self.soundfont, self.browse, self.buttons):
            w.setEnabled(not busy)

    def is_busy(self) -> bool:
        return self.busy.isVisible() or not self.buttons.isEnabled()

    def apply(self, close_after: bool = False) -> None:
        chosen = self.chosen_settings()
        font_changes = chosen.soundfont_path != self.engine.settings.soundfont_path
        if font_changes:
            self._set_busy(True)
            self._note("Loading the soundfont…")

        def done(ok: bool, message: str) -> None:
            save_sound_settings(self.engine.settings)
            self._set_busy(False)
            self._note("")
            self._show_status()
            if not ok:
                self._select_data(self.soundfont, self.engine.settings.soundfont_path)
                show_message(self, "Soundfont", "That soundfont could not be used.",
                             details=f"{message}\nThe previous soundfont is still playing.",
                             problem=True)
                return
            if close_after:
                self.accept()

        self.engine.apply_settings(chosen, done)
