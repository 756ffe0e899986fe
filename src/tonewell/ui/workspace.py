"""How the three editors of the window work as one: the track list, the arrangement and the
piano roll follow one another's selection, and the piano roll always shows a clip when there is
one.

The widgets know nothing of each other; this module connects their signals:

- selecting a track (in the list, or a lane or clip in the arrangement) selects it in the
  other view, and the piano roll shows that track's clip under the playhead (else its first);
- double-clicking (or Enter on) a clip in the arrangement opens it in the piano roll (Enter
  takes the keyboard focus there too), and the clip open in the piano roll is outlined in the
  arrangement;
- a track added with "+ Add track" opens its empty clip at once;
- when the clip being edited goes away (its track removed, an undo) the piano roll moves to
  another clip, or shows its calm hint when the piece has none;
- playing in (a MIDI keyboard, the on-screen keyboard, the computer keys while the piano roll
  has the focus) sounds like the track being edited, locked to the piece's key.

What the piano roll shows first when a piece opens is decided by
`tonewell.edit.new_piece.clip_to_show`, and the clip last edited is kept in the saved file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tonewell.edit import Action, DocumentEvent
from tonewell.edit.new_piece import clip_place, clip_to_show, clip_uids, remember_clip
from tonewell.model import Composition

if TYPE_CHECKING:
    from tonewell.ui.main_window import MainWindow


def clip_for_track(comp: Composition, track_uid: int, at_tick: int) -> int | None:
    """The uid of the track's clip to edit when the track is chosen: the one sounding at
    `at_tick` (the playhead), else the first by start; None when the track has no clip."""
    track = next((t for t in comp.tracks if t.uid == track_uid), None)
    if track is None:
        return None
    meter = comp.time_signature
    clips = sorted(track.clips, key=lambda c: c.start_tick)
    for clip in clips:
        if clip.start_tick <= at_tick < clip.end_tick(meter):
            return clip.uid
    return clips[0].uid if clips else None


def show_first_clip(window: MainWindow) -> None:
    """Show the clip to edit first in the piano roll (the arrangement outlines it)."""
    uids = clip_uids(window.piece.comp, clip_to_show(window.piece.comp))
    window.piano_roll.set_clip(*(uids or (None, None)))


def show_track(window: MainWindow, track_uid: int) -> None:
    """The person chose the track `track_uid`: select it everywhere and edit its clip."""
    comp = window.piece.comp
    clip_uid = clip_for_track(comp, track_uid, window.engine.position())
    window.track_list.select_track(track_uid)
    current = window.piano_roll.current_clip()
    if clip_uid is None:
        window.arrangement.select_clip(None)
        return
    if current is None or current[0] != track_uid:
        window.piano_roll.set_clip(track_uid, clip_uid)
    shown = window.piano_roll.current_clip()
    if window.arrangement.selected_clip() is None or window.arrangement.selected_clip() != shown:
        window.arrangement.select_clip(shown)


def wire_editors(window: MainWindow) -> None:
    """Connect the track list, the arrangement and the piano roll to each other and to the
    window (the Edit menu, auditioning, seeking, the playhead, scrolling, saving)."""
    roll, arrangement, tracks = window.piano_roll, window.arrangement, window.track_list
    window.edits.attach_roll(roll)
    window.edits.attach_views(arrangement, tracks)
    roll.audition_requested.connect(window.engine.audition)
    roll.clip_changed.connect(
        lambda pair: arrangement.set_current_clip(*(pair or (None, None))))

    arrangement.seek_requested.connect(window.seek)
    arrangement.clip_activated.connect(roll.set_clip)
    arrangement.clip_opened.connect(roll.canvas.setFocus)
    arrangement.track_selected.connect(tracks.select_track)
    tracks.verticalScrollBar().valueChanged.connect(arrangement.set_scroll_y)
    tracks.track_selected.connect(lambda uid: show_track(window, uid))

    def on_change(event: DocumentEvent) -> None:
        if event.action is Action.LOAD:
            show_first_clip(window)
            roll.setFocus()
        elif roll.current_clip() is None and event.composition.tracks:
            keep_editing_something(window)

    window.piece.changed.connect(on_change)
    roll.canvas.installEventFilter(window.keyboard_panel.computer_keys)
    roll.clip_changed.connect(lambda _pair: play_like_selected_track(window))
    tracks.track_selected.connect(lambda _uid: play_like_selected_track(window))
    window.piece.changed.connect(lambda _event: play_like_selected_track(window))

    def keep_clip(comp: Composition) -> Composition:
        current = roll.current_clip()
        return remember_clip(comp, None if current is None else clip_place(comp, *current))

    window.files.before_save = keep_clip
    show_first_clip(window)
    play_like_selected_track(window)


def play_like_selected_track(window: MainWindow) -> None:
    """Notes played in sound like the track the piano roll edits (else the one selected in the
    list), in the piece's key."""
    current = window.piano_roll.current_clip()
    track_uid = current[0] if current is not None else window.track_list.selected_track()
    window.midi.follow(window.piece.comp, track_uid)


def keep_editing_something(window: MainWindow) -> None:
    """The clip being edited is gone: edit the selected track's clip, else the first clip of
    the piece (the piano roll shows its hint when there is none)."""
    comp = window.piece.comp
    selected = window.track_list.selected_track()
    clip_uid = None if selected is None else clip_for_track(comp, selected,
                                                             window.engine.position())
    if selected is not None and clip_uid is not None:
        window.piano_roll.set_clip(selected, clip_uid)
    else:
        show_first_clip(window)
