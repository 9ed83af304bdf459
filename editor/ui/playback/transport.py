"""The transport bar: play/pause, seek slider, times, back/forward, speed, volume, media messages and the video host."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QDoubleSpinBox, QHBoxLayout, QLabel, QSizePolicy, QSlider, QSplitter, QStyle,
                               QStyleOptionSlider, QToolButton, QVBoxLayout, QWidget)

from editor.document import format_time
from editor.player import PlaybackState, Player
from editor.player.base import MAX_RATE, MIN_RATE

from ..actions import ActionId, ActionRegistry
from ..message_strip import MessageStrip
from ..settings import Settings

MEDIA_NAME_WIDTH = 220
VIDEO_HEIGHT = 270
# The skip actions, their direction and step size (the preference holding it in ms).
SKIP_ACTIONS = ((ActionId.BACK_2, "Back", "short"), (ActionId.FORWARD_2, "Forward", "short"),
                (ActionId.BACK_10, "Back", "long"), (ActionId.FORWARD_10, "Forward", "long"))


def clock_text(ms: int) -> str:
    """Milliseconds as m:ss below an hour, h:mm:ss from an hour on."""
    return format_time(max(0, int(ms)) // 1000)


def duration_text(ms: int, exact: bool) -> str:
    """The media's length as shown: "~1:03" while it is only the backend's estimate, "1:51" once exact."""
    return clock_text(ms) if exact or ms <= 0 else f"~{clock_text(ms)}"


def seconds_text(ms: int) -> str:
    """A duration in seconds as a person writes it: 2000 -> "2", 2500 -> "2.5"."""
    return f"{ms / 1000:g}"


def _action_tip(action) -> str:
    """An action's menu text with its first shortcut, e.g. "Play / Pause (Ctrl+Space)"."""
    text = action.text().replace("&", "")
    keys = action.shortcut().toString(QKeySequence.NativeText)
    return f"{text} ({keys})" if keys else text


class SeekSlider(QSlider):
    """A position slider that jumps to where it is clicked and asks to seek only on user action."""

    seekRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(Qt.Horizontal, parent)
        self.setSingleStep(1000)
        self.setPageStep(10000)
        self.sliderReleased.connect(lambda: self.seekRequested.emit(self.value()))
        self.actionTriggered.connect(self._on_action)

    def _on_action(self, action: int) -> None:
        """Keyboard and wheel steps seek at once; dragging seeks on release."""
        if action not in (QSlider.SliderNoAction, QSlider.SliderMove) and not self.isSliderDown():
            self.seekRequested.emit(self.sliderPosition())

    def mousePressEvent(self, event):
        """A left click off the handle moves the handle there, then the press drags it as usual."""
        if event.button() == Qt.LeftButton and self.maximum() > self.minimum():
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            handle = self.style().subControlRect(QStyle.CC_Slider, option, QStyle.SC_SliderHandle, self)
            point = event.position().toPoint()
            if not handle.contains(point):
                groove = self.style().subControlRect(QStyle.CC_Slider, option, QStyle.SC_SliderGroove, self)
                span = max(1, groove.width() - handle.width())
                offset = point.x() - groove.x() - handle.width() // 2
                self.setValue(QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), offset, span,
                                                             option.upsideDown))
        super().mousePressEvent(event)


