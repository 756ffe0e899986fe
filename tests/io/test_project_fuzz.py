"""Property tests: valid pieces survive a save/load round trip; nothing else ever crashes load.

Whatever bytes or values a file holds, loading either gives a Composition or raises ProjectError.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import compositions
from tonewell.io.project import (
    ProjectError,
    composition_from_dict,
    composition_to_dict,
    project_from_bytes,
    project_to_bytes,
)
from tonewell.model import (
    Clip,
    Composition,
    Key,
    LoopRegion,
    Note,
    TempoChange,
    TempoMap,
    TimeSignature,
    Track,
)

BASE = Composition(
    title="Base",
    tempo_map=TempoMap((TempoChange(0, 80.0), TempoChange(960, 100.5))),
    time_signature=TimeSignature(7, 8),
    key=Key(3, "blues"),
    tracks=(
        Track("Keys", program=4, clips=(
            Clip("A", (Note(0, 60, 240, 80), Note(240, 64, 240)), length_bars=2, repeats=3),
        )),
        Track("Drums", is_drum=True, mute=True, clips=(
            Clip("Beat", (Note(0, 36, 60), Note(420, 38, 60, 127)), start_tick=1680),
        )),
    ),
    loop=LoopRegion(0, 3360, True),
    metadata={"prompt": "rain", "tags": ["calm", 1, 2.5, None, True], "deep": {"x": {}}},
    uid="f" * 32,
)
"""A small piece with every kind of field, the starting point for mutations (drawing whole
random pieces for every mutation would make these tests slow without finding more)."""

wrong_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([-1, 0, 1, 12, 127, 128, 1024, 2**31, 2**63, 10**400]),
    st.floats(),
    st.text(max_size=8),
    st.lists(st.integers(-2, 200), max_size=5),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)
"""Values of the wrong type or out of range for most fields (10**400 and NaN included)."""


def all_paths(value: object, prefix: tuple = ()) -> list[tuple]:
    """The path of every value inside a decoded JSON document (keys and list indexes)."""
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += all_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += all_paths(item, (*prefix, i))
    return out


def load_or_refuse(action) -> Composition | None:
    try:
        return action()
    except ProjectError:
        return None


@settings(max_examples=40, deadline=None)
@given(compositions())
def test_a_valid_piece_survives_json_and_back(comp):
    assert project_from_bytes(project_to_bytes(comp)) == comp


@settings(max_examples=15, deadline=None)
@given(compositions())
def test_the_dict_survives_plain_json_too(comp):
    text = json.dumps(composition_to_dict(comp))
    assert composition_from_dict(json.loads(text)) == comp


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_load_or_raise_project_error(data):
    load_or_refuse(lambda: project_from_bytes(data))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_bytes_flipped_inserted_or_deleted_load_or_raise_project_error(data):
    raw = bytearray(project_to_bytes(BASE))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        edit = data.draw(st.sampled_from(["flip", "insert", "delete"]))
        if edit == "flip":
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
        elif edit == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=4))
        else:
            del raw[at : at + data.draw(st.integers(1, 8))]
    load_or_refuse(lambda: project_from_bytes(bytes(raw)))


def mutate(doc: dict, data: st.DataObject) -> dict:
    """`doc` with one value replaced by a wrong one, removed, or an unknown key added."""
    path = data.draw(st.sampled_from(all_paths(doc)))
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    edit = data.draw(st.sampled_from(["replace", "replace", "remove", "add-key"]))
    if edit == "replace":
        parent[path[-1]] = data.draw(wrong_values)
    elif edit == "remove":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[data.draw(st.text(max_size=6))] = data.draw(wrong_values)
    return doc


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_wrong_values_in_the_dict_load_or_raise_project_error(data):
    doc = mutate(composition_to_dict(BASE), data)
    load_or_refuse(lambda: composition_from_dict(doc))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_wrong_values_in_the_file_load_or_raise_project_error(data):
    doc = mutate(composition_to_dict(BASE), data)
    try:
        raw = json.dumps(doc).encode("utf-8", "surrogatepass")
    except ValueError:  # an integer too long for json to write: nothing to load
        return
    loaded = load_or_refuse(lambda: project_from_bytes(raw))
    if loaded is not None:  # whatever opens can be saved and opened again unchanged
        assert project_from_bytes(project_to_bytes(loaded)) == loaded
