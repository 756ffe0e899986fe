"""The window starts without the plotting library: pyqtgraph and numpy take about 0.3 s to
import, and only Journal › Progress… needs them."""

from __future__ import annotations

import subprocess
import sys


def test_the_window_module_does_not_import_the_plots():
    code = ("import sys, tonewell.ui.main_window, tonewell.app; "
            "print('pyqtgraph' in sys.modules, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
