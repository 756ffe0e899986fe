"""Whatever bytes a .mid file holds, importing it gives a composition (maybe with warnings) or a
MidiFileError with one plain line: never another exception, never a hang."""

from __future__ import annotations

import random
import struct
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tonewell.io.smf import MidiFileError, MidiImport, midi_bytes, read_midi_bytes
from tonewell.model import (
    Clip,
    Composition,
    Key,
    Note,
    TempoChange,
    TempoMap,
    TimeSignature,
    Track,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "midi"

EXPORTED = midi_bytes(
    Composition(
        title="Fuzz",
        tempo_map=TempoMap((TempoChange(0, 96.0), TempoChange(1920, 132.5))),
        time_signature=TimeSignature(3, 4),
        key=Key(4, "natural minor"),
        tracks=(
            Track("Keys", program=4, clips=(
                Clip(notes=(Note(0, 60, 240, 80), Note(240, 64, 480), Note(480, 60, 100)),
                     repeats=3),
            )),
            Track("Kit", is_drum=True, clips=(Clip(notes=(Note(0, 36, 30), Note(480, 38, 30))),)),
        ),
    )
)
SEEDS: dict[str, bytes] = {
    "exported": EXPORTED,
    **{path.name: path.read_bytes() for path in sorted(DATA.glob("*.mid"))},
}
HEADER_ONLY = b"MThd" + struct.pack(">LHHH", 6, 1, 2, 96)


def import_or_refuse(data: bytes) -> MidiImport | None:
    """Import `data`; a refusal must be a one-line MidiFileError naming the file."""
    try:
        result = read_midi_bytes(data, name="fuzz.mid")
    except MidiFileError as err:
        message = str(err)
        assert message.startswith('"fuzz.mid" ') and "\n" not in message
        return None
    assert all(isinstance(w, str) and w and "\n" not in w for w in result.warnings)
    assert result.composition.title == "fuzz"
    return result


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_random_bytes(data):
    import_or_refuse(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_random_bytes_after_a_valid_header(data):
    import_or_refuse(HEADER_ONLY + data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_track_bodies(data):
    """Random bytes inside a well-formed MTrk chunk: the event reader itself is exercised."""
    import_or_refuse(HEADER_ONLY + b"MTrk" + struct.pack(">L", len(data)) + data)


MUTATIONS = ("flip", "set", "insert", "delete", "truncate", "duplicate")


def mutate(data: bytes, rng: random.Random, count: int) -> bytes:
    """`data` with `count` random byte-level edits."""
    out = bytearray(data)
    for _ in range(count):
        if not out:
            break
        where = rng.randrange(len(out))
        kind = rng.choice(MUTATIONS)
        if kind == "flip":
            out[where] ^= 1 << rng.randrange(8)
        elif kind == "set":
            out[where] = rng.choice((0x00, 0x7F, 0x80, 0xF0, 0xF7, 0xFF, rng.randrange(256)))
        elif kind == "insert":
            out[where:where] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        elif kind == "delete":
            del out[where : where + rng.randint(1, 4)]
        elif kind == "truncate":
            del out[where:]
        else:
            size = rng.randint(1, 16)
            out[where:where] = out[where : where + size]
    return bytes(out)


@pytest.mark.parametrize("seed_name", sorted(SEEDS))
def test_mutated_valid_files(seed_name):
    seed = SEEDS[seed_name]
    assert import_or_refuse(seed) is not None
    rng = random.Random(f"tonewell-{seed_name}")
    started = time.perf_counter()
    for _ in range(1000):
        import_or_refuse(mutate(seed, rng, rng.choice((1, 1, 2, 3, 8))))
    assert time.perf_counter() - started < 10  # about 0.2 ms a file here; generous for CI


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(SEEDS)),
    st.lists(st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 10**6), st.integers(0, 255)),
             min_size=1, max_size=6),
)
def test_mutations_found_by_hypothesis(seed_name, edits):
    data = bytearray(SEEDS[seed_name])
    for kind, where, value in edits:
        if not data:
            break
        where %= len(data)
        if kind in ("flip", "set"):
            data[where] = value
        elif kind in ("insert", "duplicate"):
            data[where:where] = bytes([value])
        elif kind == "delete":
            del data[where]
        else:
            del data[where:]
    import_or_refuse(bytes(data))


def test_hostile_lengths_do_not_allocate_or_hang():
    huge_meta = b"\x00\xff\x01\x8f\xff\xff\x7f" + b"text"
    cases = [
        HEADER_ONLY + b"MTrk\xff\xff\xff\xff" + b"\x00\x90\x3c\x40",
        HEADER_ONLY + b"MTrk" + struct.pack(">L", len(huge_meta)) + huge_meta,
        HEADER_ONLY + b"ABCD\xff\xff\xff\xff" + b"MTrk\x00\x00\x00\x00",
        HEADER_ONLY + b"MTrk\x00\x00\x00\x05\xff\xff\xff\xff\xff",
        b"MThd\xff\xff\xff\xff" + bytes(10),
        b"RIFF\xff\xff\xff\xffRMIDdata\xff\xff\xff\xffMThd",
    ]
    started = time.perf_counter()
    for data in cases:
        import_or_refuse(data)
    assert time.perf_counter() - started < 1
