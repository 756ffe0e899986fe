"""The composition root's own duties: a stop signal closes the window through the event loop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QWidget

from tonewell.app import close_on_stop_signals

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_stop_signal_closes_the_window(qtbot, signame):
    signum = getattr(signal, signame)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    caught_outside = []

    def guard(signum, frame):  # only reached if no handler of ours is in place; never kill pytest
        caught_outside.append(signum)

    previous = signal.signal(signum, guard)
    try:
        restore = close_on_stop_signals(window)
        os.kill(os.getpid(), signum)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
        restore()
        assert caught_outside == []
        assert signal.getsignal(signum) is guard  # the previous handler is back
    finally:
        signal.signal(signum, previous)


WINDOW_UNTIL_CLOSED = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
from tonewell.app import close_on_stop_signals
app = QApplication([])
window = QWidget()
window.show()
close_on_stop_signals(window)
print("ready", flush=True)
sys.exit(app.exec())
"""


def test_a_stop_signal_reaches_a_window_in_qts_own_event_loop():
    proc = subprocess.Popen(
        [sys.executable, "-c", WINDOW_UNTIL_CLOSED], stdout=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0  # closed the window and left the loop, not killed
    finally:
        proc.kill()
        proc.wait()
