"""The shared FluidSynth layer: soundfont checks, finding fonts, events, effects, audio out."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from tonewell.engine import fluid, fluid_ctypes
from tonewell.engine.fluid import (
    SoundfontError,
    check_soundfont,
    default_soundfont_path,
    system_soundfonts,
)
from tonewell.engine.schedule import Event, EventKind

from .conftest import BUNDLED_FONT
from .fonts import chunk, info, list_chunk, pdta, riff, sdta, soundfont

ONLY_PRESET_HEADERS = list_chunk(b"pdta", chunk(b"phdr", bytes(76)))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(path: Path) -> str:
    with pytest.raises(SoundfontError) as caught:
        check_soundfont(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- check_soundfont -------------------------------------------------------------------------


def test_the_bundled_soundfont_passes() -> None:
    check_soundfont(BUNDLED_FONT)


@pytest.mark.parametrize("path", system_soundfonts(), ids=lambda p: p.name)
def test_installed_soundfonts_pass(path: Path) -> None:
    check_soundfont(path)


def test_a_well_formed_file_passes(tmp_path: Path) -> None:
    check_soundfont(write(tmp_path, "ok.sf2", soundfont()))


def test_odd_chunks_pass_padded_or_not(tmp_path: Path) -> None:
    for pad in (False, True):
        data = riff(b"sfbk", info(), sdta(63, pad=pad), pdta())
        check_soundfont(write(tmp_path, f"odd{pad}.sf2", data))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert "was not found" in refused(tmp_path / "nope.sf2")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert "not a soundfont file" in refused(tmp_path)


@pytest.mark.parametrize(
    "data",
    [
        os.urandom(4096),
        b"These are my notes about soundfonts.\n" * 40,
        b"",
        riff(b"WAVE", chunk(b"fmt ", bytes(16)), chunk(b"data", bytes(400))),
    ],
    ids=["random bytes", "text", "empty", "a WAV file"],
)
def test_something_else_is_not_a_soundfont(tmp_path: Path, data: bytes) -> None:
    message = refused(write(tmp_path, "x.sf2", data))
    assert message == '"x.sf2" is not a soundfont (SoundFont files start with RIFF…sfbk).'


def test_a_truncated_soundfont_is_refused(tmp_path: Path) -> None:
    head = BUNDLED_FONT.read_bytes()[:100_000]
    assert "incomplete" in refused(write(tmp_path, "cut.sf3", head))


def test_a_riff_size_beyond_the_file_is_refused(tmp_path: Path) -> None:
    data = bytearray(soundfont())
    struct.pack_into("<I", data, 4, len(data) + 100)
    assert "incomplete" in refused(write(tmp_path, "long.sf2", bytes(data)))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (riff(b"sfbk", info(), sdta()), "pdta missing"),
        (riff(b"sfbk", sdta(), info(), pdta()), "out of order"),
        (riff(b"sfbk", info(9), sdta(), pdta()), "version 9"),
        (riff(b"sfbk", list_chunk(b"INFO", chunk(b"INAM", b"x\0")), sdta(), pdta()), "version"),
        (riff(b"sfbk", info(), list_chunk(b"sdta", chunk(b"junk", bytes(8))), pdta()), "sample"),
        (riff(b"sfbk", info(), sdta(), pdta(sizes={b"phdr": 37})), "phdr"),
        (riff(b"sfbk", info(), sdta(), pdta(sizes={b"shdr": 46})), "shdr"),
        (riff(b"sfbk", info(), sdta(), pdta(phdr_bags=(0, 7))), "phdr table does not match"),
        (riff(b"sfbk", info(), sdta(), pdta(phdr_bags=(1, 0, 1))), "phdr table does not match"),
        (riff(b"sfbk", info(), sdta(), ONLY_PRESET_HEADERS), "preset tables"),
        (riff(b"sfbk", info(), b"LIST\xff\xff\x00\x00sdta", pdta()), "runs past"),
        (riff(b"sfbk", info(), b"\x01\x02\x03\x04" + bytes(8), pdta()), "no valid name"),
    ],
    ids=[
        "no presets",
        "out of order",
        "version 9",
        "no version",
        "no samples",
        "odd header table",
        "no sample headers",
        "index past the bags",
        "indices going down",
        "preset tables missing",
        "chunk too long",
        "garbage chunk",
    ],
)
def test_a_damaged_structure_is_refused(tmp_path: Path, data: bytes, words: str) -> None:
    message = refused(write(tmp_path, "bad.sf2", data))
    assert message.startswith('"bad.sf2" is a damaged soundfont')
    assert words in message


def test_a_huge_file_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(fluid, "MAX_SOUNDFONT_BYTES", 1000)
    assert "too large" in refused(write(tmp_path, "big.sf2", soundfont() + bytes(2000)))


# --- finding soundfonts -----------------------------------------------------------------------


def test_system_soundfonts_resolve_links_and_list_each_file_once(tmp_path: Path) -> None:
    sf2, sf3, other = tmp_path / "sf2", tmp_path / "sf3", tmp_path / "elsewhere"
    for folder in (sf2, sf3, other):
        folder.mkdir()
    real = write(other, "Real.sf3", soundfont())
    write(sf2, "Piano.SF2", soundfont())
    write(sf2, "notes.txt", b"hello")
    (sf2 / "default-GM.sf2").symlink_to(sf2 / "Piano.SF2")
    (sf3 / "Real.sf3").symlink_to(real)
    (sf3 / "Again.sf3").symlink_to(real)
    (sf3 / "Gone.sf3").symlink_to(other / "missing.sf3")
    (sf3 / "Folder.sf2").mkdir()
    found = system_soundfonts((sf2, sf3, tmp_path / "absent"))
    assert found == [sf2 / "Piano.SF2", real]


def test_system_soundfonts_here_are_real_files() -> None:
    found = system_soundfonts()
    assert len(set(found)) == len(found)
    assert all(p.is_file() and not p.is_symlink() for p in found)


def test_the_default_soundfont_is_the_bundled_one(monkeypatch) -> None:
    monkeypatch.delenv(fluid.SOUNDFONT_ENV, raising=False)
    assert default_soundfont_path() == BUNDLED_FONT


def test_the_environment_can_name_another_default(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(fluid.SOUNDFONT_ENV, str(tmp_path / "mine.sf2"))
    assert default_soundfont_path() == tmp_path / "mine.sf2"


# --- with FluidSynth --------------------------------------------------------------------------


@pytest.fixture()
def synth(bundled_font: Path):
    from tonewell.engine.render import new_offline_synth

    fs = new_offline_synth(44100, 32, effects=False)
    yield fs
    fs.delete()


def test_load_soundfont_returns_an_id(synth, bundled_font: Path) -> None:
    assert fluid.load_soundfont(synth, bundled_font) >= 1


def test_a_font_fluidsynth_refuses_is_a_soundfont_error(synth, tmp_path: Path, capfd) -> None:
    path = write(tmp_path, "hollow.sf2", soundfont())
    check_soundfont(path)  # passes our checks: FluidSynth has the last word
    with pytest.raises(SoundfontError, match="FluidSynth could not load"):
        fluid.load_soundfont(synth, path)
    assert "fluidsynth:" not in capfd.readouterr().err  # its own log lines are quieted


def test_junk_never_reaches_fluidsynth(synth, tmp_path: Path, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(fluid_ctypes, "sfload", lambda *a: calls.append(a) or -1)
    with pytest.raises(SoundfontError, match="not a soundfont"):
        fluid.load_soundfont(synth, write(tmp_path, "junk.sf2", os.urandom(1000)))
    assert calls == []
    # The spy sees what does reach FluidSynth: a file that passes our checks.
    with pytest.raises(SoundfontError, match="FluidSynth could not load"):
        fluid.load_soundfont(synth, write(tmp_path, "plausible.sf2", soundfont()))
    assert len(calls) == 1


def test_logs_can_go_to_python_logging(synth, tmp_path: Path, caplog) -> None:
    caplog.set_level("DEBUG", logger=fluid.__name__)
    fluid.quiet_fluidsynth_logs(to_python_logging=True)
    try:
        with pytest.raises(SoundfontError):
            fluid.load_soundfont(synth, write(tmp_path, "hollow.sf2", soundfont()))
        fluid.quiet_fluidsynth_logs()  # a later plain call keeps the choice
        caplog.clear()
        with pytest.raises(SoundfontError):
            fluid.load_soundfont(synth, write(tmp_path, "hollow.sf2", soundfont()))
    finally:
        fluid.quiet_fluidsynth_logs(to_python_logging=False)
    assert any("fluidsynth[" in r.getMessage() for r in caplog.records)


def test_float_output_is_clean_silence_without_notes(synth) -> None:
    left, right = fluid.write_float_stereo(synth, 1000)
    assert len(left) == len(right) == 1000
    assert set(left) == {0.0} and set(right) == {0.0}


def program_of(synth, channel: int) -> tuple[int, int]:
    _sfid, bank, program, _name = synth.channel_info(channel)
    return bank, program


def test_events_reach_the_synth(synth, bundled_font: Path) -> None:
    sfid = fluid.load_soundfont(synth, bundled_font)
    fluid.apply_event(synth, Event(0, EventKind.PROGRAM, 3, 40, 0, 0), sfid)
    fluid.apply_event(synth, Event(0, EventKind.PROGRAM, 20, 0, 1, 0), sfid)
    fluid.apply_event(synth, Event(0, EventKind.CONTROL, 3, 7, 77, 0), sfid)
    assert program_of(synth, 3) == (0, 40)
    assert program_of(synth, 20) == (128, 0)  # percussion, on a channel past 16
    assert synth.get_cc(3, 7) == 77
    fluid.apply_event(synth, Event(0, EventKind.NOTE_ON, 3, 69, 100, 0), sfid)
    left, _right = fluid.write_float_stereo(synth, 4096)
    assert max(map(abs, left)) > 0.001
    assert synth.get_active_voice_count() > 0
    fluid.apply_event(synth, Event(0, EventKind.NOTE_OFF, 3, 69, 0, 0), sfid)
    fluid.write_float_stereo(synth, 44100 * 3)
    assert synth.get_active_voice_count() == 0


def test_a_missing_drum_kit_falls_back_to_the_standard_kit(synth, bundled_font: Path) -> None:
    sfid = fluid.load_soundfont(synth, bundled_font)
    assert fluid.preset_for(synth, sfid, 99, True) == (128, 0)
    for channel in (9, 20):  # channel 10, and an extra drum track's channel past 16
        fluid.apply_event(synth, Event(0, EventKind.PROGRAM, channel, 99, 1, 0), sfid)
        assert program_of(synth, channel) == (128, 0)


def test_presets_the_font_has_are_kept(synth, bundled_font: Path) -> None:
    sfid = fluid.load_soundfont(synth, bundled_font)
    assert fluid.preset_for(synth, sfid, 40, False) == (0, 40)
    assert fluid.preset_for(synth, sfid, 0, True) == (128, 0)
    assert fluid.preset_for(synth, None, 99, True) == (128, 99)  # no font: asked as is


def test_a_font_without_drums_gives_a_drum_track_the_piano(
    synth, bundled_font: Path, monkeypatch
) -> None:
    sfid = fluid.load_soundfont(synth, bundled_font)
    real = fluid_ctypes.has_preset

    def melodic_only(fs: int, font: int, bank: int, program: int) -> bool:
        return bank == 0 and real(fs, font, bank, program)

    monkeypatch.setattr(fluid_ctypes, "has_preset", melodic_only)
    assert fluid.preset_for(synth, sfid, 25, True) == (0, 0)


def test_effects_switch_on_and_off(synth) -> None:
    fluid.apply_effects(synth, True, False)
    assert synth.get_setting("synth.reverb.active") == 1
    assert synth.get_setting("synth.chorus.active") == 0
    assert synth.get_setting("synth.reverb.level") == pytest.approx(0.5)
    fluid.apply_effects(synth, False, True)
    assert synth.get_setting("synth.reverb.active") == 0
    assert synth.get_setting("synth.chorus.active") == 1


def test_16_bit_output_reuses_one_buffer(synth, bundled_font: Path) -> None:
    sfid = fluid.load_soundfont(synth, bundled_font)
    fluid.apply_event(synth, Event(0, EventKind.PROGRAM, 0, 0, 0, 0), sfid)
    render = fluid.s16_renderer(synth, 256)
    silence = bytes(render(256))
    assert max(map(abs, memoryview(silence).cast("h"))) <= 1  # dither at most
    synth.noteon(0, 60, 127)
    loud = render(256).cast("h")
    assert len(loud) == 512 and max(map(abs, loud)) > 100
    with pytest.raises(ValueError, match=r"not in 1\.\.256"):
        render(257)


def test_16_bit_output_needs_room(synth) -> None:
    with pytest.raises(ValueError, match="too small"):
        fluid.write_s16_interleaved(synth, 100, bytearray(399))
    pcm = fluid.write_s16_interleaved(synth, 100, bytearray(400))
    assert len(pcm.cast("h")) == 200
