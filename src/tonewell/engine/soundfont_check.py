"""Checking that a file is a plausible SoundFont before FluidSynth ever opens it.

A soundfont is untrusted input, and FluidSynth has had CVEs on invalid fonts. `check_soundfont`
walks the file's RIFF structure with limits (size, chunk count, table sizes, and the indices
between preset tables), reading only chunk headers and the small indexing tables, and refuses
anything FluidSynth could trip over with a plain `SoundfontError`. It needs neither FluidSynth
nor pyfluidsynth, so fonts can be checked where neither is installed.
"""

from __future__ import annotations

import itertools
import struct
from pathlib import Path
from typing import BinaryIO

from tonewell.errors import FileProblem
from tonewell.io.atomic import describe_os_error

MAX_SOUNDFONT_BYTES = 2 * 1024**3
"""Larger files are refused before FluidSynth sees them (its offsets are 32-bit anyway)."""


class SoundfontError(FileProblem):
    """A soundfont could not be used; the message says why in plain words."""


_PDTA_RECORDS = (
    (b"phdr", 38, 2),
    (b"pbag", 4, 1),
    (b"pmod", 10, 1),
    (b"pgen", 4, 1),
    (b"inst", 22, 2),
    (b"ibag", 4, 1),
    (b"imod", 10, 1),
    (b"igen", 4, 1),
    (b"shdr", 46, 2),
)
"""The preset data sub-chunks in the order FluidSynth reads them: (id, record bytes, at least
this many records, counting the terminal record)."""

_MAX_CHUNKS = 4096


def _chunk_id_ok(cid: bytes) -> bool:
    return len(cid) == 4 and all(32 <= b < 127 for b in cid)


