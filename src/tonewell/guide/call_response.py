"""Call and response in the piece itself: the app's call, and room right after it to answer.

The call-and-response prompt's goal (`answer_bars: 2`) is met by the piece: two clips with
notes, the latest one two bars long. So the call must be *in* the piece, not only heard. A step
with `"adds": "call-phrase"` gets `add_call`: one undoable step, "Add the call", that adds a
new "Call" track (a flute, gentle and clear of the person's own instruments) holding the call
(`examples.call_notes`, the same notes the "call-phrase" example plays) as a 2-bar clip at bar 1
and an empty 2-bar clip "Your answer" right after it, for the person to fill. Nothing already in
the piece is changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from tonewell.edit.commands import Command, Compound
from tonewell.edit.piece_edits import add_track, new_track
from tonewell.guide.examples import CALL_BARS, FLUTE, call_notes
from tonewell.model import Clip, Composition

CALL_NAME = "Call"
ANSWER_NAME = "Your answer"
ADD_CALL_NAME = "Add the call"
CALL_VOLUME = 90


@dataclass(frozen=True, slots=True)
class CallEdit:
    """The command, and where the answer goes (to show that clip in the piano roll)."""

    command: Command
    track_uid: int
    answer_clip_uid: int


def add_call(comp: Composition) -> CallEdit:
    """A "Call" track ("Call 2" when one exists) with the call at bar 1 and the empty answer
    clip right after it, added as one step named "Add the call"."""
    call = Clip(name=CALL_NAME, notes=call_notes(comp), length_bars=CALL_BARS)
    answer = Clip(name=ANSWER_NAME, length_bars=CALL_BARS,
                  start_tick=call.end_tick(comp.time_signature))
    track = replace(new_track(comp, FLUTE, name=CALL_NAME), volume=CALL_VOLUME,
                    clips=(call, answer))
    return CallEdit(Compound(ADD_CALL_NAME, (add_track(track),)), track.uid, answer.uid)


STEP_EDITS: dict[str, Callable[[Composition], CallEdit]] = {
    "call-phrase": add_call,
}
"""What a step's "adds" may name -> the edit that adds it to the piece when the step begins."""


def edit_for(adds: str, comp: Composition) -> CallEdit | None:
    """The edit a step's `adds` (checked when its prompt was loaded) makes to `comp`, or None
    for a step that adds nothing (`adds` is "")."""
    build = STEP_EDITS.get(adds)
    return None if build is None else build(comp)
