"""The .tonewell format: what is written, what is refused and how, migrations and limits."""

from __future__ import annotations

import json

import pytest

from tonewell.errors import FileProblem
from tonewell.io import project, project_read
from tonewell.io.project import (
    CURRENT_VERSION,
    InvalidField,
    ProjectError,
    composition_from_dict,
    composition_to_dict,
    load_project,
    project_from_bytes,
    save_project,
)
from tonewell.model import (
    CC_EXPRESSION,
    CC_SUSTAIN,
    Clip,
    Composition,
    ControlPoint,
    Key,
    LoopRegion,
    Note,
    TempoChange,
    TempoMap,
    TimeSignature,
    Track,
)

NOT_A_PROJECT = "is not a Tonewell project, or it is damaged"


def piece() -> Composition:
    notes = [Note(i * 120, 60 + i % 12, 120, 90) for i in range(20)]
    return Composition(
        title="Morning — café",
        tempo_map=TempoMap((TempoChange(0, 96.0), TempoChange(1920, 72.5))),
        time_signature=TimeSignature(3, 4),
        key=Key(9, "natural minor"),
        tracks=(
            Track("Piano", program=0, clips=(Clip("A", notes=tuple(notes[:5])),)),
            Track("Drums", is_drum=True, volume=90, pan=30, mute=True),
            Track(
                "Strings",
                program=48,
                solo=True,
                clips=(Clip("Loop", notes=tuple(notes), length_bars=4, start_tick=1440,
                            repeats=3),),
            ),
        ),
        loop=LoopRegion(0, 5760, True),
        created="2026-01-02T03:04:05Z",
        modified="2026-01-02T04:05:06Z",
        metadata={"mood": "calm", "scores": [1, 2.5, None, True], "nested": {"a": {}}},
        uid="0123456789abcdef0123456789abcdef",
    )


def valid_dict() -> dict:
    return composition_to_dict(piece())


def problem(data: object) -> str:
    with pytest.raises(ProjectError) as caught:
        composition_from_dict(data)
    return str(caught.value)


def test_save_then_load_gives_the_same_composition(tmp_path):
    path = tmp_path / "piece.tonewell"
    save_project(piece(), path)
    assert load_project(path) == piece()


def test_the_file_names_its_format_version_and_ppq(tmp_path):
    path = tmp_path / "piece.tonewell"
    save_project(piece(), path)
    data = json.loads(path.read_text("utf-8"))
    assert (data["format"], data["version"], data["ppq"]) == ("tonewell", 2, 480)


def test_the_file_is_the_dict_as_indented_sorted_json_with_a_final_newline(tmp_path):
    path = tmp_path / "piece.tonewell"
    save_project(piece(), path)
    text = path.read_text("utf-8")
    doc = composition_to_dict(piece())
    assert json.loads(text) == doc
    assert text.startswith('{\n  "composition": {\n')
    assert text.endswith("}\n")
    assert list(json.loads(text)) == sorted(doc)


def test_text_is_written_as_utf8_not_escaped(tmp_path):
    path = tmp_path / "piece.tonewell"
    save_project(piece(), path)
    assert "Morning — café" in path.read_text("utf-8")


def test_each_note_is_one_line_of_start_pitch_length_velocity(tmp_path):
    path = tmp_path / "piece.tonewell"
    save_project(piece(), path)
    assert "\n              [0, 60, 120, 90],\n" in path.read_text("utf-8")


def test_saving_twice_gives_identical_bytes(tmp_path):
    first, second = tmp_path / "a.tonewell", tmp_path / "b.tonewell"
    save_project(piece(), first)
    save_project(piece(), second)
    assert first.read_bytes() == second.read_bytes()


def test_saving_over_a_project_keeps_a_backup(tmp_path):
    path = tmp_path / "piece.tonewell"
    save_project(piece(), path)
    before = path.read_bytes()
    save_project(Composition(title="Other"), path)
    assert (tmp_path / "piece.tonewell.bak").read_bytes() == before


