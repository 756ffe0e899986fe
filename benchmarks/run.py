"""Tonewell's performance figures, one line each: `name  value  unit  (goal ...)`.

    .venv/bin/python benchmarks/run.py [--only NAME]

Each benchmark is a function in `BENCHMARKS` returning a `Result`; add yours to the list. The
whole run should stay under about three minutes. Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

REPO = Path(__file__).resolve().parents[1]
try:
    import tonewell  # noqa: F401
except ImportError:  # run from a checkout without the editable install
    sys.path.insert(0, str(REPO / "src"))

from tonewell.model import Clip, Composition, Note, TempoChange, TempoMap, Track  # noqa: E402

BUNDLED_FONT = REPO / "soundfonts" / "FluidR3Mono_GM.sf3"


class Result(NamedTuple):
    name: str
    value: float
    unit: str
    goal_text: str
    passed: bool


# --- pieces -----------------------------------------------------------------------------------


def band_piece(minutes: float = 2.0, bpm: float = 120.0, seed: int = 1) -> Composition:
    """A few minutes of a six-piece band in 4-bar loops: strings, piano, bass, lead, drums,
    organ (about 25 notes a second)."""
    rnd = random.Random(seed)
    passes = max(1, round(minutes * bpm / 4 / 4))

    def part(name: str, notes: list[Note], **kw: object) -> Track:
        clip = Clip(name, tuple(notes), length_bars=4, repeats=passes)
        return Track(name, clips=(clip,), **kw)  # type: ignore[arg-type]

    roots = (0, 5, 7, 3)
    chords = [Note(b * 1920, 48 + roots[b] + i, 1900, 70) for b in range(4) for i in (0, 7, 12, 16)]
    scale = (60, 62, 64, 67, 69, 72, 74, 76)
    piano = [Note(i * 240, rnd.choice(scale), 220, rnd.randint(60, 110)) for i in range(32)]
    bass = [Note(i * 480, 36 + roots[i // 4], 440, 100) for i in range(16)]
    lead = [Note(i * 120, rnd.choice((72, 74, 76, 79, 81)), 110, 90) for i in range(64)]
    drums = (
        [Note(i * 240, 42, 120, 80) for i in range(32)]
        + [Note(i * 960, 36, 200, 110) for i in range(8)]
        + [Note(480 + i * 960, 38, 200, 100) for i in range(8)]
    )
    organ = [Note(b * 960, p, 900, 60) for b in range(8) for p in (60, 64, 67)]
    return Composition(
        title="Benchmark band",
        tempo_map=TempoMap.constant(bpm),
        tracks=(
            part("Strings", chords, program=48, volume=90),
            part("Piano", piano, program=0),
            part("Bass", bass, program=33),
            part("Lead", lead, program=80, volume=70),
            part("Drums", drums, is_drum=True),
            part("Organ", organ, program=16, volume=60),
        ),
    )


# --- offline render ---------------------------------------------------------------------------


def _seconds(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def render_speed_ratio() -> Result:
    """Our render of a .mid (read it, load the font, render, write the WAV: `load_any` +
    `render_to_wav`, in this process) against `fluidsynth -ni -q -F` on the same file and
    soundfont, with the same sample rate, gain, polyphony, reverb and chorus. They run side by
    side in 5 rounds and the value is the median of the rounds' ratios, so a busy moment on a
    shared machine (which swung single runs by 20 %) hits both sides of a pair. Starting Python
    for `tonewell render` adds a constant ~0.25 s of imports, not counted here."""
    from tonewell.engine.fluid import DEFAULT_GAIN, effect_settings
    from tonewell.engine.render import render_to_wav
    from tonewell.io.formats import load_any, save_any

    fluidsynth = shutil.which("fluidsynth")
    if fluidsynth is None:
        return Result("render_speed_ratio", float("nan"), "x", "<= 1.1 (no fluidsynth CLI)", False)
    with tempfile.TemporaryDirectory() as tmp:
        song, ours_wav, theirs_wav = Path(tmp, "song.mid"), Path(tmp, "a.wav"), Path(tmp, "b.wav")
        save_any(band_piece(2.0), song)
        command = [fluidsynth, "-ni", "-q", "-F", str(theirs_wav), "-r", "44100"]
        command += ["-g", str(DEFAULT_GAIN), "-o", "synth.cpu-cores=1"]
        for name, value in effect_settings(True, True).items():
            command += ["-o", f"{name}={value}"]
        command += [str(BUNDLED_FONT), str(song)]

        def ours() -> None:
            comp, _warnings = load_any(song)
            render_to_wav(comp, ours_wav, soundfont=BUNDLED_FONT, sample_rate_hz=44100)

        def theirs() -> None:
            quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
            subprocess.run(command, check=True, **quiet)

        ours_s, theirs_s = [], []
        for _ in range(5):
            ours_s.append(_seconds(ours))
            theirs_s.append(_seconds(theirs))
        frames = (_wav_frames(ours_wav), _wav_frames(theirs_wav))
    ours_median, theirs_median = statistics.median(ours_s), statistics.median(theirs_s)
    ratio = statistics.median(a / b for a, b in zip(ours_s, theirs_s, strict=True))
    detail = (
        f"ours {ours_median:.2f} s for {frames[0] / 44100:.1f} s of audio, "
        f"fluidsynth {theirs_median:.2f} s for {frames[1] / 44100:.1f} s; "
        "2 min, 6 tracks, bundled sf3, font load included"
    )
    return Result("render_speed_ratio", ratio, "x", f"<= 1.1; {detail}", ratio <= 1.1)


def _wav_frames(path: Path) -> int:
    import wave

    with wave.open(str(path), "rb") as w:
        return w.getnframes()


def onset_error_max_frames() -> Result:
    """The largest distance, in frames, between where a note should start and where it is heard:
    300 woodblock notes at awkward ticks over a tempo change, reverb and chorus off."""
    import numpy as np

    from tonewell.engine.render import render_to_wav
    from tonewell.engine.schedule import compile_schedule

    rnd = random.Random(7)
    ticks = sorted({0, *(rnd.randrange(0, 96 * 1920, 7) for _ in range(2000))})
    spaced = [ticks[0]]
    for t in ticks:
        if t - spaced[-1] >= 400 and len(spaced) < 300:
            spaced.append(t)
    tempo = TempoMap((TempoChange(0, 97.0), TempoChange(40 * 1920, 131.5)))
    clip = Clip("Hits", tuple(Note(t, 72, 60) for t in spaced), length_bars=96)
    comp = Composition(tempo_map=tempo, tracks=(Track("Woodblock", program=115, clips=(clip,)),))
    sched = compile_schedule(comp)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "onsets.wav")
        render_to_wav(comp, out, soundfont=BUNDLED_FONT, effects=False)
        import wave

        with wave.open(str(out), "rb") as w:
            raw = w.readframes(w.getnframes())
    level = np.abs(np.frombuffer(raw, dtype="<i2").reshape(-1, 2)).max(axis=1) / 32768.0
    errors = []
    attack = None
    for t in spaced:
        exact = sched.tick_to_sample(t, 44100)
        window = level[max(exact - 400, 0) : exact + 400]
        heard = max(exact - 400, 0) + int(np.flatnonzero(window > 0.02)[0])
        if attack is None:  # the first note is at frame 0, a block boundary: no timing error
            attack = heard - exact
        errors.append(heard - exact - attack)
    worst = max(abs(e) for e in errors)
    detail = (
        f"{len(errors)} notes, mean {statistics.mean(errors):+.1f}, "
        f"range {min(errors)}..{max(errors)}"
    )
    return Result("onset_error_max_frames", worst, "frames", f"<= 64; {detail}", worst <= 64)


_MEMORY_CHILD = "--memory-child"


def _render_in_child(loops: int, out: Path) -> int:
    """Peak resident memory (kB) of a fresh process rendering `loops` passes of 3 minutes."""
    done = subprocess.run(
        [sys.executable, __file__, _MEMORY_CHILD, str(loops), str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.split()[-1])


def _memory_child(loops: int, out: Path) -> None:
    from tonewell.engine.render import render_to_wav

    options = {"soundfont": BUNDLED_FONT, "sample_rate_hz": 22050, "effects": False}
    render_to_wav(band_piece(3.0), out, loops=loops, **options)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def render_peak_memory_growth() -> Result:
    """Peak memory (ru_maxrss of a fresh process) rendering 30 minutes over rendering 3 minutes
    of the same band (22.05 kHz, effects off, to keep the run short: neither changes memory)."""
    with tempfile.TemporaryDirectory() as tmp:
        short_kb = _render_in_child(1, Path(tmp, "short.wav"))
        long_kb = _render_in_child(10, Path(tmp, "long.wav"))
    ratio = long_kb / short_kb
    detail = f"{short_kb / 1024:.0f} MB for 3 min, {long_kb / 1024:.0f} MB for 30 min"
    return Result("render_peak_memory_growth", ratio, "x", f"<= 1.2; {detail}", ratio <= 1.2)


# --- the live path (real time through JACK) -----------------------------------------------------


def live_jitter_ms() -> Result:
    """Scheduling jitter of the live path: a minute of claves on every eighth at 97 BPM (a
    309.3 ms grid that is no whole number of milliseconds), looping one bar, played by the
    transport through FluidSynth's jack driver on a private JACK dummy server (its period the
    app's default period size) and
    recorded with jack_rec; reverb and chorus off. The value is the spread (max - min) of the
    onsets' distances from the ideal grid: the largest deviation once the constant latency is
    removed. FluidSynth's 64-frame block (1.45 ms) is the floor. An xrun (a cycle the server
    drops when the machine is busy: jackd runs without real-time priority) shifts everything
    after it by one whole period; such slips are counted and taken out, not hidden."""
    import wave

    import numpy as np

    sys.path.insert(0, str(REPO))
    from tests.engine.jack_server import grid_deviation_ms, jack_missing, start_jack_server

    from tonewell.engine.audio import AudioSettings
    from tonewell.engine.schedule import compile_schedule
    from tonewell.engine.synth import Synth, transport_for
    from tonewell.model import LoopRegion
    from tonewell.ui.settings import SoundSettings

    name = "live_jitter_ms"
    why = jack_missing()
    if why:
        return Result(name, float("nan"), "ms", f"<= 1.5 ({why})", False)
    bpm, seconds = 97.0, 60.0
    clip = Clip("Clicks", tuple(Note(i * 240, 75, 120, 110) for i in range(8)))
    comp = Composition(
        tempo_map=TempoMap.constant(bpm),
        tracks=(Track("Claves", is_drum=True, clips=(clip,)),),
        loop=LoopRegion(0, 1920, True),
    )
    default = SoundSettings()
    server = start_jack_server(f"tonewell-bench-{os.getpid()}", period_frames=default.period_size)
    saved = os.environ.get("JACK_DEFAULT_SERVER")
    os.environ["JACK_DEFAULT_SERVER"] = server.name
    try:
        audio = AudioSettings(period_size=default.period_size, periods=default.periods,
                              reverb=False, chorus=False)
        synth = Synth(audio, BUNDLED_FONT, drivers=["jack"])
        try:
            if synth.audio.driver != "jack":
                return Result(name, float("nan"), "ms", f"<= 1.5 ({synth.audio.describe()})", False)
            with tempfile.TemporaryDirectory() as tmp:
                wav = Path(tmp, "live.wav")
                recorder = server.record(wav, seconds + 1.0, server.output_ports())
                transport = transport_for(synth)
                transport.set_schedule(compile_schedule(comp))
                xruns = server.xruns()
                transport.play()
                end = time.monotonic() + seconds
                while time.monotonic() < end:  # what the Qt timer does; notes are not timed here
                    transport.pump()
                    time.sleep(0.02)
                transport.stop()
                recorder.wait(timeout=30)
                xruns = server.xruns() - xruns
                with wave.open(str(wav), "rb") as w:
                    raw = w.readframes(w.getnframes())
                    rate = w.getframerate()
        finally:
            synth.close()
    finally:
        server.stop()
        if saved is None:
            os.environ.pop("JACK_DEFAULT_SERVER", None)
        else:
            os.environ["JACK_DEFAULT_SERVER"] = saved
    level = np.abs(np.frombuffer(raw, dtype="<i2").reshape(-1, 2)[:, 0]) / 32768.0
    loud = np.flatnonzero(level > 3e-4)  # sound after 40 ms of silence starts a note
    onsets = np.concatenate((loud[:1], loud[1:][np.diff(loud) > round(0.04 * rate)]))
    period = rate * 60.0 / bpm / 2
    expected = int(seconds / (60.0 / bpm / 2))
    if abs(len(onsets) - expected) > 1:
        detail = f"{len(onsets)} onsets heard, about {expected} played"
        return Result(name, float("nan"), "ms", f"<= 1.5; {detail}", False)
    deviation_ms, slips = grid_deviation_ms(onsets, rate, period, server.period_frames)
    spread = float(np.ptp(deviation_ms))
    detail = (
        f"{len(onsets)} onsets over {seconds:.0f} s, deviations {deviation_ms.min():+.2f}.."
        f"{deviation_ms.max():+.2f} ms around the first; one 64-frame block is 1.45 ms; "
        f"{xruns} xruns (busy machine, no real-time scheduling), {slips} period slips taken out; "
        f"period {default.period_size} x {default.periods}"
    )
    ok = spread <= 1.5 and slips <= xruns
    return Result(name, spread, "ms", f"<= 1.5; {detail}", ok)


def output_latency_ms() -> Result:
    """The output buffering the app asks its driver for with the default sound settings:
    period_size x periods / rate (128 x 3 at 44.1 kHz = 8.7 ms). What a player feels between
    a key and its sound; a server may add its own. live_jitter_ms checks it holds without
    dropouts."""
    from tonewell.ui.settings import SoundSettings

    settings = SoundSettings()
    value = settings.latency_ms
    detail = f"{settings.period_size} x {settings.periods} frames at {settings.sample_rate_hz} Hz"
    return Result("output_latency_ms", value, "ms", f"<= 10; {detail}", value <= 10)


# --- MIDI input -----------------------------------------------------------------------------------


class _NoteOnTimes:
    """A play-through sink around the real synth that notes when each `note_on` returned."""

    def __init__(self, synth: object) -> None:
        self.synth = synth
        self.done_ns: dict[int, int] = {}

    def note_on(self, channel: int, pitch: int, velocity: int) -> None:
        self.synth.note_on(channel, pitch, velocity)  # type: ignore[attr-defined]
        self.done_ns[pitch] = time.monotonic_ns()

    def note_off(self, channel: int, pitch: int) -> None:
        self.synth.note_off(channel, pitch)  # type: ignore[attr-defined]

    def control(self, channel: int, cc: int, value: int) -> None:
        self.synth.control(channel, cc, value)  # type: ignore[attr-defined]

    def pitch_bend(self, channel: int, value: int) -> None:
        self.synth.pitch_bend(channel, value)  # type: ignore[attr-defined]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def midi_route_p99_ms() -> Result:
    """From a MIDI callback's first line (its `monotonic_ns` arrival stamp) to the return of the
    real synth's noteon, through all of Tonewell's routing: scale lock (diatonic), velocity
    curve (soft), held-note bookkeeping and the recording queue. 3,000 note-ons on the live
    `Synth` without an audio driver (rendered now and then so voices end)."""
    from tonewell.engine.audio import AudioSettings
    from tonewell.engine.synth import Synth
    from tonewell.midi.router import Router
    from tonewell.midi.scale_lock import scale_lock

    name = "midi_route_p99_ms"
    synth = Synth(AudioSettings(reverb=False, chorus=False), BUNDLED_FONT, audio=False)
    try:
        sink = _NoteOnTimes(synth)
        router = Router(sink)
        router.set_target(0)
        router.set_scale_lock(scale_lock("diatonic", 2, "major"))
        router.set_velocity_curve("soft")
        rnd = random.Random(9)
        route_ms, whole_ms = [], []
        for i in range(3000):
            key = rnd.randint(36, 96)
            arrived = time.monotonic_ns()
            router.handle("bench/Keys", [0x90, key, rnd.randint(20, 120)], arrived)
            returned = time.monotonic_ns()
            pitch = router.played.drain()[-1].pitch
            route_ms.append((sink.done_ns[pitch] - arrived) / 1e6)
            whole_ms.append((returned - arrived) / 1e6)
            router.handle("bench/Keys", [0x80, key, 0], arrived)
            if i % 50 == 49:
                synth.render(4096)
    finally:
        synth.close()
    p50, p99 = _percentile(route_ms, 50), _percentile(route_ms, 99)
    detail = (
        f"p50 {p50:.3f} ms, p99 {p99:.3f} ms over {len(route_ms)} note-ons; the whole callback "
        f"(queue included) p99 {_percentile(whole_ms, 99):.3f} ms"
    )
    return Result(name, p99, "ms", f"<= 0.3; {detail}", p99 <= 0.3)


def midi_port_to_noteon_p99_ms() -> Result:
    """From a note-on sent on a real JACK MIDI port (a virtual output "Keys" on a private
    dummy server, period 256) to the return of the synth's noteon, with FluidSynth's jack
    driver running on the same server: 400 notes at uneven 8-25 ms gaps, through `MidiInput`
    (rtmidi's JACK API, hotplug, routing). Goal: one JACK period + 0.5 ms."""
    sys.path.insert(0, str(REPO))
    import rtmidi
    from tests.engine.jack_server import jack_missing, start_jack_server

    from tonewell.engine.audio import AudioSettings
    from tonewell.engine.synth import Synth
    from tonewell.midi.live_input import MidiInput

    name = "midi_port_to_noteon_p99_ms"
    why = jack_missing()
    if why:
        return Result(name, float("nan"), "ms", f"<= one JACK period + 0.5 ({why})", False)
    server = start_jack_server(f"tonewell-bench-midi-{os.getpid()}")
    period_ms = server.period_frames / server.sample_rate_hz * 1000
    goal = period_ms + 0.5
    goal_text = f"<= {goal:.2f} (one {server.period_frames}-frame period + 0.5)"
    saved = os.environ.get("JACK_DEFAULT_SERVER")
    os.environ["JACK_DEFAULT_SERVER"] = server.name
    try:
        synth = Synth(AudioSettings(reverb=False, chorus=False), BUNDLED_FONT, drivers=["jack"])
        out = rtmidi.MidiOut(rtapi=rtmidi.API_UNIX_JACK, name="RtMidiOut Client")
        try:
            if synth.audio.driver != "jack":
                return Result(name, float("nan"), "ms", f"{goal_text}; {synth.audio.describe()}",
                              False)
            out.open_virtual_port("Keys")
            sink = _NoteOnTimes(synth)
            midi = MidiInput(sink, backend="jack", interval_s=0.1)
            midi.start()
            try:
                deadline = time.monotonic() + 5.0
                while not (midi.state and midi.state.connected) and time.monotonic() < deadline:
                    time.sleep(0.02)
                rnd = random.Random(5)
                latency_ms = []
                xruns = server.xruns()
                for i in range(400):
                    pitch = 40 + i % 60
                    sink.done_ns.pop(pitch, None)
                    sent = time.monotonic_ns()
                    out.send_message([0x90, pitch, 90])
                    time.sleep(rnd.uniform(0.008, 0.025))
                    out.send_message([0x80, pitch, 0])
                    if pitch in sink.done_ns:
                        latency_ms.append((sink.done_ns[pitch] - sent) / 1e6)
                xruns = server.xruns() - xruns
            finally:
                midi.stop()
        finally:
            out.delete()
            synth.close()
    finally:
        server.stop()
        if saved is None:
            os.environ.pop("JACK_DEFAULT_SERVER", None)
        else:
            os.environ["JACK_DEFAULT_SERVER"] = saved
    if len(latency_ms) < 390:
        return Result(name, float("nan"), "ms", f"{goal_text}; {len(latency_ms)}/400 heard", False)
    p50, p99 = _percentile(latency_ms, 50), _percentile(latency_ms, 99)
    detail = (
        f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {max(latency_ms):.2f} ms over "
        f"{len(latency_ms)} notes; {xruns} xruns"
    )
    return Result(name, p99, "ms", f"{goal_text}; {detail}", p99 <= goal)


def ten_thousand_notes(seed: int = 3) -> Composition:
    """Four tracks of 2,500 notes each over 64 bars (10,000 notes)."""
    rnd = random.Random(seed)
    tracks = []
    for t in range(4):
        notes = [Note(i * 48, rnd.randint(36 + 12 * t, 60 + 12 * t), 96, rnd.randint(50, 110))
                 for i in range(2500)]
        tracks.append(Track(f"Part {t + 1}", program=t * 8,
                            clips=(Clip("Long", tuple(notes), length_bars=64),)))
    return Composition(title="Ten thousand", tempo_map=TempoMap.constant(120), tracks=tracks)


def _private_home() -> tempfile.TemporaryDirectory[str]:
    """A throwaway TONEWELL_HOME, so a benchmark never touches the user's recent files."""
    home = tempfile.TemporaryDirectory(prefix="tonewell-bench-")
    os.environ["TONEWELL_HOME"] = home.name
    return home


def _first_paint_spy() -> Any:
    """An event filter whose `at_s` is the perf_counter time of the first paint it sees."""
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        at_s: float | None = None

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.at_s is None:
                self.at_s = time.perf_counter()
            return False

    return FirstPaint()


def open_10k_first_paint_ms() -> Result:
    """Opening a 10,000-note project in the window (offscreen, 1600x900) until the view of its
    notes (the piano roll) first paints.
    Median of 5 opens."""
    from PySide6.QtWidgets import QApplication

    from tonewell.io.project import save_project
    from tonewell.ui.main_window import MainWindow
    from tonewell.ui.sound_engine import SoundEngine

    home = _private_home()
    app = QApplication.instance() or QApplication(["bench"])
    path = Path(home.name) / "ten-thousand.tonewell"
    save_project(ten_thousand_notes(), path)
    engine = SoundEngine(audio=False, load_soundfont=False)
    window = MainWindow(engine)
    window.resize(1600, 900)
    window.show()
    app.processEvents()
    view = window.piano_roll
    times_ms = []
    for _ in range(5):
        window.piece.load(Composition(), None)  # back to the welcome screen
        app.processEvents()
        spy = _first_paint_spy()
        view.installEventFilter(spy)
        start = time.perf_counter()
        window.open_path(path)
        deadline = start + 10.0
        while spy.at_s is None and time.perf_counter() < deadline:
            app.processEvents()
        view.removeEventFilter(spy)
        times_ms.append(((spy.at_s or deadline) - start) * 1000)
    window.close()
    engine.shutdown()
    home.cleanup()
    value = statistics.median(times_ms)
    detail = f"median of 5, {type(view).__name__}, max {max(times_ms):.0f} ms"
    return Result("open_10k_first_paint_ms", value, "ms", f"<= 1000; {detail}", value <= 1000)


def app_start_first_paint_ms() -> Result:
    """`python -m tonewell` from process start to the window's first paint (offscreen), while
    the soundfont still loads in the background. Median of 3 starts."""
    home = _private_home()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TONEWELL_REPORT_FIRST_PAINT="1",
               TONEWELL_HOME=home.name,
               PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]))
    times_ms = []
    for _ in range(3):
        start = time.time()
        out = subprocess.run([sys.executable, "-m", "tonewell"], env=env, capture_output=True,
                             text=True, timeout=60).stdout
        stamp = next((line.split()[1] for line in out.splitlines()
                      if line.startswith("first-paint ")), None)
        times_ms.append((float(stamp) - start) * 1000 if stamp else float("inf"))
    home.cleanup()
    value = statistics.median(times_ms)
    return Result("app_start_first_paint_ms", value, "ms", "<= 1500; median of 3, offscreen",
                  value <= 1500)


