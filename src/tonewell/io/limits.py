"""How much of a piece Tonewell opens and saves, in one place, so the limits agree.

A project holds at most `MAX_NOTES` stored notes and `MAX_CONTROL_POINTS` controller points
over all its clips. The MIDI limits are derived from those, so that a piece at the project
limits exports to a .mid that Tonewell imports again: every note is two events (on, off), every
point one, and `MIDI_SETUP_ALLOWANCE` covers names, programs, tempo changes, pedal lifts and
end markers. Export refuses, in one plain sentence, a piece whose repeats make it larger than
that; import refuses a file that would give a project larger than the project limits.
"""

from __future__ import annotations

MAX_NOTES = 1_000_000
"""Stored notes over all clips (a repeated clip counts its notes once)."""
MAX_CONTROL_POINTS = 1_000_000
"""Stored controller points over all clips (volume, pan, expression and pedal changes)."""
MAX_TRACKS = 256
MAX_TICK = 2**31 - 1
"""The last tick a position or length may reach (about 4.4 million quarter notes); an import
leaves out what a file places later, so every piece it makes can be saved and opened again."""

MIDI_SETUP_ALLOWANCE = 65_536
"""Events beyond notes and points a written file may hold (track setup, tempo, pedal lifts)."""
MAX_MIDI_EVENTS = 2 * MAX_NOTES + MAX_CONTROL_POINTS + MIDI_SETUP_ALLOWANCE
MAX_MIDI_TRACK_CHUNKS = MAX_TRACKS + 1
"""Every track, and the conductor track that export writes first."""
MIDI_BYTES_PER_EVENT = 8
"""A generous average: a delta time and a three-byte message, no running status."""
MAX_MIDI_FILE_BYTES = MIDI_BYTES_PER_EVENT * MAX_MIDI_EVENTS + 4 * 1024 * 1024
"""About 28 MB: room for every event at its most long-winded, and for track names."""