def test_a_float_where_a_tick_belongs_cannot_be_saved(tmp_path):
    bad = Composition(tracks=(Track(clips=(Clip(notes=(Note(1.5, 60, 10),)),)),))
    with pytest.raises(project.SaveError, match="cannot be written"):
        save_project(bad, tmp_path / "bad.tonewell")
    assert not (tmp_path / "bad.tonewell").exists()


def test_metadata_json_cannot_hold_is_a_save_error(tmp_path):
    with pytest.raises(project.SaveError):
        save_project(Composition(metadata={"x": {1, 2}}), tmp_path / "bad.tonewell")


# --------------------------------------------------------------------------- strict checks


def test_a_bad_field_is_named_by_its_path():
    data = valid_dict()
    data["composition"]["tracks"][2]["clips"][0]["notes"][17][1] = 200
    assert problem(data) == "tracks[2].clips[0].notes[17].pitch: 200 is not in 0..127"


def test_invalid_field_carries_where_and_problem():
    data = valid_dict()
    data["composition"]["tracks"][0]["pan"] = 128
    with pytest.raises(InvalidField) as caught:
        composition_from_dict(data)
    assert (caught.value.where, caught.value.problem) == ("tracks[0].pan", "128 is not in 0..127")


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("tracks", 0, "program"), True, "tracks[0].program: true is not a whole number"),
        (("tracks", 0, "clips", 0, "start_tick"), 1.0,
         "tracks[0].clips[0].start_tick: 1.0 is not a whole number"),
        (("tempo_map", 0, "bpm"), "96", 'tempo_map[0].bpm: "96" is not a number'),
        (("tempo_map", 0, "bpm"), 500, "tempo_map[0].bpm: 500 is not in 10..400"),
        (("tracks", 1, "mute"), 1, "tracks[1].mute: 1 is not true or false"),
        (("key", "mode"), "lydian", 'key.mode: "lydian" is not a mode Tonewell knows'),
        (("key", "tonic"), 12, "key.tonic: 12 is not in 0..11"),
        (("time_signature", "denominator"), 3,
         "time_signature.denominator: 3 is not 1, 2, 4, 8, 16 or 32"),
        (("tracks", 0, "clips", 0, "notes", 0, 2), 0,
         "tracks[0].clips[0].notes[0].length_ticks: 0 is less than 1"),
        (("tracks", 0, "clips", 0, "notes", 0, 3), 0,
         "tracks[0].clips[0].notes[0].velocity: 0 is not in 1..127"),
        (("tracks", 0, "clips", 0, "notes", 0), [0, 60, 10],
         "tracks[0].clips[0].notes[0]: has 3 values, not 4"),
        (("tracks", 0, "clips", 0, "notes", 0), {"start": 0},
         "tracks[0].clips[0].notes[0]: an object is not a note"),
        (("tracks", 0, "clips", 0, "repeats"), 1000,
         "tracks[0].clips[0].repeats: 1000 is not in 1..999"),
        (("tracks", 0, "clips"), {}, "tracks[0].clips: an object is not a list"),
        (("tracks", 0, "name"), None, "tracks[0].name: null is not text"),
        (("title",), "\ud800", "title: holds characters that are not valid text"),
        (("uid",), "../../etc", 'uid: "../../etc" is not an identifier'),
        (("created",), "yesterday", 'created: "yesterday" is not a date and time'),
        (("loop", "start_tick"), -480, "loop.start_tick: -480 is less than 0"),
        (("metadata",), [], "metadata: a list is not an object"),
        (("tempo_map",), [], "tempo_map: is empty"),
        (("tempo_map", 0, "tick"), 5, "tempo_map: has no tempo at tick 0"),
        (("tempo_map", 1, "tick"), 0, "tempo_map[1].tick: 0 already has a tempo (tempo_map[0])"),
    ],
)
def test_a_wrong_value_is_refused_with_a_plain_message(path, value, message):
    data = valid_dict()
    parent = data["composition"]
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    assert problem(data).startswith(message)


