"""MIDI input devices: discovery, hotplug, reconnect and record takes."""
