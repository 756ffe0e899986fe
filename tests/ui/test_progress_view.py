"""Journal › Progress…: the plots build for 0, 1 and 30 sessions, say their data as text,
follow the look, and the keyboard reaches every part."""

from __future__ import annotations

from datetime import UTC

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from journal_sessions import fill_journal, session
from tonewell.ui import theme
from tonewell.ui.palettes import PALETTES
from tonewell.ui.progress_view import ProgressView
from tonewell.ui.settings import DisplaySettings

from .helpers import accessible_name


def make_view(qtbot, count: int) -> ProgressView:
    view = ProgressView([session(n) for n in range(count)], tz=UTC)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_an_empty_journal_is_a_warm_line_and_no_axes(qtbot):
    view = make_view(qtbot, 0)
    assert view.objectName() == "progressView" and accessible_name(view) == "Progress"
    assert view.plots == []
    assert view.summary.text().startswith("No sessions in your journal yet.")
    assert view.summary.accessibleDescription() == view.summary.text()


def test_one_session(qtbot):
    view = make_view(qtbot, 1)
    assert len(view.plots) == 4
    before, after = (item for item, _colour, _style in view.stress_items)
    assert list(before.yData) == [5] and list(after.yData) == [2]
    assert view.stress_plot.accessibleDescription().endswith("5 Oct: 5 before, 2 after.")
    assert "1 session, on 5 Oct 2026" in view.accessibleDescription()


def test_thirty_sessions_with_skipped_ratings_left_out(qtbot):
    view = make_view(qtbot, 30)
    before, _after = (item for item, _colour, _style in view.stress_items)
    skipped_before = sum(1 for n in range(30) if n % 7 == 3)
    assert len(before.yData) == 30 - skipped_before  # no zeros for skipped ratings
    assert min(before.yData) >= 5
    weeks = view.progress.weeks
    assert list(view.sessions_bars.opts["height"]) == [w.sessions for w in weeks]
    assert sum(view.sessions_bars.opts["height"]) == 30
    assert "Week of 5 Oct: 3 sessions" in view.minutes_plot.accessibleDescription()
    assert "Arrival groove: 6 times." in view.prompts_plot.accessibleDescription()
    assert "skipped before" in view.stress_plot.accessibleDescription()


def test_tab_reaches_every_plot_and_escape_closes(qtbot):
    view = make_view(qtbot, 5)
    view.activateWindow()
    qtbot.waitActive(view)
    view.summary.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.summary)
    seen = []
    for _ in range(8):
        seen.append(QApplication.focusWidget().objectName())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    for name in ("progressSummary", "stressPlot", "minutesPlot", "sessionsPlot", "promptsPlot"):
        assert name in seen
    assert all(accessible_name(plot) for plot in view.plots)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not view.isVisible()


@pytest.mark.parametrize("look", ["dark", "high-contrast"])
def test_plots_follow_the_look_and_scale(qtbot, qapp, restore_look, look):
    theme.apply_theme(qapp, DisplaySettings(theme=look, scale_percent=175))
    view = make_view(qtbot, 12)
    pal = PALETTES[look]
    assert view.stress_plot.backgroundBrush().color().name() == pal.card
    axis_font = view.stress_plot.getAxis("left").style["tickFont"]
    assert axis_font.pointSizeF() == pytest.approx(qapp.font().pointSizeF())
    assert view.minutes_plot.minimumHeight() == theme.scaled_px(200) > 200


def test_opened_from_the_journal_menu(window, qtbot):
    fill_journal(4)
    action = window.menus.progress
    assert action.objectName() == "progressAction"
    journal_menu = window.menuBar().findChild(QMenu, "journalMenu")
    assert action in journal_menu.actions()
    action.trigger()
    view = window.findChild(ProgressView, "progressView")
    assert view is not None and view.progress.session_count == 4
    view.close()