def test_a_loop_ending_before_it_starts_is_refused():
    data = valid_dict()
    data["composition"]["loop"].update(start_tick=960, end_tick=480)
    assert problem(data) == "loop.end_tick: is before loop.start_tick"


def test_a_missing_field_is_named():
    data = valid_dict()
    del data["composition"]["tracks"][1]["volume"]
    assert problem(data) == "tracks[1].volume: missing"


def test_an_unknown_field_is_refused():
    data = valid_dict()
    data["composition"]["tracks"][0]["shade"] = "red"
    assert problem(data) == "tracks[0].shade: unknown field"


def test_a_track_colour_is_kept_and_checked():
    data = valid_dict()
    data["composition"]["tracks"][0]["colour"] = "#5E8C7A"
    assert composition_from_dict(data).tracks[0].colour == "#5E8C7A"
    data["composition"]["tracks"][0]["colour"] = "red"
    assert problem(data) == 'tracks[0].colour: "red" is not a colour like #5e8c7a (or empty)'


def test_a_composition_that_is_not_an_object_is_refused():
    data = valid_dict()
    data["composition"] = [1]
    assert problem(data) == "composition: a list is not an object"


def test_metadata_nested_too_deeply_is_refused():
    data = valid_dict()
    deep: dict = {}
    data["composition"]["metadata"] = {"x": deep}
    for _ in range(40):
        deep["x"] = {}
        deep = deep["x"]
    assert "is nested more than 32 levels deep" in problem(data)


def test_metadata_is_copied_not_shared():
    data = valid_dict()
    comp = composition_from_dict(data)
    data["composition"]["metadata"]["mood"] = "changed"
    assert comp.metadata["mood"] == "calm"


def test_with_a_file_name_the_message_says_which_file_and_that_it_is_damaged():
    data = valid_dict()
    data["composition"]["key"]["tonic"] = -1
    with pytest.raises(ProjectError) as caught:
        composition_from_dict(data, name="x.tonewell")
    assert str(caught.value) == (
        'Could not open "x.tonewell" because part of it is damaged: '
        "key.tonic: -1 is not in 0..11."
    )


# ----------------------------------------------------------------------- not a project at all


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe\x00garbage", b"{not json", b"[1, 2, 3]", b'"tonewell"',
     b'{"format": "midi", "version": 1}', b"MThd\x00\x00\x00\x06"],
    ids=["empty", "not-utf8", "not-json", "a-list", "a-string", "other-format", "a-midi-file"],
)
def test_what_is_not_a_project_is_refused_plainly(tmp_path, content):
    path = tmp_path / "x.tonewell"
    path.write_bytes(content)
    with pytest.raises(ProjectError) as caught:
        load_project(path)
    assert str(caught.value).startswith(f'"x.tonewell" {NOT_A_PROJECT}')


def test_a_json_nesting_bomb_is_refused_not_a_crash():
    with pytest.raises(ProjectError, match=NOT_A_PROJECT):
        project_from_bytes(b"[" * 200_000 + b"]" * 200_000)


def test_nan_is_refused():
    text = project.project_to_bytes(piece()).replace(b'"bpm": 96.0', b'"bpm": NaN')
    with pytest.raises(ProjectError, match=NOT_A_PROJECT):
        project_from_bytes(text)


def test_a_number_too_large_for_a_float_is_refused():
    text = project.project_to_bytes(piece()).replace(b'"bpm": 96.0', b'"bpm": 1e400')
    with pytest.raises(ProjectError, match="holds a number Tonewell cannot read"):
        project_from_bytes(text)


def test_a_utf8_byte_order_mark_is_accepted():
    assert project_from_bytes(b"\xef\xbb\xbf" + project.project_to_bytes(piece())) == piece()


def test_a_missing_file_is_explained(tmp_path):
    with pytest.raises(ProjectError, match=r'Could not find "gone\.tonewell"'):
        load_project(tmp_path / "gone.tonewell")


def test_a_folder_is_not_a_project(tmp_path):
    (tmp_path / "folder.tonewell").mkdir()
    with pytest.raises(ProjectError, match="is a folder"):
        load_project(tmp_path / "folder.tonewell")


