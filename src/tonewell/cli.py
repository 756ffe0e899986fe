"""The `tonewell` command: open the app, or convert, inspect and render files.

A mistake in what the user asked for (a missing file, a damaged input, an unknown extension,
an output that is the input itself) prints one plain line on stderr and exits 2, leaving any
existing output untouched. Only bugs raise. File names are printed through `shown_path`, so a
name that is not valid UTF-8 never breaks a strict UTF-8 terminal after the work is done.

While a command runs, SIGTERM and SIGHUP stop it the way Ctrl+C does (`Stopped`, a
KeyboardInterrupt), so a save or render in progress removes its temporary file and leaves the
target as it was.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType

from tonewell import __version__
from tonewell.errors import UserFacingError
from tonewell.io.files import safe_text, shown_path
from tonewell.terminal import read_piece

EXIT_USER_ERROR = 2
COMMANDS = ("convert", "info", "render", "devices", "prompts", "journal", "report")
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""Signals that ask a command to stop; like Ctrl+C, they let it clean up first."""


class Stopped(KeyboardInterrupt):
    """A stop signal arrived; raised where the program was, so `finally` blocks run."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise `Stopped`; the previous handlers come back after."""
    previous = {}
    try:
        for signum in STOP_SIGNALS:
            previous[signum] = signal.signal(signum, _raise_stopped)
    except ValueError:  # not the main thread: signals cannot be handled here
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _print_warnings(warnings: Sequence[str]) -> None:
    for line in warnings:
        print(f"note: {safe_text(line)}", file=sys.stderr)


def cmd_convert(args: argparse.Namespace) -> int:
    from tonewell.io.files import refuse_same_file
    from tonewell.io.formats import kind_of, save_any

    source, target = Path(args.input), Path(args.output)
    kind_of(target)  # refuse an unknown output extension before reading anything
    refuse_same_file(source, target)
    comp, warnings = read_piece(source, sys.stderr)
    _print_warnings(warnings)
    save_any(comp, target)
    print(f'Wrote "{shown_path(target)}".')
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from tonewell.model.gm import instrument_name
    from tonewell.model.timing import format_clock, whole_bars

    comp, warnings = read_piece(Path(args.input), sys.stderr)
    _print_warnings(warnings)
    meter = comp.time_signature
    bars = whole_bars(comp.end_tick(), meter.ticks_per_bar)
    tempo = f"{comp.tempo_bpm:g} BPM"
    if len(comp.tempo_map.changes) > 1:
        tempo += f" ({len(comp.tempo_map.changes) - 1} tempo changes)"
    print(f"Title:    {safe_text(comp.title)}")
    print(f"Length:   {format_clock(comp.length_seconds())} ({bars} bars)")
    print(f"Tempo:    {tempo}")
    print(f"Meter:    {meter}")
    print(f"Key:      {comp.key}")
    print(f"Notes:    {comp.note_count()}")
    print(f"Tracks:   {len(comp.tracks)}")
    for i, track in enumerate(comp.tracks, 1):
        sound = instrument_name(track.program, track.is_drum)
        notes = track.note_count(meter)
        flags = "".join((" (muted)" if track.mute else "", " (solo)" if track.solo else ""))
        print(f"  {i:>2}. {safe_text(track.name)} — {sound}, {notes} notes{flags}")
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from tonewell.engine.audio import describe_drivers
    from tonewell.midi.devices import scan_inputs
    from tonewell.midi.ports import BACKEND_LABELS

    scan = scan_inputs()
    print("MIDI inputs:")
    for found in scan.inputs:
        print(f"  {safe_text(found.name)} ({BACKEND_LABELS.get(found.backend, found.backend)})")
    if not scan.inputs:
        print(f"  none found{f' ({scan.problem})' if scan.problem else ''}")
    print("Audio drivers:")
    for line in describe_drivers():
        print(f"  {line}")
    return 0


