"""Build small SoundFont-shaped files for tests: sound in structure, or broken on purpose.

They are not playable: FluidSynth itself may still refuse them, which is also worth testing.
"""

from __future__ import annotations

import struct

RECORD_BYTES = {
    b"phdr": 38,
    b"pbag": 4,
    b"pmod": 10,
    b"pgen": 4,
    b"inst": 22,
    b"ibag": 4,
    b"imod": 10,
    b"igen": 4,
    b"shdr": 46,
}


def chunk(cid: bytes, data: bytes, *, pad: bool = False) -> bytes:
    out = cid + struct.pack("<I", len(data)) + data
    return out + b"\0" if pad and len(data) % 2 else out


def list_chunk(kind: bytes, *subs: bytes) -> bytes:
    return chunk(b"LIST", kind + b"".join(subs))


def riff(form: bytes, *chunks: bytes) -> bytes:
    body = form + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def info(version: int = 2) -> bytes:
    ifil = chunk(b"ifil", struct.pack("<HH", version, 1))
    return list_chunk(b"INFO", ifil, chunk(b"INAM", b"T\0"))


def sdta(sample_bytes: int = 64, *, pad: bool = False) -> bytes:
    return list_chunk(b"sdta", chunk(b"smpl", bytes(sample_bytes), pad=pad))


def header(name: bytes, index: int, record_bytes: int, index_at: int) -> bytes:
    record = bytearray(record_bytes)
    record[: len(name)] = name
    struct.pack_into("<H", record, index_at, index)
    return bytes(record)


def pdta(
    *, phdr_bags: tuple[int, ...] = (0, 1), sizes: dict[bytes, int] | None = None
) -> bytes:
    """One preset and one instrument (plus terminal records), each with one zone.
    `phdr_bags` sets the presets' bag indices; `sizes` overrides a table's byte size."""
    tables = {
        b"phdr": b"".join(header(b"P", i, 38, 24) for i in phdr_bags),
        b"pbag": bytes(8),
        b"pmod": bytes(10),
        b"pgen": bytes(8),
        b"inst": header(b"I", 0, 22, 20) + header(b"EOI", 1, 22, 20),
        b"ibag": bytes(8),
        b"imod": bytes(10),
        b"igen": bytes(8),
        b"shdr": bytes(92),
    }
    for cid, size in (sizes or {}).items():
        tables[cid] = bytes(size)
    return list_chunk(b"pdta", *(chunk(cid, data) for cid, data in tables.items()))


def soundfont() -> bytes:
    """A file with a soundfont's structure, which FluidSynth still refuses (no real presets)."""
    return riff(b"sfbk", info(), sdta(), pdta())