def test_project_error_is_a_file_problem():
    assert issubclass(ProjectError, FileProblem)


# -------------------------------------------------------------------------------- limits


def test_a_file_over_64_mb_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.tonewell"
    with open(path, "wb") as file:
        file.truncate(64 * 1024 * 1024 + 1)
    with pytest.raises(ProjectError, match=r'"huge\.tonewell" is larger than 64 MB'):
        load_project(path)


def test_the_note_limit_is_a_million():
    assert project.MAX_NOTES == 1_000_000


def test_more_notes_than_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(project, "MAX_NOTES", 19)
    with pytest.raises(ProjectError, match="more than 19 notes"):
        composition_from_dict(valid_dict())


def test_more_than_256_tracks_are_refused():
    data = valid_dict()
    data["composition"]["tracks"] = [data["composition"]["tracks"][1]] * 257
    assert "more than 256 tracks" in problem(data)


def test_256_tracks_are_fine():
    data = valid_dict()
    data["composition"]["tracks"] = [data["composition"]["tracks"][1]] * 256
    assert len(composition_from_dict(data).tracks) == 256


# ------------------------------------------------------------------------ versions and ppq


def test_a_newer_version_is_refused_with_advice(tmp_path):
    data = valid_dict()
    data["version"] = 7
    path = tmp_path / "x.tonewell"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ProjectError) as caught:
        load_project(path)
    assert str(caught.value) == (
        '"x.tonewell" was made by a newer Tonewell (file version 7; this Tonewell reads up to '
        "version 2). Please update Tonewell to open it."
    )


def test_a_missing_version_is_refused():
    data = valid_dict()
    del data["version"]
    assert "does not say which version" in problem(data)


def test_an_unknown_older_version_is_refused():
    data = valid_dict()
    data["version"] = -1
    assert "file version -1, which this Tonewell cannot read" in problem(data)


def v0_document() -> dict:
    return {
        "format": "tonewell",
        "version": 0,
        "composition": {
            "title": "Draft",
            "bpm": 120,
            "time_signature": {"numerator": 6, "denominator": 8},
            "key": {"tonic": 2, "mode": "dorian"},
            "tracks": [{
                "name": "Flute", "program": 73, "is_drum": False, "volume": 100, "pan": 64,
                "mute": False, "solo": False,
                "clips": [{
                    "name": "A", "length_bars": 2, "start_tick": 0, "repeats": 2,
                    "notes": [{"start": 0, "pitch": 74, "duration": 240, "velocity": 80},
                              {"start": 240, "pitch": 76, "duration": 240}],
                }],
            }],
        },
    }


def test_a_version_0_draft_is_brought_up_to_date():
    comp = composition_from_dict(v0_document())
    assert comp.title == "Draft"
    assert comp.tempo_map == TempoMap.constant(120)
    assert comp.time_signature == TimeSignature(6, 8)
    assert comp.tracks[0].clips[0].notes == (Note(0, 74, 240, 80), Note(240, 76, 240, 100))
    assert comp.loop == LoopRegion() and comp.metadata == {}


def test_migration_leaves_the_given_document_unchanged():
    doc = v0_document()
    composition_from_dict(doc)
    assert doc == v0_document()


def test_loading_goes_through_the_migrations_table(monkeypatch):
    calls = []
    real = project.MIGRATIONS[0]

    def counting(doc):
        calls.append(doc["version"])
        return real(doc)

    monkeypatch.setitem(project.MIGRATIONS, 0, counting)
    composition_from_dict(v0_document())
    assert calls == [0]


def test_a_current_file_needs_no_migration(monkeypatch):
    monkeypatch.setitem(project.MIGRATIONS, 0, lambda doc: pytest.fail("migrated"))
    composition_from_dict(valid_dict())


def test_a_damaged_old_file_is_explained_not_crashed():
    doc = v0_document()
    doc["composition"]["tracks"][0]["clips"][0]["notes"][0] = "nonsense"
    assert problem(doc) == "tracks[0].clips[0].notes[0]: \"nonsense\" is not a note " \
        "[start_tick, pitch, length_ticks, velocity]"


