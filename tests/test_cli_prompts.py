"""`tonewell prompts`: every prompt with its source, and `--check FILE` for a pack."""

from __future__ import annotations

import json

from tonewell.cli import main


def test_lists_built_in_prompts_and_a_users_pack(tonewell_home, capsys):
    packs = tonewell_home / "prompts"
    packs.mkdir(parents=True)
    pack = {"format": 1, "prompts": [{"id": "sea", "title": "Sea", "purpose": "Waves.",
                                      "arc": "make", "steps": [{"text": "Play."}]}]}
    (packs / "mine.json").write_text(json.dumps(pack), encoding="utf-8")
    (packs / "torn.json").write_text("{", encoding="utf-8")
    assert main(["prompts"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 13
    assert any(line.startswith("arrival-groove") and "(built-in)" in line for line in lines)
    assert any(line.startswith("sea ") and "mine.json" in line for line in lines)
    assert "torn.json" in err


def test_check_a_good_pack(tmp_path, capsys):
    path = tmp_path / "good.json"
    path.write_text(json.dumps({"format": 1, "prompts": [
        {"id": "a", "title": "A", "purpose": "P.", "arc": "reflect", "steps": [{"text": "T."}]}
    ]}), encoding="utf-8")
    assert main(["prompts", "--check", str(path)]) == 0
    assert "1 prompts, all usable" in capsys.readouterr().out


def test_check_a_broken_pack_names_each_problem_and_exits_2(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"format": 1, "prompts": [
        {"id": "a", "title": "A", "purpose": "P.", "arc": "nap",
         "steps": [{"text": "T.", "goal": {"notes": -2}}]}
    ]}), encoding="utf-8")
    assert main(["prompts", "--check", str(path)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{path}: prompt a: arc: must be one of: check-in, warm-up, make, shape, reflect, "
        "check-out",
        f"{path}: prompt a: steps[0].goal.notes: must not be negative",
    ]


def test_check_a_missing_file_exits_2(tmp_path, capsys):
    assert main(["prompts", "--check", str(tmp_path / "nowhere.json")]) == 2
    assert "nowhere.json: prompt ?: file: could not be read" in capsys.readouterr().out
