"""MIDI input: keyboards played through to the synth, with hotplug, for play-through and recording.

- `live_input.MidiInput`: the one object the app holds (router + hotplug poller).
- `router.Router`: rtmidi's thread -> scale lock -> velocity curve -> the sink (the live synth),
  and the stamped `played.PlayedQueue` for recording.
- `hotplug.DevicePoller`: lists ports every 1.5 s on "tonewell-midi-poll", reconnects by name.
- `ports`: python-rtmidi per backend (ALSA, JACK); `devices.scan_inputs` for `tonewell devices`.
- `scale_lock`, `velocity`: the pure tables.
No Qt here: the window wraps these (a queued signal for `on_state`).
"""