# --- piano roll drawing (offscreen, 1600x900) ---------------------------------------------------

ROLL_VIEW = (1600, 900)


def _piano_roll(notes: list[Note], length_bars: int):  # -> (PianoRoll, QPixmap)
    """A PianoRoll on one clip of `notes` with its canvas exactly 1600x900, shown offscreen,
    and a pixmap to render the canvas into."""
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QApplication

    from tonewell.edit import Document
    from tonewell.ui.piano_roll import PianoRoll
    from tonewell.ui.piece import OpenPiece

    _app = QApplication.instance() or QApplication([])
    clip = Clip("Bench", tuple(notes), length_bars=length_bars)
    comp = Composition(tracks=(Track("Piano", clips=(clip,)),))
    roll = PianoRoll(OpenPiece(Document(comp)))
    roll.canvas.setFixedSize(*ROLL_VIEW)
    roll.show()
    track = comp.tracks[0]
    roll.set_clip(track.uid, track.clips[0].uid)
    QApplication.processEvents()
    return roll, QPixmap(*ROLL_VIEW)


def _median_ms(run: Callable[[], object], rounds: int = 40) -> float:
    run()  # the first paint builds the caches
    return statistics.median(_seconds(run) * 1000 for _ in range(rounds))


def _random_notes(count: int, bars: int, low: int, high: int, seed: int) -> list[Note]:
    rnd = random.Random(seed)
    span = bars * 1920
    return [
        Note(rnd.randrange(0, span - 480), rnd.randint(low, high), rnd.choice((60, 120, 240, 480)))
        for _ in range(count)
    ]


