"""The on-screen keyboard under the piano roll: play with the mouse or a finger.

Click a key to play it, drag across keys for a glissando; where the key is struck sets the
velocity (near its far end softly, near the player loudly). Keys light up while they sound,
from any input (a MIDI keyboard, the computer keys, the mouse), and with a scale lock on, the
keys that play a tone of the scale as they are carry a dot (not colour alone). Keys are at least
`MIN_WHITE_KEY_PX` wide at 100 % and grow with the UI scale, for a mouse or a touch screen.

It plays through the same router as a MIDI keyboard (`KeyPlayer`, the window's `MidiShell`), so
the scale lock and the velocity curve apply here too. The panel around it (octave buttons and
the "Play keys" toggle) is `ui.keyboard_panel.KeyboardPanel`.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from tonewell.midi.scale_lock import ScaleLock
from tonewell.model.scales import pitch_name
from tonewell.ui import theme
from tonewell.ui.midi_input import SCREEN_DEVICE

WHITE_KEY_PX = 30
"""The width a white key aims for at 100 %; the keys share the width exactly, so they are
between this and twice this wide."""
MIN_WHITE_KEY_PX = 24
KEYBOARD_HEIGHT_PX = 92
MIN_KEYBOARD_HEIGHT_PX = 64
BLACK_WIDTH_SHARE = 0.6
BLACK_HEIGHT_SHARE = 0.62
SOFTEST_VELOCITY = 24
LOUDEST_VELOCITY = 127
"""Velocity struck at the far end of a key and at its near end (the linear range between)."""
MIDDLE_C = 60
"""Until the octave is changed, the keys shown are centred on middle C."""
LIGHTS_INTERVAL_MS = 40
"""How often the lights follow keys held on other inputs (a MIDI keyboard's thread)."""
WHITE_CLASSES = (0, 2, 4, 5, 7, 9, 11)


class KeyPlayer(Protocol):
    """What the keyboard plays through (the window's `MidiShell`)."""

    def press(self, device: str, key: int, velocity: int) -> None: ...

    def release(self, device: str, key: int) -> None: ...

    def release_device(self, device: str) -> None: ...

    def sounding_keys(self) -> frozenset[int]: ...

    @property
    def scale_lock(self) -> ScaleLock: ...


def is_black(key: int) -> bool:
    return key % 12 not in WHITE_CLASSES


def velocity_at(depth: float) -> int:
    """Velocity for a key struck at `depth` (0 = its far end, 1 = its near end)."""
    depth = min(max(depth, 0.0), 1.0)
    return round(SOFTEST_VELOCITY + (LOUDEST_VELOCITY - SOFTEST_VELOCITY) * depth)


class OnScreenKeyboard(QWidget):
    """Piano keys from `first_key` (a C) across the width. Never takes the keyboard focus, so
    the piano roll keeps it (and the computer keys keep working) while the mouse plays."""

    first_key_changed = Signal(int)

    def __init__(self, player: KeyPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onScreenKeyboard")
        self.setAccessibleName("On-screen keyboard")
        self.setAccessibleDescription(
            "Click or touch a key to play it, drag across keys to glide. Strike near the "
            "bottom of a key to play louder. Keys light up while they sound; with a scale "
            "lock, dots mark the keys of the scale.")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.player = player
        self.first_key = MIDDLE_C
        self._octave_chosen = False
        self.letters: dict[int, str] = {}
        """Key -> computer key letter shown on it (while the computer keys play)."""
        self._down: int | None = None
        self._lit: frozenset[int] = frozenset()
        self._lights = QTimer(self)
        self._lights.setInterval(LIGHTS_INTERVAL_MS)
        self._lights.timeout.connect(self.refresh_lights)
        self.rescale()
        theme.changes().changed.connect(self.rescale)

    # --- sizes and layout -----------------------------------------------------------------------

    def rescale(self) -> None:
        self.setMinimumHeight(theme.scaled_px(MIN_KEYBOARD_HEIGHT_PX))
        self.setMinimumWidth(7 * theme.scaled_px(MIN_WHITE_KEY_PX))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(21 * theme.scaled_px(WHITE_KEY_PX), theme.scaled_px(KEYBOARD_HEIGHT_PX))

    def white_count(self) -> int:
        """White keys shown: as many `WHITE_KEY_PX`-wide keys as fit (at least one octave)."""
        return max(7, self.width() // max(1, theme.scaled_px(WHITE_KEY_PX)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        if not self._octave_chosen:  # middle C in the middle until an octave is chosen
            octaves = self.white_count() // 7
            self._move_to(MIDDLE_C - 12 * (octaves // 2))

    def white_keys(self) -> list[int]:
        keys: list[int] = []
        key = self.first_key
        while len(keys) < self.white_count() and key <= 127:
            if not is_black(key):
                keys.append(key)
            key += 1
        return keys

    def white_width(self) -> float:
        return self.width() / self.white_count()

    def last_key(self) -> int:
        whites = self.white_keys()
        return whites[-1] if whites else self.first_key

    def key_rect(self, key: int) -> QRectF | None:
        """Where `key` is drawn, or None when it is not shown."""
        whites = self.white_keys()
        w, h = self.white_width(), float(self.height())
        if not is_black(key):
            if key not in whites:
                return None
            return QRectF(whites.index(key) * w, 0, w, h)
        left = key - 1
        if left not in whites or key > self.last_key():
            return None
        bw = w * BLACK_WIDTH_SHARE
        x = (whites.index(left) + 1) * w - bw / 2
        return QRectF(x, 0, bw, h * BLACK_HEIGHT_SHARE)

    def key_at(self, pos: QPointF) -> int | None:
        """The key under `pos` (a black key wins where it lies over a white one)."""
        if not self.rect().contains(pos.toPoint()):
            return None
        whites = self.white_keys()
        index = int(pos.x() // self.white_width())
        if not 0 <= index < len(whites):
            return None
        white = whites[index]
        for black in (white - 1, white + 1):
            if 0 <= black <= 127 and is_black(black):
                rect = self.key_rect(black)
                if rect is not None and rect.contains(pos):
                    return black
        return white

    def point_in(self, key: int, depth: float = 0.5) -> QPointF:
        """A point on `key` at `depth` of its length (0 far end, 1 near end), for tests."""
        rect = self.key_rect(key)
        assert rect is not None, f"key {key} is not shown"
        return QPointF(rect.center().x(), rect.top() + rect.height() * min(depth, 0.98))

    def velocity_for(self, key: int, pos: QPointF) -> int:
        rect = self.key_rect(key)
        return velocity_at(0.5 if rect is None else (pos.y() - rect.top()) / rect.height())

    # --- octaves --------------------------------------------------------------------------------

    def set_first_key(self, key: int) -> None:
        """Start the keys at the C at or below `key` (kept inside 0..127)."""
        self._octave_chosen = True
        self._move_to(key)

    def _move_to(self, key: int) -> None:
        key = min(max(key - key % 12, 0), 120)
        if key != self.first_key:
            self.first_key = key
            self.first_key_changed.emit(key)
            self.update()

    def shift_octaves(self, octaves: int) -> None:
        self.set_first_key(self.first_key + 12 * octaves)

    def show_keys(self, low: int, high: int) -> None:
        """Shift by octaves until the keys `low`..`high` show (as far as the width allows)."""
        if low < self.first_key:
            self.set_first_key(low)
        elif high > self.last_key():
            octaves = -(-(high - self.last_key()) // 12)
            self.set_first_key(min(self.first_key + 12 * octaves, low))

    # --- playing --------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._strike(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            key = self.key_at(event.position())
            if key != self._down:  # a glide onto the next key
                self._let_go()
                self._strike(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._let_go()

    def _strike(self, pos: QPointF) -> None:
        key = self.key_at(pos)
        if key is None:
            return
        self._down = key
        self.player.press(SCREEN_DEVICE, key, self.velocity_for(key, pos))
        self.refresh_lights()

    def _let_go(self) -> None:
        key, self._down = self._down, None
        if key is not None:
            self.player.release(SCREEN_DEVICE, key)
            self.refresh_lights()

    def forget(self) -> None:
        """Everything was released elsewhere (panic): no key is down any more."""
        self._down = None
        self.refresh_lights()

    # --- lights ---------------------------------------------------------------------------------

    def lit_keys(self) -> frozenset[int]:
        return self._lit

    def refresh_lights(self) -> None:
        lit = self.player.sounding_keys()
        if lit != self._lit:
            self._lit = lit
            self.update()

    def showEvent(self, event: object) -> None:
        self._lights.start()
        self.refresh_lights()

    def hideEvent(self, event: object) -> None:
        self._lights.stop()

    # --- drawing --------------------------------------------------------------------------------

    def scale_keys(self) -> frozenset[int]:
        """Keys marked with a dot: those playing a scale tone as they are, with a lock on."""
        lock = self.player.scale_lock
        return frozenset() if lock.lock == "off" else lock.active_keys

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = theme.palette()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(pal.paper))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        marked = self.scale_keys()
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
        p.setFont(font)
        whites = self.white_keys()
        blacks = [k + 1 for k in whites if k + 1 <= self.last_key() and is_black(k + 1)]
        for key in (*whites, *blacks):
            rect = self.key_rect(key)
            if rect is None:
                continue
            black, lit = is_black(key), key in self._lit
            if lit:
                fill, text = pal.strong, pal.on_strong
            elif black:
                fill, text = pal.black_key, pal.key_name_on_black
            else:
                fill, text = pal.white_key, pal.key_name
            p.setPen(QPen(QColor(pal.edge), 1))
            p.setBrush(QColor(fill))
            radius = min(4.0, rect.width() / 6)
            p.drawRoundedRect(rect.adjusted(0.5, -radius, -0.5, -0.5), radius, radius)
            self._label(p, key, rect, QColor(text))
            if key in marked:
                self._dot(p, rect, QColor(text if lit or black else pal.strong), black)

    def _label(self, p: QPainter, key: int, rect: QRectF, colour: QColor) -> None:
        """The computer key's letter near the top; a C's name at the bottom."""
        p.setPen(colour)
        pad = rect.width() * 0.1
        letter = self.letters.get(key)
        if letter:
            box = QRectF(rect.left(), rect.top() + pad, rect.width(), rect.height() * 0.3)
            p.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, letter)
        if key % 12 == 0:
            box = rect.adjusted(0, 0, 0, -pad)
            p.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                       pitch_name(key))

    def _dot(self, p: QPainter, rect: QRectF, colour: QColor, black: bool) -> None:
        """The scale mark: on a black key near its end, on a white key below the black keys."""
        r = max(2.5, rect.width() * 0.12)
        cx = rect.center().x()
        cy = rect.bottom() - 2.5 * r if black else rect.height() * (BLACK_HEIGHT_SHARE + 0.12)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawEllipse(QPointF(cx, cy), r, r)