def cmd_journal(args: argparse.Namespace) -> int:
    from tonewell.io.files import refuse_same_file
    from tonewell.library.journal import Journal, journal_path
    from tonewell.library.journal_csv import write_journal_csv

    source, target = journal_path(), Path(args.csv)
    refuse_same_file(source, target)
    if not source.exists():  # exporting never creates a journal
        write_journal_csv([], target)
        print(f'No sessions in the journal yet; wrote just the header to "{shown_path(target)}".')
        return 0
    with Journal(source) as journal:
        if journal.notice:
            _print_warnings([journal.notice])
        entries = journal.sessions()
    write_journal_csv(entries, target)
    count = f"{len(entries)} session{'s' if len(entries) != 1 else ''}"
    print(f'Wrote {count} to "{shown_path(target)}".')
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the one-page PDF report of the last session (or `--session ID`)."""
    from tonewell.io.files import refuse_same_file
    from tonewell.library.journal import Journal, journal_path

    source, target = journal_path(), Path(args.pdf)
    if target.suffix.lower() != ".pdf":
        raise UserFacingError(
            f'"{shown_path(target.name)}": the report is a PDF file; please give a name ending '
            "in .pdf."
        )
    refuse_same_file(source, target)
    entry = None
    if source.exists():  # reporting never creates a journal
        with Journal(source) as journal:
            if journal.notice:
                _print_warnings([journal.notice])
            if args.session is not None:
                entry = journal.session(args.session)
            else:
                entries = journal.sessions()
                entry = entries[-1] if entries else None
    if entry is None:
        if args.session is not None:
            raise UserFacingError(f"There is no session {args.session} in the journal.")
        raise UserFacingError(
            "No sessions in the journal yet; a report can be made after your first guided session."
        )
    # Qt comes in only here, for painting the PDF (lazily, as `open_app` starts the window).
    from tonewell.ui.session_report import printing_app, report_title, write_session_report

    app = printing_app()  # noqa: F841 -- QPdfWriter needs it alive while painting
    write_session_report(entry, target)
    print(f'Wrote "{report_title(entry)}" to "{shown_path(target)}".')
    return 0


def cmd_prompts(args: argparse.Namespace) -> int:
    """List every prompt with its source, or check one pack (`--check FILE`)."""
    from tonewell.guide.prompts import BUILT_IN, load_all, read_pack, user_packs_dir

    if args.check is not None:
        pack = read_pack(Path(args.check))
        for problem in pack.problems:
            print(safe_text(str(problem)))
        if pack.problems:
            return EXIT_USER_ERROR
        print(f'"{shown_path(Path(args.check))}": {len(pack.prompts)} prompts, all usable.')
        return 0
    loaded = load_all(user_packs_dir())
    for prompt in loaded.prompts:
        source = BUILT_IN if prompt.source == BUILT_IN else shown_path(Path(prompt.source))
        print(f"{prompt.id:<22} {prompt.arc:<10} {safe_text(prompt.title)} ({source})")
    for problem in loaded.problems:
        print(f"note: {safe_text(str(problem))}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tonewell",
        description="Tonewell: a calm place to make music. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"Tonewell {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("convert", help="convert between .tonewell and .mid (by extension)")
    p.add_argument("input", help="a .tonewell or .mid file")
    p.add_argument("output", help="the file to write (.tonewell or .mid)")
    p.set_defaults(run=cmd_convert)
    p = sub.add_parser("info", help="print a short summary of a .tonewell or .mid file")
    p.add_argument("input")
    p.set_defaults(run=cmd_info)
    p = sub.add_parser("devices", help="list MIDI inputs and audio drivers")
    p.set_defaults(run=cmd_devices)
    p = sub.add_parser("prompts", help="list guided-session prompts, or check a prompt pack")
    p.add_argument("--check", metavar="FILE", help="check a prompt pack; exit 2 on problems")
    p.set_defaults(run=cmd_prompts)
    p = sub.add_parser("journal", help="export the session journal")
    p.add_argument("--csv", required=True, metavar="OUT", help="the CSV file to write")
    p.set_defaults(run=cmd_journal)
    p = sub.add_parser("report", help="write a one-page PDF report of a session")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--last", action="store_true", help="the most recent session")
    which.add_argument("--session", type=int, metavar="ID",
                       help="the session with this id (the first column of the journal CSV)")
    p.add_argument("--pdf", required=True, metavar="OUT", help="the PDF file to write")
    p.set_defaults(run=cmd_report)
    from tonewell.render_cli import add_render_parser

    add_render_parser(sub)
    return parser


def open_app(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="tonewell", description="Open Tonewell.")
    parser.add_argument("--version", action="version", version=f"Tonewell {__version__}")
    parser.add_argument("file", nargs="?", help="a .tonewell or .mid file to open")
    parser.epilog = "Commands: " + ", ".join(COMMANDS) + " (tonewell COMMAND --help)"
    parser.parse_args(argv)
    from tonewell.app import main as app_main

    return app_main(list(argv))


def forgiving_output() -> None:
    """Let stdout and stderr print any text: a character the terminal's encoding cannot show
    (a title's accent on an ASCII terminal, "—") becomes "?" instead of a crash after the work
    is done."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    forgiving_output()
    try:
        if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
            return open_app(argv)
        args = build_parser().parse_args(argv)
        with stop_signals_interrupt():
            return int(args.run(args))
    except UserFacingError as exc:
        print(f"tonewell: {safe_text(str(exc))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:  # output piped into `head` and closed early: not a problem
        return 0
    except OSError as exc:  # the disk or the system said no: still the user's situation
        from tonewell.io.atomic import describe_os_error

        what = f'use "{shown_path(exc.filename)}"' if exc.filename else "finish"
        print(f"tonewell: could not {what}: {describe_os_error(exc)}.", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt as exc:  # Ctrl+C, or SIGTERM/SIGHUP as `Stopped`
        print("tonewell: stopped.", file=sys.stderr)
        return 128 + getattr(exc, "signum", signal.SIGINT)