def pianoroll_repaint_10k_ms() -> Result:
    """A full repaint of the note canvas (QWidget.render into a 1600x900 pixmap) with all of
    a 10,000-note, 16-bar clip in view: the whole clip across, 61 rows of 14 px."""
    roll, target = _piano_roll(_random_notes(10_000, 16, 40, 100, seed=3), 16)
    g = roll.geometry
    g.tick_px = ROLL_VIEW[0] / (16 * 1920)
    g.row_px = 14
    g.scroll_to(0, (127 - 100) * g.row_px)
    roll.canvas.update()
    lo, hi = roll.state.index.span(*g.visible_ticks())
    value = _median_ms(lambda: roll.canvas.render(target))
    detail = f"{hi - lo} notes in view, median of 40"
    return Result("pianoroll_repaint_10k_ms", value, "ms", f"<= 16; {detail}", value <= 16)


def pianoroll_repaint_100k_typical_ms() -> Result:
    """A full repaint of a 100,000-note, 1,000-bar clip at the opening zoom (a quarter note is
    60 px), scrolled to its middle."""
    roll, target = _piano_roll(_random_notes(100_000, 1000, 36, 96, seed=4), 1000)
    g = roll.geometry
    g.scroll_to(500 * 1920 * g.tick_px, (127 - 84) * g.row_px)
    lo, hi = roll.state.index.span(*g.visible_ticks())
    value = _median_ms(lambda: roll.canvas.render(target))
    detail = f"{hi - lo} notes in the visible time span, median of 40"
    ok = value <= 8
    return Result("pianoroll_repaint_100k_typical_ms", value, "ms", f"<= 8; {detail}", ok)


