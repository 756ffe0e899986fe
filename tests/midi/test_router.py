"""Play-through routing: bytes in -> sink calls and stamped `Played` events out."""

from __future__ import annotations

import pytest
from tests.midi.fakes import RecordingSink

from tonewell.midi.played import NOTE_OFF, NOTE_ON, SUSTAIN, Played, PlayedQueue
from tonewell.midi.router import Router
from tonewell.midi.scale_lock import scale_lock

KEYS = "alsa/Keys"
PADS = "jack/Pads"


@pytest.fixture
def sink() -> RecordingSink:
    return RecordingSink()


@pytest.fixture
def router(sink) -> Router:
    return Router(sink)


def test_notes_play_on_the_target_channel_whatever_the_keyboards_channel(router, sink):
    router.set_target(3)
    router.handle(KEYS, [0x95, 60, 100], 1_000)  # note on, keyboard channel 6
    router.handle(KEYS, [0x85, 60, 0], 2_000)
    assert sink.calls == [("note_on", 3, 60, 100), ("note_off", 3, 60)]


def test_a_note_on_with_velocity_0_is_a_note_off(router, sink):
    router.handle(KEYS, [0x90, 64, 90], 1)
    router.handle(KEYS, [0x90, 64, 0], 2)
    assert sink.calls == [("note_on", 0, 64, 90), ("note_off", 0, 64)]


def test_played_notes_are_queued_with_their_arrival_time(router):
    router.handle(KEYS, [0x90, 60, 100], 5_000_000)
    router.handle(KEYS, [0xB0, 64, 127], 6_000_000)
    router.handle(KEYS, [0x80, 60, 0], 7_000_000)
    assert router.played.drain() == [
        Played(5_000_000, NOTE_ON, 0, 60, 100, KEYS),
        Played(6_000_000, SUSTAIN, 0, 64, 127, KEYS),
        Played(7_000_000, NOTE_OFF, 0, 60, 0, KEYS),
    ]
    assert router.played.drain() == []


def test_the_velocity_curve_shapes_what_is_heard_and_recorded(router, sink):
    router.set_velocity_curve("fixed")
    router.handle(KEYS, [0x90, 60, 12], 1)
    router.set_velocity_curve("soft")
    router.handle(KEYS, [0x90, 62, 40], 2)
    assert sink.of("note_on")[0] == ("note_on", 0, 60, 100)
    assert sink.of("note_on")[1][3] > 40
    assert [p.value for p in router.played.drain()] == [100, sink.of("note_on")[1][3]]


def test_scale_lock_moves_the_note_and_its_release_follows(router, sink):
    router.set_scale_lock(scale_lock("diatonic", 0, "major"))
    router.handle(KEYS, [0x90, 61, 80], 1)  # C# -> C
    router.set_scale_lock(scale_lock("off"))  # changed while the key is down
    router.handle(KEYS, [0x80, 61, 0], 2)
    assert sink.calls == [("note_on", 0, 60, 80), ("note_off", 0, 60)]


def test_two_keys_locked_onto_one_tone_release_it_when_both_are_up(router, sink):
    router.set_scale_lock(scale_lock("diatonic", 0, "major"))
    router.handle(KEYS, [0x90, 60, 80], 1)
    router.handle(KEYS, [0x90, 61, 80], 2)  # also C
    router.handle(KEYS, [0x80, 61, 0], 3)
    assert sink.of("note_off") == []
    router.handle(KEYS, [0x80, 60, 0], 4)
    assert sink.of("note_off") == [("note_off", 0, 60)]


def test_black_keys_are_silent_while_white_keys_walk(router, sink):
    router.set_scale_lock(scale_lock("pentatonic", 0, "major", walk=True))
    for key in (60, 61, 62, 64, 65):
        router.handle(KEYS, [0x90, key, 80], key)
        router.handle(KEYS, [0x80, key, 0], key)
    assert [c[2] for c in sink.of("note_on")] == [60, 62, 64, 67]  # C D E G: C# plays nothing


