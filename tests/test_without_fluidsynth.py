"""Without libfluidsynth Tonewell still starts, converts and describes files: FluidSynth is
imported only when sound is made, and its absence is one plain message saying how to install it.

Each check runs in a fresh interpreter where `import fluidsynth` fails (as it does when
pyfluidsynth cannot find the C library), so nothing imported earlier in the test session hides
a module-level import.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import tonewell
from tonewell.io.formats import save_any
from tonewell.model import Clip, Composition, Note, Track

HIDE_FLUIDSYNTH = "import sys; sys.modules['fluidsynth'] = None  # import fluidsynth fails\n"


def run_without_fluidsynth(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    script = HIDE_FLUIDSYNTH + textwrap.dedent(code)
    src = str(Path(tonewell.__file__).resolve().parents[1])  # this very tonewell
    path = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH", "")) if p)
    env = os.environ | {"PYTHONPATH": path, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env=env,
    )


def piece() -> Composition:
    notes = tuple(Note(i * 480, 60 + i, 400) for i in range(4))
    return Composition(title="Quiet piece", tracks=(Track("Melody", clips=(Clip("A", notes),)),))


def test_every_module_imports_without_fluidsynth(tmp_path: Path) -> None:
    result = run_without_fluidsynth(
        """
        import pkgutil, tonewell
        for m in pkgutil.walk_packages(tonewell.__path__, "tonewell."):
            if m.name != "tonewell.__main__":  # that one starts the app
                __import__(m.name)
        assert sys.modules["fluidsynth"] is None
        print("ok")
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_convert_and_info_work_without_fluidsynth(tmp_path: Path) -> None:
    save_any(piece(), tmp_path / "piece.tonewell")
    result = run_without_fluidsynth(
        """
        from tonewell.cli import main
        assert main(["convert", "piece.tonewell", "piece.mid"]) == 0
        assert main(["info", "piece.mid"]) == 0
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "piece.mid").stat().st_size > 0
    assert "Notes:" in result.stdout


def test_render_says_plainly_that_sound_needs_fluidsynth(tmp_path: Path) -> None:
    save_any(piece(), tmp_path / "piece.tonewell")
    result = run_without_fluidsynth(
        """
        from tonewell.cli import main
        sys.exit(main(["render", "piece.tonewell", "-o", "piece.wav"]))
        """,
        tmp_path,
    )
    assert result.returncode == 2
    assert "apt-get install libfluidsynth3" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "piece.wav").exists()