class VideoHost(QWidget):
    """Holds the player's video surface, made when the player's media engine starts (in the app, after the window's
    first paint), before any media reaches it; visible only while the media has a picture."""

    def __init__(self, player: Player, parent=None):
        super().__init__(parent)
        self.player = player
        self.setObjectName("video_host")
        self.setMinimumSize(160, 90)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        player.when_started(lambda: self.layout().addWidget(player.video_widget()))
        player.videoAvailableChanged.connect(self.update_visibility)
        self.update_visibility()

    def update_visibility(self, *_args) -> None:
        """Show only with video, and never as a window of its own."""
        self.setVisible(self.player.has_video() and self.parentWidget() is not None)

    def sizeHint(self):
        return QSize(VIDEO_HEIGHT * 16 // 9, VIDEO_HEIGHT)

    def event(self, event):
        if event.type() == QEvent.ParentChange:
            self.update_visibility()
        return super().event(event)


class TransportBar(QWidget):
    """Playback controls bound to a Player; speed and volume persist in Settings; no shortcuts of its own."""

    def __init__(self, player: Player, settings: Settings, parent=None):
        super().__init__(parent)
        self.player = player
        self.settings = settings
        self.setObjectName("transport")

        self._bound_play_tip = ""
        self._registry: ActionRegistry | None = None
        self._loaded_path: str | None = None
        self._exact_ms = 0            # the length decoded from the media itself (0: only the backend's estimate)
        self.messages = MessageStrip(self)
        self._video_host = VideoHost(player, self)

        short = seconds_text(settings.skip_short_ms)
        self.back_button = self._button(QStyle.SP_MediaSeekBackward, f"Back {short} s",
                                        lambda: self.skip_step(-1, "short"))
        self.play_button = self._button(QStyle.SP_MediaPlay, "Play", self.play_pause)
        self.forward_button = self._button(QStyle.SP_MediaSeekForward, f"Forward {short} s",
                                           lambda: self.skip_step(1, "short"))
        self.position_label = QLabel(clock_text(0), self)
        self.duration_label = QLabel(clock_text(0), self)
        for label in (self.position_label, self.duration_label):
            label.setToolTip("Position / duration")
            label.setAlignment(Qt.AlignCenter)
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance("0:00:00") + 4)
        self.slider = SeekSlider(self)
        self.slider.setToolTip("Position: click or drag to seek")
        self.slider.setAccessibleName("Position")
        self.slider.setFocusPolicy(Qt.TabFocus)
        self.slider.seekRequested.connect(self.player.seek)
        self.slider.sliderMoved.connect(lambda ms: self.position_label.setText(clock_text(ms)))

        self.media_label = QLabel(self)
        self.media_label.setObjectName("media_name")
        self.media_label.setAccessibleName("Media file")
        self.media_label.setMaximumWidth(MEDIA_NAME_WIDTH)
        self.media_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.speed = QDoubleSpinBox(self)
        self.speed.setRange(MIN_RATE, MAX_RATE)
        self.speed.setSingleStep(settings.rate_step)
        self.speed.setDecimals(2)
        self.speed.setSuffix("\u00d7")
        self.speed.setToolTip("Playback speed (pitch kept)")
        self.speed.setAccessibleName("Playback speed")
        self.speed.setFocusPolicy(Qt.TabFocus)
        self.speed.setKeyboardTracking(False)
        self.volume = QSlider(Qt.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setFixedWidth(90)
        self.volume.setFocusPolicy(Qt.TabFocus)
        self.volume.setToolTip("Volume")
        self.volume.setAccessibleName("Volume")
        volume_icon = QLabel(self)
        volume_icon.setPixmap(self.style().standardIcon(QStyle.SP_MediaVolume).pixmap(16, 16))

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for widget in (self.back_button, self.play_button, self.forward_button, self.position_label):
            controls.addWidget(widget)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.duration_label)
        controls.addSpacing(8)
        controls.addWidget(self.media_label)
        controls.addSpacing(8)
        controls.addWidget(QLabel("Speed", self))
        controls.addWidget(self.speed)
        controls.addSpacing(8)
        controls.addWidget(volume_icon)
        controls.addWidget(self.volume)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self._video_host, 1)
        layout.addWidget(self.messages)
        layout.addLayout(controls)

        self.set_rate(settings.rate)
        self.set_volume(settings.volume)
        self.speed.valueChanged.connect(self.set_rate)
        self.volume.valueChanged.connect(self.set_volume)
        player.positionChanged.connect(self._on_position)
        player.durationChanged.connect(self._on_duration)
        player.stateChanged.connect(self._on_state)
        player.errorOccurred.connect(self.show_message)
        player.noticeOccurred.connect(self._show_notice)
        player.videoAvailableChanged.connect(self._on_video_available)
        player.mediaLoaded.connect(self._on_media_loaded)
        self._on_duration(player.duration())
        self._on_position(player.position())
        self._on_state(player.state())
        self._update_enabled()
        self._show_media_name(player.media_path() if self.has_media() else None)
        fallback = getattr(player, "fallback_reason", None)
        if fallback:
            self.show_message(fallback, topic="backend")

    def _button(self, icon: QStyle.StandardPixmap, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(self.style().standardIcon(icon))
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.TabFocus)
        button.clicked.connect(slot)
        return button

    def bind_actions(self, registry: ActionRegistry) -> None:
        """Make the buttons trigger the window's actions (one behaviour path) and name their shortcuts."""
        self._registry = registry
        for button, action_id in ((self.back_button, ActionId.BACK_2), (self.play_button, ActionId.PLAY_PAUSE),
                                  (self.forward_button, ActionId.FORWARD_2)):
            button.clicked.disconnect()
            button.clicked.connect(registry[action_id].trigger)
        registry.keysChanged.connect(self._name_actions)
        self.apply_preferences()

    def apply_preferences(self) -> None:
        """Take up changed preferences: the speed step, and the skip actions' texts naming their step sizes."""
        self.speed.setSingleStep(self.settings.rate_step)
        if self._registry is not None:
            for action_id, direction, size in SKIP_ACTIONS:
                self._registry[action_id].setText(f"{direction} {seconds_text(self._step_ms(size))} s")
        self._name_actions()

    def _name_actions(self) -> None:
        """Tooltips naming the bound actions with their current keys."""
        registry = self._registry
        if registry is None:
            return
        for button, action_id in ((self.back_button, ActionId.BACK_2), (self.play_button, ActionId.PLAY_PAUSE),
                                  (self.forward_button, ActionId.FORWARD_2)):
            button.setToolTip(_action_tip(registry[action_id]))
            button.setAccessibleName(registry[action_id].text().replace("&", ""))
        self.speed.setToolTip(f"Playback speed, pitch kept ({_action_tip(registry[ActionId.SLOWER])},"
                              f" {_action_tip(registry[ActionId.FASTER])})")
        self._bound_play_tip = _action_tip(registry[ActionId.PLAY_PAUSE])

    # behaviour the window's actions call
    def play_pause(self) -> None:
        """Pause when playing; otherwise play, rewinding by the resume_rewind_ms preference after a pause."""
        if self.player.state() == PlaybackState.PLAYING:
            self.player.pause()
        else:
            self.resume()

    def resume(self) -> None:
        """Play; after a pause first rewind by the resume_rewind_ms preference (0: on from where it paused)."""
        if self.player.state() == PlaybackState.PAUSED and self.settings.resume_rewind_ms > 0:
            self.player.seek(max(0, self.player.position() - self.settings.resume_rewind_ms))
        self.player.play()

    def _step_ms(self, size: str) -> int:
        return self.settings.skip_long_ms if size == "long" else self.settings.skip_short_ms

    def skip_step(self, direction: int, size: str) -> None:
        """Skip back (direction -1) or forward (+1) by the "short" or "long" step of the preferences."""
        self.skip(direction * self._step_ms(size))

    def skip(self, delta_ms: int) -> None:
        """Seek by `delta_ms` (negative: back), kept inside the media when its exact length is known.

        A backend's duration can be an estimate far too short (a VBR MP3 without a Xing header), so only an exact
        length clamps; past the end of the media otherwise, the backend stops at the end itself.
        """
        target = max(0, self.player.position() + delta_ms)
        if self.duration_is_exact():
            target = min(target, self.duration_ms())
        self.player.seek(target)

    def set_exact_duration(self, ms: int) -> None:
        """The media's exact length in ms, decoded from the file (the timeline's durationKnown); 0 forgets it."""
        self._exact_ms = max(0, int(ms))
        self._on_duration(self.player.duration())

    def duration_ms(self) -> int:
        """The media's length: exact once known, else the backend's estimate (0: unknown)."""
        return self._exact_ms or self.player.duration()

    def duration_is_exact(self) -> bool:
        """Whether duration_ms() is exact: decoded from the file, or a length the player does not merely estimate."""
        return self._exact_ms > 0 or (self.player.duration() > 0 and not self.player.is_duration_estimated())

    def set_rate(self, rate: float) -> None:
        """Set the playback speed (clamped to the player's range, rounded to 0.01) and remember it."""
        rate = round(min(MAX_RATE, max(MIN_RATE, float(rate))), 2)
        self.player.set_rate(rate)
        self.settings.rate = rate
        if abs(self.speed.value() - rate) > 1e-9:
            self.speed.setValue(rate)

    def change_rate(self, steps: int) -> None:
        """Faster (steps > 0) or slower by the rate_step preference per step."""
        self.set_rate(self.speed.value() + steps * self.settings.rate_step)

    def set_volume(self, volume: int) -> None:
        """Set the volume 0-100 and remember it."""
        volume = min(100, max(0, int(volume)))
        self.player.set_volume(volume)
        self.settings.volume = volume
        if self.volume.value() != volume:
            self.volume.setValue(volume)

    def show_message(self, text: str, topic: str = "media") -> None:
        """Show a non-blocking message above the controls under `topic` (media errors arrive here)."""
        self.messages.show_message(topic, text)

    def _show_notice(self, text: str) -> None:
        """Something the player wants the user to know that is not an error (e.g. a backend that seeks imprecisely)."""
        self.show_message(text, topic="notice")

    def video_widget_host(self) -> VideoHost:
        """The widget holding the video surface; shown only with video. Sits above the controls unless re-laid."""
        return self._video_host

    def _on_video_available(self, _available: bool) -> None:
        QTimer.singleShot(0, self, self._fit_splitter_pane)  # after the host has been shown or hidden

    def _fit_splitter_pane(self) -> None:
        """In a splitter, resize this pane to its size hint when the video (inside this bar) appears or goes."""
        splitter = self.parentWidget()
        if not isinstance(splitter, QSplitter) or self._video_host.parentWidget() is not self:
            return
        sizes = splitter.sizes()
        mine = splitter.indexOf(self)
        largest = max((i for i in range(len(sizes)) if i != mine), key=lambda i: sizes[i], default=None)
        if largest is None:
            return
        wanted = self.sizeHint().height() if splitter.orientation() == Qt.Vertical else self.sizeHint().width()
        delta = min(wanted - sizes[mine], sizes[largest] - 100)
        sizes[mine] += delta
        sizes[largest] -= delta
        splitter.setSizes(sizes)

    # player -> widgets
    def _on_position(self, ms: int) -> None:
        if self.slider.isSliderDown():
            return
        if ms > self.slider.maximum() and not self.duration_is_exact():
            self.slider.setMaximum(ms)             # playing past an estimated length
        self.slider.setValue(ms)
        self.position_label.setText(clock_text(ms))

    def _on_duration(self, ms: int) -> None:
        if ms <= 0 and self.player.media_path() is None:
            self._exact_ms = 0                     # the media was closed
        exact = self.duration_is_exact()
        length = self._exact_ms or max(0, ms)
        self.slider.setRange(0, length if exact else max(length, self.player.position()))
        self.duration_label.setText(duration_text(length, exact))
        self.duration_label.setToolTip("Position / duration" if exact or length <= 0 else
                                       "Position / duration (estimated until the whole file has been read)")
        self._update_enabled()

    def _on_media_loaded(self, path: str) -> None:
        self._exact_ms = 0                         # new media: its length is an estimate until decoded again
        self._loaded_path = path
        self._on_duration(self.player.duration())
        self._update_enabled()
        self._show_media_name(path)

    def _show_media_name(self, path: str | None) -> None:
        """The loaded file's name (elided to fit), its full path as tooltip."""
        name = Path(path).name if path else ""
        metrics = self.media_label.fontMetrics()
        self.media_label.setText(metrics.elidedText(name, Qt.ElideMiddle, MEDIA_NAME_WIDTH))
        self.media_label.setToolTip(str(path) if path else "")

    def _on_state(self, state: PlaybackState) -> None:
        playing = state == PlaybackState.PLAYING
        self.play_button.setIcon(self.style().standardIcon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay))
        self.play_button.setToolTip(self._bound_play_tip or ("Pause" if playing else "Play"))

    def has_media(self) -> bool:
        """Whether the player holds media that loaded (so play, seek and skip mean something)."""
        path = self.player.media_path()
        return path is not None and (self.player.duration() > 0 or path == self._loaded_path)

    def _update_enabled(self) -> None:
        has_media = self.has_media()
        for widget in (self.back_button, self.play_button, self.forward_button, self.slider):
            widget.setEnabled(has_media)
