"""Journal › Progress…: the journal over time as three small plots and a few plain sentences.

Stress before and after each session (two series, a date axis), minutes and sessions per
week (bars, empty weeks as 0) and the prompts tried (horizontal bars). The numbers come from
`library.progress` (pure, tested there); this module only draws them with pyqtgraph, in the
look in use (light, dark or high contrast; fonts follow the UI scale). Every plot can be
reached with Tab and carries its data as text in its accessible description, so a screen
reader hears what the picture shows. An empty journal shows one warm line and no empty axes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tonewell.errors import UserFacingError
from tonewell.library.journal import Journal
from tonewell.library.progress import Progress, progress_of
from tonewell.library.records import SessionEntry
from tonewell.library.session_text import count_text
from tonewell.ui import theme
from tonewell.ui.messages import show_message
from tonewell.ui.palettes import TRACK_COLOURS, legible

SECONDS_PER_WEEK = 7 * 24 * 3600
LEGEND_ROOM = 2.2
"""Stress points of headroom above 10 that the legend sits in, so it never hides a point."""
MOST_WEEK_LABELS = 5
MOST_MARKED_POINTS = 80
"""Above this many sessions the stress lines carry no point markers (they would be a blur)."""
WEEKS_WITHOUT_YEAR = 40
BAR_WIDTH_OF_WEEK = 0.7
MOST_IN_TEXT = 30
"""A plot's description reads out at most this many sessions or weeks (the latest ones)."""
BEFORE_COLOUR, AFTER_COLOUR = TRACK_COLOURS[1], TRACK_COLOURS[0]  # apricot, dusk blue


def _short_day(day: date) -> str:
    return f"{day.day} {day:%b}"


def _month_year(day: date) -> str:
    return f"{day:%b %Y}"


def stress_text(shown: Progress) -> str:
    """The stress plot read out: `3 Nov: 7 before, 4 after.` for the latest sessions."""
    points = shown.stress[-MOST_IN_TEXT:]
    lead = "Stress from 0 to 10 before and after each session"
    if len(shown.stress) > len(points):
        lead += f", the latest {len(points)} of {len(shown.stress)}"
    parts = [
        f"{_short_day(p.started.date())}: "
        f"{'skipped' if p.before is None else p.before} before, "
        f"{'skipped' if p.after is None else p.after} after."
        for p in points
    ]
    return " ".join([lead + ".", *parts]) if parts else lead + ": not rated yet."


def weeks_text(shown: Progress) -> str:
    """The week plots read out: `Week of 2 Nov: 2 sessions, 45 minutes.`"""
    weeks = shown.weeks[-MOST_IN_TEXT:]
    lead = "Minutes and sessions per week"
    if len(shown.weeks) > len(weeks):
        lead += f", the latest {len(weeks)} weeks"
    parts = [
        f"Week of {_short_day(w.monday)}: {count_text(w.sessions, 'session')}, "
        f"{round(w.minutes)} minutes."
        for w in weeks
    ]
    return " ".join([lead + ".", *parts])


def prompts_text(shown: Progress) -> str:
    """The prompts plot read out: `Arrival groove: 3 times (first tried this week).`"""
    parts = [
        f"{p.title}: {count_text(p.times, 'time')}"
        + (" (first tried this week)." if p.new_in_latest_week else ".")
        for p in shown.prompts
    ]
    return " ".join(["Prompts tried.", *parts])


