"""Edits while playing: where a new schedule takes over, and what of the old one is kept.

This file exists to hold the transport's bookkeeping for a swap apart from its state machine.
An edit (`set_schedule`, `set_tempo_bpm`, `set_loop`, metronome changes) or a seek while playing
starts a new run at a swap tick just past `guard_ms` from now, usually well inside the lookahead
that is already queued. Every queued playback event is removed from the sequencer
(`fluid_sequencer_remove_events`); those of the old schedule that fall before the swap are
queued again, the new schedule is queued from the swap on. Notes sounding across the swap are
kept if the new schedule still has them (same channel, pitch and start: their note-off moves
to the new end), else released at the swap, so nothing hangs and unrelated edits don't cut a
held chord. A tempo change is such a swap: the song position stays, the rest is re-timed.
Internal to the transport.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tonewell.engine.playback_run import Run
from tonewell.engine.schedule import Event, EventKind
from tonewell.engine.sinks import EventSink


@dataclass(slots=True)
class Sounding:
    """A note-on the transport queued, until its note-off has fired."""

    on_sample: int
    channel: int
    pitch: int
    start_tick: int
    off_sample: int | None = None


class Ledger:
    """What the transport queued on its sink that may not have fired yet: every playback
    event (`pending`) and every note still sounding (`sounding`)."""

    def __init__(self) -> None:
        self.pending: list[tuple[int, Event]] = []
        """Playback events queued on the sink that may not have fired yet."""
        self.sounding: list[Sounding] = []

    def record(self, at: int, ev: Event) -> None:
        """`ev` was just sent to the sink for clock sample `at`."""
        self.pending.append((at, ev))
        if ev.kind == EventKind.NOTE_ON:
            self.sounding.append(Sounding(at, ev.channel, ev.data1, ev.tick))
        elif ev.kind == EventKind.NOTE_OFF:
            for s in self.sounding:
                if s.off_sample is None and (s.channel, s.pitch) == (ev.channel, ev.data1):
                    s.off_sample = at
                    break

    def forget_fired(self, now: int) -> None:
        self.pending = [p for p in self.pending if p[0] > now]
        self.sounding = [s for s in self.sounding if s.off_sample is None or s.off_sample > now]

    def clear(self) -> None:
        self.pending.clear()
        self.sounding.clear()

    def requeue_before(self, sink: EventSink, origin: int, *, now: int, before: int) -> None:
        """After `sink.remove()`: queue again what the old run still plays before the swap at
        `origin`: events that surely have not fired (after `now`), and anything but note-ons
        that might have (after `before`: a block ended between the two clock reads)."""
        pending, self.pending = self.pending, []
        for at, ev in pending:
            if at < origin and (at > now or (at > before and ev.kind != EventKind.NOTE_ON)):
                sink.send(at, ev)
                self.pending.append((at, ev))

    def take_across(self, origin: int) -> list[Sounding]:
        """The notes sounding across the swap at `origin`, taken out of `sounding`, which
        keeps only notes that begin and end before it."""
        across = [
            s
            for s in self.sounding
            if s.on_sample < origin and (s.off_sample is None or s.off_sample >= origin)
        ]
        self.sounding = [
            s
            for s in self.sounding
            if s.on_sample < origin and s.off_sample is not None and s.off_sample < origin
        ]
        return across

    def hold(self, s: Sounding) -> None:
        """Track `s` again, as sounding until a note-off is queued for it."""
        s.off_sample = None
        self.sounding.append(s)


def swap_point(run: Run, at: int) -> tuple[int, int]:
    """The first whole tick sounding at or after clock sample `at`, and its clock sample
    computed exactly as the old run timed its events."""
    elapsed = max(0.0, (at - run.origin) / run.sr)
    st = run.stretch_at(elapsed)
    tempo = run.schedule.tempo_map
    tick = tempo.seconds_to_tick(tempo.tick_to_seconds(st.from_tick) + elapsed - st.offset_s)
    swap_tick = max(st.from_tick, math.ceil(tick))
    if st.to_tick is not None and swap_tick >= st.to_tick:
        nxt = run.next_stretch(st)
        if nxt is None:
            return st.to_tick, run.origin + run.sample_of(st, st.to_tick)
        st, swap_tick = nxt, nxt.from_tick
    return swap_tick, run.origin + run.sample_of(st, swap_tick)


def release(s: Sounding, new: Run, *, keep: bool) -> tuple[int, Event]:
    """The note-off, as (clock sample, event), for a note sounding across the swap to `new`:
    at its end in the new schedule if `keep` and that still has it (same channel, pitch and
    start), else at the swap."""
    off_at = new.origin
    first = new.stretches[0]
    if keep and s.start_tick <= new.start_tick:
        for n in new.schedule.notes_starting(s.start_tick, s.start_tick + 1):
            if (n.channel, n.pitch) == (s.channel, s.pitch):
                end = n.end_tick if first.to_tick is None else min(n.end_tick, first.to_tick)
                if end > new.start_tick:
                    off_at = new.origin + new.sample_of(first, end)
                break
    off = Event(off_at - new.origin, EventKind.NOTE_OFF, s.channel, s.pitch, 0, new.start_tick)
    return off_at, off
