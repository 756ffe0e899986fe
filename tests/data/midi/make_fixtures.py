"""Write the .mid fixtures in this folder, byte by byte, the way other programs write them.

They are built from raw bytes (not with Tonewell's exporter or mido) so the importer is tested
against files it did not make: running status, note-on velocity 0 as note-off, a sysex GM reset,
text, copyright and marker events, pitch bend and sustain pedal, ticks per beat 96 and 960.
Run `python tests/data/midi/make_fixtures.py` to rebuild them; the tests check their content.
"""

from __future__ import annotations

import struct
from pathlib import Path

HERE = Path(__file__).parent


def vlq(value: int) -> bytes:
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def meta(meta_type: int, data: bytes) -> bytes:
    return bytes([0xFF, meta_type]) + vlq(len(data)) + data


def mtrk(*events: tuple[int, bytes]) -> bytes:
    """A track from (absolute tick, event bytes) pairs, already in order."""
    body = b""
    last = 0
    for tick, event in events:
        body += vlq(tick - last) + event
        last = tick
    return b"MTrk" + struct.pack(">L", len(body)) + body


def smf(fmt: int, division: int, *tracks: bytes) -> bytes:
    return b"MThd" + struct.pack(">LHHH", 6, fmt, len(tracks), division) + b"".join(tracks)


END = meta(0x2F, b"")


def sequencer_type1_ppq96() -> bytes:
    """Like a notation program's export: conductor track, 3/4 in B-flat, 96 ticks per beat."""
    conductor = mtrk(
        (0, meta(0x03, b"Morning Song")),
        (0, meta(0x02, b"(c) 2026 Example Composer")),
        (0, meta(0x01, b"Exported by ExampleSeq 7.1")),
        (0, meta(0x58, bytes([3, 2, 24, 8]))),
        (0, meta(0x59, bytes([0xFE, 0]))),  # two flats, major: B-flat major
        (0, meta(0x51, (600_000).to_bytes(3, "big"))),  # 100 BPM
        (0, meta(0x06, b"Verse")),
        (1152, meta(0x51, (750_000).to_bytes(3, "big"))),  # 80 BPM from bar 5
        (1152, END),
    )
    piano = mtrk(
        (0, bytes.fromhex("F0057E7F0901F7")),  # GM system on
        (0, meta(0x03, b"Piano")),
        (0, bytes.fromhex("C000")),
        (0, bytes.fromhex("B00764")),  # volume 100
        (0, bytes.fromhex("0A28")),  # running status: pan 40
        (0, bytes.fromhex("407F")),  # running status: sustain on
        (0, bytes.fromhex("903C50")),  # C4 on, velocity 80
        (0, bytes.fromhex("4050")),  # running status: E4 on
        (96, bytes.fromhex("3C00")),  # velocity 0 = off
        (96, bytes.fromhex("4000")),
        (96, bytes.fromhex("434C")),  # G4 on, velocity 76
        (144, bytes.fromhex("E00050")),  # pitch bend
        (192, bytes.fromhex("904300")),
        (192, bytes.fromhex("B04000")),  # sustain off
        (192, bytes.fromhex("904860")),  # C5 on, velocity 96
        (384, bytes.fromhex("4800")),
        (384, END),
    )
    strings = mtrk(
        (0, meta(0x03, b"Strings")),
        (0, bytes.fromhex("C130")),  # String Ensemble 1
        (0, bytes.fromhex("913946")),  # A3 on, velocity 70
        (288, bytes.fromhex("813940")),  # explicit note-off with release velocity
        (288, bytes.fromhex("913C46")),
        (576, bytes.fromhex("813C40")),
        (576, END),
    )
    hits = [(0, 36), (0, 42), (48, 42), (96, 38), (96, 42), (144, 42), (192, 36), (192, 42)]
    drum_events = [(0, meta(0x03, b"Drums")), (0, bytes.fromhex("C900"))]
    timeline = sorted([(t, 1, k) for t, k in hits] + [(t + 6, 0, k) for t, k in hits])
    for tick, on, key in timeline:
        drum_events.append((tick, bytes([0x99, key, 100 if on else 0])))
    drums = mtrk(*sorted(drum_events, key=lambda e: e[0]), (246, END))
    return smf(1, 96, conductor, piano, strings, drums)


def type0_ppq960() -> bytes:
    """Like a small sequencer's type 0 export: every channel in one track, 960 ticks per beat."""
    return smf(0, 960, mtrk(
        (0, meta(0x03, b"Little Tune")),
        (0, meta(0x58, bytes([4, 2, 24, 8]))),
        (0, meta(0x59, bytes([0, 1]))),  # A minor
        (0, meta(0x51, (500_000).to_bytes(3, "big"))),  # 120 BPM
        (0, bytes.fromhex("C000")),  # piano on channel 1
        (0, bytes.fromhex("C121")),  # fingered bass on channel 2
        (0, bytes.fromhex("B1075A")),  # bass volume 90
        (0, bytes.fromhex("904564")),  # A4 on ch 1
        (0, bytes.fromhex("912D5A")),  # A2 on ch 2
        (0, bytes.fromhex("992464")),  # bass drum 1 on ch 10
        (0, meta(0x05, b"la")),
        (120, bytes.fromhex("892400")),
        (961, bytes.fromhex("904500")),  # A4 off at 961: rounds half up to 481
        (961, bytes.fromhex("4864")),  # running status: C5 on
        (1920, bytes.fromhex("C004")),  # a program change mid-piece (Tonewell keeps the first)
        (1920, meta(0x05, b"la")),
        (1921, bytes.fromhex("904800")),
        (3840, bytes.fromhex("812D00")),
        (7680, meta(0x51, (428_571).to_bytes(3, "big"))),  # 140 BPM
        (7680, bytes.fromhex("904C50")),  # E5 on, never released: ends with the track
        (9600, END),
    ))


FIXTURES = {
    "sequencer_type1_ppq96.mid": sequencer_type1_ppq96,
    "type0_ppq960.mid": type0_ppq960,
}

if __name__ == "__main__":
    for name, build in FIXTURES.items():
        (HERE / name).write_bytes(build())
        print("wrote", name)