class ProgressView(QDialog):
    """The progress of `entries` (the journal's sessions), days in `tz` (local when None)."""

    def __init__(self, entries: Sequence[SessionEntry], parent: QWidget | None = None,
                 tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressView")
        self.setWindowTitle("Progress")
        self.setAccessibleName("Progress")
        self.progress = progress_of(entries, tz)
        summary_text = " ".join(self.progress.sentences)
        self.setAccessibleDescription(summary_text)
        self.plots: list[pg.PlotWidget] = []

        self.summary = QLabel("\n".join(self.progress.sentences))
        self.summary.setObjectName("progressSummary")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary")
        self.summary.setAccessibleDescription(summary_text)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("progressButtons")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if not self.progress.empty:
            layout.addWidget(self._plots_area(), 1)
        else:
            layout.addStretch(1)
        layout.addWidget(buttons)
        self._apply_look()
        theme.changes().changed.connect(self._apply_look)
        self.resize(theme.scaled_px(760), theme.scaled_px(700 if not self.progress.empty
                                                          else 220))

    # -- building --------------------------------------------------------------------------------

    def _plots_area(self) -> QScrollArea:
        shown = self.progress
        body = QWidget()
        column = QVBoxLayout(body)
        self.stress_plot = self._plot("stressPlot", "Stress before and after each session",
                                      stress_text(shown), date_axis=True)
        self.stress_plot.setLabel("left", "Stress (0–10)")
        self.stress_plot.setLabel("bottom", "Session date")
        self.stress_plot.setYRange(0, 10 + LEGEND_ROOM, padding=0.04)  # the legend sits on top
        self.stress_plot.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 11, 2)]])
        self._stress_series()
        column.addWidget(self._caption(self.stress_plot))
        column.addWidget(self.stress_plot)

        week_row = QHBoxLayout()
        week_description = weeks_text(shown)
        self.minutes_plot = self._plot("minutesPlot", "Minutes per week", week_description,
                                       date_axis=True)
        self.sessions_plot = self._plot("sessionsPlot", "Sessions per week", week_description,
                                        date_axis=True)
        for plot in (self.minutes_plot, self.sessions_plot):
            box = QVBoxLayout()
            box.addWidget(self._caption(plot))
            box.addWidget(plot)
            week_row.addLayout(box)
        self._week_bars()
        column.addLayout(week_row)

        self.prompts_plot = self._plot("promptsPlot", "Prompts tried", prompts_text(shown))
        self._prompt_bars()
        column.addWidget(self._caption(self.prompts_plot))
        column.addWidget(self.prompts_plot)

        area = QScrollArea()
        area.setObjectName("progressPlots")
        area.setAccessibleName("Progress plots")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setWidget(body)
        return area

    def _caption(self, plot: pg.PlotWidget) -> QLabel:
        label = QLabel(plot.accessibleName())
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        return label

    def _plot(self, name: str, title: str, description: str, *,
              date_axis: bool = False) -> pg.PlotWidget:
        axes = {"bottom": pg.DateAxisItem(orientation="bottom")} if date_axis else None
        plot = pg.PlotWidget(axisItems=axes)
        plot.setObjectName(name)
        plot.setAccessibleName(title)
        plot.setAccessibleDescription(description)
        plot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.showGrid(x=False, y=True, alpha=0.25)
        plot.setMinimumHeight(theme.scaled_px(200))
        self.plots.append(plot)
        return plot

    def _stress_series(self) -> None:
        plot = self.stress_plot
        self.legend = plot.addLegend(offset=(10, 4), colCount=2)
        points = self.progress.stress
        self.stress_items: list[tuple[pg.PlotDataItem, str, Qt.PenStyle]] = []
        for label, pick, symbol, colour, style in (
            ("Before the session", lambda p: p.before, "o", BEFORE_COLOUR, Qt.PenStyle.DashLine),
            ("After the session", lambda p: p.after, "s", AFTER_COLOUR, Qt.PenStyle.SolidLine),
        ):
            rated = [(p.started.timestamp(), pick(p)) for p in points if pick(p) is not None]
            item = plot.plot([x for x, _ in rated], [y for _, y in rated], name=label,
                             symbol=symbol if len(points) <= MOST_MARKED_POINTS else None,
                             symbolSize=theme.scaled_px(8), antialias=True)
            self.stress_items.append((item, colour, style))
        if points:
            first, last = points[0].started.timestamp(), points[-1].started.timestamp()
            pad = max(SECONDS_PER_WEEK / 2, (last - first) * 0.03)
            plot.setXRange(first - pad, last + pad, padding=0)

    def _week_bars(self) -> None:
        weeks = self.progress.weeks
        xs = list(range(len(weeks)))  # one slot per week; the axis names the Mondays
        short = len(weeks) <= WEEKS_WITHOUT_YEAR
        label = _short_day if short else _month_year  # "Mar 2031" is wider: fewer of them
        step = max(1, -(-len(weeks) // (MOST_WEEK_LABELS if short else 3)))
        ticks = [(i, label(w.monday)) for i, w in enumerate(weeks) if i % step == 0]
        self.minutes_bars = pg.BarGraphItem(x=xs, height=[w.minutes for w in weeks],
                                            width=BAR_WIDTH_OF_WEEK)
        self.sessions_bars = pg.BarGraphItem(x=xs, height=[w.sessions for w in weeks],
                                             width=BAR_WIDTH_OF_WEEK)
        self.minutes_plot.addItem(self.minutes_bars)
        self.sessions_plot.addItem(self.sessions_bars)
        self.minutes_plot.setLabel("left", "Minutes")
        self.sessions_plot.setLabel("left", "Sessions")
        most = max((w.sessions for w in weeks), default=1)
        self.sessions_plot.getAxis("left").setTickSpacing(major=max(1, round(most / 4)), minor=1)
        self.sessions_plot.setYRange(0, most, padding=0.08)
        self.minutes_plot.setYRange(0, max((w.minutes for w in weeks), default=1), padding=0.08)
        for plot in (self.minutes_plot, self.sessions_plot):
            plot.getAxis("bottom").setTicks([ticks, []])
            plot.setLabel("bottom", "Week starting")
            plot.setXRange(-0.6, len(weeks) - 0.4, padding=0)

    def _prompt_bars(self) -> None:
        prompts = self.progress.prompts
        plot = self.prompts_plot
        self.prompt_bars = pg.BarGraphItem(x0=0, y=list(range(len(prompts))), height=0.6,
                                           width=[p.times for p in prompts])
        plot.addItem(self.prompt_bars)
        self.prompt_names = [p.title + (" (new)" if p.new_in_latest_week else "")
                             for p in prompts]
        plot.getAxis("left").setTicks([list(enumerate(self.prompt_names))])
        plot.getAxis("bottom").setTickSpacing(major=max(1, round(prompts[0].times / 5)), minor=1)
        plot.setLabel("bottom", "Times tried")
        plot.getViewBox().invertY(True)
        plot.setYRange(-0.6, len(prompts) - 0.4, padding=0)
        plot.setXRange(0, prompts[0].times, padding=0.04)
        plot.showGrid(x=True, y=False, alpha=0.25)
        plot.setMinimumHeight(theme.scaled_px(70) + len(prompts) * theme.scaled_px(30))

    # -- the look --------------------------------------------------------------------------------

    def _apply_look(self) -> None:
        """Colours and fonts from the look in use (called again when it changes)."""
        pal = theme.palette()
        font = QFont(self.font())
        for plot in self.plots:
            plot.setBackground(QColor(pal.card))
            for side in ("left", "bottom"):
                axis = plot.getAxis(side)
                axis.setPen(pg.mkPen(pal.edge))
                axis.setTextPen(pg.mkPen(pal.soft_ink))
                axis.setStyle(tickFont=font)
                axis.label.setFont(font)
        if self.progress.empty:
            return
        # pyqtgraph keeps a fixed axis width; names longer than it would not be drawn at all.
        metrics = QFontMetrics(font)
        widest = max(metrics.horizontalAdvance(name) for name in self.prompt_names)
        self.prompts_plot.getAxis("left").setWidth(min(widest, theme.scaled_px(300)) + 16)
        line_px = max(2.0, 2.0 * theme.ui_scale())
        for item, colour, style in self.stress_items:
            shown = legible(colour, (pal.card,), pal.graphic_minimum, pal.ink)
            item.setPen(pg.mkPen(shown, width=line_px, style=style))
            item.setSymbolBrush(pg.mkBrush(shown))
            item.setSymbolPen(pg.mkPen(pal.card, width=1))
        self.legend.setBrush(pg.mkBrush(pal.card))
        self.legend.setPen(pg.mkPen(pal.line))
        for _sample, label in self.legend.items:  # the setters only reach labels added later
            label.setText(label.text, color=pal.ink, size=f"{font.pointSizeF():g}pt")
        bar_pen = pg.mkPen(pal.strong, width=1)
        for bars, fill in ((self.minutes_bars, pal.accent), (self.sessions_bars, pal.accent),
                           (self.prompt_bars, pal.accent)):
            bars.setOpts(brush=pg.mkBrush(fill), pen=bar_pen)


def open_progress(parent: QWidget) -> ProgressView | None:
    """Read the journal and show the progress view (non-modal); a journal that cannot be read
    is one calm message instead."""
    try:
        with Journal() as journal:
            entries = journal.sessions()
    except UserFacingError as err:
        show_message(parent, "Progress", "Tonewell could not read your journal just now.",
                     details=str(err), problem=True)
        return None
    view = ProgressView(entries, parent)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    view.show()
    return view

