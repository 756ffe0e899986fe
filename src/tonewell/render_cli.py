"""The `tonewell render` subcommand: a project or a .mid file to a WAV file, offline.

Kept beside `cli.py` (argparse, a progress bar and exit codes are the command line's
business, not the engine's), so the command line module only wires it in
(`add_render_parser`). The input is read by Tonewell's own readers (`load_any`: a .mid file is
parsed by mido, never handed to FluidSynth's player) and rendered by `render_to_wav`, the same
path the app's Export uses. A mistake (bad input, bad soundfont, unwritable output, an output
that is the input itself) is one plain line on stderr and exit status 2, and an existing output
file is left as it was.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from tonewell.errors import UserFacingError
from tonewell.io.atomic import describe_os_error
from tonewell.io.files import refuse_same_file, safe_text, shown_path
from tonewell.model.timing import format_clock
from tonewell.terminal import progress_bar, read_piece

EXIT_USER_ERROR = 2


def add_render_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add `render` to the `tonewell` command's subparsers."""
    from tonewell.engine.render import MAX_LOOPS

    p = subparsers.add_parser(
        "render",
        help="render a .tonewell or .mid file to a WAV file",
        description="Render a project or a MIDI file to a 16-bit stereo WAV file through "
        "Tonewell's own engine, so it sounds as it plays in the app.",
    )
    p.add_argument("input", help="a .tonewell or .mid file")
    p.add_argument("-o", "--output", required=True, metavar="OUT.wav", help="the WAV file to write")
    p.add_argument(
        "--soundfont", metavar="FILE", help="an .sf2/.sf3 soundfont (default: the bundled one)"
    )
    p.add_argument(
        "--loops",
        type=int,
        default=None,
        metavar="N",
        help="with the piece's loop on, play up to the loop and then the loop N times; otherwise "
        f"play the whole piece N times (1..{MAX_LOOPS}). Without it: the whole piece once.",
    )
    p.add_argument(
        "--sample-rate",
        type=int,
        default=44100,
        dest="sample_rate_hz",
        metavar="HZ",
        help="samples per second (default 44100)",
    )
    p.set_defaults(run=run_render)
    return p


def _check_options(args: argparse.Namespace) -> None:
    from tonewell.engine.render import MAX_LOOPS, MAX_SAMPLE_RATE_HZ, MIN_SAMPLE_RATE_HZ

    output = Path(args.output)
    refuse_same_file(Path(args.input), output)
    if output.suffix.lower() != ".wav":
        raise UserFacingError(
            f'"{shown_path(output.name)}": Tonewell renders WAV files; please give a name ending '
            "in .wav."
        )
    if args.loops is not None and not 1 <= args.loops <= MAX_LOOPS:
        raise UserFacingError(f"--loops must be between 1 and {MAX_LOOPS} (not {args.loops}).")
    if not MIN_SAMPLE_RATE_HZ <= args.sample_rate_hz <= MAX_SAMPLE_RATE_HZ:
        raise UserFacingError(
            f"--sample-rate must be between {MIN_SAMPLE_RATE_HZ} and {MAX_SAMPLE_RATE_HZ} Hz "
            f"(not {args.sample_rate_hz})."
        )


def run_render(args: argparse.Namespace) -> int:
    """Render `args.input` to `args.output`; 0 on success, 2 after a plain one-line message."""
    bar = progress_bar(sys.stderr, "Rendering")
    try:
        _check_options(args)
        from tonewell.engine.render import render_to_wav

        comp, warnings = read_piece(Path(args.input), sys.stderr)
        for line in warnings:
            print(f"note: {safe_text(line)}", file=sys.stderr)
        if args.loops is None:  # the loop switch is for listening: render the whole piece
            comp = replace(comp, loop=replace(comp.loop, enabled=False))
        result = render_to_wav(
            comp,
            Path(args.output),
            soundfont=Path(args.soundfont) if args.soundfont else None,
            loops=args.loops or 1,
            sample_rate_hz=args.sample_rate_hz,
            progress=bar,
        )
    except UserFacingError as err:
        if bar is not None:
            bar.end()
        print(f"tonewell: {safe_text(str(err))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except OSError as err:  # the system refused something our own messages did not cover
        if bar is not None:
            bar.end()
        where = f' "{shown_path(err.filename)}"' if err.filename else ""
        print(f"tonewell: could not use{where}: {describe_os_error(err)}.", file=sys.stderr)
        return EXIT_USER_ERROR
    except BaseException:
        if bar is not None:
            bar.end()
        raise
    if bar is not None:
        bar.end()
    print(
        f'Wrote "{shown_path(result.path)}" ({format_clock(result.seconds)}, '
        f"{result.sample_rate_hz} Hz, 16-bit stereo)."
    )
    return 0