def test_a_migration_that_stumbles_gives_a_project_error(monkeypatch):
    monkeypatch.setitem(project.MIGRATIONS, 0, lambda doc: doc["missing"])
    assert "could not be brought up to date" in problem(v0_document())


def test_a_file_at_another_ppq_is_rescaled():
    data = valid_dict()
    data["ppq"] = 960
    comp = data["composition"]
    comp["tempo_map"][1]["tick"] = 3840
    comp["loop"]["end_tick"] = 11520
    clip = comp["tracks"][0]["clips"][0]
    clip["start_tick"] = 960
    clip["notes"] = [[1920, 60, 1, 100]]
    loaded = composition_from_dict(data)
    assert loaded.tempo_map.changes[1].tick == 1920
    assert loaded.loop.end_tick == 5760
    assert loaded.tracks[0].clips[0].start_tick == 480
    assert loaded.tracks[0].clips[0].notes == (Note(960, 60, 1, 100),)


def test_a_ppq_out_of_range_is_refused():
    data = valid_dict()
    data["ppq"] = 0
    assert problem(data) == "ppq: 0 is not in 1..96000"


def test_current_version_is_2():
    assert CURRENT_VERSION == 2


# -------------------------------------------------------------------- controller curves (v2)


def test_controls_are_saved_and_read_back(tmp_path):
    clip = Clip("Swell", notes=(Note(0, 60, 480),), controls=(
        ControlPoint(0, CC_EXPRESSION, 40), ControlPoint(960, CC_EXPRESSION, 127),
        ControlPoint(0, CC_SUSTAIN, 127),
    ))
    comp = piece().with_tracks([Track("Piano", clips=(clip,))])
    path = tmp_path / "curves.tonewell"
    save_project(comp, path)
    assert '"controls": [\n' in path.read_text("utf-8")
    assert load_project(path) == comp


def test_a_version_1_file_gets_empty_controls_and_palette_colours():
    data = valid_dict()
    data["version"] = 1
    for track in data["composition"]["tracks"]:
        del track["colour"]
        for clip in track["clips"]:
            del clip["controls"]
    comp = composition_from_dict(data)
    assert all(c.controls == () for t in comp.tracks for c in t.clips)
    assert all(t.colour == "" for t in comp.tracks)
    assert comp == composition_from_dict(valid_dict())


@pytest.mark.parametrize(
    ("point", "message"),
    [
        ([0, 1, 64], "tracks[0].clips[0].controls[0].controller: 1 is not a controller Tonewell "
                     "keeps (7, 10, 11, 64)"),
        ([0, 7, 128], "tracks[0].clips[0].controls[0].value: 128 is not in 0..127"),
        ([-1, 7, 1], "tracks[0].clips[0].controls[0].tick: -1 is less than 0"),
        ([0, 7], "tracks[0].clips[0].controls[0]: has 2 values, not 3 (tick, controller, value)"),
        ("x", 'tracks[0].clips[0].controls[0]: "x" is not a point [tick, controller, value]'),
    ],
)
def test_a_bad_control_point_is_named_by_its_place(point, message):
    data = valid_dict()
    data["composition"]["tracks"][0]["clips"][0]["controls"] = [point]
    assert problem(data) == message


def test_two_values_at_one_tick_are_refused():
    data = valid_dict()
    data["composition"]["tracks"][0]["clips"][0]["controls"] = [[0, 7, 1], [0, 7, 2]]
    assert problem(data) == (
        "tracks[0].clips[0].controls[1]: controller 7 already has a value at tick 0"
    )


def test_more_control_points_than_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(project_read, "MAX_CONTROL_POINTS", 2)
    data = valid_dict()
    data["composition"]["tracks"][0]["clips"][0]["controls"] = [[0, 7, 1], [1, 7, 2], [2, 7, 3]]
    assert "more than 2 controller points" in problem(data)