def _read_chunks(f: BinaryIO, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """(id, data offset, data size) of the chunks laid end to end in [start, end).

    SoundFont writers do not agree on padding odd-sized chunks (sf3 tools do not pad; RIFF says
    to), so a pad byte is accepted where the next id only makes sense after one.
    """
    chunks: list[tuple[bytes, int, int]] = []
    pos = start
    while pos + 8 <= end:
        if len(chunks) >= _MAX_CHUNKS:
            raise ValueError("too many chunks")
        f.seek(pos)
        header = f.read(8)
        if chunks and chunks[-1][2] % 2 and not _chunk_id_ok(header[:4]):
            f.seek(pos + 1)  # the previous chunk was odd-sized and padded
            pos += 1
            header = f.read(8)
        if len(header) < 8 or not _chunk_id_ok(header[:4]):
            raise ValueError("a chunk has no valid name")
        cid, size = header[:4], struct.unpack("<I", header[4:])[0]
        if pos + 8 + size > end:
            raise ValueError(f"chunk {cid!r} runs past its container")
        chunks.append((cid, pos + 8, size))
        pos += 8 + size
    return chunks


def _list_type(f: BinaryIO, chunk: tuple[bytes, int, int]) -> bytes:
    cid, offset, size = chunk
    if cid != b"LIST" or size < 4:
        return b""
    f.seek(offset)
    return f.read(4)


def check_soundfont(path: Path | str, *, max_bytes: int | None = None) -> None:
    """Refuse anything that is not a plausible SoundFont 2/3 file, before FluidSynth reads it.

    Checks, reading only chunk headers: the file exists and is a file of at most 2 GB; it starts
    with RIFF....sfbk; the RIFF size fits the file; the INFO, sdta and pdta lists come in the
    order FluidSynth reads them, with an `ifil` version 2 or 3; and every preset data table has
    a whole number of records. Raises SoundfontError with a plain message.

    `max_bytes` defaults to `MAX_SOUNDFONT_BYTES`; `tonewell.engine.fluid` passes its own.
    """
    limit = MAX_SOUNDFONT_BYTES if max_bytes is None else max_bytes
    path = Path(path)
    name = f'"{path.name}"'
    if not path.exists():
        raise SoundfontError(f'The soundfont "{path}" was not found.')
    if not path.is_file():
        raise SoundfontError(f'{name} is a folder or a device, not a soundfont file.')
    try:
        file_bytes = path.stat().st_size
        if file_bytes > limit:
            raise SoundfontError(
                f"{name} is too large to use as a soundfont "
                f"({file_bytes / 1024**3:.1f} GB; the limit is 2 GB)."
            )
        with open(path, "rb") as f:
            _check_structure(f, file_bytes, name)
    except OSError as err:
        reason = describe_os_error(err)
        raise SoundfontError(f"The soundfont {name} could not be read: {reason}.") from err


def _check_structure(f: BinaryIO, file_bytes: int, name: str) -> None:
    not_a_font = SoundfontError(
        f"{name} is not a soundfont (SoundFont files start with RIFF…sfbk)."
    )
    header = f.read(12)
    if len(header) < 12 or header[:4] != b"RIFF" or header[8:12] != b"sfbk":
        raise not_a_font
    riff_end = 8 + struct.unpack("<I", header[4:8])[0]
    if riff_end > file_bytes:
        raise SoundfontError(
            f"{name} is incomplete: the file is shorter than its header says "
            "(perhaps a download or copy was cut short)."
        )
    damaged = f"{name} is a damaged soundfont"
    try:
        top = _read_chunks(f, 12, riff_end)
        lists = [_list_type(f, c) for c in top[:3]]
        if lists != [b"INFO", b"sdta", b"pdta"]:
            missing = [t.decode() for t in (b"INFO", b"sdta", b"pdta") if t not in lists]
            what = f"{', '.join(missing)} missing" if missing else "sections out of order"
            raise SoundfontError(f"{damaged} ({what}).")
        info, sdta, pdta = top[:3]
        _check_info(f, info)
        _check_sdta(f, sdta)
        _check_pdta(f, pdta)
    except ValueError as err:
        raise SoundfontError(f"{damaged} ({err}).") from err


def _sub_chunks(f: BinaryIO, list_chunk: tuple[bytes, int, int]) -> list[tuple[bytes, int, int]]:
    _cid, offset, size = list_chunk
    return _read_chunks(f, offset + 4, offset + size)


def _check_info(f: BinaryIO, info: tuple[bytes, int, int]) -> None:
    ifil = [c for c in _sub_chunks(f, info) if c[0] == b"ifil"]
    if not ifil or ifil[0][2] != 4:
        raise ValueError("no version number")
    f.seek(ifil[0][1])
    major = struct.unpack("<HH", f.read(4))[0]
    if major not in (2, 3):
        raise ValueError(f"SoundFont version {major} is not supported")


def _check_sdta(f: BinaryIO, sdta: tuple[bytes, int, int]) -> None:
    subs = _sub_chunks(f, sdta)
    if subs and subs[0][0] != b"smpl":
        raise ValueError("no sample data")


_INDEX_LINKS = (
    # (table, byte offset of its u16 index in a record, the table it indexes, exact count?)
    (b"phdr", 24, b"pbag", True),
    (b"inst", 20, b"ibag", True),
    (b"pbag", 0, b"pgen", False),
    (b"pbag", 2, b"pmod", False),
    (b"ibag", 0, b"igen", False),
    (b"ibag", 2, b"imod", False),
)
"""Preset headers index bags, bags index generators and modulators. Indices must not go down
and must stay inside the table they point into; a header table's last (terminal) index must
name the last bag exactly, or FluidSynth reports a size mismatch."""

_MAX_INDEXING_TABLE_BYTES = 16 * 1024**2
"""phdr/pbag/inst/ibag are read whole; real fonts have a few kB to a few hundred kB."""


def _check_pdta(f: BinaryIO, pdta: tuple[bytes, int, int]) -> None:
    subs = _sub_chunks(f, pdta)
    ids = [c[0] for c in subs[: len(_PDTA_RECORDS)]]
    if ids != [r[0] for r in _PDTA_RECORDS]:
        raise ValueError("preset tables missing or out of order")
    records: dict[bytes, tuple[int, int, int]] = {}
    for (cid, offset, size), (_id, record_bytes, min_records) in zip(
        subs, _PDTA_RECORDS, strict=False
    ):
        if size % record_bytes or size // record_bytes < min_records:
            raise ValueError(f"the {cid.decode()} table has a broken size")
        records[cid] = (offset, size, record_bytes)
    tables: dict[bytes, bytes] = {}
    for cid, index_at, target, exact in _INDEX_LINKS:
        offset, size, record_bytes = records[cid]
        if cid not in tables:
            if size > _MAX_INDEXING_TABLE_BYTES:
                raise ValueError(f"the {cid.decode()} table is implausibly large")
            f.seek(offset)
            tables[cid] = f.read(size)
        table = tables[cid]
        indices = [
            struct.unpack_from("<H", table, i + index_at)[0]
            for i in range(0, len(table), record_bytes)
        ]
        target_count = records[target][1] // records[target][2]
        in_order = all(a <= b for a, b in itertools.pairwise(indices))
        last_ok = indices[-1] == target_count - 1 if exact else indices[-1] < target_count
        if not (in_order and last_ok):
            raise ValueError(f"the {cid.decode()} table does not match the {target.decode()} table")