def test_a_drum_track_is_never_scale_locked(router, sink):
    router.set_scale_lock(scale_lock("diatonic", 0, "major"))
    router.set_target(9, drum=True)
    router.handle(KEYS, [0x90, 42, 80], 1)  # F#: closed hi-hat, not F
    assert sink.of("note_on") == [("note_on", 9, 42, 80)]


def test_a_note_keeps_its_channel_when_the_target_changes(router, sink):
    router.handle(KEYS, [0x90, 60, 80], 1)
    router.set_target(5)
    router.handle(KEYS, [0x80, 60, 0], 2)
    assert sink.of("note_off") == [("note_off", 0, 60)]


def test_sustain_modulation_and_bend_are_heard(router, sink):
    router.set_target(2)
    router.handle(KEYS, [0xB0, 64, 127], 1)
    router.handle(KEYS, [0xB0, 1, 70], 2)
    router.handle(KEYS, [0xE0, 0x00, 0x60], 3)  # 0x60 << 7 = 12288 -> +4096
    router.handle(KEYS, [0xE0, 0x00, 0x40], 4)  # centre
    router.handle(KEYS, [0xB0, 7, 10], 5)  # volume: the track's mix decides, not the keyboard
    assert sink.calls == [
        ("control", 2, 64, 127),
        ("control", 2, 1, 70),
        ("pitch_bend", 2, 4096),
        ("pitch_bend", 2, 0),
    ]


def test_a_lost_device_releases_only_its_notes_and_rests_its_controls(router, sink):
    router.handle(KEYS, [0x90, 60, 80], 1)
    router.handle(KEYS, [0x90, 64, 80], 2)
    router.handle(KEYS, [0xB0, 64, 127], 3)
    router.handle(KEYS, [0xE0, 0, 0x50], 4)
    router.handle(PADS, [0x90, 36, 80], 5)
    sink.calls.clear()
    router.played.drain()
    router.release_device(KEYS)
    assert sink.calls == [
        ("note_off", 0, 60),
        ("note_off", 0, 64),
        ("control", 0, 64, 0),
        ("pitch_bend", 0, 0),
    ]
    kinds = [(p.kind, p.pitch, p.device) for p in router.played.drain()]
    assert kinds == [(NOTE_OFF, 60, KEYS), (NOTE_OFF, 64, KEYS), (SUSTAIN, 64, KEYS)]
    assert router.held_keys() == {PADS: (36,)}
    router.handle(KEYS, [0x80, 60, 0], 6)  # a late note off from the lost device: nothing
    assert sink.of("note_off") == [("note_off", 0, 60), ("note_off", 0, 64)]


def test_panic_releases_every_device(router, sink):
    router.handle(KEYS, [0x90, 60, 80], 1)
    router.handle(PADS, [0x90, 36, 80], 2)
    router.release_all()
    assert sorted(sink.of("note_off")) == [("note_off", 0, 36), ("note_off", 0, 60)]
    assert router.held_keys() == {}


def test_a_repeated_note_on_ends_the_first(router, sink):
    router.handle(KEYS, [0x90, 60, 80], 1)
    router.handle(KEYS, [0x90, 60, 90], 2)
    router.handle(KEYS, [0x80, 60, 0], 3)
    assert sink.calls == [
        ("note_on", 0, 60, 80), ("note_off", 0, 60), ("note_on", 0, 60, 90), ("note_off", 0, 60),
    ]


@pytest.mark.parametrize("data", [[], [0x90], [0x90, 60], [0xF8], [0xF0, 1, 2, 0xF7], [0xD0, 5]])
def test_short_or_other_messages_are_ignored(router, sink, data):
    router.handle(KEYS, data, 1)
    assert sink.calls == []


def test_an_unknown_target_channel_is_refused(router):
    with pytest.raises(ValueError, match=r"not in 0\.\.15"):
        router.set_target(16)


def test_the_queue_keeps_the_newest_when_nobody_drains_it():
    queue = PlayedQueue(capacity=3)
    router = Router(RecordingSink(), queue)
    for i in range(5):
        router.handle(KEYS, [0x90, 60 + i, 80], i)
    assert [p.pitch for p in queue.drain()] == [62, 63, 64]