def pianoroll_drag_1k_ms() -> Result:
    """One mouse-move step while dragging 1,000 selected notes (of a 4,000-note clip, all in
    view): the move event's handling plus the repaint it asks for."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    notes = _random_notes(4_000, 8, 40, 100, seed=5)
    roll, target = _piano_roll(notes, 8)
    g = roll.geometry
    g.tick_px = ROLL_VIEW[0] / (8 * 1920)
    g.scroll_to(0, (127 - 100) * g.row_px)
    chosen = sorted(set(roll.state.clip.notes))[::4][:1000]
    roll.state.selection.set(chosen)
    anchor = chosen[len(chosen) // 2]
    left = Qt.MouseButton.LeftButton
    canvas = roll.canvas
    start = QPointF(g.x_of(anchor.start_tick + anchor.length_ticks / 2), g.y_of(anchor.pitch) + 3)

    def send(kind: QEvent.Type, pos: QPointF, button: Qt.MouseButton) -> None:
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else left
        event = QMouseEvent(
            kind, pos, canvas.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(canvas, event)

    send(QEvent.Type.MouseButtonPress, start, left)
    step = [0]

    def move_once() -> None:
        step[0] += 1
        dx = 8 * (step[0] % 20)
        send(
            QEvent.Type.MouseMove, start + QPointF(dx, 14 * (step[0] % 3)), Qt.MouseButton.NoButton
        )
        canvas.render(target)

    value = _median_ms(move_once)
    send(QEvent.Type.MouseButtonRelease, start, left)
    detail = f"{len(roll.state.selection)} selected after release, median of 40"
    return Result("pianoroll_drag_1k_ms", value, "ms", f"<= 16; {detail}", value <= 16)


# --- the journal's views: progress and library ------------------------------------------------


def progress_view_1000_sessions_ms() -> Result:
    """Journal › Progress… with 1,000 sessions in the journal (each with its version of the
    piece, as `tests/journal_sessions.py` writes them): from the call that reads the journal
    and builds the progress view (offscreen) until its stress plot first paints. Median of 5;
    the first open (pyqtgraph's own warm-up) is not counted."""
    from PySide6.QtWidgets import QApplication, QWidget

    sys.path.insert(0, str(REPO))
    from tests.journal_sessions import fill_journal

    from tonewell.library.journal import Journal
    from tonewell.ui.progress_view import open_progress

    home = _private_home()
    app = QApplication.instance() or QApplication(["bench"])
    fill_journal(1000)
    read_start = time.perf_counter()
    with Journal() as journal:
        count = len(journal.sessions())
    read_ms = (time.perf_counter() - read_start) * 1000
    parent = QWidget()
    times_ms = []
    for _ in range(6):
        spy = _first_paint_spy()
        start = time.perf_counter()
        view = open_progress(parent)
        assert view is not None
        view.stress_plot.viewport().installEventFilter(spy)
        deadline = start + 10.0
        while spy.at_s is None and time.perf_counter() < deadline:
            app.processEvents()
        times_ms.append(((spy.at_s or deadline) - start) * 1000)
        view.close()
        app.processEvents()
    parent.deleteLater()
    app.processEvents()
    home.cleanup()
    value = statistics.median(times_ms[1:])
    detail = (f"median of 5, {count} sessions, reading them {read_ms:.0f} ms, "
              f"max {max(times_ms[1:]):.0f} ms")
    return Result("progress_view_1000_sessions_ms", value, "ms", f"<= 1500; {detail}",
                  value <= 1500)


def library_catalog_200_files_ms() -> Result:
    """`read_catalog` over 200 `.tonewell` files in the Compositions folder (a six-track
    band piece each, about 220 notes), cold: every file read and parsed, none from the
    catalog's cache (the files are in the system's page cache; no journal). Median of 5."""
    from tonewell.io.paths import user_compositions_dir
    from tonewell.io.project import save_project
    from tonewell.library import catalog

    home = _private_home()
    folder = user_compositions_dir()
    for n in range(200):
        save_project(band_piece(0.5, seed=n), folder / f"piece {n:03}.tonewell")
    times_ms, found = [], 0
    for _ in range(5):
        catalog._read_cache.clear()  # cold: as on the first opening of the library
        start = time.perf_counter()
        found = len(catalog.read_catalog().entries)
        times_ms.append((time.perf_counter() - start) * 1000)
    home.cleanup()
    value = statistics.median(times_ms)
    detail = f"median of 5, {found} pieces listed, max {max(times_ms):.0f} ms"
    return Result("library_catalog_200_files_ms", value, "ms", f"<= 500; {detail}",
                  value <= 500)


BENCHMARKS: list[Callable[[], Result]] = [
    render_speed_ratio,
    onset_error_max_frames,
    render_peak_memory_growth,
    live_jitter_ms,
    output_latency_ms,
    open_10k_first_paint_ms,
    app_start_first_paint_ms,
    pianoroll_repaint_10k_ms,
    pianoroll_repaint_100k_typical_ms,
    pianoroll_drag_1k_ms,
    midi_route_p99_ms,
    midi_port_to_noteon_p99_ms,
    progress_view_1000_sessions_ms,
    library_catalog_200_files_ms,
]


def format_result(r: Result) -> str:
    verdict = "met" if r.passed else "NOT MET"
    value = str(r.value) if isinstance(r.value, int) else format(r.value, "#.3g")
    return f"{r.name}  {value}  {r.unit}  (goal {r.goal_text}; {verdict})"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [_MEMORY_CHILD]:
        _memory_child(int(argv[1]), Path(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = [b.__name__ for b in BENCHMARKS]
    parser.add_argument("--only", choices=names, metavar="NAME", help=f"one of: {', '.join(names)}")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failed = 0
    for bench in BENCHMARKS:
        if args.only and bench.__name__ != args.only:
            continue
        result = bench()
        failed += not result.passed
        print(format_result(result), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
